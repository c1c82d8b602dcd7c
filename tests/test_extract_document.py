"""zonebook.extract on whole documents: the period a figure gets when its sentence names none, what a kind
word means and how far it reaches, tables, page chrome of government sites, and the smaller forms.

The texts are written for these tests in the manner of the genres the extractor reads (no sentence is
from the seed article or the corpus's held-out part)."""

from __future__ import annotations

import pytest

from zonebook import extract as ex


def rows(text: str) -> list[dict]:
    frame = ex.extract_text(text)
    for row in frame.to_dict("records"):
        assert row["quote"] in text
    return frame.to_dict("records")


def by_value(text: str) -> dict[float, dict]:
    return {row["value"]: row for row in rows(text)}


# --------------------------------------------------------------------------- periods from the document


def test_a_sentence_without_a_year_takes_the_last_year_named_before_it():
    text = (
        "2023年,全市地区生产总值8000亿元。\n\n二是开放水平提升。2022年,实际使用外资432亿美元。\n\n"
        "实现进出口总额10.3万亿元,占比25%。"
    )
    found = by_value(text)  # not 2023, the latest year of the text
    assert found[10.3]["period"] == "2022" and found[25.0]["period"] == "2022"


def test_a_closing_dateline_dates_month_spans_and_relative_years():
    filler = "".join(f"第{n}条说明文字。\n" for n in range(10))  # the dateline is far below the first lines
    text = (
        f"1—10月份,全市规模以上工业增加值同比增长3.4%。\n今年以来,社会消费品零售总额增长5.1%。\n{filler}\n2023-11-20\n"
    )
    found = by_value(text)
    assert found[3.4]["period"] == "2023" and found[5.1]["period"] == "2023"


def test_relative_years_count_from_the_dateline():
    text = "发布日期:2021-10-29\n\n今年前三季度,全市地区生产总值1649.39亿元。去年同期增长3.1%。"
    found = by_value(text)
    assert found[1649.39]["period"] == "2021" and found[3.1]["period"] == "2020"


def test_an_annual_review_dated_early_in_a_year_reports_the_year_before():
    text = "市统计局\n2021年3月24日\n\n统计公报显示,全市城镇新增就业10.99万人。"
    assert rows(text)[0]["period"] == "2020"


def test_an_actual_figure_takes_no_year_after_its_text_can_report():
    text = "2026年1月5日\n\n2025年全市地区生产总值8000亿元。力争2027年通车。\n\n全市新增高新技术企业500家。"
    found = by_value(text)
    assert found[500.0]["period"] == "2025"


def test_a_two_year_average_spans_two_years():
    assert rows("2021年前三季度,全市地区生产总值两年平均增长6.7%。")[0]["period"] == "2020-2021"


def test_a_five_year_plan_named_in_quotes_is_its_span():
    found = rows("“十五”期间,全市地区生产总值年均增速为12.6%,比“九五”时期提高0.6个百分点。")
    assert [f["period"] for f in found] == ["2001-2005", "2001-2005"]


def test_a_plans_level_target_is_for_the_plans_last_year():
    found = rows("“十四五”规划确立的地区生产总值8000亿元目标顺利实现。\n\n到“十五五”末,力争地区生产总值达到1.2万亿元。")
    assert [(f["period"], f["kind"]) for f in found] == [("2025", "target"), ("2030", "target")]


def test_a_multiple_of_an_earlier_year_is_for_the_year_of_the_sentence():
    found = by_value("2005年财政收入完成145.26亿元,是2000年的3倍,占GDP的比重提高4.6个百分点。")
    assert found[3.0]["period"] == "2005" and found[4.6]["period"] == "2005"


def test_a_year_with_since_starts_a_span_and_does_not_date_the_figure():
    assert rows("2012年以来,地区生产总值连跨两个千亿元台阶,达到了5808亿。")[-1]["period"] != "2012"


def test_a_duration_before_the_figure_spans_those_years():
    assert rows("2025年,五年跨越两个千亿元台阶。")[0]["period"] == "2021-2025"


# --------------------------------------------------------------------------- kind: sense and reach


