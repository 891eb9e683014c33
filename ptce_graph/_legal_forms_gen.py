"""Generate ``ontology/legal-forms.ttl`` from its two data files.

Run ``python -m ptce_graph._legal_forms_gen`` after editing either of them:

* ``ontology/data/legal-forms-named.ttl`` — the ontology header, the scheme and
  the named forms (the values of the spreadsheet column ``legal_form``),
  written by hand and copied as they are;
* ``ontology/data/insee-categories-juridiques.csv`` — every INSEE catégorie
  juridique (niveau III) with its label as INSEE writes it, an English label,
  and ptce_graph's reading of it: its place in article 1 II of law
  no. 2014-856 (``article_1``), the legal personality it confers
  (``personality``), its named form, whether it is a grouping of enterprises
  in the sense of decree no. 2015-431 (article 3, 2°), and the legal basis of
  the typing where it needs one.

The table is the single source of these facts; a test regenerates the Turtle
file and fails on any difference, so the two never drift apart.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from ptce_graph.resources import ontology_dir

__all__ = ["CATEGORIES_CSV", "NAMED_FORMS_TTL", "Category", "read_categories", "render", "generate", "main"]

CATEGORIES_CSV = "data/insee-categories-juridiques.csv"
NAMED_FORMS_TTL = "data/legal-forms-named.ttl"

ARTICLE_1_VALUES = ("statutory-ess", "commercial-company", "non-ess", "undetermined")
PERSONALITY_VALUES = ("private-law", "public-law", "none", "legal-person")
NAMED_FORMS = (
    "association", "cooperative", "scop", "mutual", "foundation",
    "commercial-company", "sole-proprietorship", "public-body",
)

_FAMILY_CLASS = {
    "statutory-ess": "ptce:StatutoryESSForm",
    "commercial-company": "ptce:CommercialCompanyForm",
    "non-ess": "ptce:NonESSForm",
    "undetermined": "ptce:UndeterminedForm",
}
_PERSONALITY = {
    "private-law": ("ptce:PrivateLaw", "true"),
    "public-law": ("ptce:PublicLaw", "true"),
    "none": ("ptce:NoLegalPersonality", "false"),
    "legal-person": (None, "true"),
}
#: What the family says, as the end of each code's definition (French, English).
_FAMILY_SENTENCE = {
    "statutory-ess": ("forme statutaire de l'ESS (article 1er II 1°)", "a statutory ESS form (article 1 II 1°)"),
    "commercial-company": (
        "société commerciale, entreprise de l'ESS seulement si ses statuts remplissent l'article 1er II 2° "
        "et qu'elle est immatriculée avec la mention ESS (article 1er III)",
        "a commercial company, an ESS enterprise only if its statutes meet article 1 II 2° and it is "
        "registered with the ESS mention (article 1 III)",
    ),
    "non-ess": (
        "ni forme statutaire de l'ESS, ni société commerciale : hors ESS (article 1er II)",
        "neither a statutory ESS form nor a commercial company: outside the ESS (article 1 II)",
    ),
    "undetermined": (
        "la loi laisse ouvert le statut ESS de cette forme (voir le fondement du classement)",
        "the law leaves the ESS status of this form open (see the basis of the classification)",
    ),
}
#: INSEE's level I of the nomenclature: the banners of the generated sections.
_LEVEL_I = {
    "0": "Organisme de placement collectif en valeurs mobilières sans personnalité morale",
    "1": "Personne physique",
    "2": "Groupement de droit privé non doté de la personnalité morale",
    "3": "Personne morale de droit étranger",
    "4": "Personne morale de droit public soumise au droit commercial",
    "5": "Société commerciale",
    "6": "Autre personne morale immatriculée au RCS",
    "7": "Personne morale et organisme soumis au droit administratif",
    "8": "Organisme privé spécialisé",
    "9": "Groupement de droit privé",
}
_WITHDRAWN_NOTE = (
    "Code absent de la nomenclature du 1er septembre 2022 ; gardé parce que des données antérieures l'emploient. "
    "Libellé tel que le donnent les copies publiques d'une version antérieure.",
    "Code absent from the classification of 1 September 2022; kept because earlier data uses it. "
    "Label as given by public copies of an earlier version.",
)


@dataclass(frozen=True, slots=True)
class Category:
    """One row of the table: an INSEE catégorie juridique and ptce_graph's reading of it."""

    code: str
    label_fr: str
    label_en: str
    status: str  # current | withdrawn
    article_1: str
    personality: str
    named_form: str
    grouping: bool
    basis_fr: str
    basis_en: str


