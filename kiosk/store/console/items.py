"""The authors' pages: the item list (search, filters, paging), an item's page with its
preview, the form to create and edit an item (with attachments), and submission.

Everyone signed in may read the list and an item (approvers and publishers need to);
any account may write, as on the command line. The live preview posts the form to
:func:`preview` and shows what comes back: HTML made by the kiosk's own renderer.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import UploadFile as StarletteUpload

from kiosk.content import Audience, Cadence, Priority
from kiosk.store import pdfpages, revision_schedule, staff, workflow
from kiosk.store.console import edit, labels, web
from kiosk.store.console.itemdata import act, catalog, load, presenter, preview_item, refused
from kiosk.store.console.listing import CADENCES, STATES, ItemQuery, QueryError, list_items
from kiosk.store.console.preview import WALL_SIZES, touch_page, wall_pages
from kiosk.store.console.sessions import Person, require
from kiosk.store.models import Asset

router = web.console_router()
web.register_page("/admin/items", "条目", "查找、撰写、修改和提交公开条目", staff.ROLES)
ASSET_URL = "/admin/assets/"
_FORM_TEXT = Annotated[str, Form(max_length=edit.MAX_BODY)]
#: PDF pages rendered in a child process, kept a while (one cache per store process).
PREVIEWS = pdfpages.Previews()


def _choices(request: Request) -> dict:
    # Imported here: importing the timeliness page registers it, and the navigation lists
    # pages in the order they register (the item list first).
    from kiosk.store.console.timeliness import PERIOD_NAMES

    cat = catalog(request)
    lang = "en" if web.language(request) == "en" else "zh_CN"
    return {
        "categories": [(c.key, c.name(lang)) for c in cat.categories],
        "units": [(u.key, u.name(lang)) for u in cat.units],
        "states": STATES,
        "cadences": CADENCES,
        "audiences": [a.value for a in Audience],
        "priorities": [p.value for p in Priority],
        "all_cadences": [c.value for c in Cadence],
        "periods": list(PERIOD_NAMES),
        "period_names": PERIOD_NAMES,
    }


@router.get("/items", summary="Console: the item list")
def item_list(
    request: Request,
    person: Person = Depends(require()),
    q: Annotated[str, Query(max_length=200)] = "",
    category: Annotated[str, Query(max_length=64)] = "",
    unit: Annotated[str, Query(max_length=64)] = "",
    state: Annotated[str, Query(max_length=16)] = "",
    cadence: Annotated[str, Query(max_length=16)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    try:
        query = ItemQuery(search=q, category=category, unit=unit, state=state, cadence=cadence, page=page)
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from None
    with web.console(request).store.db.read() as session:
        result = list_items(session, query)
    return labels.render(request, "items.html", title="条目", query=query, result=result, **_choices(request))


def _preview_context(request: Request, content: dict, published_at: str, wall: tuple[int, int] = WALL_SIZES[0]):
    item = preview_item(content, published_at)
    return {"touch": touch_page(item, presenter(request), ASSET_URL), "wall": wall_pages(item, *wall)}


def _pdf_pages(session, content: dict) -> dict[str, int]:
    """Each PDF attachment's previewed page count (0: it cannot be previewed)."""
    counts = {}
    for a in content.get("attachments", []):
        if a["media_type"] == "application/pdf":
            asset = session.get(Asset, a["sha256"])
            try:
                counts[a["sha256"]] = PREVIEWS.pages(a["sha256"], asset.data) if asset is not None else 0
            except pdfpages.PreviewError:
                counts[a["sha256"]] = 0
    return counts


@router.get("/items/{item_id}", summary="Console: one item, its state and its preview")
def item_page(request: Request, item_id: str, person: Person = Depends(require())) -> Response:
    ctx = web.console(request)
    with ctx.store.db.read() as session:
        view = load(session, item_id)
        pdf_pages = _pdf_pages(session, view.content)
    now = ctx.store.clock.now().isoformat()
    return labels.render(
        request,
        "item.html",
        title=view.latest.title,
        view=view,
        pdf_pages=pdf_pages,
        **_preview_context(request, view.content, now),
    )


@router.get("/items-new", summary="Console: the form for a new item")
def new_form(request: Request, person: Person = Depends(require())) -> Response:
    values = edit.form_values(None, web.console(request).zone)
    return labels.render(
        request, "edit.html", title="新建条目", item_id=None, values=values, kept=[], error=None, **_choices(request)
    )


@router.get("/items/{item_id}/edit", summary="Console: the form to edit an item (a new revision)")
def edit_form(request: Request, item_id: str, person: Person = Depends(require())) -> Response:
    ctx = web.console(request)
    with ctx.store.db.read() as session:
        view = load(session, item_id)
    values = edit.form_values(view.content, ctx.zone) | revision_schedule.form_fields(view.latest)
    return labels.render(
        request,
        "edit.html",
        title="修改条目",
        item_id=item_id,
        values=values,
        kept=view.content.get("attachments", []),
        error=None,
        **_choices(request),
    )


async def _read_form(request: Request) -> tuple[dict[str, str], list[edit.HeldAttachment], list[str]]:
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    uploads: list[edit.HeldAttachment] = []
    for upload in form.getlist("attachments"):
        if isinstance(upload, str) or not upload.filename:
            continue
        data = await _bounded_read(upload)
        uploads.append(edit.upload(upload.filename, data))
    kept = [v for v in form.getlist("keep") if isinstance(v, str)]
    return values, uploads, kept


