"""Alembic migrations of the store's database (run by kiosk.store.db.upgrade)."""
