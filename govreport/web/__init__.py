"""The web app (``govreport serve``): read a report with its facts, follow targets, search.

``create_app(db)`` returns the ASGI app over a store opened read-only.
"""

from govreport.web.app import create_app

__all__ = ["create_app"]
