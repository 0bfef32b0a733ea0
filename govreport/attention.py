"""Attention indices: how much of a report's wording goes to a topic (issue 6).

A topic dictionary is a versioned YAML data file under ``lexicons/topics/`` (name, version,
description, source, words). A report's index is the share of its word tokens that are
dictionary words (per mille, ‰, everywhere), counted on a segmentation in which every dictionary
word is one token, over the matching view (traditional characters folded to simplified).

Segmentation sits behind the small ``Segmenter`` interface. The default, ``JiebaSegmenter``,
builds a private ``jieba.Tokenizer`` and adds the dictionary words to that instance only, so
the global ``jieba`` state is never touched. Building one costs about a second, so segmenters
are cached per word list and are never built inside ``extract()``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol

import yaml

from govreport.errors import LexiconError
from govreport.lexicons import data_path

_TOPICS = "topics"
_REQUIRED = ("name", "version", "description", "source", "words")
#: a token that is a word (has a letter, digit or Han character), not punctuation or space
_WORDLIKE = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")
#: shares are per mille (‰) everywhere: hits per thousand words
PER = 1000


@dataclass(frozen=True, slots=True)
class TopicDictionary:
    name: str
    version: str
    description: str
    source: str
    words: tuple[str, ...]


class Segmenter(Protocol):
    """Anything that cuts text into word tokens."""

    def cut(self, text: str) -> list[str]: ...


class JiebaSegmenter:
    """jieba with extra words, on a private ``jieba.Tokenizer`` (global jieba state untouched)."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        import jieba

        self._tokenizer = jieba.Tokenizer()
        logger = jieba.default_logger
        level = logger.level
        logger.setLevel(logging.WARNING)  # quiet "Building prefix dict…", restored below
        try:
            self._tokenizer.initialize()
        finally:
            logger.setLevel(level)
        for w in words:
            # a high frequency so a dictionary word is never split (生态环境, PM2.5)
            self._tokenizer.add_word(w, freq=10**7)

    def cut(self, text: str) -> list[str]:
        return list(self._tokenizer.cut(text, HMM=False))


@lru_cache(maxsize=16)
def segmenter_for(words: tuple[str, ...]) -> JiebaSegmenter:
    """A cached jieba segmenter that keeps each of ``words`` whole."""
    return JiebaSegmenter(words)


def _validate(data: Any, where: str) -> TopicDictionary:
    if not isinstance(data, Mapping):
        raise LexiconError(f"{where}: a topic dictionary must be a YAML mapping")
    missing = [k for k in _REQUIRED if not data.get(k)]
    if missing:
        raise LexiconError(f"{where}: missing {', '.join(missing)}")
    words = data["words"]
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise LexiconError(f"{where}: words must be a list of non-empty strings")
    clean = [w.strip() for w in words]
    dupes = sorted({w for w in clean if clean.count(w) > 1})
    if dupes:
        raise LexiconError(f"{where}: words listed twice: {', '.join(dupes)}")
    if any(re.search(r"\s", w) for w in clean):
        raise LexiconError(f"{where}: a word may not contain white space")
    return TopicDictionary(str(data["name"]), str(data["version"]), str(data["description"]).strip(),
                           str(data["source"]).strip(), tuple(clean))


def _parse(body: str, where: str) -> TopicDictionary:
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{where}: not valid YAML ({exc})") from exc
    return _validate(data, where)


def dictionary_names() -> list[str]:
    """The names of the topic dictionaries shipped with govreport."""
    folder = data_path(_TOPICS)
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


@cache
def load_dictionary(name: str) -> TopicDictionary:
    """A shipped topic dictionary by name (``environment``), or a YAML file by path."""
    path = Path(name)
    if name.endswith((".yaml", ".yml")) and path.is_file():
        return _parse(path.read_text(encoding="utf-8"), str(path))
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name) or name not in dictionary_names():
        raise LexiconError(f"no topic dictionary {name!r}; shipped: {', '.join(dictionary_names())}")
    d = _parse(data_path(f"{_TOPICS}/{name}.yaml").read_text(encoding="utf-8"), f"topics/{name}.yaml")
    if d.name != name:
        raise LexiconError(f"topics/{name}.yaml: name is {d.name!r}, expected {name!r}")
    return d


