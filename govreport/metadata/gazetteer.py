"""The gazetteer: China's provincial, prefecture and county-level divisions (GB/T 2260).

Data: ``govreport/lexicons/gazetteer.tsv`` (built by ``scripts/build_gazetteer.py`` from a
maintained PyPI package; see the file header for source and licence) and the city
nicknames in ``govreport/lexicons/nicknames.tsv``. Both are validated on load and cached.
Place-name scans use an Aho-Corasick automaton (pyahocorasick).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick

from govreport.errors import LexiconError

LEVELS = ("province", "city", "county", "district")
COLUMNS = ("code", "name", "short", "level", "kind", "parent", "until", "successor", "common")
_CODE = re.compile(r"\d{6}")
_HAN = re.compile(r"[\u3400-\u9fff·]+")


@dataclass(frozen=True, slots=True)
class Place:
    code: str  # GB/T 2260, 6 digits
    name: str  # 平顶山市
    short: str  # 平顶山 ('' when the stem would be one character)
    level: str  # province | city | county | district
    kind: str  # 省, 自治区, 直辖市, 地级市, 自治州, 地区, 盟, 县, 县级市, 自治县, 旗, 区, ...
    parent: str | None  # parent code; None for provinces
    until: int | None = None  # last year a historic name was in use; None if current
    successor: str | None = None  # code of the unit that replaced a historic one
    common_short: bool = False  # the short name is an everyday word (资源 for 资源县)
    common_name: bool = False  # the full name is an everyday word (城区)

    @property
    def current(self) -> bool:
        return self.until is None


@dataclass(frozen=True, slots=True)
class Hit:
    """One place-name mention found by ``Gazetteer.scan``."""

    start: int
    end: int
    word: str
    places: tuple[Place, ...]
    full: bool  # the full name (平顶山市), not the short one (平顶山)


@dataclass(slots=True)
class Gazetteer:
    places: tuple[Place, ...]
    nicknames: dict[str, str] = field(default_factory=dict)  # 鹰城 → 410400
    by_code: dict[str, Place] = field(default_factory=dict)
    by_name: dict[str, tuple[Place, ...]] = field(default_factory=dict)
    by_short: dict[str, tuple[Place, ...]] = field(default_factory=dict)
    _automaton: ahocorasick.Automaton | None = None

    def __post_init__(self) -> None:
        names: dict[str, list[Place]] = {}
        shorts: dict[str, list[Place]] = {}
        for p in self.places:
            if p.current or p.code not in self.by_code:
                self.by_code[p.code] = p
            names.setdefault(p.name, []).append(p)
            if p.short:
                shorts.setdefault(p.short, []).append(p)
        self.by_name = {k: tuple(v) for k, v in names.items()}
        self.by_short = {k: tuple(v) for k, v in shorts.items()}

    # -- hierarchy -----------------------------------------------------------
    def parent(self, place: Place) -> Place | None:
        return self.by_code.get(place.parent) if place.parent else None

    def ancestors(self, place: Place) -> Iterator[Place]:
        p = self.parent(place)
        while p is not None:
            yield p
            p = self.parent(p)

    def province_of(self, place: Place) -> Place:
        for p in (place, *self.ancestors(place)):
            if p.level == "province":
                return p
        raise LexiconError(f"gazetteer: {place.name} ({place.code}) has no province")

    def city_of(self, place: Place) -> Place | None:
        """The prefecture-level unit; for a district or county of a municipality, the municipality."""
        if place.level == "province":
            return None
        if place.level == "city":
            return place
        parent = self.parent(place)
        if parent is None:
            return None
        if parent.level == "city" or parent.kind == "直辖市":
            return parent
        return None  # 省直辖县级市 such as 济源市

    def find(self, name: str, year: int | None = None) -> tuple[Place, ...]:
        """Places with this full name (current ones first; historic ones in use in ``year``)."""
        found = self.by_name.get(name, ())
        cur = tuple(p for p in found if p.current)
        old = tuple(p for p in found if not p.current and (year is None or year <= (p.until or 0)))
        return cur + old if year is not None else cur or old

    def nickname(self, word: str) -> Place | None:
        code = self.nicknames.get(word)
        return self.by_code.get(code) if code else None

    # -- scanning ------------------------------------------------------------
    @property
    def automaton(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            a = ahocorasick.Automaton()
            for name, places in self.by_name.items():
                if not all(p.common_name for p in places):
                    a.add_word(name, (name, places, True))
            for short, places in self.by_short.items():
                places = tuple(p for p in places if not p.common_short)
                if places and short not in self.by_name and len(short) >= 2:
                    a.add_word(short, (short, places, False))
            for nick, code in self.nicknames.items():
                if nick not in self.by_name and code in self.by_code:
                    a.add_word(nick, (nick, (self.by_code[code],), False))
            a.make_automaton()
            self._automaton = a
        return self._automaton

    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Longest, leftmost, non-overlapping place-name mentions in ``text[start:end]``."""
        end = len(text) if end is None else end
        raw = sorted(
            (
                (e - len(w) + 1, e + 1, w, places, full)
                for e, (w, places, full) in self.automaton.iter(text, start, end)
            ),
            key=lambda h: (h[0], -(h[1] - h[0])),
        )
        hits: list[Hit] = []
        last = -1
        for s, e, w, places, full in raw:
            if s >= last:
                hits.append(Hit(s, e, w, places, full))
                last = e
        return hits


