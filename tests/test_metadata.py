"""Metadata on real reports (seeds, corpus) and on a table of synthetic header variants."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from shared_paths import SHARED

from govreport.errors import LexiconError
from govreport.ingest import Document, clean_text, matching_view, read_source
from govreport.metadata import extract_meta
from govreport.metadata.cues import evidence, load_cues, npc_year, parse_cues, plan_start, year_from_cues
from govreport.metadata.gazetteer import load_gazetteer, parse_gazetteer, parse_nicknames
from govreport.metadata.header import cn_int
from govreport.metadata.news import stamp_year
from govreport.model import DocMeta

CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"

needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared data not beside the repo")


def meta_of_path(path: Path) -> DocMeta:
    doc = read_source(path)
    return extract_meta(doc, matching_view(doc.text))


def meta_of_text(raw: str) -> DocMeta:
    text = clean_text(raw)
    return extract_meta(Document(text=text, name="t"), matching_view(text))


def _sources() -> list[dict[str, str]]:
    path = CORPUS / "SOURCES.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


# -- the corpus: 66 real reports, region / level / year from SOURCES.tsv ------------------------

# The 1982 report (the 6th five-year plan) has no title block; it is dated by the session whose
# report it recalls (在五届人大四次会议上，国务院在政府工作报告中提出…: 1981, so this one is 1982).
@needs_shared
@pytest.mark.parametrize("row", _sources(), ids=lambda r: r["file"])
def test_corpus_region_level_year(row: dict[str, str]) -> None:
    m = meta_of_path(CORPUS / row["file"])
    assert (m.region, m.level, m.report_year) == (row["region"], row["level"], int(row["report_year"]))
    assert m.plan_year == m.report_year
    assert m.partial is (row["completeness"] != "full")
    if m.level == "national":
        assert (m.province, m.city, m.county, m.admin_code) == (None, None, None, None)
    else:
        assert m.province == row["region"] and m.admin_code and m.admin_code.endswith("0000")


# Checked by hand against the title block of each text.
SPEAKERS = [
    ("national/national_1957.txt", "周恩来", None, "1957-06-26"),
    ("national/national_2017.txt", "李克强", "总理", "2017-03-05"),  # title broken: 政府工作报\n告
    ("national/national_2021.txt", "李克强", "总理", "2021-03-05"),
    ("national/national_2022.txt", "李克强", "总理", "2022-03-05"),
    ("province-2026/河南省_2026.txt", "王凯", "省长", "2026-01-26"),
    ("province-2026/云南省_2026.txt", "王予波", "省长", "2026-01-28"),
    ("province-2026/北京市_2026.txt", "殷勇", "市长", "2026-01-25"),
    ("province-2026/内蒙古自治区_2026.txt", "包钢", "主席", "2026-02-04"),
    ("province-2026/新疆维吾尔自治区_2026.txt", "艾尔肯·吐尼亚孜", "主席", "2026-01-27"),
    ("province-2026/湖南省_2026.txt", "毛伟明", None, "2026-02-03"),  # the name alone under the date line
]


@needs_shared
@pytest.mark.parametrize(("file", "speaker", "title", "date"), SPEAKERS, ids=[s[0] for s in SPEAKERS])
def test_corpus_speaker_and_date(file: str, speaker: str, title: str | None, date: str) -> None:
    m = meta_of_path(CORPUS / file)
    assert m.speaker == speaker
    if title:
        assert m.speaker_title == title
    assert m.date == date


@needs_shared
def test_national_sessions_and_review_periods() -> None:
    m = meta_of_path(CORPUS / "national/national_2022.txt")
    assert m.session == "第十三届全国人民代表大会第五次会议" and m.review_period == "2021"
    assert meta_of_path(CORPUS / "national/national_2017.txt").title == "政府工作报告"
    m = meta_of_path(CORPUS / "national/national_2003.txt")  # a new State Council: five-year review
    assert (m.report_year, m.review_period) == (2003, "1998-2002")


# -- the seeds against the gold answers --------------------------------------------------------


def _gold_docs() -> list[dict]:
    path = SHARED / "gold/dev/docs.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@needs_shared
@pytest.mark.parametrize("gold", _gold_docs(), ids=lambda g: g["doc"])
def test_seed_matches_gold(gold: dict) -> None:
    m = meta_of_path(SEEDS / f"{gold['doc']}.txt")
    got = {k: getattr(m, k) for k in gold if k != "doc"}
    assert got == {k: v for k, v in gold.items() if k != "doc"}


@needs_shared
def test_seed_codes_and_titles() -> None:
    assert meta_of_path(SEEDS / "003_d19a3fbfac6a3ffe.txt").admin_code == "411421"
    m = meta_of_path(SEEDS / "004_18f387ea83068a96.txt")
    # the site chrome says 发布时间: 2022-04-21; the report was given on 20 April
    assert (m.title, m.date, m.admin_code) == ("西平县2022年政府工作报告", "2022-04-20", "411721")


# -- synthetic header variants -----------------------------------------------------------------

BODY = (
    "各位代表：\n现在，我代表{gov}人民政府，向大会报告工作，请予审议。\n一、过去一年工作回顾\n"
    + "全{w}经济运行稳中有进。" * 5
    + "\n各位代表！让我们团结一心，为全面建设社会主义现代化而努力奋斗！"
)


def report(head: str, gov: str = "市", w: str = "市") -> str:
    return head + "\n" + BODY.format(gov=gov, w=w)


HEADERS = [
    (  # the usual block, em dashes
        report(
            "政府工作报告\n——2020年5月12日在平顶山市第十一届人民代表大会第三次会议上\n平顶山市人民政府市长 张雷明"
        ),
        dict(
            region="平顶山市",
            level="city",
            province="河南省",
            city="平顶山市",
            county=None,
            admin_code="410400",
            report_year=2020,
            date="2020-05-12",
            speaker="张雷明",
            speaker_title="市长",
            review_period="2019",
            session="平顶山市第十一届人民代表大会第三次会议",
            partial=False,
        ),
    ),
    (  # Chinese-numeral date, ASCII dashes, 省长
        report(
            "政府工作报告\n--二〇二六年一月二十日在河南省第十四届人民代表大会第四次会议上\n河南省人民政府省长  王凯",
            "省",
            "省",
        ),
        dict(
            region="河南省",
            level="province",
            province="河南省",
            city=None,
            report_year=2026,
            date="2026-01-20",
            speaker="王凯",
            speaker_title="省长",
            review_period="2025",
        ),
    ),
    (  # no dashes, bracketed line, 代市长, first session → five-year review
        report("政府工作报告\n（2021年4月8日在新郑市第十六届人民代表大会第一次会议上）\n代市长 李四"),
        dict(
            region="新郑市",
            level="county",
            province="河南省",
            city="郑州市",
            county="新郑市",
            report_year=2021,
            date="2021-04-08",
            speaker="李四",
            speaker_title="代市长",
            review_period="2016-2020",
        ),
    ),
    (  # full-width dashes, a district: 区长
        report(
            "政府工作报告\n－－2023年1月6日在郑州市金水区第十六届人民代表大会第三次会议上\n金水区人民政府区长 王五",
            "区",
            "区",
        ),
        dict(
            region="金水区",
            level="district",
            province="河南省",
            city="郑州市",
            county="金水区",
            admin_code="410105",
            speaker_title="区长",
            report_year=2023,
        ),
    ),
    (  # an autonomous prefecture: 州长
        report(
            "政府工作报告\n——2024年1月9日在延边朝鲜族自治州第十六届人民代表大会第三次会议上\n州长 金某某",
            "州",
            "州",
        ),
        dict(
            region="延边朝鲜族自治州",
            level="city",
            province="吉林省",
            city="延边朝鲜族自治州",
            county=None,
            speaker="金某某",
            speaker_title="州长",
        ),
    ),
    (  # a league: 盟长 of the 行政公署
        report("2024年锡林郭勒盟政府工作报告\n锡林郭勒盟行政公署盟长 张三", "盟", "盟"),
        dict(
            region="锡林郭勒盟",
            level="city",
            province="内蒙古自治区",
            city="锡林郭勒盟",
            report_year=2024,
            date=None,
            speaker="张三",
            speaker_title="盟长",
            review_period="2023",
        ),
    ),
    (  # an autonomous county
        report(
            "政府工作报告\n——2022年1月5日在长阳土家族自治县第十届人民代表大会第一次会议上\n县长 覃某",
            "县",
            "县",
        ),
        dict(
            region="长阳土家族自治县",
            level="county",
            province="湖北省",
            city="宜昌市",
            county="长阳土家族自治县",
            review_period="2017-2021",
        ),
    ),
    (  # a banner: 旗长
        report(
            "政府工作报告\n——2023年1月10日在准格尔旗第十八届人民代表大会第三次会议上\n准格尔旗人民政府旗长 高某",
            "旗",
            "旗",
        ),
        dict(
            region="准格尔旗",
            level="county",
            province="内蒙古自治区",
            city="鄂尔多斯市",
            speaker_title="旗长",
        ),
    ),
    (  # a district of a municipality: city is the municipality
        report(
            "政府工作报告\n——2022年1月5日在重庆市涪陵区第十八届人民代表大会第一次会议上\n涪陵区人民政府区长 赵六",
            "区",
            "区",
        ),
        dict(
            region="涪陵区",
            level="district",
            province="重庆市",
            city="重庆市",
            county="涪陵区",
            admin_code="500102",
        ),
    ),
    (  # a repeated district name, disambiguated by the city named in the text
        report("政府工作报告\n——2021年1月8日在鼓楼区第十七届人民代表大会第五次会议上\n区长 钱七", "区", "区")
        + "\n在中共福州市委的坚强领导下，福州市鼓楼区全区上下团结奋斗。",
        dict(region="鼓楼区", level="district", province="福建省", city="福州市", admin_code="350102"),
    ),
    (  # the same name without context: left unresolved
        report("政府工作报告\n——2021年1月8日在鼓楼区第十七届人民代表大会第五次会议上\n区长 钱七", "区", "区"),
        dict(region="鼓楼区", level="district", province=None, city=None, admin_code=None),
    ),
    (  # a local title block wins over national-sounding words in the body
        report("政府工作报告\n——2019年1月8日在许昌市第七届人民代表大会第四次会议上\n市长 史某")
        + "\n国务院决定在我市设立示范区，受国务院委托开展试点，全国领先。",
        dict(region="许昌市", level="city", province="河南省", report_year=2019, review_period="2018"),
    ),
    (  # historic names: 襄樊市 (襄阳市 since 2010), 淮阳县 (淮阳区 since 2019); the date after the session
        report("2008年襄樊市政府工作报告\n——在襄樊市第十四届人民代表大会第二次会议上（2008年1月10日）"),
        dict(
            region="襄樊市",
            level="city",
            province="湖北省",
            city="襄樊市",
            admin_code="420600",
            report_year=2008,
            date="2008-01-10",
            title="2008年襄樊市政府工作报告",
        ),
    ),
    (
        report("二〇一五年淮阳县人民政府工作报告\n县长 王某", "县", "县"),
        dict(
            region="淮阳县", level="county", city="周口市", admin_code="411626", report_year=2015, date=None
        ),
    ),
    (  # spaced title words, a spaced two-character name, 十一届人大三次会议
        report(
            "政 府 工 作 报 告\n——2020年5月12日在平顶山市十一届人大三次会议上\n平顶山市人民政府市长  张  三"
        ),
        dict(
            region="平顶山市",
            title="政府工作报告",
            speaker="张三",
            session="平顶山市十一届人大三次会议",
            review_period="2019",
        ),
    ),
    (  # a colon after the title, 代理市长
        report(
            "政府工作报告\n——2019年1月8日在开封市第十五届人民代表大会第四次会议上\n开封市人民政府代理市长：高某某"
        ),
        dict(region="开封市", speaker="高某某", speaker_title="代理市长"),
    ),
    (  # site chrome: the publication date is not the report date
        report(
            "来源: 西平县人民政府 发布时间: 2022-04-21\n西平县2022年政府工作报告\n西平县人民政府县长 侯公涛",
            "县",
            "县",
        ),
        dict(region="西平县", city="驻马店市", report_year=2022, date=None, speaker="侯公涛"),
    ),
    (  # national
        "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n"
        "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2023年工作回顾\n……\n为实现中华民族伟大复兴而不懈奋斗！",
        dict(
            region="全国",
            level="national",
            province=None,
            city=None,
            admin_code=None,
            report_year=2024,
            date="2024-03-05",
            speaker="李强",
            speaker_title="总理",
            session="第十四届全国人民代表大会第二次会议",
            review_period="2023",
        ),
    ),
]


@pytest.mark.parametrize(("raw", "expected"), HEADERS, ids=[f"h{i}" for i in range(len(HEADERS))])
def test_header_variants(raw: str, expected: dict) -> None:
    m = meta_of_text(raw)
    assert {k: getattr(m, k) for k in expected} == expected


FRAGMENTS = [
    # page markers and body cues; year from anniversaries and five-year-plan openings
    (
        "（上接第二版）全市上下要以优异成绩庆祝建党100周年，在中共平顶山市委坚强领导下奋力谱写鹰城篇章。" * 2,
        dict(partial=True, region="平顶山市", level="city", report_year=2021, review_period=None),
    ),
    (
        "扛稳粮食安全责任，奋力实现“十五五”良好开局。全县上下要在中共民权县委领导下团结奋斗。" * 2,
        dict(partial=True, region="民权县", city="商丘市", report_year=2026),
    ),
    (
        "加快城市更新，2023年经济社会发展主要预期目标是：地区生产总值增长6%左右。全市要在泉城建设上久久为功。泉城"
        * 2,
        dict(partial=True, region="济南市", report_year=2023),
    ),
    (
        "推进乡村振兴，加强基础设施建设，全县上下团结一心，努力完成各项任务。" * 3,
        dict(partial=True, region=None, report_year=None),
    ),
]


@pytest.mark.parametrize(("raw", "expected"), FRAGMENTS, ids=[f"f{i}" for i in range(len(FRAGMENTS))])
def test_fragments(raw: str, expected: dict) -> None:
    m = meta_of_text(raw)
    assert {k: getattr(m, k) for k in expected} == expected


@pytest.mark.parametrize(
    ("s", "n"),
    [
        ("2026", 2026),
        ("二〇二六", 2026),
        ("一九八○", 1980),
        ("二十", 20),
        ("十三", 13),
        ("三十一", 31),
        ("十", 10),
        ("五", 5),
        ("三四", 34),
        ("年", None),
        ("", None),
    ],
)
def test_cn_int(s: str, n: int | None) -> None:
    assert cn_int(s) == n


def test_npc_and_plan_years() -> None:
    assert [npc_year(1, 1), npc_year(5, 2), npc_year(13, 5), npc_year(14, 2)] == [1954, 1979, 2022, 2024]
    assert [plan_start(1), plan_start(6), plan_start(14), plan_start(15)] == [1953, 1981, 2021, 2026]


@pytest.mark.parametrize(
    ("s", "year"),
    [
        ("一、2015年工作回顾\n过去一年……", 2016),
        ("各位代表：刚刚过去的1984年，是……", 1985),
        ("我代表国务院，向第十届全国人民代表大会第一次会议报告过去五年的工作", 2003),
        ("第九届全国人民代表大会第一次会议以来的五年，是很不平凡的五年", 2003),
        ("一、“十一五”时期国民经济和社会发展的回顾", 2011),
        ("今年是“十四五”开局之年", 2021),
        ("以优异成绩迎接新中国成立70周年", 2019),
    ],
)
def test_year_cues(s: str, year: int) -> None:
    assert year_from_cues(s, 0, len(s))[0] == year


# -- lexicons: gazetteer, nicknames, cues ------------------------------------------------------


def test_gazetteer_content() -> None:
    g = load_gazetteer()
    assert sum(p.current and p.level == "province" for p in g.places) == 34
    assert sum(p.current and p.level == "city" for p in g.places) > 330
    assert sum(p.current and p.level in ("county", "district") for p in g.places) > 2800
    henan, pds, mq = g.find("河南省")[0], g.find("平顶山市")[0], g.find("民权县")[0]
    assert (henan.short, pds.short, mq.short, mq.code) == ("河南", "平顶山", "民权", "411421")
    assert g.city_of(mq) == g.find("商丘市")[0] and g.province_of(mq) == henan
    assert g.city_of(g.find("济源市")[0]) is None  # a county-level city under the province
    assert g.find("广西壮族自治区")[0].short == "广西"
    assert g.find("双江拉祜族佤族布朗族傣族自治县")[0].short == "双江"
    xiangfan = g.find("襄樊市", year=2005)[0]  # a historic name, renamed 襄阳市 in 2010
    assert (xiangfan.until, g.by_code[xiangfan.successor].name) == (2010, "襄阳市")
    assert len(g.find("鼓楼区")) == 4
    assert g.nickname("鹰城") == pds and g.nickname("羊城") == g.find("广州市")[0]


def test_gazetteer_scan_skips_everyday_words() -> None:
    g = load_gazetteer()
    words = [h.word for h in g.scan("加强资源节约，推进乡村振兴，平顶山市和鹰城，民权县")]
    assert words == ["平顶山市", "鹰城", "民权县"]


HEAD = "code\tname\tshort\tlevel\tkind\tparent\tuntil\tsuccessor\tcommon"
PROV = "410000\t河南省\t河南\tprovince\t省\t\t\t\t"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([PROV], "header"),
        ([HEAD, "41000\t河南省\t河南\tprovince\t省\t\t\t\t"], "not 6 digits"),
        ([HEAD, PROV, "410400\t平顶山市\t平顶山\tcity\t地级市\t419900\t\t\t"], "not in the gazetteer"),
        ([HEAD, PROV, "410400\t平顶山市\t平顶山\tcity\t地级市\t410000\t\t"], "columns"),
        ([HEAD, PROV, "410400\t平顶山市\t平顶山\ttown\t地级市\t410000\t\t\t"], "level"),
        ([HEAD, PROV, PROV], "duplicate"),
        ([HEAD, PROV, "410400\t平顶山市\t鹰城\tcity\t地级市\t410000\t\t\t"], "short name"),
        ([HEAD, PROV, "410400\t平顶山市\t平顶山\tcity\t地级市\t410000\t20x0\t\t"], "until"),
        ([HEAD], "no places"),
    ],
)
def test_gazetteer_validation(lines: list[str], message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse_gazetteer(lines, "test.tsv")


def test_nickname_validation() -> None:
    places = parse_gazetteer([HEAD, PROV, "410400\t平顶山市\t平顶山\tcity\t地级市\t410000\t\t\t"])
    assert parse_nicknames(["nickname\tplace", "鹰城\t平顶山市"], places) == {"鹰城": "410400"}
    with pytest.raises(LexiconError, match="names 0 places"):
        parse_nicknames(["nickname\tplace", "羊城\t广州市"], places)
    with pytest.raises(LexiconError, match="duplicate"):
        parse_nicknames(["nickname\tplace", "鹰城\t平顶山市", "鹰城\t平顶山市"], places)


def test_cue_validation() -> None:
    assert load_cues()
    head = "rule\tscope\tpattern\tkind\toffset\tnote"
    with pytest.raises(LexiconError, match="scope"):
        parse_cues([head, "r\teverywhere\t{Y}年\tyear\t0\t"])
    with pytest.raises(LexiconError, match="rule r"):
        parse_cues([head, "r\ttext\t({Y}年\tyear\t0\t"])


# -- texts without a title line: year cues, news stories, digests, partial evidence -------------


@pytest.mark.parametrize(
    ("s", "year"),
    [
        ("报告分2018年工作回顾、2019年工作安排和加强政府自身建设三个部分。", 2019),  # review named
        ("政府工作报告分为四个部分：一、2021年及过去五年工作回顾；二、今后五年目标", 2022),
        ("区长在报告中首先回顾了2016年的工作，并对今年作出部署。", 2017),
        ("2019年成就：\n生产总值增长6%", 2020),
        ("2024年，全市经济社会发展的主要预期目标是：地区生产总值增长6%左右", 2024),
        ("做好2013年的政府工作，意义重大。", 2013),
        ("2023年伊始，各地按下拼经济快进键。", 2023),
        ("全市2017年预计实现地区生产总值1200亿元，增长7%。", 2018),  # 预计 is said of the year reviewed
        ("即将过去的2018年，是我县克难奋进的一年。", 2018),  # a report given in December
        ("在五届人大四次会议上，国务院在政府工作报告中提出了十条方针。", 1982),
    ],
)
def test_year_cues_without_title(s: str, year: int) -> None:
    assert year_from_cues(s, 0, len(s), fragment=True)[0] == year


@pytest.mark.parametrize(
    "s",
    [
        "2021年是“十四五”开局之年，我们坚持稳中求进。",  # said of the year under review: no year
        "到2025年的主要目标是：生产总值年均增长6%。",  # a five-year goal, not the plan year
        "回顾2016年以来的五年，我们砥砺奋进。",
    ],
)
def test_year_cues_that_must_not_date(s: str) -> None:
    assert year_from_cues(s, 0, len(s), fragment=True)[0] is None


def test_evidence_cue_examples_match() -> None:
    """Every news and closing cue matches the example in its note column."""
    kinds = [c for c in load_cues() if c.kind in ("news", "closing")]
    assert {c.kind for c in kinds} == {"news", "closing"}
    for c in kinds:
        example = c.note.split(" (")[0]
        assert c.regex.search(matching_view(example)), (c.rule, example)


@pytest.mark.parametrize(
    "s",
    [
        "党的二十大报告指出，要推动高质量发展。",  # a quoted party report, not a story on this one
        "这个报告分为五个部分：一、过去一年的工作。",
        "出席亚冬会开幕式并宣布开幕。",
        "市长 王某\n新华日报记者 李某 摄\n各位代表：",  # a photo credit on a whole report's page
        "去年我在政府工作报告中曾提出，要把物价涨幅控制在10%以内。",
    ],
)
def test_whole_report_phrasing_is_not_news(s: str) -> None:
    assert evidence(matching_view(s), "news") is None


STORY = (
    "县两会｜某某县十五届人大三次会议开幕\n"
    "周口日报 2019-03-30 10:20\n"
    "本报讯（记者 张某 通讯员 李某）3月29日上午，西华县第十五届人民代表大会第三次会议在县会堂隆重开幕。"
    "县长王某某代表县人民政府向大会报告工作。\n"
    "报告指出，2018年全县生产总值增长8%，周口市下达的各项目标全面完成。\n"
)
DIGEST = (
    "《政府工作报告》摘要（一）\n日期：2022年01月24日   作者：   来源：县融媒体中心\n"
    "1月20日，某县人民政府县长李某某在作《政府工作报告》时，对2021年工作作了全面回顾。\n"
    "在全县人民的共同努力下，预计全年地区生产总值增长8%。\n"
)
WHOLE = (
    "政府工作报告\n——2018年12月25日在沅陵县第十七届人民代表大会第三次会议上\n县长 某某\n"
    "各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。\n一、2018年工作回顾\n"
    + "全县经济运行稳中有进，预计全年生产总值增长8%。" * 20
    + "\n各位代表！让我们团结一心，为建设美丽沅陵而努力奋斗！"
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (  # a story: the session in running text, its date, the year from the stamp, the speaker
            STORY,
            dict(
                partial=True,
                region="西华县",
                city="周口市",
                province="河南省",
                report_year=2019,
                plan_year=2019,
                date="2019-03-29",
                speaker="王某某",
                speaker_title="县长",
                review_period="2018",
            ),
        ),
        (  # a digest: the date before the speaker's sentence, the year from the publication stamp
            DIGEST,
            dict(partial=True, report_year=2022, date="2022-01-20", speaker="李某某", review_period="2021"),
        ),
        (  # a stamp months after the session is a repost: it does not date the report
            DIGEST.replace("2022年01月24日", "2022年07月24日"),
            dict(report_year=None, date=None),
        ),
        (  # a December delivery: the review covers that year, plan_year is the next
            WHOLE,
            dict(partial=False, report_year=2018, date="2018-12-25", review_period="2018", plan_year=2019),
        ),
        (  # the same report cut before its closing is an excerpt
            WHOLE.rsplit("\n", 1)[0],
            dict(partial=True, report_year=2018, plan_year=2019),
        ),
        (  # a title block glued into one line by the copy: the speaker after the session
            "2024年1月10日在三亚市第八届人民代表大会第五次会议上三亚市市长 陈某\n各位代表：\n"
            "现在，我代表市人民政府向大会报告工作。\n一、2023年工作回顾\n全市经济稳中有进。",
            dict(speaker="陈某", speaker_title="市长", region="三亚市", partial=True, review_period="2023"),
        ),
        (  # a headline without the title; an excerpt of targets only has no review period
            "刘某作政府工作报告（摘要）\n2020年主要预期目标：地区生产总值增长6%左右。",
            dict(speaker="刘某", speaker_title=None, report_year=2020, review_period=None, partial=True),
        ),
        (  # a feature: a paragraph on the year before is a review, even without 回顾 or 预计
            "2月8日，在某某市八届人大四次会议上，政府工作报告提出：地区生产总值增长8%左右。\n"
            "2023年伊始，全市按下快进键。\n2022年，面对多轮疫情冲击，全市经济在逆境中奋起。",
            dict(report_year=2023, date="2023-02-08", review_period="2022", partial=True),
        ),
    ],
    ids=["story", "digest", "repost", "december", "cut", "glued", "headline", "feature"],
)
def test_news_and_digests(raw: str, expected: dict) -> None:
    m = meta_of_text(raw)
    assert {k: getattr(m, k) for k in expected} == expected


@pytest.mark.parametrize(
    ("raw", "region", "province"),
    [
        # the longest name at a position: 馬鞍山 (traditional, matched on the simplified view) is not 鞍山
        ("——2016年1月6日在馬鞍山市第十五屆人民代表大會第五次會議上\n市長 魏某\n各位代表：", "马鞍山市", "安徽省"),
        ("3月29日上午，西华县第十五届人民代表大会第三次会议开幕。", "西华县", "河南省"),
        # a city whose province is named too; the province's party site in the page chrome is no evidence
        (
            "来源：中共江苏省委新闻网\n镇江港吞吐量增长。镇江新签约项目172个，镇江制造业占比85%。",
            "镇江市",
            "江苏省",
        ),
    ],
)
def test_region_disambiguation(raw: str, region: str, province: str) -> None:
    m = meta_of_text(raw)
    assert (m.region, m.province) == (region, province)


@pytest.mark.parametrize(
    ("month", "day", "stamp", "year"),
    [
        (1, 20, "日期：2022年01月24日 作者：", 2022),
        (1, 26, "来源：某网 2018-01-26 15:55:35", 2018),
        (12, 26, "2019-01-03", 2018),  # a December session stamped in January
        (2, 23, "公文搜 2021-07-28 09:04:32", None),  # a repost months later
    ],
)
def test_stamp_year(month: int, day: int, stamp: str, year: int | None) -> None:
    assert stamp_year(stamp, month, day) == year


@pytest.mark.parametrize(
    ("heading", "period"),
    [
        ("一、2020年及“十三五”时期工作回顾", "2020"),  # a single year named: that year (ANNOTATION.md)
        ("一、过去五年工作回顾", "2016-2020"),  # a first session reviewing the term
    ],
)
def test_review_heading_names_the_year(heading: str, period: str) -> None:
    raw = (
        "政府工作报告\n——2021年1月8日在某某市第十六届人民代表大会第一次会议上\n市长 某某\n各位代表：\n"
        f"现在，我代表市人民政府向大会报告工作。\n{heading}\n全市经济稳中有进。\n为建设现代化新某某而努力奋斗！"
    )
    assert meta_of_text(raw).review_period == period


@pytest.mark.parametrize(
    ("ending", "partial"),
    [
        ("让我们团结一心，奋力谱写中国式现代化某某新篇章！", False),
        ("为全面建设社会主义现代化国家作出新的更大贡献！\n相关报道：", False),  # page chrome after it
        ("各位代表！蓝图已经绘就，号角已经吹响，让我们携手共进、共创美好未来！", False),
        ("谢谢大家！", False),
        ("加快建设现代化产业体系，推动", True),  # cut mid-sentence
        ("（三）持续改善民生。全年城镇新增就业1.2万人。", True),  # stops after a task paragraph
    ],
)
def test_whole_report_ends_with_a_closing(ending: str, partial: bool) -> None:
    raw = (
        "政府工作报告\n——2024年1月8日在某某市第十六届人民代表大会第三次会议上\n市长 某某\n各位代表：\n"
        "现在，我代表市人民政府向大会报告工作。\n一、2023年工作回顾\n" + "全市经济稳中有进。\n" * 50 + ending
    )
    assert meta_of_text(raw).partial is partial
