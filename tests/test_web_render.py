"""The viewer's HTML builder and the SVG charts, on real seed text."""

from __future__ import annotations

import html
import re
from itertools import pairwise
from pathlib import Path

import pytest
from shared_paths import SHARED

from govreport.web.charts import Series, line_chart
from govreport.web.data import split_marks
from govreport.web.render import format_number, highlight, mark_terms, outline

SEEDS = SHARED / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:%|万|亿)?")

pytestmark = pytest.mark.skipif(not SEED_FILES, reason=f"no seed reports in {SEEDS}")


def _strip(markup: str) -> str:
    """The visible text of the HTML: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _number_facts(text: str, limit: int = 300) -> list[dict]:
    kinds = ("target", "actual", "estimate")
    return [{"kind": kinds[i % 3], "span": [m.start(), m.end()], "value": 1}
            for i, m in enumerate(NUMBER.finditer(text)) if i < limit]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_highlight_keeps_every_character_of_a_seed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    facts = _number_facts(text)
    out = str(highlight({"text": text, "facts": facts}))
    assert _strip(out) == text
    marked = re.findall(r'<span class="ann fact (kind-\w+)" data-facts="(\d+)"[^>]*>([^<]*)</span>', out)
    assert len(marked) == len(facts)
    for css, index, words in marked:
        fact = facts[int(index)]
        assert css == f"kind-{fact['kind']}"
        assert html.unescape(words) == text[fact["span"][0]:fact["span"][1]]


@pytest.mark.parametrize(("spans", "pieces"), [
    # overlapping facts: the shared piece names both, no tag crosses another
    ([(0, 4), (2, 6)], [("0", "ab"), ("0 1", "cd"), ("1", "ef")]),
    # nested: the inner piece names outer and inner
    ([(0, 6), (2, 4)], [("0", "ab"), ("0 1", "cd"), ("0", "ef")]),
    # touching spans stay separate
    ([(0, 2), (2, 4)], [("0", "ab"), ("1", "cd")]),
    # a span past the end of the text is clipped, an empty one dropped
    ([(4, 99), (3, 3)], [("0", "efgh")]),
])
def test_overlapping_spans_are_cut_into_pieces(spans, pieces) -> None:
    text = "abcdefgh"
    facts = [{"kind": "target", "span": list(s)} for s in spans]
    out = str(highlight({"text": text, "facts": facts}))
    found = re.findall(r'data-facts="([\d ]+)"[^>]*>([^<]*)</span>', out)
    assert found == pieces
    assert _strip(out) == text


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</span><a href='javascript:alert(1)'>x</a>",
    "&lt;already escaped&gt; & <b>bold</b>",
])
def test_markup_in_text_and_spans_is_escaped(payload: str) -> None:
    text = f"前言{payload}增长7.5%。"
    start = text.index("7.5%")
    report = {"text": text, "facts": [{"kind": "target", "span": [0, len(text)]},
                                      {"kind": "actual", "span": [start, start + 4]}],
              "slogans": [{"span": [2, 2 + len(payload)]}],
              "sections": [{"id": '"><script>', "level": 1, "title": payload, "span": [0, len(text)]}]}
    out = str(highlight(report))
    assert "<script" not in out and "<img" not in out and "<b>" not in out and "<a href" not in out
    assert out.count("<a ") == 1  # the section anchor, whose id is escaped
    assert 'id="sec-&#34;&gt;&lt;script&gt;"' in out
    assert _strip(out) == text


def test_tasks_slogans_headings_and_section_anchors() -> None:
    text = "一、工作回顾\n新建高标准农田22万亩，落实“四个不摘”。"
    report = {
        "text": text,
        "sections": [{"id": "s1", "level": 1, "number": "一", "title": "工作回顾", "role": "review",
                      "span": [0, len(text)], "heading_span": [0, 6]}],
        "tasks": [{"span": [text.index("新建"), text.index("亩") + 1]}],
        "slogans": [{"span": [text.index("四个不摘"), text.index("四个不摘") + 4]}],
        "facts": [{"kind": "target", "span": [text.index("22"), text.index("亩") + 1]}],
    }
    out = str(highlight(report))
    assert out.startswith('<a class="sec-anchor" id="sec-s1"></a>')
    assert re.search(r'class="ann heading"[^>]*>一、工作回顾<', out)
    assert re.search(r'class="ann task"[^>]*>新建高标准农田<', out)
    assert re.search(r'class="ann fact kind-target task"[^>]*>22万亩<', out)
    assert re.search(r'class="ann slogan"[^>]*>四个不摘<', out)
    assert outline(report) == [{"id": "s1", "title": "工作回顾", "number": "一", "level": 1, "role": "review"}]


@pytest.mark.parametrize(("snippet", "query", "marks", "expected"), [
    ("新建高标准农田22万亩", "高标准农田", [], "新建<mark>高标准农田</mark>22万亩"),
    ("GDP增长<8%>", "gdp", [], "<mark>GDP</mark>增长&lt;8%&gt;"),
    ("粮食 产量 粮食", "粮食 产量", [], "<mark>粮食</mark> <mark>产量</mark> <mark>粮食</mark>"),
    ("PM 2.5浓度", "PM2.5", [[0, 6]], "<mark>PM 2.5</mark>浓度"),
    ("<script>x</script>", "x", [], "&lt;script&gt;<mark>x</mark>&lt;/script&gt;"),
])
def test_search_snippets_mark_terms_and_escape(snippet, query, marks, expected) -> None:
    assert str(mark_terms(snippet, query, marks)) == expected


@pytest.mark.parametrize(("marked", "plain", "ranges"), [
    ("…新建\ue000高标准农田\ue00122万亩", "…新建高标准农田22万亩", [[3, 8]]),
    ("\ue000a\ue001b\ue000c\ue001", "abc", [[0, 1], [2, 3]]),
    ("no marks", "no marks", []),
])
def test_split_marks(marked, plain, ranges) -> None:
    assert split_marks(marked) == (plain, ranges)


@pytest.mark.parametrize(("value", "shown"), [
    (17140000000, "17,140,000,000"), (7.5, "7.5"), (-2.2, "-2.2"), (None, ""), (3.0, "3"), ("x", "x"),
])
def test_format_number(value, shown) -> None:
    assert format_number(value) == shown


@pytest.mark.parametrize(("values", "top"), [([7.3, 44], 50), ([0.5, 1], 1), ([6.5, 7.0], 7.0), ([2e10, 9e10], 1e11)])
def test_axis_covers_every_value(values, top) -> None:
    from govreport.web.charts import _nice_ticks

    ticks = _nice_ticks(min(values), max(values))
    assert ticks[0] <= min(values) and ticks[-1] >= max(values)
    assert ticks[-1] == pytest.approx(top)


def test_line_chart_draws_targets_and_outcomes() -> None:
    svg = str(line_chart([Series("target", "target", [(2019, 7.0), (2020, 6.5)], dashed=True),
                          Series("outcome", "outcome", [(2019, 7.3), (2020, 2.1)])],
                         title="<b>gdp</b>", unit="%"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('<rect class="pt target"') == 3  # two points + legend swatch
    assert svg.count('<circle class="pt outcome"') == 2
    assert "<b>" not in svg and "&lt;b&gt;gdp&lt;/b&gt;" in svg
    assert ">2019<" in svg and ">2020<" in svg
    assert str(line_chart([Series("target", "target", [])])) == ""


@pytest.mark.parametrize(("years", "gap", "expected"), [
    ([2019, 2020], 1, [2019, 2020]),
    (list(range(2000, 2021)), 5, [2000, 2005, 2010, 2015, 2020]),
    (list(range(2000, 2022)), 5, [2000, 2005, 2010, 2015, 2021]),  # 2020 too close to the last
    ([1954, 1955, 1956, 1978, 1990, 2000, 2007, 2009, 2011, 2022], 10, [1954, 1978, 1990, 2000, 2011, 2022]),
    ([2020], 5, [2020]),
])
def test_year_labels_keep_a_gap_and_the_ends(years, gap, expected) -> None:
    from govreport.web.charts import year_labels

    got = year_labels(years, float, gap)
    assert got == expected
    assert all(b - a >= gap for a, b in pairwise(got))


@pytest.mark.parametrize(("value", "label"), [
    (1.5e12, "1.5万亿"), (4e8, "4亿"), (35_000_000, "3500万"), (12_345, "1.23万"), (7.5, "7.5"), (-2e4, "-2万"), (0, "0"),
])
def test_axis_labels_are_compact(value, label) -> None:
    from govreport.web.charts import compact_number

    assert compact_number(value) == label
