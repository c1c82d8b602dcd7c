"""Write the committed notebooks (no outputs). Edit here, run `python tools/make_notebooks.py`, commit both."""
import nbformat as nbf
from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell

def nb(name, cells):
    for i, c in enumerate(cells):
        c["id"] = f"{name}-{i:02d}"
    n = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                                            "language_info": {"name": "python"}})
    nbf.validate(n)
    nbf.write(n, f"chapters/{name}.ipynb")

md = new_markdown_cell
def params(src): return new_code_cell(src, metadata={"tags": ["parameters", "remove-cell"]})
def hidden(src): return new_code_cell(src, metadata={"tags": ["remove-input"]})
def setup(src): return new_code_cell(src, metadata={"tags": ["remove-cell"]})
LOAD = "from IPython.display import HTML, display\n\nfrom zonebook import load, metrics, report\n\nds = load(data_dir)"

nb("zone", [
    md("# Zone chapter\n\nThis template is executed once per zone; the build gives each copy the zone's own title."),
    params('zone = "industry-613"  # a zone id from data/zones.csv\ndata_dir = "../data"'),
    setup(LOAD + "\nobs = ds.for_zone(zone).observations"),
    hidden("display(HTML(report.zone_intro_html(ds.zone(zone), obs, ds.claims_source)))\n"
           "display(HTML(report.deck_links_html(f\"{ds.zone(zone)['order']:02d}-{zone}\", up=\"../../\")))"),
    md("## Key figures\n\nThe latest figure of every indicator, from every source that gives one."),
    hidden("display(HTML(report.key_figures_table(obs)))"),
    md("## Over time"),
    hidden("figures = report.series_figures(obs)\n"
           "display(HTML(\"\".join(figures) or \"<p><em>No indicator here has figures for more than one period yet.</em></p>\"))"),
    md("## Readings\n\nComputed from the figures above; the measures are defined in [Data and methods](../methods.md)."),
    hidden("display(HTML(report.readings_html(obs)))"),
    md("## The article's claims, checked"),
    hidden("display(HTML(report.audit_table(metrics.audit(obs, ds.claims_source))))"),
    md("## The evidence"),
    hidden("display(HTML(report.evidence_html(obs, ds.claims_source)))"),
    hidden("display(HTML(report.quotes_html(obs)))"),
])

nb("intro", [
    md("# Yangzhou's six key development areas: the claims and the record\n\n"
       "In February 2026 a widely shared self-media article named six areas that would make Yangzhou (扬州) a city "
       "you \"can't afford to look down on\" within five years, and filled them with figures. This report takes those figures "
       "one by one, sets each beside the public record — statistical communiqués, government work reports, the press — and shows "
       "what the numbers say about each area, where they agree, where they conflict and where the article promises a figure "
       "but prints none.\n\n"
       "Every number in the report traces to a source and the source's own words; the report is rebuilt from the CSV files "
       "in its `data/` folder by one command."),
    params('data_dir = "../data"\nchanges = ""  # the build passes the summary of the "What changed" page'),
    setup(LOAD),
    hidden("display(HTML(report.changes_note_html(changes)))"),
    md("## Key findings"),
    hidden("display(HTML(report.findings_html(ds)))"),
    md("## The six zones at a glance"),
    hidden("display(HTML(report.zones_at_a_glance(ds)))"),
    md("## How to read this report\n\n"
       "- **The city** sets the scene: GDP since 2020, the 万亿 (one trillion yuan) goal and the 2026 targets.\n"
       "- **The six zones** get a chapter each: key figures, charts over time, computed readings, the article's claims checked, and the evidence.\n"
       "- **Across the zones** compares how well each zone is backed by numbers, and audits every claim of the article.\n"
       "- **Data and methods** lists the sources, defines every measure and term, and offers the data for download.\n"
       "- [What changed](changes.md) lists the figures added, revised and removed since the last published edition.\n\n"
       "Figures carry their qualifier: >8,000 means *more than* (超, 突破), ≥ *at least* (以上), ≈ *about* (约, 左右). "
       "A *tier* says how much weight a source carries: A official or mainstream, B official text on a mirror site, C third-party or self-media; the article itself is tier C."),
])

