"""The spreadsheet bundle contract as data (ARCHITECTURE.md, contract 3).

One table per file of a bundle (one sheet per table in a workbook), each column
with its contract name, its French header, what it holds (in French and
English), the kind of value it takes and, where a clause of the law reads it,
that clause.  The readers, the writers, ``ptce init``'s templates (headers,
drop-down lists, formats, the instructions sheet) are all generated from this
one table, and the closed values from :mod:`ptce_graph.io.vocabularies`.

Headers, sheet names and file names are matched by
:func:`~ptce_graph.io.vocabularies.normalise_key`: ``Forme juridique``,
``forme_juridique`` and ``legal_form`` are one column.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ptce_graph.io.vocabularies import normalise_key

__all__ = ["Column", "Table", "TABLES", "LEFTOVER", "READ_TABLES", "table", "table_of_sheet"]


@dataclass(frozen=True)
class Column:
    """One column of a bundle table.

    ``kind`` is how cells are read and what a template offers:
    ``text``, ``id``, ``ids`` (ids separated by ``;``), ``date``, ``year``,
    ``amount``, ``count``, ``siret``, ``commune``, ``codes`` (INSEE territory
    codes), ``iris`` (source IRIs), ``lines`` (several lines of text), or
    ``vocab:NAME`` (a closed list, :func:`~ptce_graph.io.vocabularies.vocabulary`).
    ``clause`` names the clause of the law (``law-2014``) that reads the column.
    """

    name: str
    fr: str
    help_en: str
    help_fr: str
    kind: str = "text"
    contract: bool = False
    clause: str | None = None

    def header(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.name

    @property
    def vocabulary(self) -> str | None:
        return self.kind[6:] if self.kind.startswith("vocab:") else None


@dataclass(frozen=True)
class Table:
    """One file of a bundle, one sheet of a workbook."""

    file: str
    en: str
    fr: str
    required: bool
    columns: tuple[Column, ...]
    keys: tuple[str, ...] = ()  # columns a row must have, beyond the contract's
    help_en: str = ""
    help_fr: str = ""

    def sheet(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    @property
    def contract_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.contract)

    @property
    def extension_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if not c.contract)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @functools.cached_property
    def names(self) -> frozenset[str]:
        """The contract names of the table's columns."""
        return frozenset(c.name for c in self.columns)

    @functools.cached_property
    def _headers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for c in self.columns:
            out[normalise_key(c.name)] = c.name
            out.setdefault(normalise_key(c.fr), c.name)
        return out

    def match(self, header: str) -> str | None:
        """The contract name of a header written in French or English, or None (an annotation)."""
        return self._headers.get(normalise_key(header))


def _c(name: str, fr: str, en_help: str, fr_help: str, kind: str = "text", *, contract: bool = False,
       clause: str | None = None) -> Column:
    return Column(name, fr, en_help, fr_help, kind, contract, clause)


_CITATION = _c("citation", "références", "source IRIs of the row's facts, separated by ';'",
               "IRI des sources des faits de la ligne, séparées par « ; »", "iris")