def _rows(lines: Iterable[str], where: str) -> Iterator[tuple[int, list[str]]]:
    header_seen = False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise LexiconError(f"{where}:{n}: header must be {'/'.join(COLUMNS)}, got {'/'.join(cells)}")
            header_seen = True
            continue
        if len(cells) != len(COLUMNS):
            raise LexiconError(
                f"{where}:{n}: expected {len(COLUMNS)} tab-separated columns, got {len(cells)}"
            )
        yield n, cells
    if not header_seen:
        raise LexiconError(f"{where}: no header line")


def parse_gazetteer(lines: Iterable[str], where: str = "gazetteer.tsv") -> tuple[Place, ...]:
    """Parse and validate gazetteer rows; every problem is a ``LexiconError`` naming the line."""
    places: list[Place] = []
    lineno: dict[int, int] = {}
    current_codes: set[str] = set()
    for n, (code, name, short, level, kind, parent, until, successor, common) in _rows(lines, where):
        if not _CODE.fullmatch(code):
            raise LexiconError(f"{where}:{n}: code {code!r} is not 6 digits")
        if not _HAN.fullmatch(name):
            raise LexiconError(f"{where}:{n}: bad name {name!r}")
        if short and (short not in name or len(short) < 2):
            raise LexiconError(f"{where}:{n}: short name {short!r} is not part of {name!r}")
        if level not in LEVELS:
            raise LexiconError(f"{where}:{n}: level {level!r} not one of {', '.join(LEVELS)}")
        if (level == "province") != (parent == ""):
            raise LexiconError(f"{where}:{n}: a province has no parent and every other unit has one")
        if parent and not _CODE.fullmatch(parent):
            raise LexiconError(f"{where}:{n}: parent {parent!r} is not 6 digits")
        if until and not (until.isdigit() and 1949 <= int(until) <= 2100):
            raise LexiconError(f"{where}:{n}: until {until!r} is not a year")
        if successor and not _CODE.fullmatch(successor):
            raise LexiconError(f"{where}:{n}: successor {successor!r} is not 6 digits")
        if not until:
            if code in current_codes:
                raise LexiconError(f"{where}:{n}: duplicate current code {code}")
            current_codes.add(code)
        flags = set(common.split(",")) - {""}
        if flags - {"short", "name"}:
            raise LexiconError(f"{where}:{n}: common must list short and/or name, got {common!r}")
        places.append(
            Place(
                code,
                name,
                short,
                level,
                kind,
                parent or None,
                int(until) if until else None,
                successor or None,
                "short" in flags,
                "name" in flags,
            )
        )
        lineno[len(places) - 1] = n
    codes = {p.code for p in places}
    for i, p in enumerate(places):
        if p.parent and p.parent not in codes:
            raise LexiconError(f"{where}:{lineno[i]}: parent {p.parent} of {p.name} is not in the gazetteer")
        if p.successor and p.successor not in codes:
            raise LexiconError(
                f"{where}:{lineno[i]}: successor {p.successor} of {p.name} is not in the gazetteer"
            )
    if not places:
        raise LexiconError(f"{where}: no places")
    return tuple(places)


def parse_nicknames(
    lines: Iterable[str], places: tuple[Place, ...], where: str = "nicknames.tsv"
) -> dict[str, str]:
    """``nickname<TAB>full name of the place`` (+ optional note) → {nickname: code}."""
    by_name: dict[str, list[Place]] = {}
    for p in places:
        if p.current:
            by_name.setdefault(p.name, []).append(p)
    out: dict[str, str] = {}
    seen_header = False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if not seen_header:
            if cells[:2] != ["nickname", "place"]:
                raise LexiconError(f"{where}:{n}: header must start with nickname/place")
            seen_header = True
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise LexiconError(f"{where}:{n}: expected nickname<TAB>place")
        nick, place = cells[0], cells[1]
        # "place" is a full name, optionally qualified by its province: 河南省/平顶山市
        *qual, name = place.split("/")
        cands = [p for p in by_name.get(name, []) if not qual or qual[0] in _ancestor_names(p, places)]
        if len(cands) != 1:
            raise LexiconError(f"{where}:{n}: {place!r} names {len(cands)} places, need exactly one")
        if nick in out:
            raise LexiconError(f"{where}:{n}: duplicate nickname {nick!r}")
        out[nick] = cands[0].code
    return out


def _ancestor_names(place: Place, places: tuple[Place, ...]) -> set[str]:
    by_code = {p.code: p for p in places if p.current}
    names, p = set(), place
    while p.parent and p.parent in by_code:
        p = by_code[p.parent]
        names.add(p.name)
    return names


def _lexicon(name: str) -> Path:
    return Path(str(resources.files("govreport") / "lexicons" / name))


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None, nicknames: str | None = None) -> Gazetteer:
    """The validated gazetteer (cached). Paths default to the packaged lexicons."""
    gpath = Path(path) if path else _lexicon("gazetteer.tsv")
    npath = Path(nicknames) if nicknames else _lexicon("nicknames.tsv")
    try:
        glines = gpath.read_text(encoding="utf-8").splitlines()
        nlines = npath.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read gazetteer data: {exc}") from exc
    places = parse_gazetteer(glines, gpath.name)
    return Gazetteer(places, nicknames=parse_nicknames(nlines, places, npath.name))


def ambiguous_shorts(gaz: Gazetteer) -> Counter[str]:
    """Short names shared by more than one current place (for diagnostics and tests)."""
    return Counter({s: len(ps) for s, ps in gaz.by_short.items() if sum(p.current for p in ps) > 1})
