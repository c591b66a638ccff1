"""`ecgraph labels`: read smart-glasses captures of cargo labels, ingest them, watch the upload folder."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from ecgraph.cli.output import console, err_console, print_json
from ecgraph.graph import ensure_schema, load_settings, open_graph

app = typer.Typer(
    help="""Cargo labels captured by officers' smart glasses: OCR, extraction, linking to declarations.

Examples:

  ecgraph labels read data/labels/lbl_0002.jpg          # text and entities, graph untouched

  ecgraph labels read --burst lbu_0000*.jpg --json      # 4 frames of one label, voted

  ecgraph labels ingest IMG.jpg --declaration 12345678901 --officer K123

  ecgraph labels watch ~/glasses-inbox                  # process uploads as they land
""",
    no_args_is_help=True,
)


class Engine(str, Enum):
    rapidocr = "rapidocr"
    tesseract = "tesseract"


EngineOption = Annotated[
    Engine, typer.Option("--engine", help="OCR engine (rapidocr is the measured default).")
]
BurstOption = Annotated[
    bool, typer.Option("--burst", help="The images are frames of one label: read them as one.")
]


def _labels_root() -> Path:
    return load_settings().data_dir / "labels"


@app.command()
def read(
    images: Annotated[list[Path], typer.Argument(help="Image files (JPEG, PNG, WebP, TIFF, BMP).")],
    burst: BurstOption = False,
    engine: EngineOption = Engine.rapidocr,
    as_json: Annotated[bool, typer.Option("--json", help="Print the readings as JSON.")] = False,
) -> None:
    """Run OCR and extraction; print text and entities per image (or per burst). The graph is not touched."""
    from ecgraph.ingest import labels  # OCR engines and spaCy: loaded only when used

    good: list[Path] = []
    for path in images:
        try:
            labels.check_image(path)
            good.append(path)
        except labels.ImageRejected as exc:
            err_console.print(f"[yellow]skipped:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
    if not good:
        raise typer.Exit(1)
    readings = labels.read_label(good, engine=engine.value, burst=burst)
    if as_json:
        print_json([r.to_dict() for r in readings])
    else:
        for reading in readings:
            _print_reading(reading.to_dict())
    if len(good) < len(images):
        raise typer.Exit(1)


@app.command()
def ingest(
    images: Annotated[list[Path], typer.Argument(help="Image files of label captures.")],
    burst: BurstOption = False,
    declaration: Annotated[
        str | None, typer.Option("--declaration", help="Declaration number the goods belong to.")
    ] = None,
    officer: Annotated[str | None, typer.Option("--officer", help="Officer ID of the capture.")] = None,
    location: Annotated[str | None, typer.Option("--location", help="Where the capture was taken.")] = None,
    engine: EngineOption = Engine.rapidocr,
    link: Annotated[
        bool, typer.Option("--link/--no-link", help="Link to parties, goods and controls afterwards.")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Store the images, read them, and write LabelCapture nodes beside their declaration (then link them)."""
    from ecgraph.ingest import labels  # OCR engines and spaCy: loaded only when used

    context = labels.CaptureContext(declaration=declaration, officer=officer, location=location)
    with open_graph(load_settings()) as graph:
        ensure_schema(graph)
        result = labels.ingest_captures(
            graph, images, root=_labels_root(), burst=burst, context=context, engine=engine.value
        )
        summaries = [_summary(graph, capture, link) for capture in result.captures]
    for rejected in result.rejected:
        err_console.print(
            f"[yellow]rejected:[/] {escape(rejected['reason'])}\n  kept at {escape(rejected['kept_at'])}",
            highlight=False,
            soft_wrap=True,
        )
    if as_json:
        print_json({"captures": summaries, "rejected": result.rejected})
    else:
        _print_summaries(summaries)
    if result.rejected:
        raise typer.Exit(1)


@app.command()
def watch(
    inbox: Annotated[Path, typer.Argument(help="Folder the glasses upload into (a sub-folder = one burst).")],
    once: Annotated[bool, typer.Option("--once", help="Process what is there now, then stop.")] = False,
    engine: EngineOption = Engine.rapidocr,
    link: Annotated[
        bool, typer.Option("--link/--no-link", help="Link each capture right after writing it.")
    ] = True,
    poll: Annotated[
        float, typer.Option("--poll", min=0.1, help="Seconds between looks at the folder.")
    ] = 1.0,
    settle: Annotated[
        float, typer.Option("--settle", min=0.0, help="Seconds an upload must be unchanged.")
    ] = 1.0,
) -> None:
    """Watch a folder: each image (or sub-folder of frames) is ingested and linked within seconds."""
    from ecgraph.ingest import labels  # OCR engines and spaCy: loaded only when used

    if not inbox.is_dir():
        raise typer.BadParameter(f"{inbox} is not a folder", param_hint="INBOX")
    with open_graph(load_settings()) as graph:
        ensure_schema(graph)

        def done(capture: dict[str, Any]) -> None:
            _print_summaries([_summary(graph, capture, link)])

        def rejected(item: dict[str, str]) -> None:
            err_console.print(
                f"[yellow]rejected:[/] {escape(item['reason'])}", highlight=False, soft_wrap=True
            )

        if not once:
            err_console.print(f"watching {escape(str(inbox))} (Ctrl-C to stop)", highlight=False)
        try:
            labels.watch_inbox(
                graph,
                inbox,
                root=_labels_root(),
                once=once,
                poll_seconds=poll,
                settle_seconds=settle,
                engine=engine.value,
                on_capture=done,
                on_reject=rejected,
            )
        except KeyboardInterrupt:
            pass


def _summary(graph: Any, capture: dict[str, Any], link: bool) -> dict[str, Any]:
    summary = {k: capture[k] for k in ("id", "images", "new", "entities")}
    if link and (capture["new"] or capture.get("declaration_added")):
        from ecgraph.rules.labels import link_capture

        linked = link_capture(graph, capture["id"])
        summary["links"] = len(linked.links)
        summary["contradictions"] = linked.contradictions
    return summary


def _print_reading(reading: dict[str, Any]) -> None:
    console.rule(escape(", ".join(reading["images"])) + (" (burst)" if reading["burst"] else ""))
    console.print(escape(reading["text"]) or "[dim](no text read)[/]", highlight=False)
    table = Table(
        title=f"{len(reading['entities'])} entities · {reading['engine']} · {reading['seconds']:.1f} s"
    )
    for column in ("type", "value", "norm", "role", "conf"):
        table.add_column(column)
    for entity in reading["entities"]:
        norm = entity["norm"] if isinstance(entity["norm"], str) else str(entity["norm"])
        table.add_row(
            entity["type"],
            escape(entity["value"]),
            escape(norm),
            entity["role"] or "",
            f"{entity['confidence']:.2f}",
        )
    console.print(table)


def _print_summaries(summaries: list[dict[str, Any]]) -> None:
    for s in summaries:
        state = "new" if s["new"] else "already ingested (unchanged)"
        line = f"{s['id']}: {len(s['images'])} image(s), {state}"
        if s.get("entities") is not None:
            line += f", {s['entities']} entities"
        if "links" in s:
            line += f", {s['links']} links"
        console.print(escape(line), highlight=False, soft_wrap=True)
        for c in s.get("contradictions", []):
            console.print(
                f"  [bold red]contradicts declaration:[/] {escape(c['reason'])}",
                highlight=False,
                soft_wrap=True,
            )
    sys.stdout.flush()
