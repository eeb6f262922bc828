"""Benchmarks of the pipeline against the naive baseline (issue 7) and of the kit's in-process
overhead (issue 3). ``python -m bench`` runs everything; see BENCHMARKS.md."""