TABLES: tuple[Table, ...] = (
    Table("pole.csv", "pole", "pôle", True, (
        _c("id", "identifiant", "short id of the pole (letters, digits, hyphens)",
           "identifiant court du pôle (lettres, chiffres, tirets)", "id", contract=True),
        _c("name", "nom", "name of the pole", "nom du pôle", contract=True),
        _c("territory", "territoire", "name of the pole's territory", "nom du territoire du pôle",
           contract=True, clause="territory"),
        _c("territory_codes", "codes_territoire",
           "INSEE codes of the territory separated by ';': commune (5 characters), département (2-3), "
           "région (R + 2 digits), EPCI (9-digit SIREN)",
           "codes INSEE du territoire séparés par « ; » : commune (5 caractères), département (2 ou 3), "
           "région (R + 2 chiffres), EPCI (SIREN à 9 chiffres)", "codes", contract=True, clause="territory"),
        _c("legal_form", "forme_juridique", "the pole's own legal form, if it is a legal person",
           "forme juridique du pôle lui-même, s'il est une personne morale", "vocab:legal_form", contract=True),
        _c("strategy", "stratégie", "name of the common strategy (charter, agreement)",
           "nom de la stratégie commune (charte, convention)", contract=True, clause="strategy"),
        _c("strategy_start", "début_stratégie", "date the strategy starts", "date de début de la stratégie",
           "date", contract=True, clause="strategy"),
        _c("strategy_end", "fin_stratégie", "date the strategy ends (empty if it goes on)",
           "date de fin de la stratégie (vide si elle continue)", "date", contract=True, clause="strategy"),
        _c("strategy_kind", "type_stratégie", "charter or cooperation agreement",
           "charte ou convention de coopération", "vocab:strategy_kind"),
        _c("territory_kind", "type_territoire", "kind of territory (2014 typology)",
           "type de territoire (typologie de 2014)", "vocab:territory_kind"),
        _c("sector", "secteur", "sector of activity (2014 typology)", "secteur d'activité (typologie de 2014)",
           "vocab:sector"),
        _c("origin", "origine", "origin of the initiative (2014 typology)",
           "origine de l'initiative (typologie de 2014)", "vocab:origin"),
        _c("founding_date", "date_création", "date the pole was founded", "date de création du pôle", "date"),
        _c("fictional", "fictif", "yes for illustrative data", "oui pour des données d'illustration",
           "vocab:boolean"),
        _c("description", "description", "a short description", "une courte description"),
        _c("funding_history_complete", "historique_financements_complet",
           "yes when funding.csv lists the pole's whole funding history (needed to say it was never funded by "
           "a State PTCE call)",
           "oui quand financements liste tout l'historique de financement du pôle (nécessaire pour dire qu'il "
           "n'a jamais été soutenu par un appel PTCE de l'État)", "vocab:boolean", clause="not-previously-funded"),
        _CITATION,
    ), help_en="one row: the pole itself", help_fr="une seule ligne : le pôle lui-même"),
    Table("actors.csv", "actors", "acteurs", True, (
        _c("id", "identifiant", "short id of the actor, used in the other sheets",
           "identifiant court de l'acteur, repris dans les autres feuilles", "id", contract=True),
        _c("name", "nom", "name of the organisation or person", "nom de la structure ou de la personne",
           contract=True),
        _c("relation", "relation", "member or partner of the pole", "membre ou partenaire du pôle",
           "vocab:relation", contract=True, clause="ess-enterprises"),
        _c("kind", "type", "kind of actor", "type d'acteur", "vocab:actor_kind", contract=True, clause="partners"),
        _c("legal_form", "forme_juridique", "named legal form or 4-digit INSEE catégorie juridique code",
           "forme juridique nommée ou code INSEE de catégorie juridique à 4 chiffres", "vocab:legal_form",
           contract=True, clause="ess-enterprises"),
        _c("ess_mention", "mention_ess", "commercial company registered with the ESS mention (yes/no)",
           "société commerciale immatriculée avec la mention ESS (oui/non)", "vocab:boolean", contract=True,
           clause="ess-enterprises"),
        _c("siret", "siret", "SIRET (14 digits) or SIREN (9 digits)", "SIRET (14 chiffres) ou SIREN (9 chiffres)",
           "siret", contract=True),
        _c("commune", "commune", "INSEE code of the actor's commune", "code INSEE de la commune de l'acteur",
           "commune", contract=True, clause="territory"),
        _c("role", "rôle", "role in the pole (e.g. founder, coordinator)",
           "rôle dans le pôle (p. ex. fondateur, coordinateur)"),
        _c("member_start", "début_adhésion", "date the actor joined", "date d'entrée dans le pôle", "date"),
        _c("member_end", "fin_adhésion", "date the actor left", "date de sortie du pôle", "date"),
        _c("declares_ess", "se_déclare_ess", "the actor says it belongs to the ESS (yes/no)",
           "l'acteur se dit de l'ESS (oui/non)", "vocab:boolean"),
        _c("cooperative", "coopérative",
           "yes for a cooperative (SCOP, SCIC…) registered under a company code (SAS, SARL, SA): it is an ESS "
           "enterprise by article 1 II 1°",
           "oui pour une coopérative (SCOP, SCIC…) immatriculée sous un code de société (SAS, SARL, SA) : "
           "c'est une entreprise de l'ESS par l'article 1er II 1°", "vocab:boolean", clause="ess-enterprises"),
        _c("sirene_ess", "indicateur_ess_sirene",
           "Sirene's ESS flag of the legal unit (economieSocialeSolidaireUniteLegale, O/N): shown beside the "
           "legal reading, never instead of it",
           "indicateur ESS de l'unité légale dans Sirene (economieSocialeSolidaireUniteLegale, O/N) : montré "
           "à côté de la lecture de la loi, jamais à sa place", "vocab:boolean"),
        _c("esus", "agrément_esus", "the actor holds the ESUS approval (yes/no)",
           "l'acteur a l'agrément ESUS (oui/non)", "vocab:boolean"),
        _c("esus_date", "date_agrément_esus", "date the ESUS approval was granted",
           "date d'obtention de l'agrément ESUS", "date"),
        _c("member_of", "membre_de",
           "ids of the groupings of enterprises (GIE, employer group, union) the actor is a member of, "
           "separated by ';'; leave relation empty for an actor that is only a grouping's member",
           "identifiants des groupements d'entreprises (GIE, groupement d'employeurs, union) dont l'acteur est "
           "membre, séparés par « ; » ; laisser la relation vide pour un acteur qui n'est que membre d'un "
           "groupement", "ids", clause="other-enterprises"),
        _CITATION,
    ), help_en="one row per member or partner", help_fr="une ligne par membre ou partenaire"),
    Table("links.csv", "links", "liens", True, (
        _c("source", "source", "id of the first actor", "identifiant du premier acteur", "id", contract=True,
           clause="cooperation"),
        _c("target", "cible", "id of the second actor", "identifiant du second acteur", "id", contract=True,
           clause="cooperation"),
        _c("logic", "logique", "logic of cooperation", "logique de coopération", "vocab:logic", contract=True,
           clause="cooperation"),
        _c("kind", "type", "kind of link (free text, or a kind the ontology names)",
           "type de lien (texte libre, ou un type que l'ontologie nomme)", "vocab:link_kind", contract=True),
        _c("start", "début", "date the link starts", "date de début du lien", "date", contract=True),
        _c("end", "fin", "date the link ends", "date de fin du lien", "date", contract=True),
        _c("id", "identifiant", "id of the link (to tell apart two links of the same actors)",
           "identifiant du lien (pour distinguer deux liens des mêmes acteurs)", "id"),
        _c("project", "projet", "id of the project the link serves", "identifiant du projet que le lien sert", "id"),
        _c("tool", "outil", "id of the collective tool", "identifiant de l'outil collectif", "id"),
        _CITATION,
    ), help_en="one row per cooperation link between two actors",
        help_fr="une ligne par lien de coopération entre deux acteurs"),
    Table("projects.csv", "projects", "projets", True, (
        _c("id", "identifiant", "short id of the project", "identifiant court du projet", "id", contract=True),
        _c("name", "nom", "name of the project", "nom du projet", contract=True),
        _c("innovation", "innovation", "kind of innovation", "type d'innovation", "vocab:innovation",
           contract=True, clause="innovation"),
        _c("sustainable_local_development", "développement_local_durable",
           "the project carries sustainable local development (yes/no)",
           "le projet est porteur d'un développement local durable (oui/non)", "vocab:boolean", contract=True,
           clause="sustainable-development"),
        _c("participants", "participants", "ids of the actors taking part, separated by ';'",
           "identifiants des acteurs participants, séparés par « ; »", "ids", contract=True),
        _CITATION,
    ), help_en="one row per economic and social project", help_fr="une ligne par projet économique et social"),
    Table("funding.csv", "funding", "financements", False, (
        _c("funder", "financeur", "who funds", "qui finance", contract=True),
        _c("kind", "nature", "kind of funding", "nature du financement", "vocab:funding_kind", contract=True),
        _c("program", "programme", "funding programme", "programme de financement", "vocab:programme",
           contract=True),
        _c("year", "année", "year (YYYY)", "année (AAAA)", "year", contract=True),
        _c("amount", "montant", "amount in euros", "montant en euros", "amount", contract=True),
        _c("purpose", "objet", "what the funding is for", "ce que le financement permet"),
        _c("supported_by", "soutenu_par", "ids of the actors it supports, separated by ';'",
           "identifiants des acteurs soutenus, séparés par « ; »", "ids"),
        _c("status", "statut", "the pole's selection in a State call: laureate, phase-1 or phase-2",
           "la sélection du pôle dans un appel de l'État : lauréat, phase 1 ou phase 2", "vocab:selection_status"),
        _CITATION,
        _c("iri", "iri", "IRI of the funding line, when the data gave it one (written by ptce export)",
           "IRI du financement, quand les données lui en donnent une (écrite par ptce export)", "iris"),
    ), help_en="one row per funding line (optional)", help_fr="une ligne par financement (facultatif)"),
    Table("places.csv", "places", "lieux", False, (
        _c("id", "identifiant", "short id of the place", "identifiant court du lieu", "id"),
        _c("name", "nom", "name of the place", "nom du lieu"),
        _c("commune", "commune", "INSEE code of its commune", "code INSEE de sa commune", "commune"),
        _c("showcase", "vitrine", "a showcase place (yes/no)", "lieu vitrine (oui/non)", "vocab:boolean"),
        _c("opening", "ouverture", "opening date", "date d'ouverture", "date"),
        _CITATION,
    ), keys=("id",), help_en="one row per place (optional)", help_fr="une ligne par lieu (facultatif)"),
    Table("meetings.csv", "meetings", "réunions", False, (
        _c("id", "identifiant", "short id of the meeting", "identifiant court de la réunion", "id"),
        _c("type", "type", "meeting, seminar or series", "réunion, séminaire ou série", "vocab:meeting_kind"),
        _c("name", "nom", "name", "nom"),
        _c("date", "date", "date of the meeting", "date de la réunion", "date"),
        _c("start", "début", "start of a series", "début d'une série", "date"),
        _c("end", "fin", "end of a series", "fin d'une série", "date"),
        _c("sequence", "numéro", "number in its series", "numéro dans sa série", "count"),
        _c("participants", "nombre_participants", "number of participants", "nombre de participants", "count"),
        _c("organisations", "nombre_structures", "number of organisations", "nombre de structures", "count"),
        _c("meetings", "nombre_réunions", "number of meetings of a series", "nombre de réunions d'une série",
           "count"),
        _c("topic", "sujet", "topic", "sujet"),
        _c("attendees", "présents", "ids of the actors present, separated by ';'",
           "identifiants des acteurs présents, séparés par « ; »", "ids"),
        _CITATION,
    ), keys=("id",), help_en="one row per meeting (optional)", help_fr="une ligne par réunion (facultatif)"),
    Table("assessments.csv", "assessments", "auto-évaluation", False, (
        _c("objective", "objectif", "référentiel objective (O1 to O9, G1 to G3)",
           "objectif du référentiel (O1 à O9, G1 à G3)"),
        _c("practice", "pratique", "what the pole does for it", "ce que le pôle fait pour l'atteindre"),
        _c("evidence", "preuves", "pieces of evidence, one per line of the cell",
           "preuves, une par ligne de la cellule", "lines"),
        _CITATION,
    ), keys=("objective",), help_en="the référentiel self-assessment (optional)",
        help_fr="l'auto-évaluation du référentiel (facultatif)"),
    Table("tools.csv", "tools", "outils", False, (
        _c("id", "identifiant", "short id of the collective tool", "identifiant court de l'outil collectif", "id"),
        _c("name", "nom", "name", "nom"),
        _c("description", "description", "what the tool is", "ce qu'est l'outil"),
        _CITATION,
    ), keys=("id",), help_en="collective tools a link can name (optional)",
        help_fr="outils collectifs qu'un lien peut nommer (facultatif)"),
)

