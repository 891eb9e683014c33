"""Running the shapes: the working graph, the SHACL engines and their typed results.

The second room of the legal validation (definition → shapes → engine →
report → render):

* :mod:`.shapes` — the packaged shapes files, loaded once, and what each
  shape and constraint means (its clause, severity, messages);
* :mod:`.working` — the graph the shapes run on: a copy of the data (or one
  pole's shard) plus the legal forms' families and the evaluation date;
  :mod:`.working_store` — the same additions in an Oxigraph store;
* :mod:`.results` — :class:`~.results.ShaclResult`, what every engine returns;
* :mod:`.engine` — the choice of engine; :mod:`.batch_engine` — every SPARQL
  constraint once for all focus nodes on Oxigraph (the default), helped by
  :mod:`.sparql_structure` (which queries it may run that way, and their
  ``LATERAL`` rewriting); :mod:`.pyshacl_engine` — pyshacl, the reference.
"""
