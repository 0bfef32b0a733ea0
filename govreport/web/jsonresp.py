"""The JSON response every page twin and upload endpoint returns (its own module, so app.py,
pages.py and upload.py share it without importing each other)."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import JSONResponse


class UnicodeJSON(JSONResponse):
    """JSON with Chinese kept readable (``ensure_ascii=False``)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