#: What the tables cannot carry (:mod:`ptce_graph.io.leftover`): one triple per row, read back as RDF.
LEFTOVER = Table("non-repris.csv", "not-carried", "non-repris", False, (
    _c("subject", "sujet", "subject of the triple (N-Triples term)", "sujet du triplet (terme N-Triples)"),
    _c("predicate", "prédicat", "predicate of the triple (N-Triples term)", "prédicat du triplet (terme N-Triples)"),
    _c("object", "objet", "object of the triple (N-Triples term)", "objet du triplet (terme N-Triples)"),
), help_en="facts the other tables cannot carry, kept so that nothing is lost",
    help_fr="faits que les autres tables ne peuvent pas porter, gardés pour que rien ne se perde")

#: Every table a reader reads: the contract's and the leftover.
READ_TABLES: tuple[Table, ...] = (*TABLES, LEFTOVER)

_BY_FILE = {t.file: t for t in READ_TABLES}
_BY_SHEET = {key: t for t in READ_TABLES for key in (normalise_key(t.en), normalise_key(t.fr),
                                                    normalise_key(t.file[:-4]))}


def table(file: str) -> Table:
    """The table of a bundle file name (``actors.csv``)."""
    return _BY_FILE[file]


def table_of_sheet(name: str) -> Table | None:
    """The table a sheet's name means (``acteurs``, ``Actors``, ``auto-évaluation``), or None."""
    return _BY_SHEET.get(normalise_key(name))
