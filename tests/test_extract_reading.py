"""zonebook.extract reading whole documents, second round: since-phrases, plan-year titles over a review,
comparison bases, qualifiers that set a bound, ranks far from their noun, and equal figures that are two
claims.

The texts are written for these tests in the manner of the genres the extractor reads; none is taken from
the seed article or from the corpus."""

from __future__ import annotations

import pytest
from test_extract_document import by_value, rows  # the draft rows of a text, checked to quote it

# --------------------------------------------------------------------------- a year that starts a span


@pytest.mark.parametrize(
    "since",
    [
        "自2016年4季度以来",
        "自2016年第四季度以来",
        "2016年四季度以来",
        "从2016年9月以来",
        "2016年末以来",
        "自2016年起",
        "2016年以来",
    ],
)
def test_a_since_phrase_dates_neither_its_sentence_nor_the_next(since):
    text = (
        f"2018年10月22日\n\n前三季度,全市地区生产总值3200亿元,增长8.1%,增速为{since}最高。\n\n"
        "规模以上工业增加值增长9.4%。"
    )
    found = by_value(text)
    assert found[8.1]["period"] == "2018" and found[9.4]["period"] == "2018", found


def test_a_since_phrase_inside_a_sentence_leaves_the_papers_year():
    text = "2019年7月18日\n\n上半年,全市进出口总额增长12.5%,增速创2017年以来新高,其中出口增长15.1%。"
    found = by_value(text)
    assert found[12.5]["period"] == "2019" and found[15.1]["period"] == "2019"


# --------------------------------------------------------------------------- a plan year in the title


def test_a_report_titled_with_its_plan_year_reviews_the_year_before():
    text = (
        "2025年某市政府工作报告\n\n各位代表:\n\n过去一年,全市地区生产总值增长5.5%,一般公共预算收入300亿元。\n\n"
        "今年的主要预期目标是:地区生产总值增长5%左右。"
    )
    found = by_value(text)
    assert found[5.5]["period"] == "2024" and found[5.5]["kind"] == "actual"
    assert found[300.0]["period"] == "2024"
    assert found[5.0]["period"] == "2025" and found[5.0]["kind"] == "target"


def test_a_plan_for_next_year_dates_its_review_of_this_year():
    text = (
        "某区2020年工作计划\n\n今年以来,全区完成固定资产投资85亿元,增长9.1%;新增规上企业21家。\n\n"
        "明年,力争固定资产投资增长10%。"
    )
    found = by_value(text)
    assert found[85.0]["period"] == "2019" and found[21.0]["period"] == "2019"
    assert found[10.0]["period"] == "2020" and found[10.0]["kind"] == "target"


def test_a_plan_reviewing_its_own_year_as_it_runs_speaks_from_the_year_before_the_plan():
    text = "某高新区2025年工作计划\n\n今年以来,全区完成规上工业产值320亿元,同比增长8.2%。"
    found = by_value(text)
    assert found[320.0]["period"] == "2024" and found[8.2]["period"] == "2024"


def test_a_title_with_a_review_year_and_a_plan_year():
    text = (
        "某开发区2023年工作总结和2024年工作思路\n\n一年来,全区完成固定资产投资85亿元,增长9.1%。\n\n"
        "明年,力争投资增长10%。"
    )
    found = by_value(text)
    assert found[85.0]["period"] == "2023" and found[10.0]["period"] == "2024"


def test_a_sentence_about_a_years_plan_is_no_plan_title():
    text = (
        "某市经济运行情况\n\n年初,市政府工作报告提出2023年发展计划。2023年,全市地区生产总值增长6.1%。\n\n"
        "全年城镇新增就业12万人。"
    )
    found = by_value(text)
    assert found[6.1]["period"] == "2023" and found[6.1]["kind"] == "actual" and found[12.0]["period"] == "2023"


def test_a_title_naming_a_half_year_is_no_plan_year():
    text = "某区2025年上半年工作总结和下半年工作计划\n\n上半年,全区地区生产总值增长6.1%。"
    assert rows(text)[0]["period"] == "2025"


# --------------------------------------------------------------------------- comparisons


def test_a_comparison_with_several_bases_is_no_period():
    text = (
        "2021年1—10月份,全市高新技术产业增加值占规上工业的比重为24.5%,占比分别较1—9月份和上年同期提高0.1和1.2个百分点。"
    )
    found = by_value(text)
    assert found[0.1]["period"] == "2021" and found[1.2]["period"] == "2021"


