"""``python -m ptce_graph`` runs the ``ptce`` command."""

from ptce_graph.cli import main

raise SystemExit(main())
