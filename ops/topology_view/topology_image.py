"""The topology as a PNG, drawn with Pillow (no Graphviz binary needed, so CI and a fresh
clone can regenerate docs/topology.png). Columns: publishing module → topic → push
subscription → function → dead-letter topic; one row per consumer. Deterministic for a given
topology and Pillow version."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ops.local_stack.topology import Topology
from ops.topology_view.topology_text import consumers_of

_BOX_W, _BOX_H, _COL_W, _ROW_H, _MARGIN, _HEADER = 236, 44, 296, 64, 30, 60
_HEADERS = (
    "publishing module",
    "topic",
    "push subscription",
    "function (Cloud Run)",
    "dead-letter topic, pull subscription",
)
_FILL = ("#eeeeee", "#d6e9ff", "#fff4cc", "#ddf5dd", "#ffd6d6")
_Point = tuple[float, float]


def draw_topology(topology: Topology, path: Path) -> None:
    rows = [c for topic in topology.topics.values() for c in consumers_of(topology, topic)]
    height = _MARGIN * 2 + _HEADER + len(rows) * _ROW_H + 40
    width = _MARGIN * 2 + (len(_HEADERS) - 1) * _COL_W + _BOX_W
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=13)
    bold = ImageFont.load_default(size=15)
    for column, header in enumerate(_HEADERS):
        draw.text((_x(column), _MARGIN), header, fill="black", font=bold)
    row_y = {consumer.name: _MARGIN + _HEADER + i * _ROW_H for i, consumer in enumerate(rows)}
    for module, topic in topology.topics.items():
        ys = [row_y[c.name] for c in consumers_of(topology, topic)]
        y = sum(ys) / len(ys) if ys else _MARGIN + _HEADER
        _box(draw, font, 0, y, module)
        _box(draw, font, 1, y, topic)
        _arrow(draw, (_x(0) + _BOX_W, y + _BOX_H / 2), (_x(1), y + _BOX_H / 2), "black")
        for consumer in consumers_of(topology, topic):
            _arrow(draw, (_x(1) + _BOX_W, y + _BOX_H / 2), (_x(2), row_y[consumer.name] + _BOX_H / 2), "#3366aa")
    for consumer in rows:
        y = row_y[consumer.name]
        _box(draw, font, 2, y, consumer.name, f"{len(consumer.event_types)} event types")
        _box(draw, font, 3, y, consumer.function)
        _box(draw, font, 4, y, consumer.dead_letter_topic, "sub: " + consumer.dead_letter_subscription)
        middle = y + _BOX_H / 2
        _arrow(draw, (_x(2) + _BOX_W, middle), (_x(3), middle), "black")
        _arrow(draw, (_x(3) + _BOX_W, middle), (_x(4), middle), "#cc2222")
    http = ", ".join(
        f"{name} ({'public' if public else 'private'})" for name, public in sorted(topology.http_functions.items())
    )
    footer = (
        f"HTTP functions: {http}.  Red: parked by the function (permanent error) or dead-lettered by "
        "Pub/Sub after max delivery attempts.  Source: infra/topology.tf"
    )
    draw.text((_MARGIN, height - _MARGIN - 10), footer, fill="#444444", font=font)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", optimize=True)


def _x(column: int) -> float:
    return _MARGIN + column * _COL_W


def _box(
    draw: ImageDraw.ImageDraw,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    column: int,
    y: float,
    title: str,
    note: str = "",
) -> None:
    x = _x(column)
    draw.rounded_rectangle((x, y, x + _BOX_W, y + _BOX_H), radius=8, fill=_FILL[column], outline="#555555")
    draw.text((x + 8, y + (6 if note else 14)), title, fill="black", font=font)
    if note:
        draw.text((x + 8, y + 24), note, fill="#555555", font=font)


def _arrow(draw: ImageDraw.ImageDraw, start: _Point, end: _Point, colour: str) -> None:
    draw.line((start, end), fill=colour, width=2)
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = max((dx * dx + dy * dy) ** 0.5, 1.0)
    ux, uy = dx / length, dy / length
    left = (end[0] - 10 * ux + 5 * uy, end[1] - 10 * uy - 5 * ux)
    right = (end[0] - 10 * ux - 5 * uy, end[1] - 10 * uy + 5 * ux)
    draw.polygon((end, left, right), fill=colour)
