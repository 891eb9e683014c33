"""ESS status of an actor (article 1 of the law), and French identifiers.

The ESS status is derived, never declared: from the legal form (a named form or
an INSEE *catégorie juridique* code) and, for a commercial company, the ESS
mention of article 1 III.  The table of legal forms is ``ontology/legal-forms.ttl``
(generated from ``ontology/data/``: every INSEE code of the nomenclature, typed
by article 1 II, with its legal personality and the basis of doubtful typings);
this module reads it once and adds the rules for a code the nomenclature does
not list (by the first digit of the INSEE code).

Also here: SIREN/SIRET checks (Luhn, with the La Poste exception) and the shapes
of INSEE geographic codes (commune, département, région, EPCI by SIREN).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from ptce_graph.labels import texts_by_language
from ptce_graph.namespaces import PTCE, PTCELF
from ptce_graph.resources import ontology_graph

__all__ = [
    "ESSStatus",
    "ESSAssessment",
    "EVIDENCE",
    "LegalFormInfo",
    "NAMED_LEGAL_FORMS",
    "legal_form_info",
    "is_legal_form",
    "ess_status",
    "luhn_ok",
    "siren_valid",
    "siret_valid",
    "commune_code_valid",
    "departement_code_valid",
    "region_code_valid",
    "territory_code_kind",
]


class ESSStatus(StrEnum):
    """Three-valued ESS status: an unknown status is never turned into yes or no."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @property
    def iri(self) -> rdflib.URIRef:
        """The ontology's individual for this status."""
        return {"yes": PTCE.ESSYes, "no": PTCE.ESSNo, "unknown": PTCE.ESSUnknown}[self.value]


#: The named forms accepted in the spreadsheet column ``legal_form``.
NAMED_LEGAL_FORMS: tuple[str, ...] = (
    "association",
    "cooperative",
    "scop",
    "scic",
    "mutual",
    "foundation",
    "commercial-company",
    "sole-proprietorship",
    "public-body",
)

_FAMILY_OF_CLASS = {
    PTCE.StatutoryESSForm: "statutory-ess",
    PTCE.CommercialCompanyForm: "commercial-company",
    PTCE.NonESSForm: "non-ess",
    PTCE.UndeterminedForm: "undetermined",
}
_PERSONALITY = {PTCE.PrivateLaw: "private-law", PTCE.PublicLaw: "public-law", PTCE.NoLegalPersonality: "none"}

# INSEE catégories juridiques not in the table: what the first digit says
# (INSEE nomenclature, niveau I).  (family, personality, French, English)
_FIRST_DIGIT = {
    "1": ("non-ess", "none", "entrepreneur individuel", "sole proprietor"),
    "2": ("non-ess", "none", "groupement de droit privé sans personnalité morale",
          "private-law grouping without legal personality"),
    "3": ("undetermined", "private-law", "personne morale de droit étranger", "legal person under foreign law"),
    "4": ("non-ess", "public-law", "personne morale de droit public soumise au droit commercial",
          "public-law legal person subject to commercial law"),
    "5": ("commercial-company", "private-law", "société commerciale", "commercial company"),
    "6": ("undetermined", "private-law", "autre personne morale immatriculée au RCS",
          "other legal person registered at the trade register"),
    "7": ("non-ess", "public-law", "personne morale et organisme soumis au droit administratif",
          "legal person under administrative law"),
    "8": ("undetermined", "private-law", "organisme privé spécialisé", "specialised private body"),
    "9": ("undetermined", "private-law", "groupement de droit privé", "private-law grouping"),
}

_CODE = re.compile(r"^[1-9][0-9]{3}$")