async def _bounded_read(upload: StarletteUpload) -> bytes:
    data = await upload.read(edit.MAX_ATTACHMENT_BYTES + 1)
    if len(data) > edit.MAX_ATTACHMENT_BYTES:
        raise edit.FormError(f"{upload.filename}: larger than {edit.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB")
    return data


def _kept(session, content: dict | None, keep: list[str]) -> list[edit.HeldAttachment]:
    held = []
    for a in (content or {}).get("attachments", []):
        if a["sha256"] in keep:
            asset = session.get(Asset, a["sha256"])
            if asset is not None:
                held.append(edit.HeldAttachment(data=asset.data, title=a.get("title", ""), media_type=a["media_type"]))
    return held


@router.post("/items-new", summary="Console: create an item (a draft)")
async def create(request: Request, person: Person = Depends(require())) -> Response:
    return await _save(request, person, None)


@router.post("/items/{item_id}/edit", summary="Console: save an edit (a new draft revision)")
async def save_edit(request: Request, item_id: str, person: Person = Depends(require())) -> Response:
    return await _save(request, person, item_id)


async def _save(request: Request, person: Person, item_id: str | None) -> Response:
    ctx = web.console(request)
    values: dict[str, str] = {}
    kept_content: list[dict] = []
    try:
        values, uploads, keep = await _read_form(request)
        if item_id is not None:
            with ctx.store.db.read() as session:
                previous = load(session, item_id).content
                kept_content = previous.get("attachments", [])
                attachments = _kept(session, previous, keep) + uploads
        else:
            attachments = uploads
        source = edit.item_source(values, attachments, catalog(request), ctx.zone)
        answers = edit.feedback_key(values) if item_id is not None else None
    except edit.FormError as exc:
        shown = {name: values.get(name, "") for name in edit.form_values(None, ctx.zone)}
        return labels.render(
            request,
            "edit.html",
            status_code=400,
            title="修改条目" if item_id else "新建条目",
            item_id=item_id,
            values=shown,
            kept=kept_content,
            error=str(exc),
            **_choices(request),
        )
    try:
        if item_id is None:
            item_id = act(request, lambda s, now: workflow.add_item(s, source, s.get(workflow.User, person.id), now))
        else:
            act(
                request,
                lambda s, now: workflow.edit_item(s, item_id, source, s.get(workflow.User, person.id), now, answers),
            )
    except workflow.WorkflowError as exc:
        raise refused(request, exc) from None
    return RedirectResponse(f"/admin/items/{item_id}", status_code=303)


@router.post("/items/{item_id}/submit", summary="Console: submit the draft for approval")
def submit(request: Request, item_id: str, person: Person = Depends(require())) -> Response:
    try:
        act(request, lambda s, now: workflow.submit(s, item_id, s.get(workflow.User, person.id), now))
    except workflow.WorkflowError as exc:
        raise refused(request, exc) from None
    return RedirectResponse(f"/admin/items/{item_id}", status_code=303)


@router.post("/preview", summary="Console: the live preview of the form (touch page and wall pages)")
def preview(
    request: Request,
    person: Person = Depends(require()),
    title: _FORM_TEXT = "",
    summary: _FORM_TEXT = "",
    body: _FORM_TEXT = "",
    category: Annotated[str, Form(max_length=64)] = "",
    unit: Annotated[str, Form(max_length=64)] = "",
    doc_number: Annotated[str, Form(max_length=100)] = "",
    index_number: Annotated[str, Form(max_length=100)] = "",
    web_url: Annotated[str, Form(max_length=500)] = "",
    wall: Annotated[int, Form(ge=0, lt=len(WALL_SIZES))] = 0,
) -> Response:
    now = web.console(request).store.clock.now()
    content = {
        "id": "preview",
        "revision": 1,
        "title": title or "（无标题）",
        "summary": summary,
        "body": body,
        "category": category,
        "unit": unit,
        "doc_number": doc_number,
        "index_number": index_number,
        "web_url": web_url,
    }
    context = _preview_context(request, content, now.isoformat(), WALL_SIZES[wall])
    response = JSONResponse(
        {"touch": str(context["touch"]), "wall": {"count": context["wall"].count, "pages": context["wall"].pages}}
    )
    web.secure_headers(response)
    return response


def _asset(request: Request, sha256: str) -> Asset:
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        raise HTTPException(404, "没有这个附件。")
    with web.console(request).store.db.read() as session:
        found = session.scalar(select(Asset).where(Asset.sha256 == sha256))
    if found is None:
        raise HTTPException(404, "没有这个附件。")
    return found


@router.get("/assets/{sha256}/pages/{page}", summary="Console: one page of a PDF attachment, as PNG")
def pdf_page(
    request: Request,
    sha256: str,
    page: Annotated[int, Path(ge=1, le=pdfpages.MAX_PAGES)],
    person: Person = Depends(require()),
) -> Response:
    found = _asset(request, sha256)
    if found.media_type != "application/pdf":
        raise HTTPException(404, "这个附件不是 PDF。")
    try:
        image = PREVIEWS.page_png(sha256, found.data, page)
    except pdfpages.PreviewError as exc:
        raise HTTPException(422, f"{web.t(request, '无法预览这一页')}: {exc}") from None
    return Response(
        image,
        media_type="image/png",
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600"},
    )


@router.get("/assets/{sha256}", summary="Console: an attachment's bytes, for signed-in people")
def asset(request: Request, sha256: str, person: Person = Depends(require())) -> Response:
    found = _asset(request, sha256)
    # Served as what its first bytes said at upload; never sniffed into anything else.
    return Response(
        found.data,
        media_type=found.media_type,
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600"},
    )
