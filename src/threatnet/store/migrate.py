"""Schema migrations with Alembic: a new store is created at head, an old one upgraded,
and a store made by a newer threatnet is refused."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DatabaseError, OperationalError

from threatnet.errors import StoreError
from threatnet.store.engine import WRITE_OPTION


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("threatnet.store") / "migrations"))
    # migrations write: on SQLite they take the write lock up front, so two processes
    # opening one new store create it one after the other
    config.attributes["engine"] = engine.execution_options(**{WRITE_OPTION: True})
    return config


def head_revision(engine: Engine) -> str:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(f"{engine.url!r}: cannot be opened as a threatnet store "
                         f"({str(exc.orig).splitlines()[0]})") from None


def upgrade(engine: Engine) -> str:
    """Bring the store to the newest schema; returns the revision it is at."""
    check_not_newer(engine)
    command.upgrade(alembic_config(engine), "head")
    return head_revision(engine)


def check_not_newer(engine: Engine) -> None:
    """Refuse a store whose schema revision this version of threatnet does not know."""
    revision = current_revision(engine)
    script = ScriptDirectory.from_config(alembic_config(engine))
    if revision is not None and not _known(script, revision):
        raise StoreError(f"{engine.url!r} has schema {revision}, newer than this threatnet "
                         f"knows ({script.get_current_head()}); upgrade threatnet")


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises ResolutionError for unknown ids
        return False


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()
