"""A long fuzz run of ``govreport.extract`` on mutated report text (the short gate is tests/test_fuzz.py).

    .venv/bin/python scripts/fuzz.py [--cases 1000000] [--jobs 2] [--per-case-timeout 2] [--seed 1]
                                     [--out fuzz-out] [--shared ../shared]

Each case is a random slice of real paragraphs (../shared/seeds and corpus) with random mutations:
digits, Chinese numerals, units, bound words (约 近 超 逾 以上 左右 多 余), line breaks (also
``<br>`` and ``\\r\\n``), punctuation, traditional and full-width characters, lone surrogates, long
digit runs, repeated 万/亿, heading marks. Most cases are 5–400 characters (median ~50), 1 in 300 up to 20 KB.
Case ``i`` of seed ``s`` is always the same text, so a reproducer names (seed, index) and holds the text.

Every case must finish within the time limit (``signal.setitimer`` in the worker) and give either a
``GovReportError`` (a rejected input) or a report whose spans are valid: inside the text, start < end,
a fact's span holding a digit or numeral and no line break, finite values, and ``to_json()`` encodable
as UTF-8 (checked on every input holding a surrogate and on every 8th other one). A crash, a hang or a bad span is saved as ``<kind>-<seed>-<index>.json`` in ``--out``.
At the end it prints cases, crashes, hangs, bad spans, rejected inputs and cases/s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import re
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from multiprocessing.pool import Pool
from pathlib import Path
from types import FrameType

import govreport
from govreport.errors import GovReportError
from govreport.integrity import span_problems

NUMERALS = "0123456789零〇一二两三四五六七八九十百千万亿几"
CN = "零〇一二两三四五六七八九十百千万亿"
UNITS = ["%", "个百分点", "元", "万元", "亿元", "美元", "人", "万人", "亩", "公顷", "平方米", "吨", "万吨", "千瓦时",
         "公里", "米", "个", "项", "家", "所", "倍", "位", "名", "年", "月", "天", "户", "辆", "套", "座", "斤"]
BOUNDS = ["约", "近", "超", "逾", "超过", "以上", "左右", "多", "余", "不低于", "不超过", "力争", "节约", "条约", "至少有"]
BREAKS = ["\n", "\n\n", "\r\n", "<br>", "<br/>", "</p><p>", "\u2028", "\x0c"]
PUNCT = list("。，、；：！？%％—～-~（）()“”《》.,;:!?·… \u3000\t")
TRADITIONAL = list("萬億與為長產業區縣約經濟發展總計劃額達億萬兩個農糧鐵進標準實現項醫療穩財稅")
WORDS = ["增长", "下降", "提高", "年均增长", "生产总值", "地区生产总值", "城镇新增就业", "居民人均可支配收入",
         "一般公共预算收入", "分别", "同比", "比上年", "占", "比重", "居全省第", "第", "首位", "由", "增加到",
         "新建", "完成", "改造", "力争", "确保", "目标", "预期", "2025年", "2026年", "“十四五”", "五个振兴",
         "两不愁三保障", "一、", "（二）", "3.", "**", "——", "政府工作报告", "市长", "全市", "全县", "今年"]
LONE = ["\ud800", "\udfff", "\udc00", "\ud83d"]


def load_paragraphs(shared: Path) -> list[str]:
    paras: list[str] = []
    for folder in ("seeds", "corpus"):
        for f in sorted((shared / folder).rglob("*.txt")):
            paras += [p for p in f.read_text(encoding="utf-8", errors="replace").split("\n") if p.strip()]
    if not paras:
        raise SystemExit(f"no paragraphs under {shared}/seeds or {shared}/corpus")
    return paras


def _token(rng: random.Random) -> str:
    kind = rng.randrange(13)
    if kind in (8, 9) and rng.random() < 0.7:
        kind = 12  # long runs are costly to run: keep them to about 1 insertion in 40
    if kind == 0:
        return "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 8))) + rng.choice(["", ".", ".5", ","])
    if kind == 1:
        return "".join(rng.choice(CN) for _ in range(rng.randint(1, 6)))
    if kind == 2:
        return rng.choice(UNITS)
    if kind == 3:
        return rng.choice(BOUNDS)
    if kind == 4:
        return rng.choice(BREAKS)
    if kind == 5:
        return rng.choice(PUNCT)
    if kind == 6:
        return rng.choice(TRADITIONAL)
    if kind == 7:
        return rng.choice(LONE)
    if kind == 8:  # a long run of digits or of one numeral
        return rng.choice("1９一十") * rng.randint(30, 2000)
    if kind == 9:
        return rng.choice(["一", "1", "十", ""]) + rng.choice("万亿") * rng.randint(2, 1200)
    if kind == 10:
        return chr(0xFF10 + rng.randrange(10))  # a full-width digit
    if kind == 11:
        return rng.choice(BOUNDS) + rng.choice(BREAKS) + str(rng.randint(1, 999)) + rng.choice(UNITS)
    return rng.choice(WORDS)


def make_case(paras: list[str], seed: int, index: int) -> str:
    """Case ``index`` of ``seed``: a slice of real text, mutated."""
    rng = random.Random(seed * 1_000_003 + index)
    big = rng.random() < 0.003
    length = rng.randint(400, 20_000) if big else int(5 + rng.random() ** 3 * 395)  # median ~50
    start = rng.randrange(len(paras))
    pieces, n = [], 0
    for k in range(len(paras)):
        p = paras[(start + k) % len(paras)]
        pieces.append(p)
        n += len(p) + 1
        if n > length + 200:
            break
    joined = "\n".join(pieces)
    off = rng.randrange(max(1, len(joined) - length))
    chars = list(joined[off : off + length])
    for _ in range(rng.randint(0, 6 if not big else 40)):
        op = rng.random()
        at = rng.randint(0, len(chars))
        if op < 0.75:
            chars[at:at] = list(_token(rng))
        elif op < 0.9 and chars:
            del chars[at : at + rng.randint(1, 20)]
        elif chars:
            chars[at:at] = chars[max(0, at - 30) : at]  # a repeated stretch
    return "".join(chars)


_SURROGATE = re.compile("[\ud800-\udfff]")


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` in the code swallows it."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


_PARAS: list[str] = []


def _init(shared: str) -> None:
    global _PARAS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run; a worker only runs cases
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _PARAS = load_paragraphs(Path(shared))
    signal.signal(signal.SIGALRM, _alarm)
    # load lexicons, grammars and jieba's word list (1-2 s) before any clock runs
    govreport.extract("全市生产总值增长6.5%左右，坚持两不愁三保障，一方面")


def run_case(seed: int, index: int, timeout: float) -> tuple[str, str, str]:
    """(outcome, detail, text): outcome is ok | rejected | crash | hang | bad."""
    text = make_case(_PARAS, seed, index)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        report = govreport.extract(text)
        # the JSON (a third of a case's cost) on every input with a surrogate and every 8th other one
        bad = span_problems(report, json_check=index % 8 == 0 or _SURROGATE.search(text) is not None)
    except _Timeout:
        return "hang", f"over {timeout} s", text
    except GovReportError as exc:
        return "rejected", str(exc)[:200], ""
    except Exception:  # the point is to catch every crash
        return "crash", traceback.format_exc(limit=8), text
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return ("bad", "; ".join(bad[:5]), text) if bad else ("ok", "", "")


def _chunk(args: tuple[int, int, int, float]) -> tuple[int, list[tuple[int, str, str, str]]]:
    seed, first, count, timeout = args
    found = []
    for i in range(first, first + count):
        outcome, detail, text = run_case(seed, i, timeout)
        if outcome != "ok":
            found.append((i, outcome, detail, text if outcome != "rejected" else ""))
    return count, found


def _chunks(seed: int, cases: int, size: int, timeout: float) -> Iterator[tuple[int, int, int, float]]:
    for first in range(0, cases, size):
        yield seed, first, min(size, cases - first), timeout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--per-case-timeout", type=float, default=2.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("fuzz-out"))
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--chunk", type=int, default=500, help="cases per task sent to a worker")
    args = ap.parse_args(argv)
    counts = {"ok": 0, "rejected": 0, "crash": 0, "hang": 0, "bad": 0}
    t0 = time.perf_counter()
    ctx = mp.get_context("fork")
    stopped = False
    signal.signal(signal.SIGTERM, _stop)  # kill PID (or Ctrl-C): stop and print the summary so far
    try:
        with ctx.Pool(args.jobs, initializer=_init, initargs=(str(args.shared),)) as pool:
            done, saved = _collect(pool, args, counts)
    except _Stopped as stop:
        stopped = True
        done, saved = stop.args
    elapsed = time.perf_counter() - t0
    print(f"cases {done:,}  crashes {counts['crash']}  hangs {counts['hang']}  bad spans {counts['bad']}  "
          f"rejected inputs {counts['rejected']}  ok {counts['ok']:,}" + ("  (stopped early)" if stopped else ""))
    print(f"seed {args.seed}  jobs {args.jobs}  per-case timeout {args.per_case_timeout} s  "
          f"{elapsed:,.0f} s  {done / elapsed:,.0f} cases/s  reproducers: {saved} in {args.out}")
    return 1 if counts["crash"] or counts["hang"] or counts["bad"] else 0


class _Stopped(Exception):
    pass


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _collect(pool: Pool, args: argparse.Namespace, counts: dict[str, int]) -> tuple[int, int]:
    """Run the cases on ``pool``, counting outcomes and saving reproducers: (cases done, files saved)."""
    t0 = time.perf_counter()
    done = saved = 0
    next_report = 0.0
    try:
        for count, found in pool.imap_unordered(_chunk, _chunks(args.seed, args.cases, args.chunk,
                                                                args.per_case_timeout)):
            done += count
            counts["ok"] += count - len(found)
            for index, outcome, detail, text in found:
                counts[outcome] += 1
                if outcome == "rejected" or saved >= 1000:
                    continue
                args.out.mkdir(parents=True, exist_ok=True)
                # ensure_ascii keeps lone surrogates writable (as \\udXXX escapes)
                (args.out / f"{outcome}-{args.seed}-{index}.json").write_text(json.dumps(
                    {"seed": args.seed, "index": index, "outcome": outcome, "detail": detail, "text": text},
                    ensure_ascii=True, indent=1), encoding="utf-8")
                saved += 1
                print(f"{outcome} at case {index}: {detail.strip().splitlines()[-1][:160]}", file=sys.stderr)
            elapsed = time.perf_counter() - t0
            if elapsed >= next_report:
                print(f"  {done:,} cases, {done / elapsed:,.0f}/s, {counts['crash']} crashes, {counts['hang']} hangs, "
                      f"{counts['bad']} bad", file=sys.stderr, flush=True)
                next_report = elapsed + 60
    except KeyboardInterrupt:
        pool.terminate()
        raise _Stopped(done, saved) from None
    return done, saved


if __name__ == "__main__":
    sys.exit(main())
