"""From SHACL results to what a person reads: verdicts, reports, comparisons, renderings.

The third room of the legal validation (definition → shapes → engine →
report → render):

* :mod:`.evaluation` — SHACL results become clause statuses, messages naming
  the actors concerned (:mod:`.labels`), ESS statuses and warnings;
* :mod:`.verdicts` — the typed values: clause statuses, verdicts, findings,
  a pole's verdict; :mod:`.legal_report` — one definition's report;
  :mod:`.comparison` and :mod:`.differences` — several definitions side by
  side, each difference explained;
* renderings: :mod:`.text` (the checklist), JSON (``to_dict`` of each type),
  :mod:`.rdf` (``sh:ValidationReport`` and ``ptce:Evaluation`` in Turtle).
"""
