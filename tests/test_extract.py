"""zonebook.extract: draft observation rows from Chinese text, driven by the rule tables."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from zonebook import extract as ex

SHARED = Path(__file__).resolve().parents[1] / "sources"
SEED = SHARED / "seed-article-netease-2026-02-25.txt"


def rows(text: str, source: str = "") -> list[dict]:
    frame = ex.extract_text(text, source)
    for row in frame.to_dict("records"):
        assert row["quote"] in text, f"quote {row['quote']!r} is not verbatim in the input"
    return frame.to_dict("records")


def one(text: str) -> dict:
    found = rows(text)
    assert len(found) == 1, found
    return found[0]


def table(name: str) -> list[dict]:
    lines = [line for line in (ex.RULES_FILE).read_text("utf-8").splitlines() if not line.startswith("#")]
    return [row for row in csv.DictReader(io.StringIO("\n".join(lines))) if row["table"] == name]


# --------------------------------------------------------------------------- the frame


def test_columns_and_types():
    frame = ex.extract_text("2025年全市地区生产总值8000亿元。", "seed")
    assert list(frame.columns) == [
        "indicator",
        "period",
        "value",
        "kind",
        "bound",
        "source",
        "quote",
        "note",
        "unit",
        "indicator_name_zh",
        "extract_note",
        "measure",
    ]
    row = frame.iloc[0]
    assert row["value"] == 8000.0 and row["unit"] == "亿元" and row["period"] == "2025"
    assert row["source"] == "seed" and row["indicator_name_zh"] == "地区生产总值"
    assert row["kind"] == "actual" and row["bound"] == "eq"


def test_empty_text_gives_an_empty_frame_with_the_columns():
    frame = ex.extract_text("")
    assert frame.empty and "quote" in frame.columns


# --------------------------------------------------------------------------- qualifiers → bound


@pytest.mark.parametrize(
    "text, bound",
    [
        ("地区生产总值超8000亿元。", "gt"),
        ("地区生产总值突破8000亿元。", "gt"),
        ("地区生产总值超过8000亿元。", "gt"),
        ("实际使用外资10亿美元以上。", "ge"),
        ("研发投入增长不低于10%。", "ge"),
        ("地区生产总值增长5.5%左右。", "approx"),
        ("地区生产总值约8000亿元。", "approx"),
        ("地区生产总值近8000亿元。", "approx"),
        ("地区生产总值接近8000亿元。", "approx"),
        ("能耗增长控制在3%以内。", "le"),
        ("赤字率不超过3%。", "le"),
        ("地区生产总值8000亿元。", "eq"),
        ("高新技术企业100多家。", "gt"),
        ("地区生产总值达到超8000亿元。", "gt"),
    ],
)
def test_named_qualifiers(text, bound):
    assert one(text)["bound"] == bound


@pytest.mark.parametrize("rule", table("bound"), ids=lambda r: f"{r['where']}-{r['word']}")
def test_every_qualifier_in_the_table(rule):
    word, where = rule["word"], rule["where"]
    if where == "before":
        text = f"地区生产总值{word}8000亿元。"
    elif where == "after":
        text = f"地区生产总值8000亿元{word}。"
    elif where == "between":
        text = f"高新技术企业100{word}家。"
    elif where == "unless":  # a word that ends in a qualifier but is not one: 签约
        text = f"全市{word}8000亿元。"
        assert one(text)["bound"] == "eq"
        return
    elif any(r["word"] == word and r["value"].startswith("x") for r in table("numword")):  # a number word: 三成
        text = f"出口占比三{word}。"
    else:  # a word that is a figure on its own (过半, 正增长)
        text = f"企业数量{word}。"
    assert one(text)["bound"] == rule["value"]


# --------------------------------------------------------------------------- kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("预计2025年地区生产总值突破8200亿元。", "estimate"),
        ("2025年高新技术企业有望突破3000家。", "estimate"),
        ("目标是地区生产总值增长5%。", "target"),
        ("力争先进制造业产值突破8000亿元。", "target"),
        ("主要预期目标是:地区生产总值增长5.5%左右;一般公共预算收入增长3%。", "target"),
        ("扬州将新招引科技型企业1200家。", "target"),
        ("2025年地区生产总值8000亿元。", "actual"),
        ("主要指标地区生产总值增长5%。", "actual"),  # 主要 contains 要 but is not a plan word
        ("开展专项行动,实施重点技改项目700个以上。", "target"),  # a plan verb opens the sentence
        ("高新技术企业由1600家增长至2516家,2025年有望突破3000家。", "actual"),  # 有望 comes later
    ],
)
def test_kind(text, kind):
    assert rows(text)[0]["kind"] == kind


@pytest.mark.parametrize(
    "rule", [r for r in table("kind") if r["where"] not in ("unless", "opening", "onward")], ids=lambda r: r["word"]
)
def test_every_kind_word_in_the_table(rule):
    found = one(f"全市{rule['word']}地区生产总值增长5%。")
    assert found["kind"] == rule["value"]


def test_unless_words_do_not_set_a_kind():
    assert one("将近8000亿元的地区生产总值。")["kind"] == "actual"
    assert one("将近8000亿元的地区生产总值。")["bound"] == "approx"


def test_kind_words_inside_a_quoted_name_do_not_count():
    assert one("全市实施高新技术企业“倍增计划”后新增企业100家。")["kind"] == "actual"


# --------------------------------------------------------------------------- number words and units


@pytest.mark.parametrize(
    "text, value, unit, bound",
    [
        ("工业经济贡献了全市三成的地区生产总值。", 30, "%", "approx"),  # a round share, as the data codes it
        ("整车产量同比翻番。", 100, "%", "approx"),
        ("整车产量增长一倍。", 100, "%", "eq"),
        ("是2020年的2倍。", 2, "倍", "eq"),
        ("整车产量翻两番。", 300, "%", "eq"),
        ("外资企业占近两成。", 20, "%", "approx"),
        ("累计新增就业4万人。", 4, "万人", "eq"),
        ("工业开票突破1万亿元。", 1, "万亿元", "gt"),
        ("地区生产总值８０００亿元。", 8000, "亿元", "eq"),  # full-width digits
        ("地区生产总值7,104.98亿元。", 7104.98, "亿元", "eq"),  # thousands separator
        ("新招引科技型企业一千二百家。", 1200, "家", "eq"),
        ("百分之三十的企业完成改造。", 30, "%", "eq"),
        ("投资三千五百万元。", 3500, "万元", "eq"),
        ("固定资产投资实现正增长。", 0, "%", "gt"),
        ("创新平台实现全覆盖。", 100, "%", "eq"),
        ("增幅列各产业集群之首。", 1, "位", "eq"),
        ("居全国城市第37位。", 37, "位", "eq"),
        ("五年跨越两个千亿元台阶。", 2, "个", "eq"),
        ("提高零点五个百分点。", 0.5, "个百分点", "eq"),
        ("集装箱吞吐量80.57万标箱。", 80.57, "万标箱", "eq"),
        ("全年外貿進出口5.62萬億元。", 5.62, "萬億元", "eq"),  # traditional characters
        ("人口(yǐ)數為4559797人。", 4559797, "人", "eq"),  # a 7-digit count is not a phone number
        ("迈入地区生产总值‘万亿之城’。", 1, "万亿", "ge"),
        ("约占全省的三分之一。", 33.33, "%", "eq"),
        ("新批外商投资企业近千家。", 1000, "家", "approx"),
        ("吸引游客超万人次。", 1, "万人次", "gt"),
        ("禄口机场旅客吞吐量3100余万人次。", 3100, "万人次", "gt"),
        ("人均 | ¥132,960 (匯率)", 132960, "元", "eq"),
    ],
)
def test_number_words_and_units(text, value, unit, bound):
    found = one(text)
    assert found["value"] == pytest.approx(value)
    assert found["unit"] == unit
    assert found["bound"] == bound


@pytest.mark.parametrize(
    "rule", [r for r in table("numword") if r["where"] != "unless"], ids=lambda r: r["word"] + r["where"]
)
def test_every_number_word_in_the_table(rule):
    word, value = rule["word"], rule["value"]
    if value.startswith("="):
        found = one(f"企业数量{word}。")
        assert found["value"] == pytest.approx(float(value[1:]))
    elif value == "fraction":
        found = one(f"占全省的四{word}一。")
        assert found["value"] == pytest.approx(25)
    elif rule["where"] == "before":
        found = one(f"有{word}三十的企业。")
        assert found["value"] == pytest.approx(30 * float(value[1:]))
    elif rule["where"] == "growth":
        found = one(f"产量增长3{word}。")
        assert found["value"] == pytest.approx(3 * float(value[1:]))
    else:
        found = one(f"工业占了3{word}。")
        assert found["value"] == pytest.approx(3 * float(value[1:]))
    assert found["unit"] == rule["unit"]


def test_ranges_give_one_row_per_end():
    low, high = rows("工业增加值增长5%-8%。")
    assert (low["value"], low["bound"], high["value"], high["bound"]) == (5, "ge", 8, "le")
    low, high = rows("工业增加值增长5-8%。")
    assert (low["unit"], high["unit"]) == ("%", "%")


def test_convert_between_units_of_one_base():
    assert ex.convert(1, "万亿元", "亿元") == pytest.approx(10000)
    assert ex.convert(4, "万人", "人") == pytest.approx(40000)
    assert ex.convert(7809, "亿", "亿元") == pytest.approx(7809)  # a bare magnitude takes the other's base
    assert ex.convert(6, "大", "个") == pytest.approx(6)
    assert ex.convert(1, "亿元", "家") is None
    assert ex.convert(1, "亿元", "亿美元") is None


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    "text, period",
    [
        ("2025年地区生产总值8000亿元。", "2025"),
        ("一季度开票销售增长46.4%,2025年全市工业开票突破1万亿元。", ""),  # no year before the quarter
        ("2025年一季度开票销售增长46.4%。", "2025Q1"),
        ("“十四五”时期地区生产总值年均增长5.8%。", "2021-2025"),
        ("“十五五”时期研发投入年均增长10%。", "2026-2030"),
        ("力争到“十五五”末先进制造业产值突破8000亿元。", "2030"),
        ("到十四五末高新技术企业达3000家。", "2025"),
        ("2020—2024年累计新增企业500家。", "2020-2024"),
        ("高新技术企业由2020年的1600家增长至2024年的2516家。", "2020"),
        ("地区生产总值比2020年增长20%。", ""),  # 2020 is the comparison base
        ("2026年将实施倍增计划,研发投入年均增长10%以上。", "2026-2030"),  # 年均 in a plan year
    ],
)
def test_periods(text, period):
    assert rows(text)[0]["period"] == period


def test_quarter_takes_its_year_from_earlier_in_the_text():
    found = rows("2025年全市工业开票突破1万亿元。\n\n一季度开票销售增长46.4%。")
    assert found[1]["period"] == "2025Q1" and "一季度" in found[1]["extract_note"]


def test_second_figure_takes_its_own_year():
    found = rows("高新技术企业由2020年的1600家增长至2024年的2516家,2025年有望突破3000家。")
    assert [f["period"] for f in found] == ["2020", "2024", "2025"]
    assert [f["indicator_name_zh"] for f in found] == ["高新技术企业"] * 3


def test_month_ranges_map_to_the_year_with_a_note():
    found = one("2025年1-8月实际使用外资5.3亿美元。")
    assert found["period"] == "2025"
    assert "1-8" in found["extract_note"]


def test_half_year_maps_to_the_year_with_a_note():
    found = one("2024年上半年全体居民人均可支配收入19211元。")
    assert found["period"] == "2024" and "1-6" in found["extract_note"]


def test_a_dateline_dates_relative_years_and_quarters():
    text = "2025-10-28 09:12 来源:某某日报\n\n前三季度,全市实现地区生产总值18215.3亿元。今年将力争增长5.5%以上。"
    result = ex.extract(text)
    found = result.frame.to_dict("records")
    assert [f["period"] for f in found] == ["2025", "2025"]
    assert "2025-10-28" in found[0]["extract_note"] and "1-9" in found[0]["extract_note"]
    assert result.skipped == {"bylines": 1}


def test_paragraph_opening_period_in_the_first_clause_is_carried():
    text = "记者获悉,2025年前三季度,全市实现地区生产总值18215.3亿元。其中,规模以上工业增加值同比增长7.1%,居全省第3位。"
    found = rows(text)
    assert [f["extract_note"].count("period carried") for f in found] == [0, 1, 1]
    assert [f["period"] for f in found] == ["2025"] * 3
    assert all("1-9" in f["extract_note"] for f in found)
    assert found[2]["indicator_name_zh"] == "规模以上工业增加值" and found[2]["measure"] == "rank"


def test_relative_year_is_left_empty_and_noted():
    found = one("去年机场实现旅客吞吐量70.6万人次。")
    assert found["period"] == "" and "去年" in found["extract_note"]


def test_paragraph_opening_year_is_carried():
    text = "2026年是开局之年。全市经济社会发展主要预期目标是:地区生产总值增长5.5%左右;一般公共预算收入增长3%。"
    found = rows(text)
    assert [f["period"] for f in found] == ["2026", "2026"]
    assert all(f["kind"] == "target" for f in found)
    assert "carried" in found[0]["extract_note"]


def test_undated_figures_take_the_last_year_named_before_them():
    text = "2025年地区生产总值8000亿元。\n\n全市累计获评国家级单项冠军企业15家。"
    found = rows(text)
    assert found[1]["period"] == "2025" and "last year named before it (2025年)" in found[1]["extract_note"]


def test_undated_text_leaves_the_period_empty():
    assert one("全市累计获评国家级单项冠军企业15家。")["period"] == ""


@pytest.mark.parametrize("rule", [r for r in table("period") if r["value"][:1].isdigit()], ids=lambda r: r["word"])
def test_every_plan_period_in_the_table(rule):
    assert one(f"“{rule['word']}”时期累计新增企业500家。")["period"] == rule["value"]


# --------------------------------------------------------------------------- not figures


@pytest.mark.parametrize(
    "text",
    [
        "北沿江高铁、宁盐高速预计2027年通车。",  # a year standing alone
        "2026-02-25 22:20:49",  # a date and a time
        "发布于2月25日。",
        "01 区域协同发展新格局:长三角产业科创高地",  # list numbering
        "02 “613”现代化产业区",
        "咨询电话:0514-87340000。",  # phone numbers
        "联系13912345678。",
        "扬州正全力构建“613”现代化产业体系。",  # a name with digits
        "高水平举办5·18经贸洽谈会。",
        "“八个扬州”建设。",
        "新建5G基站、4G基站。",  # digits inside a name
        "钙钛矿光伏电池百兆瓦级中试平台。",  # a size class
        "打造千亿级产业集群。",
        "在第三代半导体等领域不断破局。",  # an ordinal
        "高端装备产业入选全国百强先进制造业集群。",
        "新签约亿元以上产业项目。",  # a threshold with no count
        "新签约10亿元以上项目。",  # a threshold in a name
        "这是一个关于规模的故事,一场深刻变革。",  # 一 as an article
        "打造四大定位。",  # a set's name
        "PM2.5浓度。",
    ],
)
def test_not_figures(text):
    assert rows(text) == []


# --------------------------------------------------------------------------- page chrome


PAGE = """网易首页 > 网易号 > 正文 申请入驻