@dataclass(frozen=True, slots=True)
class LegalFormInfo:
    """What ptce_graph knows of a legal form value."""

    value: str
    iri: rdflib.URIRef | None
    label_fr: str
    label_en: str
    family: str  # statutory-ess | commercial-company | non-ess | undetermined
    personality: str | None  # private-law | public-law | none | None (law not known)
    listed: bool  # True when the value is in legal-forms.ttl
    #: ptce:hasLegalPersonality: whether an entity of this form is a legal person.
    legal_person: bool | None = None
    #: An ptce:EnterpriseGroupingForm (GIE, employer group, union of cooperatives).
    grouping: bool = False
    #: ptce:typingBasis, the legal basis of the typing, when the table gives one.
    basis_fr: str = ""
    basis_en: str = ""

    @property
    def is_legal_person(self) -> bool | None:
        """True when the form confers legal personality (private or public law)."""
        if self.legal_person is not None:
            return self.legal_person
        if self.personality is None:
            return None
        return self.personality != "none"

    @property
    def is_private_law_legal_person(self) -> bool | None:
        """True when the form confers private-law legal personality."""
        if self.personality is None:
            return None
        return self.personality == "private-law"

    def label(self, lang: str = "fr") -> str:
        """The form's label in ``lang``."""
        return self.label_fr if lang == "fr" else self.label_en


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, LegalFormInfo]:
    graph = ontology_graph()
    table: dict[str, LegalFormInfo] = {}
    for concept in set(graph.subjects(RDF.type, PTCE.LegalForm)):
        if not str(concept).startswith(str(PTCELF._NS)):
            continue
        notation = graph.value(concept, SKOS.notation)
        if notation is None:
            continue
        family = "undetermined"
        for cls, fam in _FAMILY_OF_CLASS.items():
            if (concept, RDF.type, cls) in graph:
                family = fam
        pers = graph.value(concept, PTCE.legalPersonality)
        legal_person = graph.value(concept, PTCE.hasLegalPersonality)
        labels = texts_by_language(graph.objects(concept, RDFS.label))
        basis = texts_by_language(graph.objects(concept, PTCE.typingBasis))
        table[str(notation)] = LegalFormInfo(
            value=str(notation),
            iri=rdflib.URIRef(str(concept)),
            label_fr=labels.get("fr", str(notation)),
            label_en=labels.get("en", str(notation)),
            family=family,
            personality=_PERSONALITY.get(rdflib.URIRef(str(pers))) if pers is not None else None,
            listed=True,
            legal_person=legal_person.toPython() if isinstance(legal_person, rdflib.Literal) else None,
            grouping=(concept, RDF.type, PTCE.EnterpriseGroupingForm) in graph,
            basis_fr=basis.get("fr", ""),
            basis_en=basis.get("en", ""),
        )
    return table


def legal_form_info(value: str) -> LegalFormInfo | None:
    """Information on a named form or a 4-digit INSEE code; None if not a legal form."""
    value = value.strip().lower()
    known = _table().get(value)
    if known is not None:
        return known
    if _CODE.match(value):
        family, personality, fr, en = _FIRST_DIGIT[value[0]]
        return LegalFormInfo(
            value=value,
            iri=None,
            label_fr=f"catégorie juridique {value} ({fr})",
            label_en=f"legal category {value} ({en})",
            family=family,
            personality=personality,
            listed=False,
        )
    return None


def is_legal_form(value: str) -> bool:
    """True for a named form of :data:`NAMED_LEGAL_FORMS` or a 4-digit INSEE code."""
    return legal_form_info(value) is not None


_REASONS = {
    "no-form": ("forme juridique non renseignée", "no legal form recorded"),
    "person": (
        "personne physique : l'article 1er vise des personnes morales de droit privé",
        "natural person: article 1 covers private-law legal persons",
    ),
    "statutory": (
        "{form} : forme statutaire de l'ESS (article 1er II 1°)",
        "{form}: a statutory ESS form (article 1 II 1°)",
    ),
    "company-yes": (
        "{form} immatriculée avec la mention ESS (article 1er III)",
        "{form} registered with the ESS mention (article 1 III)",
    ),
    "company-no": (
        "{form} sans la mention ESS (article 1er III)",
        "{form} without the ESS mention (article 1 III)",
    ),
    "company-unknown": (
        "{form} dont on ne sait pas si elle a la mention ESS (article 1er III) : renseigner ess_mention",
        "{form} whose ESS mention (article 1 III) is not known: fill in ess_mention",
    ),
    "non-ess": (
        "{form} : ni forme statutaire de l'ESS, ni société commerciale (article 1er II)",
        "{form}: neither a statutory ESS form nor a commercial company (article 1 II)",
    ),
    "no-personality": (
        "{form} : pas de personnalité morale, or l'article 1er vise des personnes morales de droit privé",
        "{form}: no legal personality, whereas article 1 covers private-law legal persons",
    ),
    "undetermined": (
        "{form} : la catégorie seule ne dit pas si l'entreprise est de l'ESS",
        "{form}: the category alone does not tell whether the enterprise belongs to the ESS",
    ),
    "basis": ("{form} : {basis}", "{form}: {basis}"),
    "cooperative": (
        "{form} déclarée coopérative (colonne coopérative) : une coopérative est une entreprise de l'ESS "
        "quelle que soit la forme de société sous laquelle elle est immatriculée (article 1er II 1°)",
        "{form} recorded as a cooperative (column cooperative): a cooperative is an ESS enterprise whatever "
        "the company form it is registered under (article 1 II 1°)",
    ),
    "cooperative-no-form": (
        "coopérative (colonne coopérative), sans forme juridique consignée : une coopérative est une "
        "entreprise de l'ESS (article 1er II 1°)",
        "a cooperative (column cooperative), with no legal form recorded: a cooperative is an ESS enterprise "
        "(article 1 II 1°)",
    ),
    "unrecognised": (
        "forme juridique « {form} » non reconnue",
        "legal form \"{form}\" not recognised",
    ),
}