@pytest.mark.parametrize("base", ["比上年同期", "较去年同期", "与上年同期相比", "同比", "较上月、上年同期分别"])
def test_the_same_period_of_last_year_is_a_base(base):
    text = f"2022年11月18日\n\n1—10月,全市社会消费品零售总额1200亿元,{base}增长4.2%。"
    found = by_value(text)
    assert found[4.2]["period"] == "2022"


@pytest.mark.parametrize("base", ["较2023年末", "比2023年底", "比2023年同期", "较2023年12月末", "较上年末", "比年初"])
def test_a_year_end_base_dates_the_figures_of_the_year_after(base):
    text = f"9月末,全市金融机构各项贷款余额5000亿元,{base}增加300亿元。\n\n各项存款余额6200亿元,增长7.1%。"
    found = by_value(text)
    if "2023" in base:
        assert found[5000.0]["period"] == "2024" and found[300.0]["period"] == "2024"
        assert found[6200.0]["period"] == "2024"
    else:  # no year in the text at all: nothing to date from, and no base year taken for the period
        assert found[300.0]["period"] == "" or found[300.0]["period"] == found[5000.0]["period"]


def test_the_quarter_of_a_base_year_is_a_base_too():
    assert by_value("2018年,全市工业增加值比2016年4季度提高3.2个百分点。")[3.2]["period"] == "2018"
    text = "2020年3月5日\n\n一季度,全市地区生产总值增长-6.8%,比上年四季度回落12.9个百分点。"
    assert by_value(text)[12.9]["period"] == "2020Q1"


def test_a_period_after_a_figure_is_no_base():
    text = "2024年7月16日\n\n一季度,全市地区生产总值同比增长5.6%、上半年增长5.2%。"
    assert by_value(text)[5.2]["period"] == "2024"


def test_a_share_is_no_comparison():
    text = "2023年12月31日\n\n全市高技术产业增加值占比、2024年一季度增速均居全省前列,一季度增长8.5%。"
    assert by_value(text)[8.5]["period"] == "2024Q1"


def test_a_year_end_base_later_in_the_text_dates_the_figures_before_it():
    text = "1—3月,全市规模工业增加值同比增长5.5%,居全省第12位。\n\n工业投资同比增长22.2%,较2017年底提升23.1个百分点。"
    found = by_value(text)
    assert {found[v]["period"] for v in (5.5, 12.0, 22.2, 23.1)} == {"2018"}


def test_a_year_named_only_after_the_figures_dates_them():
    text = "初步核算,全年完成地区生产总值295.4亿元,比上年增长7.7%。\n\n据统计,2022年全区城镇新增就业岗位6007个。"
    found = by_value(text)
    assert found[295.4]["period"] == "2022" and found[7.7]["period"] == "2022"


# --------------------------------------------------------------------------- qualifiers and ranks


@pytest.mark.parametrize(
    "text, value, bound",
    [
        ("全市地区生产总值跨越5000亿元。", 5000.0, "gt"),
        ("全年进出口总额首破1000亿元。", 1000.0, "gt"),
        ("社会消费品零售总额破300亿元大关。", 300.0, "gt"),
        ("外贸进出口额跨过200亿元。", 200.0, "gt"),
    ],
)
def test_crossing_words_set_a_lower_bound(text, value, bound):
    found = by_value("2023年," + text)
    assert found[value]["bound"] == bound


@pytest.mark.parametrize(
    "text, unit",
    [
        ("全年工业产值首次突破千亿元。", "千亿元"),  # two magnitude words before the unit
        ("全市地区生产总值跨越万亿大关。", "万亿"),  # 大关 is no unit (大 counts only after digits)
        ("全市规上企业超千家,产值突破千亿元大关。", "家"),
    ],
)
def test_a_crossed_magnitude_in_words(text, unit):
    found = [row for row in rows("2023年," + text) if row["unit"] == unit]
    assert found and found[0]["bound"] == "gt", rows("2023年," + text)


def test_crossing_a_count_of_thresholds_is_an_exact_count():
    found = by_value("2023年,全市经济总量五年跨越两个千亿元台阶。")
    assert found[2.0]["unit"] == "个" and found[2.0]["bound"] == "eq"