def test_an_estimate_mark_with_xiatong_reaches_the_figures_after_it():
    text = (
        "2019年,全年实现地区生产总值(预计,下同)7100亿元左右、增长6%左右;一般公共预算收入完成468.3亿元、"
        "下降11%。\n\n固定资产投资增长7%,规模以上工业增加值增长7.2%。"
    )
    assert {row["kind"] for row in rows(text)} == {"estimate"}


def test_an_estimate_mark_right_after_a_figure_covers_that_figure():
    found = rows("2023年,地区生产总值增长 7%(预计,下同),一般公共预算收入增长 5.5%。")
    assert [f["kind"] for f in found] == ["estimate", "estimate"]
    assert found[0]["value"] == 7


def test_an_estimate_word_opening_a_sentence_governs_its_semicolon_list():
    text = "2022年,预计全年实现地区生产总值685亿元,增长8.5%左右;实现规模以上工业产值2220亿元,增长18.7%;实现固定资产投资260亿元。"
    assert {row["kind"] for row in rows(text)} == {"estimate"}


def test_a_kind_word_later_in_a_sentence_still_ends_at_a_semicolon():
    found = rows("2025年全市计划新建项目120个;实际使用外资10亿美元。")
    assert [f["kind"] for f in found] == ["target", "actual"]


@pytest.mark.parametrize(
    "text",
    [
        "2024年,合肥推动分布式光伏高质量发展行动计划,新增新能源装机120万千瓦。",  # a plan's name
        "2023年,全市省重大项目计划总投资5000亿元。",  # a statistical noun
        "2023年,全市固定资产投资完成全年目标的82.2%。",  # a share of the target achieved
        "2023年,170个项目争取并发行专项债371.56亿元。",  # 争取 with its result
        "2019年,坚持把稳增长作为首要任务,重抓大事要事,23项工作受到表彰。",  # 首要, 要事: no 要
        "2016年,全市安排重点项目360个,年度计划投资512.5亿元,完成投资401亿元。",  # the year's planned investment
        "2015年,全市重点项目年度计划完成投资300亿元,上半年完成年计划的52.1%。",  # of the project list
        "2013年,全市重点项目年度投资计划420亿元,其中计划开工项目88个,计划竣工项目35个。",  # classes of projects
        "2012年,年度计划新开工项目96个实际开工80个,开工率达83%。",
        "2021年,区级领导带队拜访目标企业120家,签约项目18个。",  # 目标企业: the firms aimed at, a noun
    ],
)
def test_kind_words_inside_statistical_nouns_are_no_kind_words(text):
    assert {row["kind"] for row in rows(text)} == {"actual"}


def test_a_plan_verb_in_a_review_of_a_past_year_tells_what_was_done():
    text = "2024年2月1日\n\n一、2023年工作回顾\n\n实施扩大有效投资行动,全市投资增长3%左右,工业投资占比超30%。"
    assert {row["kind"] for row in rows(text)} == {"actual"}


def test_a_paragraph_of_tasks_makes_its_figures_targets():
    text = "报告明确2025年国民经济和社会发展主要任务,稳妥推进双碳战略。全市3个省级零碳产业园区建成,新增公交车辆100%使用新能源。"
    assert {row["kind"] for row in rows(text)} == {"target"}


def test_preliminary_figures_of_a_statistical_release_are_actuals():
    assert rows("据初步测算,2019年全市实现生产总值617.50亿元。")[0]["kind"] == "actual"


# --------------------------------------------------------------------------- tables


def test_a_table_with_units_in_its_header():
    text = (
        "表1 2019年全市生产总值\n"
        "| 绝 对 数 (亿元) | 比上年增长 (%) |\n"
        "地区生产总值 | 617.50 | 5.2 |\n"
        "第一产业 | 37.11 | 2.6 |\n"
    )
    found = rows(text)
    assert [(f["value"], f["unit"], f["period"], f["measure"]) for f in found] == [
        (617.5, "亿元", "2019", "level"),
        (5.2, "%", "2019", "growth"),
        (37.11, "亿元", "2019", "level"),
        (2.6, "%", "2019", "growth"),
    ]
    assert found[0]["indicator_name_zh"] == "地区生产总值"


