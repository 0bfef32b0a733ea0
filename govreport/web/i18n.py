"""The interface's words in Chinese (the default) and English, from one message catalogue.

``govreport/lexicons/ui_messages.yaml`` holds every label, heading, role name, verdict, kind,
measure and column header, each in both languages; it is checked on load (both languages present
and non-empty, the same ``{placeholders}`` in each, its examples render as written). The language
of a request: ``?lang=zh|en``, else the ``lang`` cookie that choice leaves, else the browser's
``Accept-Language``, else Chinese. Templates get ``t`` (``t('nav.reports')``,
``t('app.page_of', page=2, pages=3, count=56)``, ``t.code('verdict', 'met')``) and ``lang``.
JSON twins keep the codes (``met``, ``self_building``): only what people read is translated.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlencode

from govreport.errors import LexiconError
from govreport.lexicons import read_yaml

CATALOGUE = "ui_messages.yaml"
LANGS = ("zh", "en")
DEFAULT = "zh"
COOKIE = "lang"
_ACCEPT = re.compile(r"\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Flat key (``nav.reports``) → {lang: text}, validated."""
    raw = read_yaml(CATALOGUE)
    if not isinstance(raw, Mapping):
        raise LexiconError(f"lexicon {CATALOGUE}: expected a mapping of groups")
    out: dict[str, dict[str, str]] = {}
    for group, entries in raw.items():
        if group == "examples":
            continue
        if not isinstance(entries, Mapping):
            raise LexiconError(f"lexicon {CATALOGUE}: group {group!r} is not a mapping")
        for name, texts in entries.items():
            if not isinstance(name, str):  # YAML reads a bare off/on/yes/no as a boolean: quote it
                raise LexiconError(f"lexicon {CATALOGUE}: {group}.{name!r} is not a name (quote it)")
            key = f"{group}.{name}"
            if not isinstance(texts, Mapping) or set(texts) != set(LANGS):
                raise LexiconError(f"lexicon {CATALOGUE}: {key} must have exactly {', '.join(LANGS)}")
            values = {lang: str(texts[lang]) for lang in LANGS}
            if any(not v.strip() for v in values.values()):
                raise LexiconError(f"lexicon {CATALOGUE}: {key} has an empty text")
            try:
                fields = [_fields(v) for v in values.values()]
            except ValueError as exc:
                raise LexiconError(f"lexicon {CATALOGUE}: {key}: bad placeholder ({exc})") from exc
            if any(f != fields[0] for f in fields):
                raise LexiconError(f"lexicon {CATALOGUE}: {key}: the languages differ in placeholders")
            out[key] = values
    return out


def examples() -> list[dict[str, Any]]:
    """The catalogue's own examples: key, params and the text expected in each language."""
    return list(read_yaml(CATALOGUE).get("examples") or [])


@dataclass(frozen=True, slots=True)
class Messages:
    """The catalogue in one language; call it with a key (and parameters)."""

    lang: str = DEFAULT

    def __call__(self, key: str, **params: Any) -> str:
        entry = catalogue().get(key)
        if entry is None:  # a template naming a missing key is a bug the catalogue test catches
            return key
        text = entry[self.lang]
        return text.format(**params) if params else text

    def code(self, group: str, value: Any) -> str:
        """A code shown to readers (``verdict``, ``met``) in this language; an unknown code as it is."""
        if value is None or value == "":
            return ""
        entry = catalogue().get(f"{group}.{value}")
        return entry[self.lang] if entry else str(value)

    def group(self, group: str) -> dict[str, str]:
        """Every code of a group → its text (for the viewer's script)."""
        prefix = group + "."
        return {k[len(prefix):]: v[self.lang] for k, v in catalogue().items() if k.startswith(prefix)}


def from_accept(header: str | None) -> str | None:
    """The first of LANGS the browser asks for (by q), or None."""
    best: tuple[float, int, str] | None = None
    for i, part in enumerate((header or "").split(",")):
        m = _ACCEPT.fullmatch(part)
        if not m:
            continue
        lang = m.group(1).lower()
        try:
            q = float(m.group(2)) if m.group(2) else 1.0
        except ValueError:
            continue
        if lang in LANGS and q > 0 and (best is None or (q, -i) > (best[0], best[1])):
            best = (q, -i, lang)
    return best[2] if best else None


def choose(query: str | None, cookie: str | None, accept: str | None) -> str:
    for value in (query, cookie):
        if value and value.lower() in LANGS:
            return value.lower()
    return from_accept(accept) or DEFAULT


def lang_of(request: Any) -> str:
    return choose(request.query_params.get("lang"), request.cookies.get(COOKIE),
                  request.headers.get("accept-language"))


def remember(request: Any, response: Any) -> Any:
    """Keep a ``?lang=`` choice in a cookie, so the next page is in the same language."""
    asked = (request.query_params.get("lang") or "").lower()
    if asked in LANGS and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return response


def context(request: Any) -> dict[str, Any]:
    """What every template gets: ``t``, ``lang`` and the link that switches language."""
    lang = lang_of(request)
    other = "en" if lang == "zh" else "zh"
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    path = "/" + request.url.path.lstrip("/")  # never //host: a link off the site
    switch = path + "?" + urlencode({**params, "lang": other})
    return {"t": Messages(lang), "lang": lang, "html_lang": "zh-Hans" if lang == "zh" else "en",
            "lang_switch_href": switch}
