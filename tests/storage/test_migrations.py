"""The migrations and the sqlmodel tables describe the same schema, and ship with the package."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import storage.tables  # noqa: F401 - registers the tables
from storage.database import alembic_config, current_revision, downgrade, make_engine, upgrade

TABLES = {"information_requests", "request_events", "council_sequences", "concerns", "concern_handlers",
          "concern_messages", "audit_log", "flags", "platform_receipts"}


def _differences(engine: Engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "compare_server_default": True})
        return compare_metadata(context, SQLModel.metadata)


def test_migrated_schema_matches_the_tables(engine: Engine) -> None:
    assert _differences(engine) == []


def test_migrations_have_one_head_and_no_gaps() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    assert revisions[-1].down_revision is None
    assert [r.revision for r in reversed(revisions)] == ["0001", "0002", "0003", "0004"]


def test_downgrade_to_nothing_and_back(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'roundtrip.db'}")
    upgrade(engine)
    assert TABLES <= set(inspect(engine).get_table_names())
    assert downgrade(engine, "base") is None
    assert not TABLES & set(inspect(engine).get_table_names())
    assert upgrade(engine) == "0004" == current_revision(engine)
    assert _differences(engine) == []
    engine.dispose()


def test_migration_files_are_package_files() -> None:
    migrations = files("storage.migrations")
    assert migrations.joinpath("env.py").is_file()
    assert migrations.joinpath("script.py.mako").is_file()
    assert migrations.joinpath("versions", "0001_requests.py").is_file()
    assert migrations.joinpath("versions", "0002_concerns.py").is_file()
    assert migrations.joinpath("versions", "0003_flags.py").is_file()
    assert migrations.joinpath("versions", "0004_receipts.py").is_file()
    assert migrations.joinpath("versions", "__init__.py").is_file()  # so setuptools packs the folder
