"""Alembic environment: runs migrations on the engine threatnet passes in."""

from alembic import context
from sqlalchemy import text

from threatnet.store.schema import Base

# Any constant: ingesters opening one new PostgreSQL store at once take turns creating it
# (SQLite needs no lock: its BEGIN IMMEDIATE already serialises them).
MIGRATION_LOCK = 0x7468_7265_6174  # "threat"

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": MIGRATION_LOCK})
        context.run_migrations()
    connection.commit()
