"""``python -m ops topology``."""

from __future__ import annotations

from pathlib import Path

import click

from ops.cli_support.one_line_errors import one_line_errors

_PATH = click.Path(dir_okay=False, path_type=Path)


@click.command()
@click.option("--png", type=_PATH, help="Also draw the topology as a PNG here (the README's docs/topology.png).")
@click.option("--dot", type=_PATH, help="Also write Graphviz source here (docs/topology.dot).")
def topology(png: Path | None, dot: Path | None) -> None:
    """Topics, push subscriptions, functions and dead-letter topics, read from infra/topology.tf.

    Prints a text listing; --png and --dot also write a picture and its Graphviz source. Needs no
    emulator and no project. Example: python -m ops topology --png docs/topology.png --dot docs/topology.dot
    """
    from ops.local_stack.topology import load_topology
    from ops.topology_view.topology_dot import topology_dot
    from ops.topology_view.topology_image import draw_topology
    from ops.topology_view.topology_text import topology_text

    with one_line_errors():
        loaded = load_topology()
        click.echo(topology_text(loaded))
        if dot is not None:
            dot.parent.mkdir(parents=True, exist_ok=True)
            dot.write_text(topology_dot(loaded), encoding="utf-8")
            click.echo(f"wrote {dot}")
        if png is not None:
            draw_topology(loaded, png)
            click.echo(f"wrote {png}")
