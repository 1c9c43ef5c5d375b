"""Alembic's environment for the store: runs migrations on the connection it is handed.

:func:`kiosk.store.db.upgrade` opens the connection (and takes the migration lock) and
passes it in ``config.attributes``; there is no alembic.ini, so the migrations work the
same from a checkout, an editable install or a wheel.
"""

from alembic import context

from kiosk.store.models import Base
from kiosk.store.search import owned_name, present_on

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_name=owned_name,
    include_object=present_on(connection.dialect.name),
)
with context.begin_transaction():
    context.run_migrations()
