"""Crux links: "B depends on A", with the conditional credences P(B | A) and P(B | not A).

Two new tables; nothing in an older journal changes. A link from a proposition
to itself is refused by a CHECK, the same link twice by a unique constraint;
deleting either proposition deletes its links, and a link's credences go with it. Times are naive UTC, as in 0001.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-14
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('crux_links',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('proposition_id', sa.String(length=36), nullable=False),
    sa.Column('on_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('proposition_id <> on_id', name=op.f('ck_crux_links_not_on_itself')),
    sa.ForeignKeyConstraint(['on_id'], ['propositions.id'], name=op.f('fk_crux_links_on_id_propositions'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposition_id'], ['propositions.id'],
                            name=op.f('fk_crux_links_proposition_id_propositions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crux_links')),
    sa.UniqueConstraint('proposition_id', 'on_id', name=op.f('uq_crux_links_proposition_id_on_id'))
    )
    with op.batch_alter_table('crux_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crux_links_on_id'), ['on_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crux_links_proposition_id'), ['proposition_id'], unique=False)

    op.create_table('crux_credences',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('link_id', sa.String(length=36), nullable=False),
    sa.Column('given_true', sa.Boolean(), nullable=False),
    sa.Column('probability', sa.Float(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('probability >= 0 AND probability <= 1',
                       name=op.f('ck_crux_credences_probability_range')),
    sa.ForeignKeyConstraint(['link_id'], ['crux_links.id'], name=op.f('fk_crux_credences_link_id_crux_links'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crux_credences'))
    )
    with op.batch_alter_table('crux_credences', schema=None) as batch_op:
        batch_op.create_index('ix_crux_credences_link_id_recorded_at', ['link_id', 'recorded_at'], unique=False)


def downgrade() -> None:
    op.drop_table('crux_credences')
    op.drop_table('crux_links')
