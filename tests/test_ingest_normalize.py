"""clean_text and matching_view on real reports and on tables of input → expected."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest
from shared_paths import SHARED

from govreport.ingest import clean_text, matching_view
from govreport.ingest.boilerplate import is_boilerplate
from govreport.ingest.normalize import reflow

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
CORPUS = sorted((SHARED / "corpus").glob("*/*.txt"))
pytestmark = pytest.mark.skipif(not SEEDS, reason="shared/seeds not found")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # glued romanisation goes, in either script and either bracket width
        ("全省統(tǒng)計數據", "全省統計數據"),
        ("统（tǒng）计局", "统计局"),
        ("人口普查(pu3)工作", "人口普查工作"),
        # acronyms and units in brackets stay
        ("国内生产总值(GDP)增长5%", "国内生产总值(GDP)增长5%"),
        ("面积(km)为", "面积(km)为"),
        # footnote markers glued after a character, quote or % go
        ("实施乡村振兴战略[1],推进", "实施乡村振兴战略,推进"),
        ("“六稳”〔2〕工作", "“六稳”工作"),
        ("增长7.5%［3］。", "增长7.5%。"),
        ("完成任务。[12]", "完成任务。"),
        # list numbering and document numbers stay
        ("主要是：[1]坚持", "主要是：[1]坚持"),
        ("（1）做好就业", "（1）做好就业"),
        ("豫政〔2021〕1号", "豫政〔2021〕1号"),
        ("①稳就业；②保民生", "①稳就业；②保民生"),
        # invisible characters, NBSP, ideographic and repeated spaces
        ("生产\u200b总值\u200d增长\ufeff", "生产总值增长"),
        ("\u3000\u3000各位代表：\u00a0", "各位代表："),
        ("县长\u3000\u3000张团结", "县长 张团结"),
        # HTML entities and markdown marks
        ("增长&nbsp;5%&amp;以上&#12290;", "增长 5%&以上。"),
        ("# 政府工作报告", "政府工作报告"),
        ("<p>第一段。</p><p>第二段<span style='x'>增长</span>5%。<br/>第三段。", "第一段。\n第二段增长5%。\n第三段。"),
        ("PM2.5浓度<35微克/立方米，优良天数比例>85%", "PM2.5浓度<35微克/立方米，优良天数比例>85%"),
        ("**扛稳粮食安全重任。**认真落实", "扛稳粮食安全重任。认真落实"),
        # blank lines and page numbers go; the fragment marker stays
        ("第一段。\n\n\n第二段。", "第一段。\n第二段。"),
        ("第一段。\n— 3 —\n-12-\n第 4 页 共 20 页\n第二段。", "第一段。\n第二段。"),
        ("(上接第二版)加快推进", "(上接第二版)加快推进"),
    ],
)
def test_clean_text_table(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("首页 >> 政务公开 >> 工作报告", True),
        ("当前位置：首页 > 新闻中心", True),
        ("来源: 西平县人民政府 发布时间: 2022-04-21 浏览次数:", True),
        ("【字号：加大 还原 减小】", True),
        ("下载 打印 全屏 收藏", True),
        ("分享到：微信 微博", True),
        ("本文地址:/baogao/huazhong/6515.html", True),
        ("留言与评论(共有 条评论)", True),
        ("验证码:", True),
        ("西平县人民政府版权所有     豫ICP备05001167号     网站标识码:4117210001", True),
        ("首页 政务公开 新闻中心 办事服务 互动交流", True),
        ("首页|政务公开|新闻中心|办事服务", True),
        ("云南要闻", True),
        ("宁夏日报客户端", True),
        ("2026-02-03 09:02:33", True),
        ("时间：2026-02-12", True),
        ("】", True),
        ("省长刘小涛代表省人民政府向大会作政府工作报告。本报记者 朱江 摄", True),
        # report lines, some of them short and unpunctuated, are kept
        ("政 府 工 作 报 告", False),
        ("——2021年3月30日在民权县第十五届人民代表大会第五次会议上", False),
        ("民权县人民政府县长  张团结", False),
        ("各位代表：", False),
        ("一、2020年及“十三五”工作回顾", False),
        ("(上接第二版)加快推进“五个振兴”", False),
        ("加强政务公开，畅通政民互动渠道，来源可溯、去向可查。", False),
    ],
)
def test_boilerplate_lines(line: str, furniture: bool) -> None:
    assert is_boilerplate(line) is furniture


def test_seed_furniture_removed() -> None:
    """Seeds 002 and 004 are pages saved as text: their head and tail furniture goes, the report stays."""
    s4 = clean_text((SHARED / "seeds" / "004_18f387ea83068a96.txt").read_text(encoding="utf-8")).splitlines()
    assert s4[0] == "工作报告" and s4[1] == "西平县2022年政府工作报告"
    assert s4[-1].startswith("32.一岗双责")
    s2 = clean_text((SHARED / "seeds" / "002_169e54f75cef3fbb.txt").read_text(encoding="utf-8")).splitlines()
    assert s2[0].startswith("(河南省)新郑市人民政府工作报告")
    assert s2[-1].startswith("扎实开展文体惠民")


def _cleaned_lines(raw: str) -> set[str]:
    return {clean_text(line, boilerplate=False) for line in raw.splitlines()} - {""}


_WHOLE = SEEDS + [p for p in CORPUS if "province" in p.parent.name]
_SCRAPED = [p for p in CORPUS if p not in _WHOLE]  # wiki pages: every link on a line of its own


def _joined_at_punctuation(line: str, pieces: list[str]) -> bool:
    """``line`` is consecutive ``pieces`` joined where one ends with a comma or the next starts with one
    (a paragraph the source broke after "，": the repair layer re-joins it)."""
    from govreport.ingest.repair import CLOSE_START, OPEN_END

    for i in range(len(pieces)):
        rest, k = line, i
        while k < len(pieces) and pieces[k] and rest.startswith(pieces[k]):
            rest = rest[len(pieces[k]) :]
            if not rest:
                return k > i
            if not (pieces[k].endswith(OPEN_END) or rest.startswith(CLOSE_START)):
                break
            k += 1
    return False


@pytest.mark.parametrize("path", _WHOLE, ids=lambda p: p.name)
def test_paragraph_per_line_text_is_not_reflowed(path: Path) -> None:
    """Real one-paragraph-per-line reports: every output line is one input line (nothing joined),
    except a paragraph the source broke at a comma, which is re-joined."""
    raw = path.read_text(encoding="utf-8")
    out = clean_text(raw).splitlines()
    pieces = [clean_text(line, boilerplate=False) for line in raw.splitlines()]
    pieces = [p for p in pieces if p]
    extra = [line for line in set(out) - _cleaned_lines(raw) if not _joined_at_punctuation(line, pieces)]
    assert out and not extra, extra[:3]
    assert all(line.strip() == line and line for line in out)


@pytest.mark.parametrize("path", _SCRAPED, ids=lambda p: p.name)
def test_scraped_fragments_only_joined(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Wiki pages broken at every link: lines are only re-joined, never cut, dropped or reordered."""
    from govreport.ingest import normalize

    raw = path.read_text(encoding="utf-8")
    joined = clean_text(raw).splitlines()
    monkeypatch.setattr(normalize, "rejoin_fragments", lambda lines: lines)
    plain = clean_text(raw).splitlines()
    assert "".join(joined).replace(" ", "") == "".join(plain).replace(" ", "")
    assert len(joined) <= len(plain)


