"""The Chinese sentence of every reading: one template for each key of `readings.TEMPLATES`, same placeholders.

Written in the language of a 统计公报 or 政府工作报告 (地区生产总值, 同比增长, 个百分点, 预期目标), with full-width
punctuation and no space between a number and its unit. The values that fill them are the Chinese values of
`readings_zh.values` (a rate as 增长5.3% or 下降2.1%, a period as 2025年, a bound as 超 or 以上), so that a template
never has to choose between words itself. `tests/test_lang_templates.py` checks that the keys and the
placeholders are exactly those of the English table.
"""

TEMPLATES = {
    # trends
    "trend": "{y0}{lead}为{start}，{y1}为{end}，年均{rate}（{how}）{last}{caveat}。",
    "trend-last": "；其中{y1}{rate}",
    "trend-one-year": "{y0}{lead}为{start}，{y1}为{end}，{rate}（{how}）{caveat}。",
    "trend-flat": "{y0}{lead}为{start}，{y1}为{end}{caveat}。",
    "trend-points": "{y0}{lead}为{start}，{y1}为{end}，{change}。",
    "caveat-comparable": "；{since}以前的数据（{dropped}）未计入，因该序列自{since}起才可比",
    # a target or estimate against the outcome of its own period
    "outcome-met": "{lead}：{period}目标为{target}，实际为{actual}，完成目标{margin}。",
    "outcome-missed": "{lead}：{period}目标为{target}，实际为{actual}，未完成目标{margin}。",
    "outcome-above": "{lead}：{period}{planned}{target}，实际为{actual}，比{plan_word}高{margin}。",
    "outcome-below": "{lead}：{period}{planned}{target}，实际为{actual}，比{plan_word}低{margin}。",
    "outcome-as-planned": "{lead}：{period}{planned}{target}，实际为{actual}，与{planned}相符。",
    "outcome-undetermined": "{lead}：{period}{planned}{target}，实际结果仅知为{actual}，无法判断{plan_noun}是否实现。",
    # a target against earlier actuals: progress so far, never a verdict
    "progress-none": "{lead}：{period}目标为{target}，数据中没有可对照的实际数。",
    "progress-too-old": "{lead}：{period}目标为{target}；数据中最新的实际数为{year}的{actual}，时间过早，无法衡量进度。",
    "progress-context": "{lead}：{period}目标为{target}；数据中没有{period}的实际数（最新的实际数为{year}的{actual}，"
    "其他时期的增速不能说明本期情况）。",
    "progress-short": "{lead}：{period}目标为{target}；截至{year}，已达{actual}{needs}。",
    "progress-short-flow": "{lead}：{period}目标为{target}；数据中没有{period}的实际结果，{year}为{actual}{needs}。",
    "progress-short-points": "{lead}：{period}目标为{target}；截至{year}为{actual}，距目标还差{gap}。",
    "progress-beyond": "{lead}：{period}目标为{target}；{year}已达{actual}，{side}该水平（数据中没有{period}的实际数）。",
    "progress-beyond-flow": "{lead}：{period}目标为{target}；数据中没有{period}的实际结果，{year}为{actual}，{side}该水平。",
    "needs-growth": "，实现目标需年均增长{rate}{how}",
    "needs-one-year": "，目标比该数高{rate}",
    # the goal path
    "path-reached": "{base_year}年{lead}为{base}，已超过{goal}的目标，无须测算达到目标的路径。",
    "path-needed": "要在{goal_year}达到{goal}，{lead}须以{base_year}的{base}为基数，按现价计算年均增长{rate}；"
    "按价格年均{prices}计，相当于按可比价计算年均增长{real}。",
    "path-prices": "价格假设：由现价地区生产总值和实际增速推算的地区生产总值平减指数{changes}；各路径假设价格年均{prices}{mean_word}。",
    "path-no-prices": "价格假设：数据中没有同时具备现价地区生产总值和实际增速的年份，因此假设价格不变。",
    "path-target": "按{period}实际增长{real}的预期目标和价格{prices}计算，现价年均增长{nominal}，地区生产总值{when}。",
    "path-trend": "按{y0}至{y1}的现价增长趋势，即年均增长{nominal}，地区生产总值{when}。",
    "path-unprojected": "未绘制{path}路径：{reason}。",
    "path-slow": "在慢速情形下，按期内最低的实际增速（{real_year}，{real}）和最低的价格变动（{price_year}，{prices}）计算，"
    "现价年均增长{nominal}，地区生产总值{when}。",
    # the audit
    "audit-corroborated": "{lead}，{period}：文章所称{claim}得到{publisher}{about}印证，其数据为{record}。",
    "audit-weak": "{lead}，{period}：文章所称{claim}仅有{publisher}{about}的数据{record}支持{also}，佐证较弱。",
    "audit-weak-also": "；{publisher}{about}的数据{record}与之相容，但不够精确",
    "audit-partly": "{lead}，{period}：文章所称{claim}与{publisher}{about}的数据{record}相容，但不能据此证实。",
    "audit-revised": "{lead}，{period}：文章所称{claim}为初步核算数{also}；{publisher}{about}公布的修订数为{record}。",
    "audit-revised-also": "（与{publisher}公布的一致）",
    "audit-conflict": "{lead}，{period}：文章所称{claim}与{publisher}{about}的数据{record}相矛盾。",
    "audit-bounded": "{lead}，{period}：文章所称{claim}为累计数，但据{publisher}{about}，仅{record_period}一年的"
    "{related}就达{record}，单年已超过所称累计数。",
    "audit-unverified": "{lead}，{period}：文章所称{claim}，数据中没有其他来源可资对照。",
    "audit-missing": "{lead}，{period}：文章提及该数据，但未给出具体数值（原文：“{quote}”）。",
    "audit-no-figure": "{lead}，{period}：文章只作表述，未提及具体数字（原文：“{quote}”）。",
    # the article against itself
    "inconsistency-same-figure": "{lead}：文章对{periods}给出同一数字{value}。",
    "inconsistency-conflict": "{lead}：文章对{period}给出的数字不可能同时成立：{values}。",
    # summaries
    "summary-audit": "文章共有{claims}，其中{counts}。文章还提及{missing}，但未给出数值{nofigure}。",
    "summary-nofigure": "；另有{n}处表述未提及具体数字",
    "summary-nofigure-one": "；另有1处表述未提及具体数字",
    "summary-evidence": "各区域的证据多寡不一：{most}有{most_n}，{least}仅有{least_n}。",
    "summary-sources": "共{sources}：A级（官方机构或主流媒体）{a}个，B级{b}个，C级（第三方或自媒体）{c}个。",
    "summary-part-evidence": "本部分依据{sources}的{figures}（A级{a}个、B级{b}个、C级{c}个），涉及{indicators}："
    "实际数{actual}个，预计数{estimate}个，目标数{target}个；有三期及以上数据的指标{series}项。",
    "summary-part-claims": "文章对本区域有{claims}{missing}。",
    "takeaway-claims": "文章对{where}有{claims}：{counts}{missing}。",
    "takeaway-claims-missing": "；另提及{n}，但未给出数值",
    "takeaway-none": "文章对{where}没有涉及数字的说法。",
    "summary-part-claims-missing": "，另提及{n}，但未给出数值",
    "summary-part-gaps": "来源在此提及{n}，但未给出数值：",
    "summary-part-no-figure": "本区域只作表述、未提及具体数字（也未承诺给出数值）的语句：{n}处。",
    "summary-inconsistency": "文章有{places}自相矛盾，例如{example}（{issue}：{periods}）。",
}

