"""The web application: server-rendered Dutch pages (FastAPI, Jinja2, htmx) beside the REST API.

A thin delivery layer: each route parses its input, calls one service function and renders a
template; access rules, validation and audit live in the services. See docs/web.md.
"""