#: The facts an ESS status can be decided by (:attr:`ESSAssessment.evidence`), as the bundle names them.
EVIDENCE = ("legal_form", "ess_mention", "cooperative", "kind")


@dataclass(frozen=True, slots=True)
class ESSAssessment:
    """An actor's ESS status, why, and which recorded facts decided it (:data:`EVIDENCE`)."""

    status: ESSStatus
    reason_fr: str
    reason_en: str
    legal_form: LegalFormInfo | None = None
    ess_mention: bool | None = None
    evidence: tuple[str, ...] = ()

    def reason(self, lang: str = "fr") -> str:
        """Why, in ``lang``."""
        return self.reason_fr if lang == "fr" else self.reason_en


#: Which recorded facts each reason rests on.
_EVIDENCE_OF = {
    "no-form": (), "person": ("kind",), "statutory": ("legal_form",), "company-yes": ("legal_form", "ess_mention"),
    "company-no": ("legal_form", "ess_mention"), "company-unknown": ("legal_form",), "non-ess": ("legal_form",),
    "no-personality": ("legal_form",), "undetermined": ("legal_form",), "unrecognised": ("legal_form",),
    "cooperative": ("legal_form", "cooperative"), "cooperative-no-form": ("cooperative",),
}


def _assess(status: ESSStatus, key: str, info: LegalFormInfo | None, mention: bool | None, form: str) -> ESSAssessment:
    evidence = _EVIDENCE_OF[key]
    fr, en = _REASONS[key]
    label_fr = info.label_fr if info else form
    label_en = info.label_en if info else form
    if info is not None and not info.listed:
        label_fr, label_en = info.label_fr, info.label_en
    elif info is not None and info.value.isascii() and info.value.isdigit():
        label_fr = f"catégorie juridique {info.value} ({info.label_fr})"
        label_en = f"legal category {info.value} ({info.label_en})"
    if info is not None and info.basis_fr and key in ("non-ess", "no-personality", "undetermined"):
        # The table's own legal basis says why better than the generic sentence.
        fr, en = _REASONS["basis"]
        return ESSAssessment(status, fr.format(form=label_fr, basis=_lower_first(info.basis_fr)),
                             en.format(form=label_en, basis=_lower_first(info.basis_en)), info, mention, evidence)
    return ESSAssessment(status, fr.format(form=label_fr), en.format(form=label_en), info, mention, evidence)


def _lower_first(sentence: str) -> str:
    """« Une fondation : … » reads « une fondation : … » after a colon; an acronym keeps its case."""
    if len(sentence) > 1 and sentence[0].isupper() and not sentence[1].isupper():
        return sentence[0].lower() + sentence[1:]
    return sentence


