"""Which government is reporting: national, or a place in the gazetteer.

Order of evidence: the session line (平顶山市第十一届人民代表大会…), the speaker's government
(民权县人民政府县长), the title ((河南省)2020年平顶山市人民政府工作报告), the lines above the
title; for a fragment, body cues (中共平顶山市委, 全市 + the most frequent place of that level,
nicknames such as 鹰城). A name shared by several places (鼓楼区, 城关区) is resolved with
the province/city the text mentions; without such evidence the place stays unresolved.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from govreport.ingest.normalize import matching_view
from govreport.metadata.gazetteer import Gazetteer, Place
from govreport.metadata.header import Header

NATIONAL_CUES = re.compile(
    r"我代表国务院|我代表國務院|受[^。，]{0,10}国务院的?委托|国务院决定|代表中央人民政府|中华人民共和国国务院向|"
    r"根据国务院的决定|国务院总理|向全国人民代表大会|向第[一二三四五六七八九十]+届全国人民代表大会"
)
# 全市 / 全县 ... → the level of the reporting government
WHOLE = re.compile(r"(?<![安健齐完周保])全(省|市|县|区|州|旗|盟)")
# 中共平顶山市委 (not a site named after it: 中共江苏省委新闻网)
PARTY = re.compile(r"中共([\u4e00-\u9fff]{2,12}?)(省|市|县|区|州|旗|盟|自治区)委(?![\u4e00-\u9fff]{0,2}网)")
GOV_WORD = re.compile(r"(省|市|县|区|州|旗|盟)(?:人民)?政府")


@dataclass(frozen=True, slots=True)
class Region:
    region: str | None = None
    level: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    admin_code: str | None = None


NATIONAL = Region(region="全国", level="national")


def national_header(header: Header) -> bool:
    """The title block itself says national: an NPC session, the premier, the State Council."""
    return (
        header.national_session
        or bool(header.speaker_title and header.speaker_title.endswith("总理"))
        or bool(header.speaker_gov and header.speaker_gov.startswith("国务院"))
    )


def is_national(header: Header, view: str) -> bool:
    """No local title block: body cues (我代表国务院, …) or 全国 far more often than 全省/全市/全县."""
    if header.session_place and header.session_place != "全国":
        return False
    body = view[: max(3000, (header.opening or 0) + 1500)]
    if NATIONAL_CUES.search(body):
        return True
    whole = Counter(m.group(1) for m in WHOLE.finditer(view))
    nation = len(re.findall(r"全[国國]", view))
    return header.speaker_gov is None and nation >= 10 and nation > 3 * max(whole.values(), default=0)


def describe(gaz: Gazetteer, place: Place, name: str | None = None) -> Region:
    """The Region fields of a resolved place."""
    province = gaz.province_of(place)
    city = gaz.city_of(place)
    level = "county" if place.level == "county" else place.level
    return Region(
        region=name or place.name,
        level=level,
        province=province.name,
        city=city.name if city else None,
        county=place.name if place.level in ("county", "district") else None,
        admin_code=place.code,
    )


class Resolver:
    """Resolves place names with the context of one report."""

    def __init__(self, gaz: Gazetteer, view: str, year: int | None) -> None:
        self.gaz = gaz
        self.view = view
        self.year = year
        self._counts: Counter[str] | None = None

    @property
    def mentions(self) -> Counter[str]:
        """How often each place code is named in the text (full, short or nickname)."""
        if self._counts is None:
            c: Counter[str] = Counter()
            for h in self.gaz.scan(self.view):
                if len(h.places) == 1 or h.full:
                    for p in h.places:
                        c[p.code] += 2 if h.full else 1
            self._counts = c
        return self._counts

    def choose(self, places: tuple[Place, ...], near: str = "") -> Place | None:
        """One of several places sharing a name, by the provinces/cities named near it or in the text."""
        if self.year is not None:
            live = tuple(p for p in places if p.current or (p.until or 0) >= self.year)
            places = live or places
        if len(places) == 1:
            return places[0]
        current = tuple(p for p in places if p.current)
        if len({p.code for p in places}) == 1 or (len(current) == 1 and self.year is None):
            return current[0] if current else places[0]
        near_codes = {p.code for h in self.gaz.scan(near) for p in h.places if len(h.places) == 1}
        scores = []
        for p in places:
            anc = [a.code for a in self.gaz.ancestors(p)]
            s = sum(10 for a in anc if a in near_codes) + sum(self.mentions[a] for a in anc)
            scores.append((s, p))
        scores.sort(key=lambda sp: -sp[0])
        if scores[0][0] > 0 and scores[0][0] > scores[1][0]:
            return scores[0][1]
        return None

    def last_place(self, s: str, near: str = "") -> tuple[str | None, Place | None]:
        """The most specific place named (by full name) in ``s``: (name as written, place)."""
        hits = [h for h in self.gaz.scan(s) if h.full]
        if not hits:
            return None, None
        best = max(hits, key=lambda h: (_rank(h.places[0].level), h.start))
        return best.word, self.choose(best.places, near or s)


def _rank(level: str) -> int:
    return {"province": 0, "city": 1, "county": 2, "district": 2}.get(level, 0)


def resolve(gaz: Gazetteer, header: Header, text_view: str, year: int | None, fragment: bool) -> Region:
    if national_header(header):
        return NATIONAL
    r = Resolver(gaz, text_view, year)
    head_end = header.opening if header.opening is not None else min(len(text_view), 1500)
    head = text_view[:head_end]
    sources = [header.session_place or "", header.speaker_gov or "", header.title or ""]
    for s in sources:
        if not s:
            continue
        name, place = r.last_place(matching_view(s), near=head)  # 陝西省 / 陜西省 in a title: the simplified name
        if name:
            return describe(gaz, place, name) if place else _unresolved(name, gaz)
    if is_national(header, text_view):
        return NATIONAL
    # lines above the title/opening: 民权县十五届人大 / 西平县2022年政府工作报告
    if fragment:
        return from_body(r, text_view)
    name, place = r.last_place(head, near=head)
    word = _level_word(text_view)
    fits = place is not None and (word is None or place.level in _LEVEL_OF_WORD[word])
    if name and (fits or place is None):
        return describe(gaz, place, name) if place else _unresolved(name, gaz)
    body = from_body(r, text_view)
    if body.region or not name:
        return body
    return describe(gaz, place, name) if place else _unresolved(name, gaz)


def _unresolved(name: str, gaz: Gazetteer) -> Region:
    """A name we cannot pin to one place: keep the name and what all its places share."""
    places = gaz.find(name)
    levels = {("county" if p.level == "county" else p.level) for p in places}
    provs = {gaz.province_of(p).name for p in places}
    return Region(
        region=name,
        level=levels.pop() if len(levels) == 1 else None,
        province=provs.pop() if len(provs) == 1 else None,
    )


def _level_word(view: str) -> str | None:
    """The most frequent of 全省/全市/全县/全区/全州/全旗/全盟 (the reporting level), if any."""
    c = Counter(m.group(1) for m in WHOLE.finditer(view))
    if not c:
        return None
    (word, n), *rest = c.most_common(2)
    return word if not rest or n > rest[0][1] else None


_LEVEL_OF_WORD = {
    "省": ("province",),
    "市": ("city", "county", "province"),  # a prefecture-level, county-level city or municipality
    "县": ("county",),
    "区": ("district", "province"),  # 全区: a district or an autonomous region
    "州": ("city",),
    "盟": ("city",),
    "旗": ("county",),
}


def from_body(r: Resolver, view: str) -> Region:
    """A fragment: the party committee named (中共平顶山市委), else the most named place of the right level."""
    word = _level_word(view)
    levels = _LEVEL_OF_WORD.get(word or "", ("province", "city", "county", "district"))
    votes: Counter[str] = Counter()
    for m in PARTY.finditer(view):
        name = m.group(1) + m.group(2)
        for h in r.gaz.scan(name):
            if h.full and h.end == len(name):
                if (p := r.choose(h.places, near=view[max(0, m.start() - 200) : m.end() + 200])) is not None:
                    votes[p.code] += 5
    for code, n in r.mentions.items():
        votes[code] += n
    for nick, code in r.gaz.nicknames.items():
        if nick in view:
            votes[code] += 3 * view.count(nick)
    for code in list(votes):  # a place whose province or city the text also names (镇江 … 江苏)
        if votes[code] > 0 and any(votes[a.code] > 0 for a in r.gaz.ancestors(r.gaz.by_code[code])):
            votes[code] += PARENT_BONUS
    ranked = [(n, code) for code, n in votes.most_common() if r.gaz.by_code[code].level in levels]
    if not ranked:
        return Region()
    if word == "市":  # 全市 of a county-level city vs a prefecture: trust the votes, but the kind must fit
        ranked = [(n, c) for n, c in ranked if r.gaz.by_code[c].kind in ("地级市", "县级市", "直辖市")]
        if not ranked:  # 全市叶县: the only place named is a county, not the city the text speaks of
            return Region()
    top_n, top = ranked[0]
    # the province a city report names, or the counties it names, do not compete with the city
    kin = {a.code for a in r.gaz.ancestors(r.gaz.by_code[top])}
    rivals = [n for n, c in ranked[1:] if c not in kin and top not in {a.code for a in r.gaz.ancestors(r.gaz.by_code[c])}]
    if top_n < 3 or (rivals and rivals[0] * 2 > top_n):
        return Region()
    return describe(r.gaz, r.gaz.by_code[top])


PARENT_BONUS = 2
