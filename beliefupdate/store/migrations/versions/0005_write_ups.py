"""Write-ups: a conversation's Pre and Post, Markdown written with the befores and the afters.

Both are NULL in conversations logged before this revision: nothing was written
then, and the app reads NULL as an empty text.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-12
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pre', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('post', sa.Text(), nullable=True))


def downgrade() -> None:
    # Dropping a column rebuilds the table in batch mode, carrying its named constraints.
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_column('post')
        batch_op.drop_column('pre')
