"""The evidence subgraph of an alert as an inline SVG that an officer reads at a glance.

A layered layout (one column per kind: alert → declaration → parties and goods → list entries, codes
and addresses → the rest; within a column, nodes ordered by the mean row of their neighbours in the
columns before, which keeps lines from crossing) instead of a spring layout, whose captions fell on
each other. Each caption sits to the right of its node inside its column, which is as wide as its
longest caption line, and rows are a fixed height apart, so no two captions can overlap. Text widths are
estimated per character (East Asian wide characters count double), lines are wrapped, and the full text
stays in a tooltip. List-entry captions carry the list's name and the match score.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx


__all__ = ["COLOURS", "FONT_STACK", "LIST_NAMES", "caption_lines", "evidence_svg", "list_name", "node_title", "primary_label",
           "text_width"]

# the same colours as graph/browser/ecgraph.grass, so the report and Browser read alike
COLOURS = {"Declaration": "#4C8EDA", "Party": "#FFC454", "ListEntry": "#C0392B", "ControlEntry": "#8E44AD",
           "HSCode": "#57C7E3", "GoodsItem": "#8DCC93", "LabelCapture": "#F16667", "Alert": "#E74C3C",
           "Country": "#ECF0F1", "Address": "#D9C8AE", "CountryGroup": "#BDC3C7", "IndicatorTerm": "#F5B041"}
# Japanese names must not turn into boxes where the first font has no kana or kanji
FONT_STACK = ('"Noto Sans CJK JP","Noto Sans JP","IPAexGothic","IPAGothic","Hiragino Sans",'
              '"Hiragino Kaku Gothic ProN","Yu Gothic","Meiryo",-apple-system,"Segoe UI",Helvetica,Arial,sans-serif')
# the short names analysts use for the lists (source ids otherwise)
LIST_NAMES = {
    "us_ofac_sdn": "OFAC SDN", "us_ofac_cons": "OFAC Consolidated", "us_trade_csl": "US CSL",
    "un_sc_sanctions": "UN SC", "gb_ofsi_consolidated": "UK OFSI", "eu_oj_sanctions": "EU sanctions",
    "jp_meti_end_user_list": "METI End User List", "jp_mofa_russia_specified": "MOFA Russia",
    "jp_mofa_third_country_specified": "MOFA third countries", "jp_mofa_belarus_specified": "MOFA Belarus",
    "jp_mof_asset_freeze": "MOF asset freeze", "os_ftm": "OpenSanctions", "us_bis_mieu": "BIS MIEU",
    "us_dod_1260h": "DoD 1260H",
}
LAYERS = {"Alert": 0, "Declaration": 1, "DeclarationVersion": 1, "Party": 2, "GoodsItem": 2, "LabelCapture": 2,
          "ListEntry": 3, "HSCode": 3, "Address": 3, "PartyCluster": 3, "Image": 3, "LabelMention": 3}
OTHER_LAYER = 4
FONT_SIZE = 13  # names; the kind line above a name is KIND_FONT_SIZE (11 px read as fine print in a report)
KIND_FONT_SIZE = 11
LINE_HEIGHT = round(FONT_SIZE * 1.6)  # CJK fonts measure ~1.45 em a line: lines this far apart never touch
ROW_HEIGHT = 5 * LINE_HEIGHT + 8  # five caption lines and air between rows
RADIUS = 14
LINE_CHARS = 26  # wrap captions at about this many narrow characters (four columns fit the report's 60 em)
MARGIN = 16


def primary_label(node: dict[str, Any]) -> str:
    """The label that says what a node is (ListEntry, not the JapaneseList label it also carries)."""
    labels = [str(label) for label in node.get("labels") or []]
    return next((label for label in labels if label in LAYERS or label in COLOURS), labels[0] if labels else "?")


def list_name(list_id: str) -> str:
    if list_id.startswith("custom:"):
        return f"watch list {list_id.removeprefix('custom:')}"
    return LIST_NAMES.get(list_id, list_id)


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An upper estimate of the rendered width: wide (CJK) characters 1 em, others 0.62 em."""
    return sum(size if unicodedata.east_asian_width(ch) in ("W", "F") else size * 0.62 for ch in text)


