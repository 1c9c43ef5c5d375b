"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select
from store_support import database_url  # noqa: F401 (fixture)

from kiosk.store.db import Database, sqlite_url, upgrade
from kiosk.store.models import Base, FeedState
from kiosk.store.search import owned_name, present_on


def test_migrations_match_the_models_and_can_run_again(tmp_path, database_url):
    db = Database(database_url or sqlite_url(tmp_path))
    try:
        upgrade(db, tmp_path)
        upgrade(db, tmp_path)  # every start runs it: the second time does nothing
        with db.engine.connect() as connection:
            assert (
                compare_metadata(
                    MigrationContext.configure(
                        connection,
                        opts={"include_name": owned_name, "include_object": present_on(connection.dialect.name)},
                    ),
                    Base.metadata,
                )
                == []
            )
        with db.read() as session:
            state = session.scalars(select(FeedState)).one()
            assert (state.id, state.version, state.horizon) == (1, 0, 0)
    finally:
        db.close()
