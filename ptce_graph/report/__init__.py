"""HTML reports people read: a page per pole and the registry page, with figures.

``ptce report INPUT... -o DIR`` (and :func:`write_report`) writes, for every
pole of the data, a page with its identity, the legal checklist under each
definition, its actors with their ESS status and why, the cooperation network
figure, the measures with a one-line meaning each, the density over time and
the référentiel gap; and an ``index.html`` registry, sortable, linking them.
French by default, English with ``lang="en"``; self-contained (inline style,
no external resource); every value from the data escaped; the same data
always gives the same bytes.  See ``docs/report.md``.

>>> from ptce_graph.report import write_report                  # doctest: +SKIP
>>> report = write_report("bundle/", "rapport/", as_of="2026-01-01")
>>> report.index                                                # rapport/index.html
"""

from __future__ import annotations

from ptce_graph.report.pages import (
    MANIFEST,
    DensityPoint,
    FigureRef,
    PoleReport,
    Report,
    page_names,
    slugify,
    write_report,
)

__all__ = [
    "write_report",
    "Report",
    "PoleReport",
    "FigureRef",
    "DensityPoint",
    "page_names",
    "slugify",
    "MANIFEST",
]