def attention(text: str, dictionary: TopicDictionary | str, segmenter: Segmenter | None = None) -> dict[str, Any]:
    """The attention index of one text for one topic dictionary.

    The text is counted on its matching view (``ingest.normalize.matching_view``: simplified
    characters, half-width forms), so a traditional copy scores as its simplified original.
    Returns ``{"dictionary", "version", "words", "hits", "share", "counts"}``: ``words`` is the
    number of word tokens, ``hits`` how many are dictionary words, ``share`` = hits per thousand
    words (‰, the one unit of every attention figure) and ``counts`` the hits per dictionary
    word (most frequent first).
    """
    from govreport.ingest.normalize import matching_view

    d = load_dictionary(dictionary) if isinstance(dictionary, str) else dictionary
    seg = segmenter or segmenter_for(d.words)
    vocab = set(d.words)
    tokens = [t for t in seg.cut(matching_view(text)) if _WORDLIKE.search(t)]
    counts = Counter(t for t in tokens if t in vocab)
    hits = sum(counts.values())
    return {
        "dictionary": d.name,
        "version": d.version,
        "words": len(tokens),
        "hits": hits,
        "share": PER * hits / len(tokens) if tokens else 0.0,
        "counts": dict(counts.most_common()),
    }


def attention_rows(reports: Iterable[Mapping[str, Any]], dictionary: TopicDictionary | str) -> list[dict[str, Any]]:
    """One row per report: id, region, region_code, level, year, dictionary, version, words, hits, share (‰).

    ``reports`` are mappings with ``text`` and either a ``doc`` mapping (the JSON contract /
    ``Store.get_report`` shape) or ``id``/``region``/``report_year`` keys.
    """
    d = load_dictionary(dictionary) if isinstance(dictionary, str) else dictionary
    rows = []
    for r in reports:
        doc = r.get("doc") or r
        a = attention(r["text"], d)
        rows.append({"id": doc.get("id"), "region": doc.get("region"), "region_code": doc.get("admin_code"),
                     "level": doc.get("level"), "year": doc.get("report_year"), "dictionary": a["dictionary"],
                     "version": a["version"], "words": a["words"], "hits": a["hits"], "share": a["share"]})
    return rows


#: the long attention table's columns
ATTENTION_COLUMNS = ("region", "region_code", "level", "year", "dictionary", "version", "n_reports", "hits",
                     "words", "share")


def attention_table(rows: list[dict[str, Any]]) -> Any:
    """Long table (a pandas DataFrame), one row per region, year and dictionary: ``ATTENTION_COLUMNS``.

    Several reports of one region and year (rare) are pooled: hits and words are summed and
    ``share`` (‰) is recomputed from the sums; ``n_reports`` says how many were pooled.
    """
    import pandas as pd

    if not rows:
        return pd.DataFrame(columns=list(ATTENTION_COLUMNS))
    df = pd.DataFrame(rows)
    for col in ("region", "region_code", "level"):
        df[col] = df[col].astype(object).where(df[col].notna(), "")
    keys = ["region", "region_code", "level", "year", "dictionary", "version"]
    pooled = df.groupby(keys, dropna=False, sort=True).agg(
        n_reports=("hits", "size"), hits=("hits", "sum"), words=("words", "sum")).reset_index()
    pooled["share"] = (PER * pooled["hits"] / pooled["words"].where(pooled["words"] > 0)).fillna(0.0)
    for col in ("region", "region_code", "level"):
        pooled[col] = pooled[col].replace("", None)
    return pooled[list(ATTENTION_COLUMNS)]


def attention_wide(table: Any) -> Any:
    """The long table as a grid: dictionary, version, region, then one column of shares (‰) per year."""
    if table.empty:
        return table
    grid = table.pivot_table(index=["dictionary", "version", "region"], columns="year", values="share",
                             aggfunc="first").reset_index()
    grid.columns = [str(int(c)) if isinstance(c, float | int) else str(c) for c in grid.columns]
    return grid
