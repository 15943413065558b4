"""Alembic environment: uses the engine handed over by followthrough.store.migrate."""

from alembic import context

from followthrough.store.tables import metadata

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite alters tables by copy-and-move
    )
    context.run_migrations()