@pytest.mark.parametrize(
    "text",
    [
        "2022年,全市GDP增速位居中部六省省会城市第一。",
        "2022年,全区一般公共预算收入增幅居全省127个县(市、区)第一。",
        "2022年,全市外贸增速在全省16个设区市中位列第一。",
    ],
)
def test_a_rank_word_far_from_its_ordinal(text):
    ranks = [row for row in rows(text) if row["unit"] == "位"]
    assert [row["value"] for row in ranks] == [1.0], rows(text)


# --------------------------------------------------------------------------- equal figures, two claims


def test_equal_figures_in_one_list_are_separate_claims():
    text = "2023年全年,全市规上工业增加值增长6.6%,位次分别较一季度、上半年和前三季度前移7位、8位和7位。"
    moves = [row for row in rows(text) if row["unit"] == "位"]
    assert [row["value"] for row in moves] == [7.0, 8.0, 7.0]


def test_equal_figures_for_a_month_span_and_a_month_are_separate_claims():
    text = "2023年1-9月,全市规上工业增加值增长7.2%。\n\n9月份,全市规上工业增加值增长7.2%。"
    found = rows(text)
    assert [(row["value"], row["period"], row["kind"]) for row in found] == [(7.2, "2023", "actual")] * 2


def test_a_restatement_in_a_later_paragraph_is_still_one_claim():
    text = "2023年,全市地区生产总值8000亿元。\n\n综上,全市地区生产总值8000亿元,经济运行稳中向好。"
    assert len([row for row in rows(text) if row["value"] == 8000.0]) == 1


# --------------------------------------------------------------------------- units shared along a list


def test_a_unit_shared_along_a_list():
    text = "2022年,全区地区生产总值增长7.2%,分别比全国、自治区和全市高4.2、4.3和3.2个百分点。"
    found = by_value(text)
    assert all(found[v]["unit"] == "个百分点" for v in (4.2, 4.3, 3.2))


def test_a_counting_word_repeated_before_percentage_points():
    text = "2023年,全市规上工业增加值增长6.6%,较一季度、上半年和前三季度分别提高7.9个、3.4个和1.7个百分点。"
    found = by_value(text)
    assert all(found[v]["unit"] == "个百分点" for v in (7.9, 3.4, 1.7)), found


def test_a_unit_broken_over_a_wrapped_line():
    text = (
        "2024年,全区规上工业总产值达 690 亿元。总投资 86 亿\n元的辽宁三木、渼瑞石油等 12 个重大产业项目开工建设,"
        "总投资由上年的很少增加\n到现在的规模。"
    )
    found = by_value(text)
    assert found[86.0]["unit"] == "亿元"


def test_times_as_a_count():
    found = by_value("2022年,在全省上级会议作先进典型发言33次。")
    assert found[33.0]["unit"] == "次"


# --------------------------------------------------------------------------- a table one cell a line


def test_a_table_laid_out_one_cell_a_line():
    cells = [
        "2021年全县主要农产品产量",
        "单位:万吨",
        "产品",
        "产量",
        "比上年增长%",
        "粮食",
        "61.84",
        "0.74",
        "油料",
        "0.69",
        "-3.3",
        "蔬菜",
        "99.74",
        "4.5",
    ]
    text = "全县农业生产总体平稳。\n" + "\n|\n".join(cells) + "\n|\n据统计,全县新增家庭农场120家。"
    table = [row for row in rows(text) if "table cell" in row["extract_note"]]
    assert [(r["value"], r["unit"], r["period"]) for r in table] == [
        (61.84, "万吨", "2021"),
        (0.74, "%", "2021"),
        (0.69, "万吨", "2021"),
        (-3.3, "%", "2021"),
        (99.74, "万吨", "2021"),
        (4.5, "%", "2021"),
    ]
    assert [r["indicator_name_zh"] for r in table[::2]] == ["粮食", "油料", "蔬菜"]
    assert by_value(text)[120.0]["unit"] == "家"


# --------------------------------------------------------------------------- a review of several years


