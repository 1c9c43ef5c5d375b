"""The office's web console on the store: server-rendered pages under ``/admin/``."""
