"""Lexicons: data files shipped with the package, validated on load, cached.

Code reads these; analysts extend them without touching code:
``indicators.tsv`` (the canonical ids: the spec's 40 rows, unchanged, then the package's own),
``indicator_aliases.tsv`` (extra aliases), ``units.tsv`` (units → canonical unit and factor),
``cues.yaml`` (bound, measure, kind, rank and glue words), ``plausible.tsv`` (value ranges).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from govreport.errors import LexiconError

PACKAGE = "govreport.lexicons"


def data_path(name: str) -> Any:
    """A Traversable for a data file in this package."""
    return resources.files(PACKAGE).joinpath(name)


def read_text(name: str) -> str:
    try:
        return data_path(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon {name}: file missing from the package") from exc


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV with a header line; lines starting with # are comments."""
    lines = [ln for ln in read_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise LexiconError(f"lexicon {name}: empty")
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    header = lines[0].split("\t")
    for i, row in enumerate(rows, start=2):
        if None in row or any(row.get(h) is None for h in header):
            raise LexiconError(f"lexicon {name}: row {i} has {len(row)} columns, expected {len(header)}")
    return rows


def read_yaml(name: str) -> Any:
    try:
        return yaml.safe_load(read_text(name))
    except yaml.YAMLError as exc:
        raise LexiconError(f"lexicon {name}: not valid YAML ({exc})") from exc


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    aliases: tuple[str, ...]
    default_unit: str
    direction: str  # up | down | none
    notes: str = ""


@cache
def indicators() -> dict[str, Indicator]:
    """The canonical indicator table, by id (the ids are the contract)."""
    out: dict[str, Indicator] = {}
    extra: dict[str, list[str]] = {}
    for row in read_tsv("indicator_aliases.tsv"):
        extra.setdefault(row["id"], []).append(row["alias"])
    for row in read_tsv("indicators.tsv"):
        ind_id = row["id"]
        if not ind_id.isidentifier() or ind_id in out:
            raise LexiconError(f"lexicon indicators.tsv: bad or repeated id {ind_id!r}")
        if row["direction"] not in {"up", "down", "none"}:
            raise LexiconError(f"lexicon indicators.tsv: {ind_id}: direction must be up, down or none")
        aliases = [row["name"], *(a for a in row["aliases"].split("|") if a), *extra.pop(ind_id, [])]
        out[ind_id] = Indicator(ind_id, row["name"], tuple(dict.fromkeys(aliases)), row["default_unit"],
                                row["direction"], row.get("notes", ""))
    if extra:
        raise LexiconError(f"lexicon indicator_aliases.tsv: unknown ids {sorted(extra)}")
    return _one_owner_per_alias(out)


def _one_owner_per_alias(table: dict[str, Indicator]) -> dict[str, Indicator]:
    """Every alias names one indicator. An alias listed under two ids is an error, unless it is the
    name of one of them: then that one owns it (户籍人口城镇化率, listed in the spec's row of
    urbanization_rate, is the name of the sub-indicator hukou_urbanization_rate)."""
    names = {ind.name: ind.id for ind in table.values()}
    owners: dict[str, str] = {}
    for ind in table.values():
        for alias in ind.aliases:
            if names.get(alias, ind.id) != ind.id:
                continue  # the name of another indicator: that one owns it
            if alias in owners and owners[alias] != ind.id:
                raise LexiconError(f"lexicon indicators.tsv: alias {alias!r} under {owners[alias]} and {ind.id}")
            owners[alias] = ind.id
    return {i: ind if all(owners.get(a) == i for a in ind.aliases) else
            Indicator(ind.id, ind.name, tuple(a for a in ind.aliases if owners.get(a) == i), ind.default_unit,
                      ind.direction, ind.notes)
            for i, ind in table.items()}


@dataclass(frozen=True, slots=True)
class Unit:
    text: str
    canonical: str
    factor: float
    dimension: str


@cache
def units() -> dict[str, Unit]:
    out: dict[str, Unit] = {}
    for row in read_tsv("units.tsv"):
        try:
            factor = float(row["factor"])
        except ValueError as exc:
            raise LexiconError(f"lexicon units.tsv: {row['unit']}: factor {row['factor']!r} is not a number") from exc
        if row["unit"] in out:
            raise LexiconError(f"lexicon units.tsv: unit {row['unit']!r} listed twice")
        out[row["unit"]] = Unit(row["unit"], row["canonical"], factor, row["dimension"])
    return out


@dataclass(frozen=True, slots=True)
class Plausible:
    indicator: str  # an id, or * for any
    measure: str
    unit: str
    min: float
    max: float
    note: str = ""


_MEASURES = frozenset({"level", "growth", "growth_avg", "growth_cum", "change", "share", "rank"})


@cache
def plausible() -> tuple[Plausible, ...]:
    """Plausible value ranges by indicator, measure and unit (``plausible.tsv``), validated."""
    ids = set(indicators())
    canonical = {u.canonical for u in units().values()} | {"位"}
    out = []
    for row in read_tsv("plausible.tsv"):
        where = f"lexicon plausible.tsv: {row['indicator']} {row['measure']}"
        if row["indicator"] != "*" and row["indicator"] not in ids:
            raise LexiconError(f"{where}: unknown indicator")
        if row["measure"] not in _MEASURES or row["unit"] not in canonical:
            raise LexiconError(f"{where}: unknown measure or unit {row['unit']!r}")
        try:
            lo, hi = float(row["min"]), float(row["max"])
        except ValueError as exc:
            raise LexiconError(f"{where}: min and max must be numbers") from exc
        if lo > hi:
            raise LexiconError(f"{where}: min {lo} > max {hi}")
        out.append(Plausible(row["indicator"], row["measure"], row["unit"], lo, hi, row["note"]))
    return tuple(out)


@cache
def cues() -> dict[str, Any]:
    data = read_yaml("cues.yaml")
    for key in ("bound_prefix", "bound_suffix", "measure", "kind", "rank_scope", "rank_verbs", "glue"):
        if key not in data:
            raise LexiconError(f"lexicon cues.yaml: missing section {key!r}")
    return data