def _wrap(text: str, max_width: float, max_lines: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.replace("\n", " ").split(" "):
        candidate = f"{current} {word}".strip()
        if text_width(candidate) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current) > max_width:  # a long word (or a CJK run without spaces) breaks anywhere
            cut = len(current)
            while cut > 1 and text_width(current[:cut]) > max_width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + "…") > max_width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def _props(node: dict[str, Any]) -> dict[str, Any]:
    props = node.get("properties") or {}
    return props if isinstance(props, dict) else {}


def node_title(node: dict[str, Any]) -> str:
    props = _props(node)
    for key in ("name", "number", "code", "description", "raw", "iso2", "key", "id"):
        if props.get(key) not in (None, ""):
            return str(props[key])
    return str((node.get("labels") or ["?"])[0])


def caption_lines(node: dict[str, Any], score: float | None = None) -> list[str]:
    """A node's caption: its kind (with the list and score for list entries), then its name, wrapped."""
    kind, name = caption_parts(node, score)
    return [*kind, *name]


def caption_parts(node: dict[str, Any], score: float | None = None) -> tuple[list[str], list[str]]:
    """(kind lines, name lines) of a node's caption."""
    label = primary_label(node)
    props = _props(node)
    kind = label
    if label == "ListEntry":
        kind = list_name(str(props.get("list") or props.get("source") or "list"))
        if props.get("source_id"):
            kind += f" {props['source_id']}"
        if score is not None:
            kind += f" ·\u00a0score\u00a0{score:.2f}"  # no-break spaces: `score` never ends a line without its value
    elif label == "Declaration":
        kind = "declaration"
    width = text_width("x" * LINE_CHARS)
    return _wrap(kind, width, 3), _wrap(node_title(node), width, 2)


def _scores(evidence: dict[str, Any]) -> dict[str, float]:
    """The best MATCHES score reaching each list entry of the evidence."""
    out: dict[str, float] = {}
    for rel in evidence.get("relationships", []):
        props = rel.get("properties") if isinstance(rel.get("properties"), dict) else rel
        score = props.get("score") if isinstance(props, dict) else None
        if rel.get("type") == "MATCHES" and isinstance(score, (int, float)):
            out[str(rel.get("end"))] = max(float(score), out.get(str(rel.get("end")), 0.0))
    return out


def _ordered_columns(graph: nx.Graph) -> dict[int, list[str]]:
    """Nodes per column; each column ordered by the mean row of its neighbours in earlier columns."""
    by_column: dict[int, list[str]] = defaultdict(list)
    for node, data in sorted(graph.nodes(data=True), key=lambda item: (item[1]["label"], item[1]["title"])):
        by_column[data["column"]].append(node)
    row_of: dict[str, float] = {}
    for column in sorted(by_column):
        def mean_row(node: str, column: int = column) -> float:
            rows = [row_of[n] for n in graph.neighbors(node) if n in row_of and graph.nodes[n]["column"] < column
                    and not graph.edges[node, n]["dashed"]]
            return sum(rows) / len(rows) if rows else float("inf")
        by_column[column].sort(key=mean_row)  # stable: kind and name order where nothing decides
        row_of.update({node: float(row) for row, node in enumerate(by_column[column])})
    return by_column


