"""Record versions and one open proposition per text, kept by the database.

Several devices can now write to one journal (on a PostgreSQL server), so two
rules the app used to keep on its own are kept by the database as well:

- ``version`` on propositions and conversations counts the edits of each. An
  edit names the version it was made from and is refused if the record has
  moved on since (another device edited it): nothing is overwritten unseen.
- A partial unique index allows one non-archived proposition per text key, so
  that two devices adding the same proposition at once cannot both succeed.

Journals written by one app never held two open propositions with the same
text; should one hold them anyway (two devices racing before this revision),
the later ones are archived, not changed or deleted, so that the index can be
built and nothing is lost.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

OPEN_TEXT = 'uq_propositions_text_key_open'


def upgrade() -> None:
    for table in ('propositions', 'conversations'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    op.execute(
        "UPDATE propositions SET archived = true WHERE NOT archived AND EXISTS ("
        " SELECT 1 FROM propositions AS first WHERE NOT first.archived"
        " AND first.text_key = propositions.text_key AND first.handle < propositions.handle)"
    )
    op.create_index(
        OPEN_TEXT, 'propositions', ['text_key'], unique=True,
        sqlite_where=sa.text('NOT archived'), postgresql_where=sa.text('NOT archived'),
    )


def downgrade() -> None:
    op.drop_index(OPEN_TEXT, table_name='propositions')
    for table in ('conversations', 'propositions'):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('version')
