"""The interface's words: one catalogue, both languages, no literal text in a template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govreport.errors import LexiconError
from govreport.web import i18n
from govreport.web.i18n import Messages, catalogue, choose, examples, from_accept

TEMPLATES = Path(i18n.__file__).resolve().parent / "templates"
_BLOCKS = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_TAG = re.compile(r"<[^>]*>", re.S)
_TEXT_ATTR = re.compile(r'\b(placeholder|title|aria-label|alt)="([^"]*)"')
_WORDY = re.compile(r"[A-Za-z\u3400-\u9fff]")
_KEY = re.compile(r"""\bt\(\s*'([\w.]+)'""")
_CODE = re.compile(r"""\bt\.code\(\s*'(\w+)'""")


def _templates() -> list[Path]:
    found = sorted(TEMPLATES.glob("*.html"))
    assert len(found) >= 10
    return found


@pytest.mark.parametrize("path", _templates(), ids=lambda p: p.name)
def test_no_literal_text_in_templates(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for name, value in _TEXT_ATTR.findall(source):  # attributes people read come from the catalogue
        assert not _WORDY.search(_BLOCKS.sub("", value)), f"{path.name}: {name}={value!r}"
    text = _TAG.sub(" ", _BLOCKS.sub(" ", source))
    words = [w for w in text.split() if _WORDY.search(w)]
    assert not words, f"{path.name}: literal text {words[:5]}"


def test_every_key_a_template_uses_is_in_both_languages() -> None:
    table = catalogue()
    groups = {k.split(".")[0] for k in table}
    used = set()
    for path in _templates():
        source = path.read_text(encoding="utf-8")
        used |= {k for k in _KEY.findall(source) if not k.endswith('.')}
        for group in _CODE.findall(source):
            assert group in groups, f"{path.name}: t.code group {group!r}"
    # keys put together in a template: nav.<page>, col.<facet>
    used |= {f"nav.{k}" for k in ("reports", "regions", "tracking", "compare", "search", "upload")}
    used |= {f"col.{k}" for k in ("province", "level", "year", "partial")}
    missing = sorted(k for k in used if k not in table)
    assert not missing
    for key in used:
        assert table[key]["zh"] and table[key]["en"]
        assert table[key]["zh"] != table[key]["en"] or not _WORDY.search(table[key]["en"]) \
            or key in {"search.placeholder", "app.json"}, key


def test_codes_shown_to_readers_have_both_languages() -> None:
    from govreport.model import Bound, Kind, Level, Measure, Role
    from govreport.tracking import VERDICTS

    for group, codes in (("kind", Kind), ("measure", Measure), ("bound", Bound), ("level", Level),
                         ("role", Role), ("verdict", VERDICTS)):
        for code in codes:
            value = getattr(code, "value", code)
            assert f"{group}.{value}" in catalogue(), (group, value)
    assert Messages("zh").code("role", "self_building") == "自身建设"
    assert Messages("en").code("role", "self_building") == "self-building"
    assert Messages("zh").code("verdict", "met") == "达成"
    assert Messages("zh").code("verdict", "not-a-verdict") == "not-a-verdict"  # an unknown code as it is


def test_catalogue_examples_render() -> None:
    cases = examples()
    assert cases
    for case in cases:
        for lang in ("zh", "en"):
            assert Messages(lang)(case["key"], **case["params"]) == case[lang]


def test_a_catalogue_missing_a_language_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "read_yaml", lambda name: {"nav": {"reports": {"zh": "报告"}}})
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"nav\.reports"):
            catalogue()
        monkeypatch.setattr(i18n, "read_yaml", lambda name: {"a": {"b": {"zh": "{n} 条", "en": "{count} hits"}}})
        i18n.catalogue.cache_clear()
        with pytest.raises(LexiconError, match="placeholders"):
            catalogue()
        import yaml  # a bare off is YAML's False: refused, not shown as "False"

        monkeypatch.setattr(i18n, "read_yaml", lambda name: yaml.safe_load("review:\n  off: {zh: 只读, en: read-only}\n"))
        i18n.catalogue.cache_clear()
        with pytest.raises(LexiconError, match="quote it"):
            catalogue()
    finally:
        i18n.catalogue.cache_clear()


@pytest.mark.parametrize(("query", "cookie", "accept", "lang"), [
    (None, None, None, "zh"),
    ("en", None, None, "en"),
    ("EN", "zh", "zh-CN", "en"),
    (None, "en", "zh-CN", "en"),
    ("xx", None, "en-US,en;q=0.9", "en"),
    (None, None, "fr-FR, en;q=0.5, zh;q=0.8", "zh"),
    (None, None, "de, en-GB;q=0.3", "en"),
    (None, None, "ja", "zh"),
    (None, None, "en;q=0", "zh"),
])
def test_language_choice(query, cookie, accept, lang) -> None:
    assert choose(query, cookie, accept) == lang


def test_accept_language_garbage_is_ignored() -> None:
    assert from_accept(";;;,q=,en;q=abc") is None