def ess_status(legal_form: str | None, ess_mention: bool | None = None, *, kind: str | None = None,
               cooperative: bool | None = None) -> ESSAssessment:
    """Derive the ESS status (article 1) from a legal form, the ESS mention and the cooperative status.

    * statutory ESS forms (association, cooperative incl. SCOP and SCIC, mutual,
      foundation, and their INSEE codes) -> yes;
    * a cooperative (``cooperative=True``) registered under a company code (a
      SCIC as an SAS), an undetermined code or no code at all -> yes: article 1
      II 1° names cooperatives whatever their company form; the evidence is the
      cooperative status, not the code;
    * commercial companies -> yes with the mention, no without, unknown when
      the mention is not known;
    * forms without legal personality, public bodies, sociétés civiles… -> no
      (even recorded as cooperatives: the form contradicts it, a data-quality
      warning says so);
    * no legal form, or a category that does not decide -> unknown;
    * but a natural person (``kind="person"``) with no legal form -> no: article 1
      covers private-law legal persons only.

    :attr:`ESSAssessment.evidence` names the recorded facts that decided.
    """
    if str(kind) == "person" and (legal_form is None or not legal_form.strip()):
        return _assess(ESSStatus.NO, "person", None, ess_mention, "")
    if legal_form is None or not legal_form.strip():
        if cooperative is True:
            return _assess(ESSStatus.YES, "cooperative-no-form", None, ess_mention, "")
        return _assess(ESSStatus.UNKNOWN, "no-form", None, ess_mention, "")
    info = legal_form_info(legal_form)
    if info is None:
        if cooperative is True:
            return _assess(ESSStatus.YES, "cooperative-no-form", None, ess_mention, legal_form.strip())
        return _assess(ESSStatus.UNKNOWN, "unrecognised", None, ess_mention, legal_form.strip())
    if info.family == "statutory-ess":
        return _assess(ESSStatus.YES, "statutory", info, ess_mention, info.value)
    if cooperative is True and info.family in ("commercial-company", "undetermined"):
        return _assess(ESSStatus.YES, "cooperative", info, ess_mention, info.value)
    if info.family == "commercial-company":
        if ess_mention is True:
            return _assess(ESSStatus.YES, "company-yes", info, ess_mention, info.value)
        if ess_mention is False:
            return _assess(ESSStatus.NO, "company-no", info, ess_mention, info.value)
        return _assess(ESSStatus.UNKNOWN, "company-unknown", info, ess_mention, info.value)
    if info.family == "non-ess":
        key = "no-personality" if info.personality == "none" else "non-ess"
        return _assess(ESSStatus.NO, key, info, ess_mention, info.value)
    return _assess(ESSStatus.UNKNOWN, "undetermined", info, ess_mention, info.value)


# ---------------------------------------------------------------------------
#  SIREN / SIRET
# ---------------------------------------------------------------------------

_LA_POSTE_SIREN = "356000000"


def luhn_ok(digits: str) -> bool:
    """Luhn check: from the right, double every second digit, sum, multiple of 10."""
    if not (digits.isascii() and digits.isdigit()):
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def siren_valid(siren: str) -> bool:
    """A SIREN is nine digits whose last is a Luhn check digit."""
    return len(siren) == 9 and siren.isascii() and siren.isdigit() and luhn_ok(siren)


def siret_valid(siret: str) -> bool:
    """A SIRET is 14 digits, Luhn over all of them; La Poste's (SIREN 356000000)
    are valid when Luhn passes or the digit sum is a multiple of 5."""
    if len(siret) != 14 or not (siret.isascii() and siret.isdigit()):
        return False
    if luhn_ok(siret):
        return True
    return siret.startswith(_LA_POSTE_SIREN) and sum(int(c) for c in siret) % 5 == 0


# ---------------------------------------------------------------------------
#  INSEE geographic codes
# ---------------------------------------------------------------------------

_DEPT = r"(?:0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5])"
_COMMUNE = re.compile(rf"^(?:{_DEPT}[0-9]{{3}}|97[1-8][0-9]{{2}}|98[4-9][0-9]{{2}})$")
_DEPARTEMENT = re.compile(rf"^(?:{_DEPT}|97[1-6])$")
_REGION = re.compile(r"^R?[0-9]{2}$")


def commune_code_valid(code: str) -> bool:
    """Five characters: département part + commune ordinal (2A/2B for Corsica,
    97x overseas, 98x for the Pacific communities)."""
    return bool(_COMMUNE.match(code.upper()))


def departement_code_valid(code: str) -> bool:
    """01 to 95 (2A and 2B instead of 20), 971 to 976."""
    return bool(_DEPARTEMENT.match(code.upper()))


def region_code_valid(code: str) -> bool:
    """Two digits, optionally written with an R (R76), as the bundle writes it."""
    return bool(_REGION.match(code.upper()))


def territory_code_kind(code: str) -> tuple[str, str] | None:
    """Classify a ``territory_codes`` entry of the bundle.

    Returns ``(kind, normalised code)`` with kind ``commune``, ``departement``,
    ``region`` (code without its R) or ``epci`` (SIREN), or None when the
    shape matches none of them.
    """
    c = code.strip().upper()
    if len(c) == 3 and c.startswith("R") and c[1:].isascii() and c[1:].isdigit():
        return ("region", c[1:])
    if len(c) == 9 and c.isascii() and c.isdigit():
        return ("epci", c)
    if len(c) == 5 and commune_code_valid(c):
        return ("commune", c)
    if len(c) in (2, 3) and departement_code_valid(c):
        return ("departement", c)
    return None
