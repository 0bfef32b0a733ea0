"""Datasette plugin (entry point ``datasette: govreport``): full-text search of short words.

Datasette's ``?_search=`` runs an FTS5 MATCH; the trigram index behind ``paragraphs_fts``
answers any term of three or more characters but none shorter, and 脱贫, 就业, 减税 are two.
Installed beside Datasette, govreport rewrites a search on a table with a ``search_text``
column (``paragraphs``) before Datasette sees it: every term is folded like the index
(traditional → simplified, full-width → half-width), the terms of one or two characters become
``_where=search_text LIKE '%脱贫%'`` clauses and the longer ones an ``_where=id IN (… MATCH …)``
on the index (``paragraphs`` is a view, which Datasette's ``_search`` cannot join by rowid). The
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
    if search is None:
        return query
    out = [(k, v) for k, v in pairs if k not in ("_search", "_searchmode")]
    if any(k == "_searchmode" and v == "raw" for k, v in pairs):
        out.append(("_where", _match(search)))
        return urlencode(out)
    expr, short = fulltext.query_plan(search)
    if expr is not None:
        out.append(("_where", _match(expr)))
    for term in short:
        literal = fulltext.like_pattern(term).replace("'", "''")
        out.append(("_where", f"search_text LIKE '{literal}' ESCAPE '\\'"))
    return urlencode(out)


def _match(expr: str) -> str:
    """``_where`` for an FTS5 expression: ``paragraphs`` is a view (version 7), which has no
    rowid for Datasette's own ``_search`` to join on, so the match is by ``id``."""
    literal = expr.replace("'", "''")
    return f"id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH '{literal}')"


def _table(path: str) -> str:
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[0] if last.endswith((".json", ".csv")) else last


@hookimpl
def prepare_connection(conn: Any) -> None:
    """The fast views of a govreport database (``store/compact.py``) on Datasette's connections."""
    import sqlite3

    from govreport.store import compact

    try:
        compact.install(conn)
    except sqlite3.Error:  # not a govreport database (no such tables): nothing to shadow
        return


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
