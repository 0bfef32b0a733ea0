"""Year cues (``lexicons/meta_cues.tsv``) for reports whose header gives no date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from govreport.errors import LexiconError
from govreport.metadata.header import SMALL, YEAR, cn_int
from govreport.metadata.prefilter import may_match, required_strings

COLUMNS = ("rule", "scope", "pattern", "kind", "offset", "note")
KINDS = ("year", "npc", "npcterm", "plan", "since", "latest", "news", "closing")
EVIDENCE_KINDS = ("news", "closing")  # not years: evidence that a text is partial or whole
SCOPES = ("head", "text", "tail")

# Years of the sessions of the National People's Congress that do not follow the regular
# pattern (one session a year, a new congress every five years from the 6th, 1983, on).
_NPC_IRREGULAR = {
    (1, 1): 1954,
    (1, 2): 1955,
    (1, 3): 1956,
    (1, 4): 1957,
    (1, 5): 1958,
    (2, 1): 1959,
    (2, 2): 1960,
    (2, 3): 1962,
    (2, 4): 1963,
    (3, 1): 1964,
    (4, 1): 1975,
    (5, 1): 1978,
    (5, 2): 1979,
    (5, 3): 1980,
    (5, 4): 1981,
    (5, 5): 1982,
}


def npc_year(term: int, session: int = 1) -> int | None:
    """Year of session ``session`` of the ``term``-th National People's Congress."""
    if term >= 6:
        return 1983 + 5 * (term - 6) + session - 1 if 1 <= session <= 5 else None
    return _NPC_IRREGULAR.get((term, session))


def plan_start(n: int) -> int | None:
    """First year of the n-th five-year plan (一五 1953, 六五 1981, 十四五 2021, 十五五 2026)."""
    if n >= 6:
        return 1981 + 5 * (n - 6)
    return {1: 1953, 2: 1958, 3: 1966, 4: 1971, 5: 1976}.get(n)


@dataclass(frozen=True, slots=True)
class Cue:
    rule: str
    scope: str
    regex: re.Pattern[str]
    kind: str
    offset: int
    base: int | None = None
    note: str = ""
    #: strings one of which every match contains (``prefilter``): no regex scan where none occurs
    needs: tuple[str, ...] | None = None

    def year(self, m: re.Match[str]) -> int | None:
        g = m.groupdict()
        if self.kind in ("year", "latest"):
            y = cn_int(g["y"])
            return y + self.offset if y else None
        if self.kind in ("npc", "npcterm"):
            term = cn_int(g["n1"])
            sess = cn_int(g["n2"]) if self.kind == "npc" and g.get("n2") else 1
            y = npc_year(term, sess) if term and sess else None
            return y + self.offset if y else None
        if self.kind == "plan":
            n = cn_int(g.get("p") or g.get("n1") or "")
            y = plan_start(n) if n else None
            return y + self.offset if y else None
        n = cn_int(g["n1"])  # since
        return self.base + n + self.offset if n and self.base else None


def _expand(pattern: str) -> str:
    count = 0

    def small(_: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"(?P<n{count}>{SMALL}|\\d{{3}})"

    pattern = pattern.replace("{Y}", f"(?P<y>{YEAR})").replace("{P}", "(?P<p>十?[一二三四五六七八九十]|十)")
    return re.sub(r"\{N\}", small, pattern)


_CLASS_OR_ESCAPE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]")


def anchored(pattern: str) -> bool:
    """Whether ``pattern`` uses ^ or \\A outside a character class. A cue is searched from its scope's
    start (``regex.search(view, lo, hi)``), where neither matches (only the text's own start does):
    such a rule would never see a line that opens the scope."""
    return "\\A" in pattern or "^" in _CLASS_OR_ESCAPE.sub("", pattern)


def parse_cues(lines: list[str], where: str = "meta_cues.tsv") -> tuple[Cue, ...]:
    cues: list[Cue] = []
    header = False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header:
            if tuple(cells) != COLUMNS:
                raise LexiconError(f"{where}:{n}: header must be {'/'.join(COLUMNS)}")
            header = True
            continue
        if len(cells) != len(COLUMNS):
            raise LexiconError(f"{where}:{n}: expected {len(COLUMNS)} columns, got {len(cells)}")
        rule, scope, pattern, kind, offset, note = cells
        if scope not in SCOPES or kind not in KINDS:
            raise LexiconError(f"{where}:{n}: scope must be one of {SCOPES}, kind one of {KINDS}")
        if anchored(pattern):
            raise LexiconError(f"{where}:{n}: rule {rule}: ^ or \\A never matches at a scope's start; "
                               "write (?<![^\\n]) for the start of a line")
        try:
            regex = re.compile(_expand(pattern))
            off = int(offset)
            base = int(note.split()[0]) if kind == "since" else None
        except (re.error, ValueError, IndexError) as exc:
            raise LexiconError(f"{where}:{n}: rule {rule}: {exc}") from exc
        cues.append(Cue(rule, scope, regex, kind, off, base, note, required_strings(regex)))
    if not cues:
        raise LexiconError(f"{where}: no rules")
    return tuple(cues)


@lru_cache(maxsize=2)
def load_cues(path: str | None = None) -> tuple[Cue, ...]:
    p = Path(path) if path else Path(str(resources.files("govreport") / "lexicons" / "meta_cues.tsv"))
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read {p}: {exc}") from exc
    return parse_cues(lines, p.name)


def year_from_cues(
    view: str, head_start: int, head_end: int, fragment: bool = False
) -> tuple[int | None, str | None]:
    """(report_year, rule name) from the first cue that matches, else (None, None)."""
    for cue in load_cues():
        if cue.kind in EVIDENCE_KINDS:
            continue
        lo, hi = (head_start, head_end) if cue.scope == "head" else (0, len(view))
        if not may_match(cue.needs, view, lo, hi):
            continue
        if cue.kind == "latest":
            if fragment:
                continue
            years = [y for m in cue.regex.finditer(view, lo, hi) if (y := cue.year(m)) and 1949 <= y <= 2100]
            if years:
                return max(years), cue.rule
            continue
        for m in cue.regex.finditer(view, lo, hi):
            y = cue.year(m)
            if y and 1949 <= y <= 2100:
                return y, cue.rule
    return None, None


def tail_start(n: int) -> int:
    """Where the tail of a text of length ``n`` begins: its last third, at least 3000 characters
    (notes such as 名词解释 may follow the closing)."""
    return max(0, n - max(3000, n // 3))


#: a cue looked for near the end of a range (the closing) is searched in its last this many
#: characters first: a match there is a match in the range, found without scanning all of it
END_WINDOW = 1500


def evidence(view: str, kind: str, lo: int = 0, hi: int | None = None, from_end: bool = False) -> str | None:
    """The rule name of the first ``kind`` cue (news, closing) found in ``view[lo:hi]``, else None.
    ``from_end``: each cue is tried on the range's last ``END_WINDOW`` characters, then on all of it."""
    hi = len(view) if hi is None else hi
    for cue in load_cues():
        if cue.kind != kind or not may_match(cue.needs, view, lo, hi):
            continue
        if from_end and hi - lo > END_WINDOW and cue.regex.search(view, hi - END_WINDOW, hi):
            return cue.rule
        if cue.regex.search(view, lo, hi):
            return cue.rule
    return None