def _check(row: dict[str, str], line: int) -> list[str]:
    problems = []
    code = row.get("code", "")
    if len(code) != 4 or not code.isdigit():
        problems.append(f"line {line}: code {code!r} is not four digits")
    if row.get("status") not in ("current", "withdrawn"):
        problems.append(f"line {line}: status must be current or withdrawn")
    if row.get("article_1") not in ARTICLE_1_VALUES:
        problems.append(f"line {line}: article_1 must be one of {', '.join(ARTICLE_1_VALUES)}")
    if row.get("personality") not in PERSONALITY_VALUES:
        problems.append(f"line {line}: personality must be one of {', '.join(PERSONALITY_VALUES)}")
    if row.get("named_form") and row["named_form"] not in NAMED_FORMS:
        problems.append(f"line {line}: named_form {row['named_form']!r} is not a named form")
    if row.get("grouping") not in ("", "yes"):
        problems.append(f"line {line}: grouping must be yes or empty")
    if not row.get("label_fr") or not row.get("label_en"):
        problems.append(f"line {line}: both labels are needed")
    if bool(row.get("basis_fr")) != bool(row.get("basis_en")):
        problems.append(f"line {line}: the basis is needed in French and English, or not at all")
    if row.get("article_1") == "undetermined" and not row.get("basis_fr"):
        problems.append(f"line {line}: an undetermined form needs the reason in basis_fr/basis_en")
    return problems


def read_categories(text: str) -> list[Category]:
    """Parse the table; every problem is reported at once, with its line."""
    reader = csv.DictReader(io.StringIO(text))
    rows: list[Category] = []
    problems: list[str] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        problems += _check(row, line)
        if row["code"] in seen:
            problems.append(f"line {line}: code {row['code']} appears twice")
        seen.add(row["code"])
        rows.append(Category(
            code=row["code"], label_fr=row["label_fr"], label_en=row["label_en"], status=row["status"],
            article_1=row["article_1"], personality=row["personality"], named_form=row["named_form"],
            grouping=row["grouping"] == "yes", basis_fr=row["basis_fr"], basis_en=row["basis_en"],
        ))
    if problems:
        raise ValueError("; ".join(problems))
    return sorted(rows, key=lambda c: c.code)


def _lit(text: str, lang: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}'


def _block(cat: Category) -> str:
    types = ["owl:NamedIndividual", "ptce:LegalForm", _FAMILY_CLASS[cat.article_1]]
    if cat.grouping:
        types.append("ptce:EnterpriseGroupingForm")
    fam_fr, fam_en = _FAMILY_SENTENCE[cat.article_1]
    labels = f"{_lit(cat.label_fr, 'fr')} , {_lit(cat.label_en, 'en')}"
    lines = [
        f"ptcelf:cj-{cat.code}",
        f"    a {' , '.join(types)} ;",
        f"    rdfs:label {labels} ;",
        f"    skos:prefLabel {labels} ;",
        f"    skos:definition {_lit(f'Catégorie juridique INSEE {cat.code} « {cat.label_fr} » : {fam_fr}.', 'fr')} ,",
        f"        {_lit(f'INSEE legal category {cat.code} ({cat.label_en}): {fam_en}.', 'en')} ;",
    ]
    if cat.basis_fr:
        lines.append(f"    ptce:typingBasis {_lit(cat.basis_fr, 'fr')} ,")
        lines.append(f"        {_lit(cat.basis_en, 'en')} ;")
    if cat.status == "withdrawn":
        lines.append(f"    skos:historyNote {_lit(_WITHDRAWN_NOTE[0], 'fr')} ,")
        lines.append(f"        {_lit(_WITHDRAWN_NOTE[1], 'en')} ;")
    lines.append(f'    skos:notation "{cat.code}" ;')
    law, flag = _PERSONALITY[cat.personality]
    if law is not None:
        lines.append(f"    ptce:legalPersonality {law} ;")
    lines.append(f"    ptce:hasLegalPersonality {flag} ;")
    lines.append("    skos:inScheme ptcelf:legal-forms ;")
    if cat.named_form:
        lines.append(f"    skos:broader ptcelf:{cat.named_form} ;")
    else:
        lines.append("    skos:topConceptOf ptcelf:legal-forms ;")
    lines.append("    dcterms:source ptcesrc:insee-categories-juridiques , ptcesrc:loi-2014-856-art-1 ;")
    lines.append("    rdfs:isDefinedBy <https://w3id.org/ptce/legal-form/> .")
    return "\n".join(lines) + "\n"


def _banner(title: str) -> str:
    rule = "# " + "-" * 77
    return f"{rule}\n#  {title}\n{rule}\n"


def render(named_forms_ttl: str, categories_csv: str) -> str:
    """The text of ``ontology/legal-forms.ttl``."""
    categories = read_categories(categories_csv)
    parts = [named_forms_ttl.rstrip("\n") + "\n"]
    level = None
    for cat in categories:
        if cat.code[0] != level:
            level = cat.code[0]
            parts.append("\n" + _banner(f"INSEE legal categories — level I {level}: {_LEVEL_I[level]}"))
        parts.append("\n" + _block(cat))
    tops = [f"ptcelf:cj-{c.code}" for c in categories if not c.named_form]
    parts.append("\n" + _banner("Top concepts of the scheme among the INSEE categories (no named form)"))
    parts.append("\nptcelf:legal-forms\n    skos:hasTopConcept " + " ,\n        ".join(tops) + " .\n")
    return "".join(parts)


def _read(name: str) -> str:
    return ontology_dir().joinpath(name).read_text(encoding="utf-8")


def generate() -> str:
    """The Turtle text generated from the packaged data files."""
    return render(_read(NAMED_FORMS_TTL), _read(CATEGORIES_CSV))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(str(ontology_dir().joinpath("legal-forms.ttl")))
    target.write_text(generate(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