def test_a_review_of_five_years_gives_its_counts_the_span_and_its_levels_the_last_year():
    text = (
        "2023年1月10日\n\n过去一年,全市地区生产总值增长4%左右。五年来,全市经济总量连跨三个千亿台阶,达到1.9万亿元,"
        "城镇化率62.4%,新增高新技术企业3000家。"
    )
    found = by_value(text)
    assert found[4.0]["period"] == "2022"
    assert found[3.0]["period"] == "2018-2022" and found[3000.0]["period"] == "2018-2022"
    assert found[1.9]["period"] == "2022" and found[62.4]["period"] == "2022"


def test_a_since_year_and_the_years_reviewed_give_the_span_without_a_date():
    text = "市长对过去五年的工作进行了回顾。2012年以来,全市地区生产总值连跨两个千亿元台阶,达到了5808亿元。"
    found = by_value(text)
    assert found[2.0]["period"] == "2012-2016" and found[5808.0]["period"] == "2016"


def test_a_comparison_with_recent_years_is_no_review():
    text = "2023年1月10日\n\n过去一年,全市工业投资占比超30%、创近五年新高,新增企业300家。"
    found = by_value(text)
    assert found[30.0]["period"] == "2022" and found[300.0]["period"] == "2022"


def test_a_list_with_one_figure_for_each_year_of_its_span():
    text = "“十三五”期间,全市地区生产总值增长速度每年分别为7%、7.2%、6.8%、6.5%和3.1%,年均增速为6.1%。"
    found = rows(text)
    assert [row["period"] for row in found[:5]] == ["2016", "2017", "2018", "2019", "2020"]
    assert found[5]["period"] == "2016-2020"


def test_an_average_or_a_duration_covers_years_when_the_document_gives_the_year():
    text = "发布日期:2021-10-29\n\n分产业看,第一产业增加值42.76亿元,同比增长2.6%,两年平均增长2.1%。"
    found = by_value(text)
    assert found[2.6]["period"] == "2021" and found[2.1]["period"] == "2020-2021"
    text = "2025年1月6日\n\n过去一年,全市高新技术企业总数突破1万户、三年翻一番。"
    assert [row for row in rows(text) if row["unit"] == "%"][0]["period"] == "2022-2024"


def test_a_sum_in_a_review_of_a_plan_covers_the_plan():
    text = "“十三五”期间,全市经济持续增长。2020年,地区生产总值达到8000亿元。全社会固定资产投资累计完成2039亿元。"
    found = by_value(text)
    assert found[8000.0]["period"] == "2020" and found[2039.0]["period"] == "2016-2020"
    assert by_value("2020年1-11月,全市固定资产投资累计完成2039亿元。")[2039.0]["period"] == "2020"


# --------------------------------------------------------------------------- the text's date and a share of a target


def test_a_dateline_line_is_no_period_of_the_figures_after_it():
    text = (
        "2020年某市国民经济和社会发展统计公报\n某市统计局\n2021年3月20日\n一、综合\n"
        "初步核算,全年全市实现生产总值7816.42亿元,比上年增长3.4%。年末全市常住人口710万人。"
    )
    found = by_value(text)
    assert {(found[v]["period"], found[v]["kind"]) for v in (7816.42, 3.4, 710.0)} == {("2020", "actual")}


def test_a_date_inside_a_sentence_is_still_its_period():
    assert by_value("截至2023年12月31日,全市共有市场主体50万户。")[50.0]["period"] == "2023"


def test_a_share_of_the_years_target_achieved_is_an_actual():
    text = "发布时间:2024-09-12\n\n1-8月,实现一般公共预算收入6.8亿元,完成年度目标任务的72.4%、年度计划的70.1%。"
    found = by_value(text)
    assert found[72.4]["kind"] == "actual" and found[70.1]["kind"] == "actual"


def test_an_estimate_in_a_review_is_of_the_year_reviewed():
    text = (
        "2023-01-12 来源:某某网\n\n政府工作报告指出,过去一年,全市地区生产总值预计增长4%左右;一般公共预算收入1500亿元。"
    )
    found = by_value(text)
    assert found[4.0]["period"] == "2022" and found[4.0]["kind"] == "estimate" and found[1500.0]["period"] == "2022"


def test_a_move_in_rank():
    found = by_value("2023年,全市GDP增速居全省第3位,较上年提升2个位次。")
    assert found[2.0]["unit"] == "个位次" and found[3.0]["unit"] == "位"


# --------------------------------------------------------------------------- third round: a relative year's reach,
# comparisons closed by 比, thresholds of a class, a rank named after a place