def test_a_table_with_a_unit_column_and_a_unit_line():
    text = (
        "2024年主要农副产品产量\n"
        "产品名称 | 单位 | 产量 | 比上年增长(±%) |\n"
        "粮食 | 吨 | 848656 | 0.02 |\n"
        "生猪出栏量 | 万头 | 33.57 | -12.7 |\n"
    )
    found = rows(text)
    assert [(f["value"], f["unit"]) for f in found] == [(848656, "吨"), (0.02, "%"), (33.57, "万头"), (-12.7, "%")]
    assert "signed" in found[-1]["extract_note"]
    text = "表2 2020年价格涨跌\n单位:% | |\n指 标 | 2020年 |\n居民消费价格 | 2.5 |\n蛋类 | -7.7 |\n"
    assert [(f["value"], f["unit"], f["period"]) for f in rows(text)] == [(2.5, "%", "2020"), (-7.7, "%", "2020")]


# --------------------------------------------------------------------------- page chrome of government sites


@pytest.mark.parametrize(
    "line",
    [
        "您当前所在位置:主页 > 时政要闻 >",
        "当前位置:首页>>政务公开>>统计数据",
        "来源:某某开发区|发布时间:2020-01-10|浏览次数:154",
        "发布日期:2021-10-29 14:45 信息来源:某市人民政府网站",
        "公文搜 2021-07-27 17:58:08 政府报告",
        "- 22733",
        "审核:王某某",
        "责编:周某",
        "原标题:1-9月全市工业开票增长10.6%",
        "- 2024年全区生产总值19.3万亿元2025-02-26",
        "扫一扫在手机上查看当前页面",
    ],
)
def test_government_page_chrome_is_skipped(line):
    body = "2023年,全市地区生产总值7423.26亿元,同比增长6.0%。"
    text = f"{line}\n\n{body}\n\n{line}\n"
    found = rows(text)
    assert [f["value"] for f in found] == [7423.26, 6.0]
    assert sum(ex.extract(text).skipped.values()) >= 1


# --------------------------------------------------------------------------- smaller forms


def test_spaces_between_number_and_unit():
    found = rows("2023年,全市地区生产总值5312 亿 元,增长 7 %。")
    assert [(f["value"], f["unit"]) for f in found] == [(5312, "亿元"), (7, "%")]


def test_a_magnitude_in_words_after_a_qualifier():
    found = rows("2023年,全市服务业营业收入突破百亿。")
    assert len(found) == 1 and found[0]["bound"] == "gt"
    assert ex.convert(found[0]["value"], found[0]["unit"], "亿") == 100


def test_the_second_rank_of_a_pair():
    found = rows("2023年,工业开票销售增速列全省第五、苏南第一。")
    assert [(f["value"], f["measure"]) for f in found] == [(5, "rank"), (1, "rank")]


def test_a_bare_number_shares_the_next_ones_unit():
    found = rows("2021年,工业分别拉动全市和市级GDP增长7.5和8.4个百分点。")
    assert [(f["value"], f["unit"]) for f in found] == [(7.5, "个百分点"), (8.4, "个百分点")]


def test_a_decline_stays_positive_and_says_so():
    found = rows("2023年,个体工商户46.97万户,同比下降1.3%。")
    assert found[1]["value"] == 1.3 and found[1]["measure"] == "decline"
    assert "decline" in found[1]["extract_note"]


def test_a_bound_before_a_growth_word():
    found = rows("2024年,制造业贷款连续36个月保持20%以上增长。")
    assert [(f["value"], f["bound"]) for f in found] == [(20, "ge")]


@pytest.mark.parametrize(
    "text",
    [
        "2023年,全市第一产业发展平稳。",  # an ordinal in a name
        "长丰成为全省第二个千亿县。",  # an ordinal with a counting word
        "汤柏生用了16个字来概括。",  # a count of characters
        "其余产业均实现两位数增长。",  # digits
        "重点抓好十个方面工作。",
        "规上(指年主营业务收入2000万及以上工业企业)工业。",  # a definition
        "经济保持平稳健康发展。",  # 保持平稳 holds 持平
        "经济保\n持平稳健康发展。",
    ],
)
def test_not_figures(text):
    assert rows(text) == []


