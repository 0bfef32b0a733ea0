"""The fast text layers give exactly what the plain ways give: NFKC by table, the Han-first shortcut,
the letter and Chinese-character counts, and the matching view by ``str.replace``."""

from __future__ import annotations

import random
import unicodedata

from govreport.ingest.decode import _CJK, cjk_count, letter_count
from govreport.ingest.nfkc import STABLE_FIRST, nfkc, stable_first
from govreport.ingest.normalize import _table, _tables, matching_view

#: characters around which NFKC composes, reorders or expands, with Han, full-width and ASCII text
_TRICKY = ("e\u0301", "\u0301", "\u1100\u1161\u11a8", "\uffa1\uffc2", "ｅ\u0301", "㎡", "①", "ﬁ", "²", "\u00a0",
           "\u3000", "，", "Ａ", "ｶﾞ", "\u0344", "\U0001d400", "\U0002f800", "\ud800", "政府", "2024年", "ℌ")


def _strings(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randrange(0, 12)):
            r = rng.random()
            if r < 0.4:
                parts.append(rng.choice(_TRICKY))
            elif r < 0.7:
                parts.append(chr(rng.randrange(0x20, 0x10000)))
            else:
                parts.append(chr(rng.randrange(0, 0x110000)))
        out.append("".join(parts))
    return out


def test_nfkc_is_unicodedata_nfkc() -> None:
    for s in _strings(1, 20000) + list(_TRICKY):
        assert nfkc(s) == unicodedata.normalize("NFKC", s), repr(s)
    every = "".join(map(chr, range(0x110000)))
    assert nfkc(every) == unicodedata.normalize("NFKC", every)


def test_a_han_first_character_starts_the_nfkc_of_any_string() -> None:
    """U+3400–U+9FFF: NFKC keeps each, none is white space, and none starts a canonical composition
    (the first character of a two-character canonical decomposition), so nothing after it can fold
    into it."""
    lo, hi = (ord(c) for c in STABLE_FIRST)
    firsts = set()
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<") and len(d.split()) == 2:
            firsts.add(int(d.split()[0], 16))
    assert not any(lo <= cp <= hi for cp in firsts)
    for cp in range(lo, hi + 1):
        ch = chr(cp)
        assert unicodedata.normalize("NFKC", ch) == ch and not ch.isspace()
    assert stable_first("政府") and not stable_first("") and not stable_first("ｅ")
    for s in ("政\u0301", "中\u3099", "国\u1161"):
        assert unicodedata.normalize("NFKC", s)[0] == s[0]


def test_letter_count_is_isalpha_count() -> None:
    for s in _strings(2, 20000):
        assert letter_count(s) == sum(map(str.isalpha, s)), repr(s)
    every = "".join(map(chr, range(0x110000)))
    assert letter_count(every) == sum(map(str.isalpha, every))


def test_cjk_count_is_the_regex_count() -> None:
    def by_regex(s: str) -> int:
        return sum(map(len, _CJK.findall(s)))

    for s in [*_strings(3, 20000), "䶿䷀一", "𠀀中", "\ud800中", "丽"]:
        assert cjk_count(s) == by_regex(s), repr(s)
    every = "".join(map(chr, range(0x110000)))
    assert cjk_count(every) == by_regex(every)
    assert cjk_count("政府工作报告，2024年") == 7


def test_matching_view_is_the_table_translation() -> None:
    bmp, astral = _tables()
    keys = list(_table())
    rng = random.Random(4)
    for _ in range(3000):
        n = rng.choice([1, 5, 30, 300])
        s = "".join(chr(rng.choice(keys)) if rng.random() < 0.5 else chr(rng.randrange(0x20, 0x110000))
                    for _ in range(n))
        assert matching_view(s) == s.translate(bmp).translate(astral), repr(s)
    # a traditional text (many distinct characters), a chain (薴 → 苧 while 苧 → 苎), astral, punctuation
    for s in ("國家經濟發展會議們這個長産爲對資義關進現於設動濟計" * 3, "薴苧", "𠀀國，", "增长５％（预计）"):
        assert matching_view(s) == s.translate(bmp).translate(astral)
    assert matching_view("增长５％（預計）") == "增长5%(预计)"
