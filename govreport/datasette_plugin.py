"""Datasette plugin (entry point ``datasette: govreport``): full-text search of short words.

Datasette's ``?_search=`` runs an FTS5 MATCH; the trigram index behind ``paragraphs_fts``
answers any term of three or more characters but none shorter, and 脱贫, 就业, 减税 are two.
Installed beside Datasette, govreport rewrites a search on a table with a ``search_text``
column (``paragraphs``) before Datasette sees it: every term is folded like the index
(traditional → simplified, full-width → half-width), the terms of one or two characters become
``_where=search_text LIKE '%脱贫%'`` clauses and only the longer ones stay in ``_search``. The
rows found are the same as govreport's own search (``Store.search``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

from govreport.store import fulltext

#: the tables whose search is rewritten (they have a ``search_text`` column)
TABLES = ("paragraphs",)

Scope = dict[str, Any]
App = Callable[[Scope, Callable, Callable], Awaitable[None]]


def rewrite_query(query: str) -> str:
    """The query string with short ``_search`` terms turned into ``_where`` LIKE clauses."""
    pairs = parse_qsl(query, keep_blank_values=True)
    search = next((v for k, v in pairs if k == "_search"), None)
    if search is None or any(k == "_searchmode" and v == "raw" for k, v in pairs):
        return query
    _, short = fulltext.query_plan(search)
    out = [(k, v) for k, v in pairs if k != "_search"]
    long_terms = [t for t in fulltext.search_fold(search).split() if len(t) >= fulltext.MIN_INDEXED]
    if long_terms:
        out.append(("_search", " ".join(long_terms)))
    for term in short:
        literal = fulltext.like_pattern(term).replace("'", "''")
        out.append(("_where", f"search_text LIKE '{literal}' ESCAPE '\\'"))
    return urlencode(out)


def _table(path: str) -> str:
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[0] if last.endswith((".json", ".csv")) else last


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[App], App]:
    def wrap(app: App) -> App:
        async def rewritten(scope: Scope, receive: Callable, send: Callable) -> None:
            if scope.get("type") == "http" and _table(scope.get("path", "")) in TABLES:
                query = scope.get("query_string", b"").decode("utf-8", "replace")
                if "_search=" in query:
                    scope = dict(scope, query_string=rewrite_query(query).encode("utf-8"))
            await app(scope, receive, send)

        return rewritten

    return wrap