def test_a_plan_figure_inside_a_list_of_actuals_reaches_only_its_clause():
    found = rows("2022年,新材料项目12个,总投资338亿元,年内计划完成投资71.3亿元,开复工项目9个,开复工率75%;")
    assert [(f["value"], f["kind"]) for f in found] == [
        (12, "actual"),
        (338, "actual"),
        (71.3, "target"),
        (9, "actual"),
        (75, "actual"),
    ]


def test_equal_figures_in_two_items_of_a_list_are_two_claims():
    text = "2022年,全市实施项目76项。\n农畜产品加工项目5个,开复工率100%;\n生物医药项目2个,开复工率100%。\n"
    assert [f["value"] for f in rows(text)].count(100) == 2


def test_a_table_header_broken_over_lines_and_a_unit_column():
    text = (
        "2023年,全县粮食总产量达到31.57万吨。\n"
        "品 名 | 播种面积\n(亩﹚ |\n同比增减(%) | 产量﹙吨﹚ | 同比增减﹙%﹚ |\n"
        "粮食作物 | 726760 | -1.78 | 315690 | 0.8 |\n"
        "蔬菜 | 147173 | 2.6 | 365415 | 3.1 |\n"
        "\n品 名 | 计量单位 | 数 量 | 同比增长﹙%﹚ |\n出栏牛 | 万头 | 2.23 | 4.21 |\n"
    )
    cells = [(f["value"], f["unit"]) for f in rows(text) if "table" in f["extract_note"]]
    assert cells == [
        (726760, "亩"),
        (-1.78, "%"),
        (315690, "吨"),
        (0.8, "%"),
        (147173, "亩"),
        (2.6, "%"),
        (365415, "吨"),
        (3.1, "%"),
        (2.23, "万头"),
        (4.21, "%"),
    ]


def test_the_parts_of_a_report_are_no_figure():
    assert rows("报告分为三部分:工作回顾、主要任务、自身建设。") == []


# --------------------------------------------------------------------------- the date in the source address


@pytest.mark.parametrize(
    "address, year, month",
    [
        ("http://fgw.example.gov.cn/zdzt/hgjj/202412/t20241224_727411.html", 2024, 12),  # t + YYYYMMDD
        ("http://news.example.com/07qztk/system/2013/11/13/017291942.shtml", 2013, 11),  # /YYYY/MM/DD/
        ("http://stats.example.com/?city/stjfx/202312/43a8ac8d2cad.shtml", 2023, 12),  # /YYYYMM/
        ("http://m.example.cn/cdxw/2021-12-26/160422.html", 2021, 12),  # /YYYY-MM-DD/
        ("http://www.example.cn/zx/2021/1126/21604.html", 2021, 11),  # /YYYY/MMDD/
    ],
)
def test_a_date_in_the_source_address_is_read(address, year, month):
    assert ex.address_date(address)[:2] == (year, month)


@pytest.mark.parametrize(
    "address",
    [
        "http://www.example.gov.cn/bmpd/content/post_1584634.html",  # a page number, no date
        "http://wanshou8.com/info/1041/2777.htm",
        "http://2020.example.com/news/show.html",  # a number in the host is no date
        "http://fgw.example.gov.cn/jzfgw/detail/201899",  # month 99
        "",
    ],
)
def test_an_address_without_a_date_gives_none(address):
    assert ex.address_date(address) is None


def test_the_source_address_dates_a_text_that_names_no_year():
    text = "今年以来,全市经济总体平稳。\n1—11月份,全市规上工业增加值同比增长1.7%,全省排名第5位。"
    address = "http://fgw.example.gov.cn/zdzt/hgjj/202412/t20241224_727411.html"
    dated = {row["value"]: row for row in ex.extract(text, address=address).frame.to_dict("records")}
    assert dated[1.7]["period"] == "2024" and dated[5.0]["period"] == "2024"
    assert "t20241224" in dated[1.7]["extract_note"]
    assert {row["period"] for row in rows(text)} == {""}  # without the address nothing dates it


def test_a_date_printed_in_the_text_wins_over_the_address():
    text = "发布日期:2021-06-25\n\n1-5月份,全县规模以上工业增加值同比增长19.8%。"
    found = ex.extract(text, address="http://www.example.gov.cn/sjtj/202307/t20230701_1.html").frame
    assert found["period"].tolist() == ["2021"]


