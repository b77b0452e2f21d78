"""Alembic environment: always run on a connection the app hands over.

No fileConfig(): the app's logging is the app's business.
"""

from alembic import context

from beliefupdate.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
