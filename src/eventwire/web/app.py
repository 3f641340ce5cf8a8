"""The FastAPI application: API routers, dashboard pages, static files, the body limit and security headers."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from eventwire.store import Store
from eventwire.web import pages
from eventwire.web.routers import actors, articles, clusters, corrections, events, places, quotes
from eventwire.web.settings import Settings

STATIC = Path(__file__).with_name("static")
# Everything the page loads comes from this server: no CDN, no tiles, nothing from the internet.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web app over the store at `settings.db` (created when missing)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.store.close()

    app = FastAPI(
        title="eventwire", summary="Event data from news articles, traceable to its words.", lifespan=lifespan,
        max_body_size=settings.max_body_bytes,  # a longer request body is refused with 413
    )
    app.state.settings = settings
    app.state.store = Store(settings.db)
    app.state.store.analyze()  # planner statistics for the views' indexes, fresh at each start
    app.state.nlp = None
    for module in (articles, events, clusters, quotes, actors, places, corrections):
        app.include_router(module.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def security_headers(request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return app
