"""Official geography: names of communes, EPCI, départements and régions, and who lies in what.

The territory clause needs to know whether a member's commune lies in a
territory declared as communes, EPCI, départements or régions — at the
evaluation date, with the 2016 régions and the former ones.  This module
answers from INSEE's Code officiel géographique in the compact form that
``ptce_graph/_geography_gen.py`` derives from the open dataset
``@etalab/decoupage-administratif`` (file ``ptce_graph/data/cog.json.xz``,
about 0.3 MB, read lazily and once per process).

Codes are those of the spreadsheet bundle, as :func:`ptce_graph.ess.territory_code_kind`
classifies them: commune (5 characters), département (2-3), région (2 digits,
``R`` prefix removed), EPCI (its 9-digit SIREN).  Answers are three-valued
where the data cannot decide (``None``), never guessed.
"""

from __future__ import annotations

import functools
import json
import lzma
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from ptce_graph.resources import read_bytes

__all__ = [
    "KINDS",
    "Validity",
    "Area",
    "Commune",
    "CodeCheck",
    "Geography",
    "geography",
    "normalise_name",
]

#: The kinds of area a territory can be declared with.
KINDS: tuple[str, ...] = ("commune", "epci", "departement", "region")

#: kind -> (French with its article, French "no such…", English)
_KIND_WORDS = {
    "commune": ("la commune", "aucune commune", "commune"),
    "epci": ("l'EPCI", "aucun EPCI", "EPCI"),
    "departement": ("le département", "aucun département", "département"),
    "region": ("la région", "aucune région", "région"),
}


class Validity(StrEnum):
    """What the official geography says of a code at a date."""

    VALID = "valid"
    NOT_YET = "not-yet"  # the area was created after the date
    ENDED = "ended"  # the area no longer existed at the date
    NOT_A_COMMUNE = "not-a-commune"  # a delegated or associated commune, a municipal arrondissement
    NONEXISTENT = "nonexistent"  # no such code in the official geography
    UNKNOWN = "unknown"  # the data does not cover that date for that code


@dataclass(frozen=True, slots=True)
class Area:
    """A commune, EPCI, département or région with its official name."""

    kind: str
    code: str
    name: str

    def label(self, lang: str = "fr") -> str:
        """« Toulouse (31555) »: the name and the code, as reports print them."""
        return f"{self.name} ({self.code})"


@dataclass(frozen=True, slots=True)
class Commune:
    """A commune of the COG with the areas it belongs to (EPCI empty when it has none)."""

    code: str
    name: str
    departement: str
    region: str
    epci: str


@dataclass(frozen=True, slots=True)
class CodeCheck:
    """The validity of a code at a date, with the sentence that says why, in French and English."""

    kind: str
    code: str
    validity: Validity
    message_fr: str
    message_en: str
    #: The area the code stands for now (the commune nouvelle of a delegated commune,
    #: the 2016 région of a former one), when there is one.
    now: Area | None = None

    @property
    def ok(self) -> bool:
        return self.validity is Validity.VALID

    def message(self, lang: str = "fr") -> str:
        return self.message_fr if lang == "fr" else self.message_en


def _fr_date(day: date) -> str:
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
              "octobre", "novembre", "décembre")
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {months[day.month - 1]} {day.year}"


def _fr_of(what: str, name: str) -> str:
    """« une commune déléguée d'Annecy », « … de Lyon »: French elides "de" before a vowel."""
    if what.endswith(" de") and name[:1].upper() in "AEIOUYÀÂÉÈÊËÎÏÔÛÙ":
        return f"{what[:-3]} d'{name}"
    return f"{what} {name}"