扬州的故事

0
分享至

2025年扬州实现地区生产总值超8000亿元,工业规模超1万亿元。

声明:取材网络、谨慎鉴别

特别声明:以上内容为自媒体平台用户上传并发布,本平台仅提供信息存储服务。

相关推荐
热点推荐
40岁存款要达到什么水平?
2026-02-23 06:04:00
小米汽车YU7销量增长120%
"""


def test_chrome_is_skipped_and_counted():
    result = ex.extract(PAGE, "seed")
    values = sorted(result.frame["value"])
    assert values == [1.0, 8000.0]  # nothing from the related-article list (120%)
    assert sum(result.skipped.values()) == 10
    assert result.skipped["after the end marker"] == 7
    assert result.skipped["menus"] == 3
    line = ex.summary(result)
    assert line.startswith("found 2 figures in 1 sentences; skipped 10 lines of page chrome (")
    assert "after the end marker" in line


def test_related_list_without_end_marker_and_disclaimers():
    text = "全市新增企业100家。\n特别声明:本文涉及增长30%的内容仅供参考。\nNotice: 50% of it\n相关推荐\n某地增长20%\n"
    result = ex.extract(text)
    assert list(result.frame["value"]) == [100.0]
    assert result.skipped == {"disclaimers": 2, "related-article lists": 2}


def test_an_end_marker_before_any_body_is_not_an_end():
    text = "相关推荐\n2025年全市新增企业100家,增长12%。\n"
    assert len(ex.extract_text(text)) == 2


# --------------------------------------------------------------------------- quotes


def test_every_quote_is_a_verbatim_clause_of_the_input():
    text = (
        "2026年，全市经济社会发展主要预期目标是：地区生产总值增长５.５％左右；实际使用外资10亿美元以上。\r\n"
        "“十四五”时期,扬州GDP从2020年的6048.33亿元增加至2024年的7809.64亿元,预计2025年突破8200亿元。\r\n"
        "工业经济贡献了全市三成的地区生产总值、四成的就业岗位。上汽大众一季度整车产量同比翻番。"
    )
    found = rows(text)
    assert len(found) == 8
    assert found[0]["quote"] == "地区生产总值增长５.５％左右"
    assert found[0]["value"] == 5.5 and found[0]["unit"] == "%"  # full-width % read as %
    assert all("\r" not in f["quote"] and not f["quote"].endswith(("，", ",", "；", "。")) for f in found)


def test_repeats_are_merged_and_headings_dropped():
    text = (
        "04 实际使用外资10亿美元以上,打造开放枢纽\n\n"
        "2026年,扬州将作为实际使用外资10亿美元以上的开放高地。\n\n"
        "当实际使用外资10亿美元以上,扬州更开放。\n"
    )
    found = rows(text)
    assert len(found) == 1
    assert "heading" in found[0]["extract_note"] and "also stated" in found[0]["extract_note"]


# --------------------------------------------------------------------------- the rules are data


def test_a_new_rule_row_changes_the_extraction(tmp_path):
    rules = tmp_path / "rules.csv"
    shutil.copy(ex.RULES_FILE, rules)
    with rules.open("a", encoding="utf-8") as handle:
        handle.write("bound,起码,ge,,before,added by a user\n")
    text = "全市新增企业起码100家。"
    assert ex.extract(text).frame.iloc[0]["bound"] == "eq"
    custom = ex.load_rules(rules, ex.UNITS_FILE)
    assert ex.extract(text, rules=custom).frame.iloc[0]["bound"] == "ge"


def test_a_new_unit_row_changes_the_extraction(tmp_path):
    units = tmp_path / "units.csv"
    shutil.copy(ex.UNITS_FILE, units)
    with units.open("a", encoding="utf-8") as handle:
        handle.write("篇,unit,篇,1,yes,papers\n")
    text = "发表论文300篇。"
    assert ex.extract(text).frame.empty
    custom = ex.load_rules(ex.RULES_FILE, units)
    assert ex.extract(text, rules=custom).frame.iloc[0]["unit"] == "篇"


# --------------------------------------------------------------------------- run(): files and encodings


def test_the_command_reads_the_date_of_the_source_address(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.txt").write_text("前三季度,开发区完成固定资产投资198.2亿元,同比增长9.8%。", encoding="utf-8")
    from zonebook.cli import main

    address = "http://news.example.com/system/2013/11/13/017291942.shtml"
    assert main(["extract", "t.txt", "--out", "dated.csv", "--address", address]) == 0
    assert main(["extract", "t.txt", "--out", "undated.csv"]) == 0
    dated = pd.read_csv(tmp_path / "dated.csv", dtype=str, keep_default_na=False)
    undated = pd.read_csv(tmp_path / "undated.csv", dtype=str, keep_default_na=False)
    assert set(dated["period"]) == {"2013"} and set(undated["period"]) == {""}


def test_run_reads_gb18030_and_writes_csv(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no data/indicators.csv here
    text = "2025年全市地区生产总值超8000亿元,新增高新技术企业300家。"
    source = tmp_path / "report.txt"
    source.write_bytes(text.encode("gb18030"))
    with pytest.raises(UnicodeDecodeError):
        source.read_bytes().decode("utf-8")
    out = tmp_path / "draft.csv"
    assert ex.run(str(source), "report-2025", str(out)) == 0
    draft = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(draft["value"]) == ["8000", "300"]
    assert set(draft["source"]) == {"report-2025"}
    assert all(q in text for q in draft["quote"])
    err = capsys.readouterr().err
    assert err.strip() == "found 2 figures in 1 sentences; skipped 0 lines of page chrome"


def test_run_reads_utf8_with_bom_and_writes_to_stdout(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "news.txt"
    source.write_bytes("\ufeff全市新增企业100家。".encode("utf-8"))
    assert ex.run(str(source), None, None) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("indicator,period,value,kind,bound,source,quote,note,unit")
    assert ",100," in out.splitlines()[1]


def test_run_reports_a_missing_file(tmp_path, capsys):
    assert ex.run(str(tmp_path / "nope.txt"), None, None) == 2
    assert "nope.txt" in capsys.readouterr().err


# --------------------------------------------------------------------------- the seed article (kept in sources/)


def test_seed_article():
    text = ex.read_text(SEED)
    result = ex.extract(text, "netease-2026-02-25")
    frame = result.frame
    assert all(q in text for q in frame["quote"])
    end = text.index("声明:取材网络")
    assert all(text.index(q) < end for q in frame["quote"])
    assert result.skipped.get("after the end marker", 0) > 100
    gdp_target = frame[(frame["value"] == 5.5) & (frame["indicator_name_zh"] == "地区生产总值")].iloc[0]
    assert (gdp_target["period"], gdp_target["kind"], gdp_target["bound"]) == ("2026", "target", "approx")
    assert not frame["quote"].str.contains("613”产业体系$|5·18|八个扬州").any()
    assert len(frame) >= 45


# --------------------------------------------------------------------------- indicator suggestions

INDICATORS = pd.DataFrame(
    [
        ("gdp", "地区生产总值", "亿元"),
        ("gdp-growth", "地区生产总值增速", "%"),
        ("high-tech-enterprises", "高新技术企业", "家"),
        ("industrial-va-growth", "规上工业增加值增速", "%"),
        ("sales-rank", "工业开票销售增速全省排名", "位"),
    ],
    columns=["indicator", "name_zh", "unit"],
)


def test_indicator_slugs_are_suggested_by_name_unit_and_measure():
    text = (
        "2025年全市地区生产总值1.2万亿元,增长5%。规模以上工业增加值增长8.5%。"
        "高新技术企业3000家。工业开票销售增速全省第一。新建公园20个。"
    )
    frame = ex.extract_text(text, indicators=INDICATORS)
    assert list(frame["indicator"]) == [
        "gdp",
        "gdp-growth",
        "industrial-va-growth",
        "high-tech-enterprises",
        "sales-rank",
        "",
    ]
    assert "indicator suggested" in frame.iloc[0]["extract_note"]


def test_run_suggests_slugs_from_data_indicators_in_the_working_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    INDICATORS.to_csv(tmp_path / "data" / "indicators.csv", index=False)
    (tmp_path / "t.txt").write_text("2025年全市地区生产总值8000亿元。", encoding="utf-8")
    assert ex.run("t.txt", "s", "out.csv") == 0
    assert pd.read_csv("out.csv")["indicator"].tolist() == ["gdp"]
    assert "suggested from" in capsys.readouterr().err