def test_a_qualifier_after_a_respectively_list_bounds_each_of_its_figures():
    found = rows("2023年,城乡居民人均可支配收入分别增长6%、7.5%左右;粮食产量保持在90万吨以上。")
    assert [(f["value"], f["bound"]) for f in found] == [(6, "approx"), (7.5, "approx"), (90, "ge")]


def test_incidents_are_counted_in_qi():
    found = rows("2022年,全县共发生安全生产事故5起,同比下降37.5%。")
    assert [(f["value"], f["unit"]) for f in found] == [(5, "起"), (37.5, "%")]


def test_a_plan_of_this_year_stays_a_target_beside_the_years_plan_noun():
    # 年计划 (占年计划的52%) is a noun; 今年计划 (this year's plan: to do) is a plan word
    found = rows("2024年3月1日\n\n今年计划完成工业投资100亿元,新开工项目30个。")
    assert [(f["value"], f["kind"]) for f in found] == [(100, "target"), (30, "target")]


def test_the_past_year_of_a_text_dated_in_december_is_the_year_now_ending():
    # a year-end meeting on 2022-12-28 reviews 2022; the same words in a January report review the year before
    body = "\n\n过去一年,开发区完成工业开票销售520亿元,同比增长12.5%。去年同期,全区实到外资1.2亿美元。"
    december = {row["value"]: row["period"] for row in rows("2022年12月28日" + body)}
    january = {row["value"]: row["period"] for row in rows("2023年1月5日" + body)}
    assert december[520.0] == december[12.5] == "2022" and december[1.2] == "2021"
    assert january[520.0] == january[12.5] == "2022"


def test_striving_for_funds_in_a_review_of_a_past_year_reports_what_was_obtained():
    text = (
        "2024年2月1日\n\n一、2023年工作回顾\n\n2023年,全区争取上级转移支付21.6亿元、专项债券5.2亿元。\n\n"
        "二、2024年工作安排\n\n2024年,争取上级资金25亿元以上。"
    )
    assert [(f["value"], f["kind"]) for f in rows(text)] == [(21.6, "actual"), (5.2, "actual"), (25, "target")]


def test_an_address_dated_years_after_every_year_the_text_names_is_a_later_copy():
    # a 2015 communique filed on a site in 2023: its 上年 is 2014, not 2022
    text = "2015年国民经济和社会发展统计公报\n\n2015年,全县生产总值52.3亿元。上年末常住人口31.2万人。"
    found = {
        row["value"]: row["period"]
        for row in ex.extract(
            text, address="http://www.example.gov.cn/xxgk/tjgb/202303/t20230321_1.html"
        ).frame.to_dict("records")
    }
    assert found[52.3] == "2015" and found[31.2] == "2014"


# --------------------------------------------------------------------------- traditional characters


def test_a_text_in_traditional_characters_is_read_as_its_simplified_form():
    traditional = "2024年,全區實現地區生產總值379.95億元、增長9.3%,失業率控制在4%以內,預計新增企業120個。"
    simplified = "2024年,全区实现地区生产总值379.95亿元、增长9.3%,失业率控制在4%以内,预计新增企业120个。"
    fields = ["value", "bound", "kind", "period", "measure"]
    read = ex.extract_text(traditional)
    assert read[fields].to_dict("records") == ex.extract_text(simplified)[fields].to_dict("records")
    assert all(quote in traditional for quote in read["quote"])  # quoted as written
    assert read["unit"].tolist() == ["億元", "%", "%", "個"]  # units as written, which convert() reads


def test_characters_that_simplified_text_uses_too_are_kept():
    assert ex.simplified("增长显著,著名企业") == "增长显著,著名企业"  # 著 is no traditional form here
    assert ex.simplified("增長顯著") == "增长显著"


def test_equal_wording_after_different_figures_is_two_claims():
    # 拉动…1.3个百分点 is the contribution of the industry named before it: two industries, two claims
    text = (
        "2025年1—7月份,汽车制造业同比增长11.6%,拉动全市规模以上工业1.3个百分点。\n\n"
        "从细分领域看,汽车产业同比增长11.9%,拉动全市规模以上工业1.3个百分点。"
    )
    assert [f["value"] for f in rows(text)].count(1.3) == 2