def _hard_wrap(text: str, width: int) -> str:
    lines = []
    for para in text.splitlines():
        lines.extend(para[i : i + width] for i in range(0, len(para), width))
    return "\n".join(lines)


def _breaks(lines: list[str]) -> set[int]:
    """Offsets in the joined text where a line ends."""
    out, at = set(), 0
    for line in lines:
        at += len(line)
        out.add(at)
    return out


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_hard_wrapped_text_is_reflowed(path: Path) -> None:
    """A seed hard-wrapped at 38 characters (as a PDF copy) comes back one paragraph per line.

    A wrapped line that happens to end a sentence (。！？：；”) may stay a break, by design.
    """
    paras = clean_text(path.read_text(encoding="utf-8")).splitlines()
    wrapped = _hard_wrap("\n".join(paras), 38)
    assert len(wrapped.splitlines()) > 1.5 * len(paras)
    back = clean_text(wrapped).splitlines()
    joined = "".join(paras)
    assert "".join(back) == joined
    orig, got = _breaks(paras), _breaks(back)
    extra = {b for b in got - orig if joined[b - 1] not in "。！？：；”!?:;"}
    assert not extra, [joined[b - 20 : b + 5] for b in sorted(extra)]
    lost = orig - got
    assert len(lost) <= 0.05 * len(orig), [joined[b - 20 : b + 5] for b in sorted(lost)]
    # short head lines (title, date line, speaker) are never glued together
    short_heads = [p for p in paras[:8] if len(p) < 30]
    assert all(p in back for p in short_heads)


