"""One self-contained HTML page of a report: tables, and plots drawn by matplotlib as inline SVG.

The page loads nothing from the network (no script, font or style sheet from elsewhere), so it can be
mailed or opened offline. Plots use matplotlib's object API (`Figure`, no pyplot state) and the SVG
backend with a fixed hash salt, so the same report gives the same page. Without matplotlib (the `report`
extra) the page still has every table and says how to get the plots.
"""

from __future__ import annotations

import html
import io
from typing import Any

from .linking import SOURCE_TYPES
from .tables import Report, Row

COLOURS = {
    "official": "#1f77b4",
    "expert": "#2ca02c",
    "organization": "#9467bd",
    "public_figure": "#ff7f0e",
    "citizen": "#d62728",
    "unknown": "#b0b0b0",
}
QUOTE_COLOURS = {"direct": "#1f77b4", "indirect": "#9ecae1", "mixed": "#6baed6"}

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.2rem .45rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}
.note{color:#555;font-size:.9rem}.plot svg{max-width:100%;height:auto}
dl.summary{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem}dl.summary dt{color:#555}
"""


def _svg(fig) -> str:
    """The figure as an inline `<svg>` element (the XML prologue and DOCTYPE dropped)."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "kutipan", "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buf.getvalue()
    return text[text.index("<svg") :]


def plot_top_people(people: list[Row], top: int = 20) -> str:
    """Horizontal bars: the most-quoted named people, split into direct, indirect and mixed quotes."""
    from matplotlib.figure import Figure

    rows = people[:top][::-1]
    fig = Figure(figsize=(8, 0.32 * len(rows) + 1.2))
    ax = fig.add_subplot()
    left = [0] * len(rows)
    names = [r["name"] for r in rows]
    for qtype, colour in QUOTE_COLOURS.items():
        values = [r[qtype] for r in rows]
        ax.barh(names, values, left=left, color=colour, label=qtype)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("quotes")
    ax.set_title(f"Top {len(rows)} quoted people")
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def plot_stacked(rows: list[Row], key: str, title: str, horizontal: bool = False) -> str:
    """Bars of quotes by source type, one bar per row (`month` or `outlet`)."""
    from matplotlib.figure import Figure

    labels = [str(r[key])[:40] for r in rows]
    if horizontal:
        rows, labels = rows[::-1], labels[::-1]
    size = (8, 0.35 * len(rows) + 1.5) if horizontal else (max(6, 0.45 * len(rows) + 2), 4)
    fig = Figure(figsize=size)
    ax = fig.add_subplot()
    base = [0] * len(rows)
    for stype in SOURCE_TYPES:
        values = [r[stype] for r in rows]
        if not any(values):
            continue
        if horizontal:
            ax.barh(labels, values, left=base, color=COLOURS[stype], label=stype)
        else:
            ax.bar(labels, values, bottom=base, color=COLOURS[stype], label=stype)
        base = [a + b for a, b in zip(base, values, strict=True)]
    ax.set_title(title)
    (ax.set_xlabel if horizontal else ax.set_ylabel)("attributed quotes")
    if not horizontal:
        ax.tick_params(axis="x", labelrotation=60)
    ax.legend(frameon=False, fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f'<td class="n">{value:.1%}</td>'
    if isinstance(value, int):
        return f'<td class="n">{value:,}</td>'
    return f"<td>{html.escape(str(value))}</td>"


def table_html(rows: list[Row], limit: int | None = None, columns: list[str] | None = None) -> str:
    """An HTML table of `rows` (all columns, or `columns`), the first `limit` rows."""
    if not rows:
        return '<p class="note">(none)</p>'
    cols = columns or list(rows[0])
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in cols)
    body = "".join("<tr>" + "".join(_cell(r.get(c, "")) for c in cols) + "</tr>" for r in rows[:limit])
    more = f'<p class="note">{len(rows) - limit:,} more rows in the CSV.</p>' if limit and len(rows) > limit else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _plots(report: Report, top: int) -> dict[str, str]:
    """The SVG plots, or {} when matplotlib is not installed."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return {}
    t = report.tables
    plots = {}
    if t["people"]:
        plots["people"] = plot_top_people(t["people"], top)
    dated = [r for r in t["months"] if r["month"] != "undated"]
    if dated:
        plots["months"] = plot_stacked(dated, "month", "Attributed quotes per month, by source type")
    if t["outlets"]:
        plots["outlets"] = plot_stacked(t["outlets"][:20], "outlet", "Quotes per outlet, by source type", True)
    return plots


def render_report(report: Report, title: str = "Who gets quoted", top: int = 20) -> str:
    """The whole report as one HTML page (a string)."""
    s = report.summary
    t = report.tables
    plots = _plots(report, top)
    notes = []
    if not plots:
        notes.append("Plots need matplotlib: <code>pip install 'kutipan[report]'</code>.")
    if s["speakers"] and not s["speakers_with_source_type"]:
        notes.append(
            "The predictions carry no <code>source_type</code>: people count as <em>unknown</em> and "
            "organisation speakers as <em>organization</em>, so the source-type shares say little."
        )
    if s["documents"] and not s["documents_with_outlet"]:
        notes.append("No document has <code>meta.outlet</code>: every outlet is <em>unknown</em>.")
    if s["documents"] and not s["documents_with_date"]:
        notes.append("No document has a readable <code>meta.date</code>: nothing per month.")
    summary = "".join(
        f"<dt>{html.escape(k.replace('_', ' '))}</dt><dd>{v:,}</dd>" for k, v in s.items() if isinstance(v, int)
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<dl class="summary">{summary}</dl>',
        "".join(f'<p class="note">{n}</p>' for n in notes),
        '<p class="note">People are linked across documents by the same name or by names the documents '
        "tie together (full and short forms, aliases, abbreviations), never by a shared surname or first name "
        "alone. Quotes without a speaker, anonymous speakers and groups are counted apart (last table).</p>",
        "<h2>Top quoted people</h2>",
        f'<div class="plot">{plots.get("people", "")}</div>',
        table_html(
            t["people"],
            50,
            ["id", "name", "quotes", "direct", "indirect", "mixed", "documents", "outlets", "first_date"]
            + ["last_date", "source_type", "roles", "organizations"],
        ),
        "<h2>Source types</h2>",
        table_html(t["source_types"]),
        f'<div class="plot">{plots.get("months", "")}</div>',
        "<h2>Outlets</h2>",
        f'<div class="plot">{plots.get("outlets", "")}</div>',
        table_html(t["outlets"], 30),
        "<h2>Months</h2>",
        table_html(t["months"], 60),
        "<h2>Organisations</h2>",
        table_html(t["organizations"], 30),
        "<h2>Mentioned versus quoted</h2>",
        table_html(t["mentioned"], 30),
        "<h2>Counted apart: no speaker, anonymous, groups</h2>",
        table_html(t["unattributed"]),
        "</body></html>",
    ]
    return "\n".join(parts)
