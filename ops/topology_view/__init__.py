"""The event topology from ``infra/topology.tf``, as text, as Graphviz source and as a PNG."""
