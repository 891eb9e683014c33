"""The version of ptce_graph, read from the package metadata (its one source is ``pyproject.toml``).

A module of its own so that the modules that stamp outputs with the version
(dataset metadata, the report's footer, the ontology documentation, the
store's user agent) need not import the whole package.
"""

from __future__ import annotations

from importlib import metadata

__all__ = ["__version__"]

try:
    __version__ = metadata.version("ptce-graph")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
