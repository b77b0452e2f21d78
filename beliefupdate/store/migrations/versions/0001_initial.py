"""Initial schema: propositions, tags, people, conversations, credences.

Times are naive UTC (the app's UTCDateTime type adds the zone back).

Revision ID: 0001
Revises: 
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('people',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('name_key', name=op.f('uq_people_name_key'))
    )
    op.create_table('propositions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('handle', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('text_key', sa.String(length=500), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('resolution', sa.String(length=16), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("resolution IN ('open', 'true', 'false', 'ambiguous')", name=op.f('ck_propositions_resolution_known')),
    sa.CheckConstraint('length(text) BETWEEN 1 AND 500', name=op.f('ck_propositions_text_length')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_propositions')),
    sa.UniqueConstraint('handle', name=op.f('uq_propositions_handle'))
    )
    with op.batch_alter_table('propositions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_propositions_text_key'), ['text_key'], unique=False)

    op.create_table('conversations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('handle', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.CheckConstraint("kind IN ('conversation', 'reading', 'ai', 'reflection', 'other')", name=op.f('ck_conversations_kind_known')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_conversations_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversations')),
    sa.UniqueConstraint('handle', name=op.f('uq_conversations_handle'))
    )
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversations_occurred_at'), ['occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversations_person_id'), ['person_id'], unique=False)

    op.create_table('proposition_tags',
    sa.Column('proposition_id', sa.String(length=36), nullable=False),
    sa.Column('tag', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['proposition_id'], ['propositions.id'], name=op.f('fk_proposition_tags_proposition_id_propositions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('proposition_id', 'tag', name=op.f('pk_proposition_tags'))
    )
    with op.batch_alter_table('proposition_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposition_tags_tag'), ['tag'], unique=False)

    op.create_table('credences',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('proposition_id', sa.String(length=36), nullable=False),
    sa.Column('conversation_id', sa.String(length=36), nullable=True),
    sa.Column('phase', sa.String(length=16), nullable=False),
    sa.Column('probability', sa.Float(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint("(phase = 'check-in') = (conversation_id IS NULL)", name=op.f('ck_credences_phase_matches_conversation')),
    sa.CheckConstraint("phase IN ('before', 'after', 'check-in')", name=op.f('ck_credences_phase_known')),
    sa.CheckConstraint('probability >= 0 AND probability <= 1', name=op.f('ck_credences_probability_range')),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_credences_conversation_id_conversations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposition_id'], ['propositions.id'], name=op.f('fk_credences_proposition_id_propositions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credences')),
    sa.UniqueConstraint('conversation_id', 'proposition_id', 'phase', name=op.f('uq_credences_conversation_id_proposition_id_phase'))
    )
    with op.batch_alter_table('credences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credences_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index('ix_credences_proposition_id_recorded_at', ['proposition_id', 'recorded_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('credences', schema=None) as batch_op:
        batch_op.drop_index('ix_credences_proposition_id_recorded_at')
        batch_op.drop_index(batch_op.f('ix_credences_conversation_id'))

    op.drop_table('credences')
    with op.batch_alter_table('proposition_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposition_tags_tag'))

    op.drop_table('proposition_tags')
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversations_person_id'))
        batch_op.drop_index(batch_op.f('ix_conversations_occurred_at'))

    op.drop_table('conversations')
    with op.batch_alter_table('propositions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_propositions_text_key'))

    op.drop_table('propositions')
    op.drop_table('people')
