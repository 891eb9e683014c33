"""INSEE's official geographic code (COG 2026) for régions and départements.

One packaged table, ``cog.csv`` beside this module, transcribed from the npm
package ``@etalab/decoupage-administratif`` 6.0.0 (MIT licence; its data is
INSEE's COG 2026 under the Licence Ouverte 2.0): every région and département
code with its official name, and the région of each département.  The maps
read it to colour régions and to name areas; the registry's build reads it to
check that a code a curator typed names the area the source wrote.
"""

from __future__ import annotations

import csv
import functools
import io
import unicodedata
from dataclasses import dataclass
from importlib import resources

__all__ = ["COG_SOURCE", "COG_VERSION", "Area", "regions", "departements", "area", "normalise_name"]

#: Where the table comes from (cited in the data and under every map).
COG_SOURCE = "https://www.insee.fr/fr/information/2560452"
#: The package and millésime the table was transcribed from.
COG_VERSION = "INSEE COG 2026 via @etalab/decoupage-administratif 6.0.0"


@dataclass(frozen=True)
class Area:
    """A région or a département: its level, INSEE code, official name and (départements) région."""

    level: str  # "region" | "departement"
    code: str
    name: str
    region: str | None = None


@functools.cache
def _table() -> tuple[Area, ...]:
    text = resources.files("ptce_graph.maps").joinpath("cog.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO("".join(line for line in text.splitlines(keepends=True)
                                              if not line.startswith("#"))))
    return tuple(Area(level=r["level"], code=r["code"], name=r["name"], region=r["region"] or None) for r in rows)


def regions() -> dict[str, Area]:
    """The 18 régions by INSEE code (``"76"`` -> Occitanie)."""
    return {a.code: a for a in _table() if a.level == "region"}


def departements() -> dict[str, Area]:
    """The 101 départements by INSEE code (``"31"`` -> Haute-Garonne, ``"2A"``, ``"974"``)."""
    return {a.code: a for a in _table() if a.level == "departement"}


def area(level: str, code: str) -> Area | None:
    """The région or département of that code, or None when the COG has none."""
    return (regions() if level == "region" else departements()).get(code)


def normalise_name(name: str) -> str:
    """A name without accents, case, hyphens, apostrophes or leading article, to compare spellings.

    ``"Auvergne-Rhône Alpes"`` and ``"Auvergne-Rhône-Alpes"`` compare equal, as do
    ``"HAUTE-GARONNE"`` and ``"Haute-Garonne"``, ``"Réunion"`` and ``"La Réunion"``.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for sep in ("-", "'", "’", "_"):
        text = text.replace(sep, " ")
    words = text.split()
    if words and words[0] in ("la", "le", "les", "l"):
        words = words[1:]
    return " ".join(words)