def test_a_relative_year_dates_the_months_word_after_it_in_its_sentence():
    # 过去的一年 in a text dated early in 2019 is 2018; 全年 later in the sentence is that year, and the plan
    # verb (培育) that opens its clause tells what was done in it, not an aim of 2019
    text = (
        "日期:2019-02-14 10:57:31\n\n过去的一年,该区工业开票销售同比增长14.2%;全年培育星级企业21家。\n\n"
        "今年,全年完成工业开票销售突破300亿元。"
    )
    found = by_value(text)
    assert (found[14.2]["period"], found[21.0]["period"], found[21.0]["kind"]) == ("2018", "2018", "actual")
    assert (found[300.0]["period"], found[300.0]["kind"]) == ("2019", "target")


def test_an_explicit_year_wins_over_a_relative_one_for_a_months_word():
    text = "2020年1月10日\n\n2019年,全市生产总值增长7%;今年以来新引进项目247个;全年旅游收入增长10%。"
    assert by_value(text)[10.0]["period"] == "2019"


@pytest.mark.parametrize("close", ["比", "相比", "比较"])
def test_a_base_between_yu_and_bi_is_no_period(close):
    text = f"2015年全县地区生产总值24.4亿元。\n\n与上年{close},第一产业占地区生产总值的比重上升3.82个百分点。"
    assert by_value(text)[3.82]["period"] == "2015"


def test_an_amount_of_money_before_a_class_noun_is_its_threshold():
    text = "2023年,全年培育销售超亿元企业29家,新开工超10亿元项目5个、超亿元产业项目37个。"
    found = rows(text)
    assert sorted((row["value"], row["unit"]) for row in found) == [(5.0, "个"), (29.0, "家"), (37.0, "个")]


def test_a_bare_ordinal_closing_its_clause_after_a_place_is_a_rank():
    text = "2023年,全年新开工亿元以上产业项目91个、盐城第一,新增规上工业企业102家。第一产业增加值增长3%。"
    found = rows(text)
    ranks = [row for row in found if row["measure"] == "rank"]
    assert [(row["value"], row["unit"]) for row in ranks] == [(1.0, "位")]
    assert {row["value"] for row in found} == {91.0, 1.0, 102.0, 3.0}


def test_a_stock_phrase_with_a_count_in_words_is_no_figure():
    text = "2015年,全县牢牢守住发展和生态两条底线,地区生产总值增长13.1%。"
    assert [row["value"] for row in rows(text)] == [13.1]


@pytest.mark.parametrize(
    ("phrase", "value", "unit"), [("跻身全省省级开发区前10强", 10.0, "强"), ("进入全国前50名", 50.0, "名")]
)
def test_the_top_n_of_a_ranking_is_a_rank_of_at_most_n(phrase, value, unit):
    text = f"日期:2019-02-14\n\n今年,确保综合实力{phrase},前三季度出口增长3%。"
    found = by_value(text)
    assert (found[value]["unit"], found[value]["bound"], found[value]["measure"]) == (unit, "le", "rank")
    assert found[value]["kind"] == "target" and found[3.0]["measure"] == "growth"


def test_a_review_opened_in_one_paragraph_goes_on_in_the_next_until_a_period_is_named():
    text = (
        "2017年2月15日\n\n"
        "报告回顾了过去五年的工作。2012年以来,全市地区生产总值达到了5808亿。\n\n"
        "市长说,18万亩采煤塌陷地得到修复治理,城区绿化覆盖率43.7%,城乡居民的收入分别达到了28421元和15274元。\n\n"
        "2016年,全市新增企业120家。"
    )
    found = by_value(text)
    assert found[5808.0]["period"] == "2016"
    assert found[18.0]["period"] == "2012-2016"  # what was done over the span
    assert found[43.7]["period"] == found[28421.0]["period"] == "2016"  # levels reached by its end
    assert found[120.0]["period"] == "2016"  # a paragraph naming its own year ends the review (no span)


def test_the_leaders_of_a_ranking_named_after_it_are_no_figure():
    text = "2023年,全市服务业增长5%,总量居前三位的分别是甲区、乙区和丙区,分别增长6%、7%和8%。"
    assert [row["value"] for row in rows(text)] == [5.0, 6.0, 7.0, 8.0]