# the words the English values carry, in Chinese (readings.VERDICT_WORDS, PATH_NAMES, metrics' issues and reasons)
VERDICT_LABELS = {  # a verdict as a table or a slide labels it: metrics.VERDICT_LABEL in Chinese
    "corroborated": "得到印证",
    "weak": "佐证较弱",
    "partly": "相容但未经证实",
    "revised": "已被修订",
    "conflict": "与记录相矛盾",
    "bounded": "与相关数字不符",
    "unverified": "无法核实",
    "missing": "未给出数值",
    "no-figure": "未提及具体数字",
}
VERDICT_WORDS = {verdict: f"{label}的{{n}}项" for verdict, label in VERDICT_LABELS.items()}  # summary-audit's counts
KIND_LABELS = {"actual": "实际数", "estimate": "预计数", "target": "目标数"}  # data.KINDS
NONE_CHECKED = "没有一项经过核对"
COUNTED = {  # readings.plural's nouns, with their measure words
    "numerical claim": "{n}项涉及数字的说法",
    "more figure": "{n}个数据",
    "figure": "{n}个数据",
    "indicator": "{n}项指标",
    "source": "{n}个来源",
    "place": "{n}处",
}
WHERE = {"this area": "本区域", "the city as a whole": "全市"}  # readings.takeaways' parts
PATH_NAMES = {"growth-target": "按增长目标测算的", "trend": "按趋势测算的", "slow-case": "慢速情形下的"}
ISSUES = {
    "same figure, different periods": "不同时期数字相同",
    "conflicting figures, same period": "同一时期数字相互矛盾",
}
REASONS = {
    "the latest figure is not positive, and no growth rate carries it to the goal": "最新数字不为正数，任何增速都无法使其达到目标",
    "no growth rate can be computed from the data": "无法根据数据计算增速",
    "a rate of -100% or less leaves nothing to grow": "增速为-100%或更低，已无增长基数",
    "at this rate the goal is more than {years} years away": "按此增速，需{years}年以上才能达到目标",
}
HOW = {  # readings.how, and its year-on-year form
    "compound": "复合增速",
    "compound, nominal": "按现价计算的复合增速",
    "compound, real": "按可比价计算的复合增速",
    "year on year": "同比",
    "year on year, nominal": "同比，按现价计算",
    "year on year, real": "同比，按可比价计算",
}
# metrics.rate_qualifier: a rate between bounded figures is bounded itself (增长11.7%以上, 增长不超过0.7%, 下降2.0%左右)
QUALIFIED = {"at least ": ("", "以上"), "at most ": ("不超过", ""), "roughly ": ("", "左右")}
PLANNED = {"planned": "计划", "expected": "预计"}
PLAN_WORD = {"plan": "计划", "the estimate": "预计"}
SIDES = {"at or above": "已不低于", "at or below": "已不高于"}
TIER = "{tier}级来源"
UNDATED = "日期不详"
