"""The topology views come from infra/topology.tf, and docs/ holds what the command generates."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops

from ops.cli import main
from ops.local_stack.topology import load_topology
from ops.topology_view.topology_dot import topology_dot
from ops.topology_view.topology_text import topology_text

pytestmark = pytest.mark.unit

DOCS = Path(__file__).resolve().parents[3] / "docs"
REGENERATE = "python -m ops topology --png docs/topology.png --dot docs/topology.dot"


def test_the_text_lists_every_topic_consumer_function_and_dead_letter_topic() -> None:
    topology = load_topology()
    text = topology_text(topology)

    for topic in topology.topics.values():
        assert f"topic {topic}" in text
    for consumer in topology.consumers:
        assert f"push subscription {consumer.name} → function {consumer.function}" in text
        assert f"topic {consumer.dead_letter_topic} → pull subscription {consumer.dead_letter_subscription}" in text


def test_the_dot_source_in_docs_is_up_to_date() -> None:
    assert (DOCS / "topology.dot").read_text() == topology_dot(load_topology()), f"run: {REGENERATE}"


def test_the_png_in_docs_is_what_the_command_draws(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["topology", "--png", str(tmp_path / "t.png"), "--dot", str(tmp_path / "t.dot")])

    assert result.exit_code == 0, result.output
    assert "trainer-calendar-dead-letter-sub" in result.stdout
    with Image.open(tmp_path / "t.png") as drawn, Image.open(DOCS / "topology.png") as committed:
        assert drawn.size == committed.size, f"run: {REGENERATE}"
        assert ImageChops.difference(drawn.convert("RGB"), committed.convert("RGB")).getbbox() is None, (
            f"run: {REGENERATE}"
        )
