"""The review web app (Starlette): the page, its static files, the JSON API under ``/api``.

Every request passes :class:`Guard` first: its ``Host`` must be the address the server is bound
to (a page of another site that rebinds its DNS name to 127.0.0.1 sends its own name, and is
refused), and it must carry the session's token, as ``Authorization: Bearer <token>`` or as the
cookie the page sets when it is first opened with ``?token=``. The cookie is HttpOnly and
SameSite=Strict, so neither scripts nor other sites' pages can use it.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import CatalogError, L10nError
from ..lock import LockedError
from ..project import Project
from .preview import preview_html
from .store import Change, StaleRevision, UnknownEntry, update_entry
from .views import Review, UnknownCatalog

HERE = Path(__file__).parent
COOKIE = "l10n_review"
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
               "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'"


class Guard(BaseHTTPMiddleware):
    """Refuse foreign ``Host`` headers (403) and requests without the token (401)."""

    def __init__(self, app, token: str, hosts: frozenset[str]) -> None:
        super().__init__(app)
        self.token, self.hosts = token, hosts

    async def dispatch(self, request: Request, call_next) -> Response:
        host = request.headers.get("host", "")
        origin = request.headers.get("origin")
        if host not in self.hosts or (origin is not None and origin != f"http://{host}"):
            return _refuse(request, 403, "this address is not the review server's (wrong Host or Origin)")
        if request.url.path == "/" and "token" in request.query_params:
            if not _same(request.query_params["token"], self.token):
                return _refuse(request, 401, "wrong token: open the address `l10n review` printed")
            response = RedirectResponse("/", status_code=303)  # the token leaves the address bar
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict", path="/")
            return _harden(response)
        if not self._authorised(request):
            return _refuse(request, 401, "no token: open the address `l10n review` printed")
        return _harden(await call_next(request))

    def _authorised(self, request: Request) -> bool:
        bearer = request.headers.get("authorization", "")
        given = bearer[len("Bearer "):] if bearer.startswith("Bearer ") else request.cookies.get(COOKIE, "")
        return bool(given) and _same(given, self.token)


def _same(given: str, token: str) -> bool:
    """Constant-time comparison (of bytes: a header may hold any character)."""
    return secrets.compare_digest(given.encode("utf-8", "surrogateescape"), token.encode("utf-8"))


def _refuse(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return _harden(JSONResponse({"error": message}, status_code=status))
    return _harden(HTMLResponse(f"<!doctype html><title>l10n review</title><p>{message}</p>", status_code=status))


def _harden(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("content-security-policy", PAGE_POLICY)
    headers["x-content-type-options"] = "nosniff"
    headers["referrer-policy"] = "no-referrer"
    headers["cache-control"] = "no-store"
    return response


def _error(exc: L10nError) -> JSONResponse:
    """An L10nError as the API answers it: status by kind, the one-line message."""
    status = 400
    if isinstance(exc, (UnknownCatalog, UnknownEntry)):
        status = 404
    elif isinstance(exc, LockedError):
        status = 503
    elif isinstance(exc, CatalogError):
        status = 422  # the file on disk is broken: it names file and line
    return JSONResponse({"error": str(exc)}, status_code=status)


def create_app(project: Project, token: str, hosts: frozenset[str]) -> Starlette:
    """The app for ``project``, answering requests for ``hosts`` ("127.0.0.1:8765") with ``token``."""
    review = Review(project)
    pages = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)

    def index(request: Request) -> Response:
        config = project.config
        html = pages.get_template("index.html").render(
            project=config.name, source_language=config.source_language, languages=config.target_languages)
        return HTMLResponse(html)

    routes = [
        Route("/", index),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        *api_routes(review),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(Guard, token=token, hosts=hosts)])
    app.add_exception_handler(L10nError, lambda request, exc: _error(exc))
    return app


def api_routes(review: Review) -> list[Route]:
    """The JSON API (see README, "Review in the browser") and the preview page."""
    entry = "/api/catalogs/{lang}/{doc:path}/entries/{id}"

    def catalogs(request: Request) -> Response:
        return JSONResponse(review.overview())

    def catalog(request: Request) -> Response:
        p = request.path_params
        return JSONResponse(review.catalog(p["lang"], p["doc"]))

    async def put_entry(request: Request) -> Response:
        body = await _body(request, msgstr=str, approved=bool, revision=str)
        return _change(review, request, body["revision"], Change(msgstr=body["msgstr"], approved=body["approved"]))

    async def ignore(request: Request) -> Response:
        body = await _body(request, check=str, revision=str)
        if body["check"] not in dict(review.settings.severities):
            raise L10nError(f"unknown check {body['check']!r}")
        return _change(review, request, body["revision"], Change(ignore=body["check"]))

    async def live_check(request: Request) -> Response:
        body = await _body(request, msgstr=str)
        p = request.path_params
        current = review.snapshot(p["lang"], p["doc"]).find(p["id"])
        return JSONResponse({"findings": review.findings(current, p["lang"], body["msgstr"])})

    def preview(request: Request) -> Response:
        p = request.path_params
        snap = review.snapshot(p["lang"], p["doc"])
        html = preview_html(review.project, review.documents()[p["doc"]], p["lang"], snap.catalog)
        return HTMLResponse(html, headers={"content-security-policy": PREVIEW_POLICY})

    return [
        Route("/api/catalogs", catalogs),
        Route(entry, put_entry, methods=["PUT"]),
        Route(entry + "/ignore", ignore, methods=["POST"]),
        Route(entry + "/check", live_check, methods=["POST"]),
        Route("/api/catalogs/{lang}/{doc:path}", catalog),
        Route("/preview/{lang}/{doc:path}", preview),
    ]


def _change(review: Review, request: Request, seen: str, change: Change) -> Response:
    """Make ``change`` to the entry the path names; 409 with the entry as it is now if ``seen`` is stale."""
    p = request.path_params
    path = review.catalog_path(p["lang"], p["doc"])
    own = review.project.display(path)
    try:
        written = update_entry(review.project, path, p["id"], seen, change)
    except StaleRevision as exc:
        return JSONResponse({"error": str(exc), "entry": review.entry_view(exc.current, p["lang"], own)}, status_code=409)
    return JSONResponse({"entry": review.entry_view(written, p["lang"], own)})


async def _body(request: Request, **fields: type) -> dict:
    """The JSON object of the request with exactly these typed ``fields``; 400 otherwise."""
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise L10nError("the request body is not JSON") from None
    if not isinstance(body, dict):
        raise L10nError("the request body must be a JSON object")
    for name, kind in fields.items():
        if not isinstance(body.get(name), kind):
            raise L10nError(f"{name!r} must be a {kind.__name__}")
    return body
