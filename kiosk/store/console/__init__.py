"""The office's web console: server-rendered pages under ``/admin/`` on the store's FastAPI app.

How to build a page on it (the interface other console modules use):

* **A router.** Make ``router = console_router()`` (:func:`kiosk.store.console.web.console_router`):
  an ``APIRouter`` under ``/admin`` whose every POST (PUT, PATCH, DELETE) is refused with
  403 unless its form carries the CSRF token (:func:`.csrf.protect` runs first, before the
  route's own parameters). Add the module to :data:`PAGE_MODULES` below; :func:`mount`
  includes each module's ``router``.
* **Who is signed in.** ``person: Person = Depends(require("approver", "admin"))``
  (:func:`.sessions.require`) gives the signed-in :class:`.sessions.Person` (``id``,
  ``name``, ``role``); with no valid session a page (GET) redirects to the sign-in page
  and comes back after, anything else gets 403; a person of another role gets 403.
  ``require()`` with no roles admits every signed-in person. A supervisor's POST is refused
  by every console router (:func:`.sessions.supervisors_read`) unless its path is one of
  :data:`kiosk.store.supervision.SUPERVISOR_POSTS`: a new form for supervisors goes there.
* **A page.** ``return render(request, "mine.html", title=t(request, "标题"), rows=rows)``
  (:func:`.web.render`): templates live in ``console/templates/`` and extend ``base.html``
  (blocks ``title`` and ``content``). Autoescaping is on: item text is untrusted and stays
  text. Template globals: ``t("中文")`` (the English when the person chose English; add
  strings with :func:`.web.add_translations`), ``csrf_field()`` (the hidden input every
  ``<form method="post">`` must hold), ``person``, ``lang``, ``local(instant)`` (an aware
  datetime in the office's time zone, ``2026-12-05 08:30``), ``nav`` (the links the
  person's role may follow).
* **The home page's list.** :func:`.web.register_page` ``(path, "名称", "what it is for",
  roles)`` adds a link to the navigation and to the home page of those roles.
* **Static files** are served from ``console/static/`` at ``/admin/static/``; the kiosk's
  font is served by the store (no CDN). Pages are sent with a Content-Security-Policy of
  ``'self'`` only (:data:`.web.CONTENT_SECURITY_POLICY`): scripts are files, never inline.
* **Audit.** Workflow and account actions audit themselves (:mod:`kiosk.store.audit`);
  a console action that is neither (reading a visitor's contact details) calls
  ``audit.record`` in its own write transaction. Requests run with the audit origin
  ``web:ADDRESS``.
"""

from __future__ import annotations

import importlib

from fastapi import FastAPI

from kiosk.store.accounts import AccountPolicy

#: Modules holding a ``router`` of console pages, included in this order.
PAGE_MODULES = [
    "kiosk.store.console.home",
    "kiosk.store.console.items",
    "kiosk.store.console.queue",
    "kiosk.store.console.publish",
    "kiosk.store.console.keypage",
    "kiosk.store.console.inbox",
    "kiosk.store.console.fleet",
    "kiosk.store.console.timeliness",
    "kiosk.store.console.report",
    "kiosk.store.console.remarks",
    "kiosk.store.console.people",
    "kiosk.store.console.password",
    "kiosk.store.console.auditlog",
]


def mount(app: FastAPI, store, policy: AccountPolicy | None = None, behind_tls_proxy: bool = False) -> None:
    """Serve the console under ``/admin/`` on ``app``."""
    from kiosk.store.console import web

    web.install(app, store, policy or AccountPolicy(), behind_tls_proxy)
    for name in PAGE_MODULES:
        app.include_router(importlib.import_module(name).router)
