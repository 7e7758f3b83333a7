"""The collaboration network as one self-contained HTML page that works offline.

pyvis's own template links CDN scripts even with ``cdn_resources='in_line'``
(pyvis issues 228, 229), so the page is assembled here: the vis-network script
and stylesheet that pyvis ships are inlined, the graph travels as a JSON
payload in a ``<script type="application/json">`` block with ``<``, ``>`` and
``&`` escaped, and viz/static/network.js builds every label, tooltip, legend
and filter option with ``textContent`` or DOM nodes, so a name read from an
article can never become markup or script.
"""

from __future__ import annotations

import html
import json
import math
from collections import Counter
from importlib import resources
from pathlib import Path

import networkx as nx
import pyvis

from lankg.fileio import write_text_atomic
from lankg.viz.project import AgreementInfo

#: Node colour and legend label of each kind (lankg class local names, plus the views' own kinds).
KIND_STYLE: dict[str, tuple[str, str]] = {
    "CentralAgency": ("#d62728", "Central agency"),
    "Ministry": ("#ff7f0e", "Ministry"),
    "Province": ("#2ca02c", "Province"),
    "Regency": ("#1f77b4", "Regency"),
    "City": ("#17becf", "City"),
    "FreeTradeZoneAuthority": ("#9467bd", "Free trade zone authority"),
    "University": ("#8c564b", "University"),
    "OtherInstitution": ("#7f7f7f", "Other institution"),
    "Official": ("#e377c2", "Official"),
    "Scope": ("#bcbd22", "Scope"),
}

#: How the browser tests and benchmarks open the page in Debian's chromium: headless, and quiet on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

_VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
_TEMPLATE = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{vis_css}</style>
<style>{page_css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<div class="lankg-controls">
<input id="lankg-search" type="search" placeholder="Search by name" aria-label="Search by name">
<select id="lankg-year" aria-label="Year"></select>
<select id="lankg-scope" aria-label="Scope"></select>
<select id="lankg-province" aria-label="Province"></select>
<select id="lankg-kind" aria-label="Kind"></select>
<span id="lankg-count"></span>
<span id="lankg-found"></span>
</div>
<div id="lankg-legend"></div>
</header>
<div id="lankg-network"></div>
<script type="application/json" id="lankg-data">{payload}</script>
<script>{vis_js}</script>
<script>{page_js}</script>
</body>
</html>
"""


def _static(name: str) -> str:
    return resources.files("lankg.viz").joinpath("static", name).read_text(encoding="utf-8")


def _script_safe(text: str) -> str:
    """JSON that cannot close its ``<script>`` element or open a comment inside it."""
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _agreement_line(info: AgreementInfo, names: dict[str, str], exclude: str = "") -> str:
    """``MoU 2022-03-02 with X: scope, scope [article.txt]``, naming the other parties that are on the page."""
    others = [names[p] for p in info.parties if p != exclude and p in names]
    partners = f" with {', '.join(others)}" if others else ""
    scopes = ", ".join(info.scopes) or "no scope stated"
    return f"{info.type} {info.date or 'undated'}{partners}: {scopes} [{', '.join(info.sources)}]"


def node_size(degree: int, max_degree: int) -> float:
    """Dot radius growing with the square root of degree, from 8 to 40 pixels."""
    return round(8 + 32 * math.sqrt(degree / max_degree), 2) if max_degree else 8.0


def payload(graph: nx.Graph, title: str) -> dict[str, object]:
    """The JSON the page draws: nodes, edges, kinds for the legend and values for the filters."""
    agreements: dict[str, AgreementInfo] = graph.graph.get("agreements", {})
    names = {str(n): str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    max_degree = max((d for _, d in graph.degree()), default=0)
    nodes = []
    for node, data in sorted(graph.nodes(data=True)):
        kind = str(data.get("kind") or "OtherInstitution")
        lines = [names[str(node)], f"{KIND_STYLE.get(kind, KIND_STYLE['OtherInstitution'])[1]}"]
        if data.get("province"):
            lines[1] += f", {data['province']}"
        lines.append(f"links: {graph.degree(node)}, agreements: {len(data.get('agreements', []))}")
        lines += [_agreement_line(agreements[a], names, str(node)) for a in data.get("agreements", []) if a in agreements]
        nodes.append(
            {
                "id": str(node),
                "label": names[str(node)],
                "kind": kind if kind in KIND_STYLE else "OtherInstitution",
                "province": str(data.get("province") or ""),
                "years": list(data.get("years", [])),
                "scopes": list(data.get("scopes", [])),
                "size": node_size(graph.degree(node), max_degree),
                "tooltip": lines,
            }
        )
    edges = []
    for a, b, data in sorted(graph.edges(data=True)):
        shared = [agreements[i] for i in data.get("agreements", []) if i in agreements]
        lines = [f"{names[str(a)]} — {names[str(b)]}", f"weight {data.get('weight', 1)}"]
        if data.get("posts"):
            lines.append(str(data["posts"]))
        lines += [_agreement_line(info, {}) for info in shared]
        edges.append(
            {
                "from": str(a),
                "to": str(b),
                "weight": int(data.get("weight", 1)),
                "years": list(data.get("years", [])),
                "scopes": list(data.get("scopes", [])),
                "dated": "agreements" in data,
                "tooltip": lines,
            }
        )
    kind_counts = Counter(n["kind"] for n in nodes)
    kinds = [{"kind": k, "label": label, "color": colour, "count": kind_counts[k]} for k, (colour, label) in KIND_STYLE.items() if kind_counts[k]]
    filters = {
        "years": sorted({y for n in nodes for y in n["years"]}),  # type: ignore[attr-defined]
        "scopes": sorted({s for n in nodes for s in n["scopes"]}),  # type: ignore[attr-defined]
        "provinces": sorted({str(n["province"]) for n in nodes if n["province"]}),
    }
    return {"title": title, "nodes": nodes, "edges": edges, "kinds": kinds, "filters": filters}


def render_network_html(graph: nx.Graph, *, title: str = "lankg collaboration network") -> str:
    """The whole page as one string: no external script, stylesheet, font or image."""
    return _TEMPLATE.format(
        title=html.escape(title),
        vis_css=(_VIS_DIR / "vis-network.css").read_text(encoding="utf-8"),
        page_css=_static("network.css"),
        payload=_script_safe(json.dumps(payload(graph, title), ensure_ascii=False, sort_keys=True)),
        vis_js=(_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"),
        page_js=_static("network.js"),
    )


def write_network_html(graph: nx.Graph, path: Path, *, title: str = "lankg collaboration network") -> None:
    """Render ``graph`` as a self-contained page and write it to ``path`` atomically."""
    write_text_atomic(path, render_network_html(graph, title=title))