def test_reflow_joins_only_wrapped_lines() -> None:
    wrapped = [
        "一、2020年工作回顾",
        "2020年是极不平凡的一年。全县生产总值完成275.5亿元，固定资产投",
        "资增长1.8%，一般公共预算收入完成11.3亿元，同比增长4%，税收收入",
        "完成7.9亿元。",
        "（一）万众一心、科学应对，疫情防控扎实有效。",
        "扛牢疫情防控政治责任。成立疫情防控指挥部，对全县疫情防控工作进行",
        "统一指挥，19个乡镇和529个行政村也迅速成立了相应的防控组织，县级",
        "（二）以保促稳、稳中求进，经济实现逆势增长。",
    ]
    assert reflow(wrapped) == [
        "一、2020年工作回顾",
        "2020年是极不平凡的一年。全县生产总值完成275.5亿元，固定资产投资增长1.8%，"
        "一般公共预算收入完成11.3亿元，同比增长4%，税收收入完成7.9亿元。",
        "（一）万众一心、科学应对，疫情防控扎实有效。",
        "扛牢疫情防控政治责任。成立疫情防控指挥部，对全县疫情防控工作进行统一指挥，19个乡镇和529个行政村"
        "也迅速成立了相应的防控组织，县级",
        "（二）以保促稳、稳中求进，经济实现逆势增长。",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("２０２１年ＧＤＰ增长５．５％", "2021年GDP增长5.5%"),
        ("（一）各位代表：", "(一)各位代表:"),
        ("經濟發展統計數據", "经济发展统计数据"),
        ("國內生產總值增長", "国内生产总值增长"),
        ("幹部隊伍", "干部队伍"),
        # characters in use in simplified text are kept as they are
        ("显著提高，著力推进", "显著提高，著力推进"),
        ("\u3000县长", " 县长"),
        ("…——“”", "…——“”"),
    ],
)
def test_matching_view_table(text: str, expected: str) -> None:
    view = matching_view(text)
    assert len(view) == len(text)
    # full-width punctuation is made half-width except where the expected text keeps it
    assert view == expected or view == expected.replace("，", ",")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_matching_view_of_traditional_seed_is_the_simplified_view(path: Path) -> None:
    """OpenCC s2t then our view: nearly every character comes back to the simplified view."""
    text = clean_text(path.read_text(encoding="utf-8"))
    trad = opencc.OpenCC("s2t").convert(text)
    assert len(trad) == len(text)
    a, b = matching_view(text), matching_view(trad)
    assert len(b) == len(trad)
    differ = sum(x != y for x, y in zip(a, b, strict=True))
    assert trad != text and differ <= 0.002 * len(text), differ


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"prefix": "首页"}, "'prefix' must be a list of non-empty strings"),
        ({"exact": ["导航 菜单"]}, "must be half-width with no spaces"),
        ({"contains": ["来源："]}, "must be half-width with no spaces"),
        ({"patterns": ["(unclosed"]}, "bad pattern"),
        ({"tail_share": 1.5}, "'tail_share' must be a number between 0 and 1"),
        ({"contains_max_len": 0}, "'contains_max_len' must be a positive integer"),
    ],
)
def test_boilerplate_lexicon_is_validated(change: dict, message: str) -> None:
    from importlib import resources

    import yaml

    from govreport.errors import LexiconError
    from govreport.ingest.boilerplate import _validate

    data = yaml.safe_load((resources.files("govreport") / "lexicons" / "boilerplate.yaml").read_text("utf-8"))
    _validate(data, "boilerplate.yaml")  # the shipped file is valid
    with pytest.raises(LexiconError, match=re.escape(message)):
        _validate(data | change, "boilerplate.yaml")
