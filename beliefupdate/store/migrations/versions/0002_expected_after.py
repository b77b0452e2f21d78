"""Expected afters: the after a user expects when logging a before.

Stored on the before credence, so it can only be on one (a CHECK says so).
Existing credences get NULL: nothing was predicted before this column existed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite cannot add a CHECK constraint to a table: batch mode rebuilds
    # credences, carrying over its named constraints and indexes.
    with op.batch_alter_table('credences', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expected_after', sa.Float(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_credences_expected_after_range'),
            'expected_after IS NULL OR (expected_after >= 0 AND expected_after <= 1)',
        )
        batch_op.create_check_constraint(
            op.f('ck_credences_expected_after_on_before'),
            "expected_after IS NULL OR phase = 'before'",
        )


def downgrade() -> None:
    with op.batch_alter_table('credences', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_credences_expected_after_on_before'), type_='check')
        batch_op.drop_constraint(op.f('ck_credences_expected_after_range'), type_='check')
        batch_op.drop_column('expected_after')