class Geography:
    """The compact COG, read once; every method is a dictionary lookup."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.source: dict[str, Any] = data["source"]
        self.cog_year: int = int(data["source"]["cog"])
        self.cog_date = date(self.cog_year, 1, 1)
        self.reform_2016 = date.fromisoformat(data["reform_2016"])
        self._regions: dict[str, list[Any]] = data["regions"]
        self._former: dict[str, list[Any]] = data["former_regions"]
        self._departements: dict[str, list[Any]] = data["departements"]
        self._communes: dict[str, list[Any]] = data["communes"]
        self._parts: dict[str, list[Any]] = data["commune_parts"]
        self._epci: dict[str, list[Any]] = data["epci"]
        self._successors = {new for _, new, _ in self._former.values()}

    # -- names -------------------------------------------------------------

    def commune(self, code: str) -> Commune | None:
        """A commune of the COG (not a delegated commune nor a municipal arrondissement)."""
        row = self._communes.get(code.upper())
        if row is None:
            return None
        return Commune(code.upper(), row[0], row[1], row[2], row[3])

    def area(self, kind: str, code: str) -> Area | None:
        """The official name of a code of that kind, former régions and delegated communes included."""
        code = code.strip().upper()
        if kind == "region" and code.startswith("R"):
            code = code[1:]
        table: dict[str, list[Any]] | None = {
            "commune": self._communes, "epci": self._epci, "departement": self._departements,
            "region": self._regions,
        }.get(kind)
        if table is None:
            raise ValueError(f"unknown kind of area {kind!r}; one of {', '.join(KINDS)}")
        row = table.get(code)
        if row is None and kind == "region":
            row = self._former.get(code)
        if row is None and kind == "commune":
            row = self._parts.get(code)
        return Area(kind, code, row[0]) if row is not None else None

    def name(self, kind: str, code: str) -> str | None:
        found = self.area(kind, code)
        return found.name if found is not None else None

    def region_of(self, commune_code: str) -> Area | None:
        """The (2016) région of a commune, of a delegated commune's commune nouvelle."""
        commune = self.resolve(commune_code)
        return self.area("region", commune.region) if commune is not None else None

    def departement_of(self, commune_code: str) -> Area | None:
        commune = self.resolve(commune_code)
        return self.area("departement", commune.departement) if commune is not None else None

    def epci_of(self, commune_code: str) -> Area | None:
        commune = self.resolve(commune_code)
        if commune is None or not commune.epci:
            return None
        return self.area("epci", commune.epci)

    def regions_of(self, kind: str, code: str) -> list[Area]:
        """The (2016) régions an area lies in: a commune's, a département's, those of an EPCI's communes,
        a région itself (a former one: its successor); empty for a code the COG does not know."""
        code = code.strip().upper()
        if kind == "region":
            code = code[1:] if code.startswith("R") else code
            if code in self._former:
                code = self._former[code][1]
            found = self.area("region", code)
            return [found] if found is not None else []
        if kind == "commune":
            found = self.region_of(code)
            return [found] if found is not None else []
        if kind == "departement":
            row = self._departements.get(code)
            found = self.area("region", row[1]) if row is not None else None
            return [found] if found is not None else []
        if kind == "epci":
            codes = sorted({row[2] for row in self._communes.values() if row[3] == code})
            return [a for a in (self.area("region", c) for c in codes) if a is not None]
        raise ValueError(f"unknown kind of area {kind!r}; one of {', '.join(KINDS)}")

    def former_region_of(self, commune_code: str) -> Area | None:
        """The région before 2016 when it was merged into another one; else the same as now."""
        commune = self.resolve(commune_code)
        if commune is None:
            return None
        for code, (name, _new, depts) in self._former.items():
            if commune.departement in depts:
                return Area("region", code, name)
        return self.area("region", commune.region)

    def resolve(self, code: str) -> Commune | None:
        """The commune a code stands for: itself, or the commune nouvelle (or city) of a delegated or
        associated commune or a municipal arrondissement; None for a code the COG does not know."""
        code = code.strip().upper()
        found = self.commune(code)
        if found is not None:
            return found
        part = self._parts.get(code)
        return self.commune(part[1]) if part is not None and part[1] else None

    def regions(self) -> dict[str, Area]:
        """The 18 régions (metropolitan and overseas) by code, in code order; not the collectivités d'outre-mer."""
        return {code: Area("region", code, row[0]) for code, row in sorted(self._regions.items())
                if row[1] in ("metro", "drom")}

    def departements(self) -> dict[str, Area]:
        """The 101 départements by code (``2A``, ``974``...), in code order; not the collectivités d'outre-mer."""
        regions = self.regions()
        return {code: Area("departement", code, row[0]) for code, row in sorted(self._departements.items())
                if row[1] in regions}

    def region_of_departement(self, code: str) -> Area | None:
        """The région a département lies in, None for an unknown code or a collectivité d'outre-mer."""
        row = self._departements.get(code.strip().upper())
        region = self._regions.get(row[1]) if row is not None else None
        return Area("region", row[1], region[0]) if row is not None and region and region[1] != "com" else None

    def version(self, lang: str = "fr") -> str:
        """Which COG this is and where it was read, for captions and citations."""
        at = "au 1er janvier" if lang == "fr" else "of 1 January"
        via = "d'après" if lang == "fr" else "from"
        return (f"INSEE, Code officiel géographique {at} {self.cog_year} ({via} "
                f"{self.source['package']} {self.source['version']})")

    def communes(self) -> Iterator[Commune]:
        """Every commune of the COG, in code order."""
        for code in sorted(self._communes):
            row = self._communes[code]
            yield Commune(code, row[0], row[1], row[2], row[3])

    def former_regions(self) -> dict[str, tuple[str, str, tuple[str, ...]]]:
        """The régions that ended on 31 December 2015: code -> (name, 2016 région, départements)."""
        return {code: (name, new, tuple(depts)) for code, (name, new, depts) in self._former.items()}

    # -- membership ----------------------------------------------------------

    def contains(self, kind: str, area_code: str, commune_code: str) -> bool | None:
        """Whether a commune lies in an area; None when the data cannot tell.

        A delegated commune or a municipal arrondissement lies where its commune
        nouvelle (or its city) lies.  A former région (before 2016) contains the
        communes of its départements.  Unknown codes give None, not False: the
        code check reports them.
        """
        area_code = area_code.strip().upper()
        if kind == "region" and area_code.startswith("R"):
            area_code = area_code[1:]
        commune_code = commune_code.strip().upper()
        commune = self.resolve(commune_code)
        if commune is None:
            return None
        if kind == "commune":
            if area_code == commune_code:
                return True
            declared = self.resolve(area_code)
            if declared is None:
                return None
            if area_code in self._parts and commune_code == declared.code:
                return None  # the member is recorded at the commune nouvelle, the territory at one of its parts
            return declared.code == commune.code and commune_code in self._parts
        if kind == "departement":
            return commune.departement == area_code if area_code in self._departements else None
        if kind == "epci":
            return commune.epci == area_code if area_code in self._epci else None
        if kind == "region":
            if area_code in self._regions:
                return commune.region == area_code
            if area_code in self._former:
                return commune.departement in self._former[area_code][2]
            return None
        raise ValueError(f"unknown kind of area {kind!r}; one of {', '.join(KINDS)}")

    # -- validity at a date ---------------------------------------------------

    def check(self, kind: str, code: str, on: date | None = None) -> CodeCheck:
        """Whether a code designates an existing area of that kind at the date (default: today)."""
        day = on or date.today()
        code = code.strip().upper()
        if kind == "region" and code.startswith("R"):
            code = code[1:]
        the_fr, none_fr, word_en = _KIND_WORDS.get(kind, ("", "", ""))
        if not the_fr:
            raise ValueError(f"unknown kind of area {kind!r}; one of {', '.join(KINDS)}")
        area = self.area(kind, code)
        cog_fr = f"le Code officiel géographique de l'INSEE au {_fr_date(self.cog_date)}"
        cog_en = f"INSEE's Code officiel géographique of {self.cog_date.isoformat()}"

        def result(validity: Validity, fr: str, en: str, now: Area | None = None) -> CodeCheck:
            return CodeCheck(kind, code, validity, fr, en, now)

        if kind == "region" and code in self._former:
            name, new, _ = self._former[code]
            successor = self.area("region", new)
            if day >= self.reform_2016:
                return result(
                    Validity.ENDED,
                    f"la région {name} ({code}) n'existe plus depuis le {_fr_date(self.reform_2016)} "
                    f"(loi n° 2015-29) : elle fait partie de la région {successor.label() if successor else new}",
                    f"the région {name} ({code}) no longer exists since {self.reform_2016.isoformat()} "
                    f"(law no. 2015-29): it is part of the région {successor.label() if successor else new}",
                    successor)
            return result(Validity.VALID, f"région {name} ({code}), avant la réforme de 2016",
                          f"région {name} ({code}), before the 2016 reform")
        if kind == "region" and code in self._successors and day < self.reform_2016 and area is not None:
            before = ", ".join(f"{n} ({c})" for c, (n, new, _) in sorted(self._former.items()) if new == code)
            return result(
                Validity.NOT_YET,
                f"la région {area.label()} n'existe que depuis le {_fr_date(self.reform_2016)} ; avant : {before}",
                f"the région {area.label()} exists only since {self.reform_2016.isoformat()}; before: {before}")
        if kind == "commune" and code in self._parts:
            name, parent, part_type = self._parts[code]
            city = self.area("commune", parent) if parent else None
            city_label = city.label() if city else str(parent)
            what_fr, what_en = {
                "arrondissement-municipal": ("un arrondissement municipal de", "a municipal arrondissement of"),
                "commune-associee": ("une commune associée à", "a commune associated with"),
            }.get(part_type, ("une commune déléguée de", "a delegated commune of"))
            if day >= self.cog_date or part_type == "arrondissement-municipal":
                return result(
                    Validity.NOT_A_COMMUNE,
                    f"{name} ({code}) n'est pas une commune selon {cog_fr} : c'est {_fr_of(what_fr, city_label)}",
                    f"{name} ({code}) is not a commune according to {cog_en}: it is {what_en} {city_label}",
                    city)
            return result(
                Validity.UNKNOWN,
                f"{name} ({code}) est {_fr_of(what_fr, city_label)} selon {cog_fr} ; les données ne disent pas "
                f"si c'était encore une commune le {_fr_date(day)}",
                f"{name} ({code}) is {what_en} {city_label} according to {cog_en}; the data does not say "
                f"whether it was still a commune on {day.isoformat()}",
                city)
        if area is not None:
            return result(Validity.VALID, f"{the_fr} {area.label()}", f"{word_en} {area.label()}")
        if day < self.cog_date and kind in ("commune", "epci"):
            return result(
                Validity.UNKNOWN,
                f"le code {code} ne désigne {none_fr} dans {cog_fr} ; les données ne disent pas s'il était "
                f"en usage le {_fr_date(day)}",
                f"{word_en} {code} does not exist in {cog_en}; the data does not say whether it existed "
                f"on {day.isoformat()}")
        return result(
            Validity.NONEXISTENT,
            f"le code {code} ne désigne {none_fr} dans {cog_fr}",
            f"no {word_en} has the code {code} in {cog_en}")


def normalise_name(name: str) -> str:
    """A place name without accents, case, hyphens, apostrophes or leading article, to compare spellings.

    A source writes « Auvergne-Rhône Alpes », « HAUTE-GARONNE » or « Réunion »;
    they compare equal to the COG's « Auvergne-Rhône-Alpes », « Haute-Garonne »
    and « La Réunion ».
    """
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for sep in ("-", "'", "’", "_"):
        text = text.replace(sep, " ")
    words = text.split()
    if words and words[0] in ("la", "le", "les", "l"):
        words = words[1:]
    return " ".join(words)


@functools.cache
def geography() -> Geography:
    """The packaged official geography, decompressed and parsed once per process (~0.5 s)."""
    raw = lzma.decompress(read_bytes("data", "cog.json.xz"))
    return Geography(json.loads(raw))