def evidence_svg(alert: dict[str, Any], evidence: dict[str, Any] | str) -> str:
    """The alert and its evidence nodes in columns, joined by their relationships (dashed: EVIDENCE)."""
    evidence = json.loads(evidence or "{}") if isinstance(evidence, str) else evidence
    assert isinstance(evidence, dict)
    import networkx as nx  # only when a picture is drawn: `alerts list` has no use for it

    graph = nx.Graph()
    alert_caption = [f"alert · {alert.get('severity', '')}", f"{alert.get('rule_id', '')}"]
    graph.add_node("alert", label="Alert", layer=0, lines=alert_caption, kind_lines=1,
                   title=str(alert.get("rule_name") or ""))
    scores = _scores(evidence)
    for node in evidence.get("nodes", []):
        label = primary_label(node)
        name_of = str(node.get("ref") or node.get("element_id"))  # relationships name their ends the same way
        kind, name = caption_parts(node, scores.get(name_of))
        graph.add_node(name_of, label=label, layer=LAYERS.get(label, OTHER_LAYER),
                       lines=[*kind, *name], kind_lines=len(kind), title=node_title(node))
        graph.add_edge("alert", name_of, type="EVIDENCE", dashed=True)
    for rel in evidence.get("relationships", []):
        if rel.get("start") in graph and rel.get("end") in graph and rel.get("start") != rel.get("end"):
            graph.add_edge(rel["start"], rel["end"], type=rel.get("type", ""), dashed=False)
    # empty layers closed up, so the columns are consecutive
    used = sorted({data["layer"] for _, data in graph.nodes(data=True)})
    for _, data in graph.nodes(data=True):
        data["column"] = used.index(data["layer"])
    columns = _ordered_columns(graph)
    widths = {c: max(text_width(line) for n in nodes for line in graph.nodes[n]["lines"]) for c, nodes in columns.items()}
    rows = max(len(nodes) for nodes in columns.values())
    height = MARGIN * 2 + rows * ROW_HEIGHT + 24  # the legend below
    x_of: dict[int, float] = {}
    x = float(MARGIN + RADIUS)
    for column in sorted(columns):
        x_of[column] = x
        x += 2 * RADIUS + 10 + widths[column] + 36
    legend = "dashed: evidence of the alert · solid: relationships between evidence nodes (hover for their type)"
    width = int(max(x - 36 + MARGIN, text_width(legend, KIND_FONT_SIZE) + 2 * MARGIN))
    xy: dict[str, tuple[float, float]] = {}
    for column, nodes in columns.items():
        top = MARGIN + (rows - len(nodes)) * ROW_HEIGHT / 2
        for row, node in enumerate(nodes):
            xy[node] = (x_of[column], top + row * ROW_HEIGHT + ROW_HEIGHT / 2)
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} '
              f'{height}" role="img" aria-label="evidence subgraph" font-family=\'{FONT_STACK}\' '
              f'font-size="{FONT_SIZE}">')]
    for a, b, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = xy[a], xy[b]
        if x1 != x2:  # leave the left node after its caption, not through it
            left, (x1, y1), (x2, y2) = (a, xy[a], xy[b]) if x1 < x2 else (b, xy[b], xy[a])
            x1 += RADIUS + 6 + max(text_width(line) for line in graph.nodes[left]["lines"]) + 4
        style = ' stroke-dasharray="4 3" stroke="#E74C3C" opacity="0.55"' if data["dashed"] else ' stroke="#555"'
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="1.4"{style}>'
                     f'<title>{escape(str(data["type"]))}</title></line>')
    for node, data in graph.nodes(data=True):
        cx, cy = xy[node]
        colour = COLOURS.get(data["label"], "#A5ABB6")
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{RADIUS}" fill="{colour}" stroke="#333" '
                     f'stroke-width="{3 if node == "alert" else 1}"><title>{escape(data["label"])}: '
                     f'{escape(data["title"])}</title></circle>')
        lines = data["lines"]
        top = cy - (len(lines) - 1) * LINE_HEIGHT / 2 + FONT_SIZE / 3
        for index, line in enumerate(lines):
            style = f' fill="#555" font-size="{KIND_FONT_SIZE}"' if index < data["kind_lines"] else ' fill="#111"'
            # a white halo keeps a caption legible where a line passes behind it
            parts.append(f'<text class="caption" x="{cx + RADIUS + 6:.1f}" y="{top + index * LINE_HEIGHT:.1f}"'
                         f' stroke="#fff" stroke-width="3" paint-order="stroke"{style}>{escape(line)}</text>')
    legend_y = height - MARGIN
    parts.append(f'<text x="{MARGIN}" y="{legend_y}" fill="#555" font-size="{KIND_FONT_SIZE}">{legend}</text>')
    parts.append("</svg>")
    return "".join(parts)
