"""Journal identity: a UUID stored inside the journal, written once.

Backups are kept by it, so two journals whose file names share a stem
(notes.sqlite3 and notes.db) no longer share, list and restore each other's
copies. One row at most (a CHECK on the key says so). An existing journal gets
a fresh UUID as it is upgraded, or the one the app hands over (restoring an
older copy into a journal keeps that journal's identity).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08
"""

import uuid

import sqlalchemy as sa
from alembic import context, op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table('journal_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_journal_identity_one_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_identity'))
    )
    identity = context.config.attributes.get("journal_uuid") or str(uuid.uuid4())
    op.bulk_insert(table, [{'id': 1, 'uuid': identity}])


def downgrade() -> None:
    op.drop_table('journal_identity')
