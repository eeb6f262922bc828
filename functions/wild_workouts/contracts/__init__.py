"""The published language: the events each module publishes (one file per producing module).

Events are past tense, small and carry ids, not documents. Field types are limited to
``str``, ``int``, ``bool``, aware UTC ``datetime`` and ``None`` so the pipeline kit can
(de)serialise them; the kit's envelope adds event id, correlation, causation and time.
"""
