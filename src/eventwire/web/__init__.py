"""The web side of eventwire: a REST API under /api/ and the analysts' dashboard.

`eventwire serve` runs `app.create_app()`; one router per resource lives in
`routers/`, the HTML pages in `pages.py`, their queries in `queries.py`.
"""
