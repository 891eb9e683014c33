"""What the law says, as data: the definitions and their clauses, and the shapes written from them.

The first room of the legal validation (definition → shapes → engine →
report → render):

* :mod:`.definitions` — the four dated definitions and their clauses, read
  from ``ontology/definitions.ttl`` (the words of the sources, the rules);
* :mod:`.clauses` — each clause's rule as SHACL shape specifications (not met,
  unknown, notes), with their messages in French and English;
* :mod:`.quality` — the data-quality checks, which are no legal matter;
* :mod:`.sparql` — the SPARQL building blocks the clause queries share;
* :mod:`.shapes_gen` — writes ``shapes/*.ttl`` from the three above
  (``python -m ptce_graph.legal.spec.shapes_gen``).

Only :mod:`.definitions` (and the evaluation-context IRI of :mod:`.sparql`)
is read when validating: the engines run the generated Turtle.
"""