nb("overview", [
    md("# The city: GDP and the 万亿 goal"),
    params('data_dir = "../data"\ngdp = "gdp"  # indicator id of GDP\ngrowth = "gdp-growth"  # indicator id of real GDP growth\ngoal = 10000.0  # the 万亿 goal, in the GDP indicator\'s unit'),
    setup(LOAD + "\ncity_ds = ds.for_zone(\"city\")  # this page reads only city-wide figures (the build's cache relies on it)\n"
          "city = city_ds.observations\npaths = report.trillion_paths(city_ds, gdp, growth, goal)"),
    hidden("display(HTML(report.deck_links_html(\"00-city\", up=\"../\")))"),
    md("Yangzhou's stated ambition for the 15th Five-Year Plan (2026–2030) is to become a city of one trillion yuan GDP "
       "(万亿之城). How far off is it, and when would each growth path get there?"),
    hidden("display(HTML(report.trillion_html(paths) if paths else \"<p><em>The data has no GDP series to project.</em></p>\"))"),
    md("The goal is a nominal amount, while growth targets are real: each path states its real growth, its price assumption "
       "(derived from the data) and the nominal rate they make. The rules are on the [Data and methods](methods.md) page."),
    md("## The 2026 targets"),
    hidden("display(HTML(report.targets_table(city, \"2026\")))"),
    md("## Headline figures"),
    hidden("display(HTML(report.key_figures_table(city)))"),
    md("## City-wide series\n\nEvery city-wide indicator with figures for three or more periods."),
    hidden("display(HTML(\"\".join(report.series_figures(city, min_periods=3))))"),
    md("## Readings"),
    hidden("display(HTML(report.readings_html(city)))"),
])

nb("comparison", [
    md("# Across the zones\n\nHow much of each zone's story is backed by numbers, and by what kind of source?"),
    params('data_dir = "../data"'),
    setup(LOAD),
    hidden("display(HTML(report.evidence_chart_html(ds)))"),
    md("## The counts"),
    hidden("display(HTML(report.evidence_table(ds)))"),
])

nb("audit", [
    md("# Claims audit\n\nEvery figure of the article checked against the public record for the same indicator, definition and period. "
       "A claim is **corroborated** when a dated tier A or B source gives the same figure (or a stronger one that implies it); it has "
       "**weak support only** when only an undated or tier-C source does; it is **compatible, not confirmed** when the record is weaker "
       "(the record says *more than 8,000*, the article *more than 8,200*); **revised since** when it is an official first release that "
       "the record has since restated; **in conflict** when both cannot be true; **at odds with a related figure** when a single year of "
       "the flow a running total adds up already exceeds it; and **unverified** when no other source gives a figure for it. "
       "The full rules are on the [Data and methods](methods.md) page."),
    params('data_dir = "../data"'),
    setup(LOAD),
    hidden("display(HTML(report.audit_chart_html(ds)))"),
    md("## Conflicts and weaker support\n\nBoth values and both sources are shown."),
    hidden("display(HTML(report.conflicts_html(ds)))"),
    md("## Where the article contradicts itself"),
    hidden("display(HTML(report.inconsistencies_html(ds)))"),
    md("## Figures announced but not given\n\nSentences where the article announces a figure (…率达、, …超过。, 累计…) and the number is "
       "missing from the text."),
    hidden("display(HTML(report.missing_html(ds)))"),
    md("## Clauses without a figure\n\nClauses that state an action (新建卫生户厕, 改善农房) without announcing a figure: no number was "
       "promised, so they are not counted as missing."),
    hidden("display(HTML(report.no_figure_html(ds)))"),
    md("## Every claim"),
    hidden("display(HTML(report.audit_table(metrics.audit(ds.observations, ds.claims_source))))"),
])
