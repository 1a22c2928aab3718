"""The REST API (``/api/v1``), following the NL API Design Rules (Logius ADR 2.x); see docs/api.md.

Thin: each route parses the request, calls one service function with the authenticated user, and
renders the result. Access rules live in the services' queries, not here.
"""

API_VERSION = "1.0.0"
BASE_PATH = "/api/v1"
