"""Schema migrations with Alembic: a new store is created at head, an old one upgraded,
and a store made by a newer threatnet is refused.

A store already at the newest schema is recognised without Alembic (its
`alembic_version` row against the newest file of `migrations/versions/`, whose
names begin with their revision id), so the commands that only read a store do not
load Alembic at all.
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError

from threatnet.errors import StoreError
from threatnet.store.engine import WRITE_OPTION

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("threatnet.store") / "migrations"))
    # migrations write: on SQLite they take the write lock up front, so two processes
    # opening one new store create it one after the other
    config.attributes["engine"] = engine.execution_options(**{WRITE_OPTION: True})
    return config


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head() or ""


def newest_revision() -> str:
    """The revision of the newest migration file (`NNNN_what.py` holds revision NNNN)."""
    names = [f.name for f in (files("threatnet.store") / "migrations" / "versions").iterdir()
             if f.name.endswith(".py") and f.name[:4].isdigit()]
    return max(names)[:4] if names else ""


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(f"{engine.url!r}: cannot be opened as a threatnet store "
                         f"({str(exc.orig).splitlines()[0]})") from None


def _stored_revision(engine: Engine) -> str | None:
    """The store's revision read with plain SQL (None: no table, or not a database)."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (DatabaseError, OperationalError):
        return None


def upgrade(engine: Engine) -> str:
    """Bring the store to the newest schema; returns the revision it is at."""
    newest = newest_revision()
    if newest and _stored_revision(engine) == newest:
        return newest  # nothing to do, and no need for Alembic to say so
    from alembic import command

    check_not_newer(engine)
    command.upgrade(alembic_config(engine), "head")
    return head_revision(engine)


def check_not_newer(engine: Engine) -> None:
    """Refuse a store whose schema revision this version of threatnet does not know."""
    from alembic.script import ScriptDirectory

    revision = current_revision(engine)
    script = ScriptDirectory.from_config(alembic_config(engine))
    if revision is not None and not _known(script, revision):
        raise StoreError(f"{engine.url!r} has schema {revision}, newer than this threatnet "
                         f"knows ({script.get_current_head()}); upgrade threatnet")


def _known(script, revision: str) -> bool:  # noqa: ANN001 - an alembic ScriptDirectory
    try:
        return script.get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises ResolutionError for unknown ids
        return False


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


def is_store(engine: Engine) -> bool:
    """Whether the database holds a threatnet schema (of any revision)."""
    try:
        return "alembic_version" in inspect(engine).get_table_names()
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(f"{engine.url!r}: cannot be opened as a threatnet store "
                         f"({str(exc.orig).splitlines()[0]})") from None
