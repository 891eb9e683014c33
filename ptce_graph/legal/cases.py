"""A legal case corpus a jurist can extend without Python: poles in bundle terms, with expected statuses.

Each case is a YAML file (``docs/validation.md``, « Legal cases »)::

    titre: Un GIE majoritairement hors ESS compte comme entreprise hors ESS
    raisonnement: Le décret n° 2015-431 (art. 3, 2°) compte un groupement d'entreprises dès lors que ...
    date: 2026-01-01
    base: _pole-complet.yaml          # optional: start from another case's pole
    acteurs:                          # the bundle's tables and columns, in French or English
      - {identifiant: gie, nom: GIE fictif, relation: membre, type: entreprise, forme_juridique: "6220"}
      - {identifiant: sarl-a, nom: SARL A fictive, forme_juridique: "5499", mention_ess: non, membre_de: gie}
    attendu:
      decree-2015: {other-enterprises: remplie}
      toutes: {territory: remplie}    # every definition that has the clause

Cells are read as text by the bundle's own reader (:func:`ptce_graph.io.bundle.bundle_from_rows`), so a case
means exactly what the same rows mean in a spreadsheet; what the tables cannot say goes, as in a bundle, in
the ``non-repris`` table (N-Triples terms).  With ``base``, the case's ``pôle`` columns and the
rows of the tables with ids (acteurs, projets, lieux, réunions, outils) are merged over the base's by id
(``supprimer: oui`` removes a row); a table without ids (liens, financements, auto-évaluation) given in the
case replaces the base's.  Files whose name starts with ``_`` are bases, not cases.

:func:`run_cases` validates every case (one pass per evaluation date, all definitions) and compares each
expected status with the obtained one; a failing check carries the clause's message and evidence.  The
command is ``ptce cases DIR``.  YAML is read with every scalar as text, without anchors nor aliases.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import Graph

from ptce_graph.errors import InputError, InputErrors
from ptce_graph.io.bundle import bundle_from_rows
from ptce_graph.io.contract import READ_TABLES, TABLES, table_of_sheet
from ptce_graph.io.tables import inside_folder
from ptce_graph.io.vocabularies import normalise_key
from ptce_graph.legal.pipeline import compare_definitions, parse_as_of
from ptce_graph.legal.report.comparison import DefinitionComparison
from ptce_graph.legal.report.verdicts import ClauseStatus, Concerned, Verdict
from ptce_graph.legal.spec.definitions import DEFINITION_IDS, definitions
from ptce_graph.model import Pole, new_graph

__all__ = ["LegalCase", "Expectation", "CaseCheck", "CaseRun", "load_cases", "run_cases", "MAX_CASE_BYTES"]

#: libyaml's loader when PyYAML has it (ten times faster on the corpus), else the pure-Python one; both build
#: only str, list and dict.
_LOADER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

#: A case file larger than this is refused (a case is a few dozen rows).
MAX_CASE_BYTES = 1_000_000
_MAX_BASE_DEPTH = 8

#: Top-level keys of a case, in French and English -> their role.
_KEYS = {
    "id": "id", "identifiant": "id", "title": "title", "titre": "title", "reasoning": "reasoning",
    "raisonnement": "reasoning", "as-of": "as_of", "date": "as_of", "date-evaluation": "as_of",
    "base": "base", "sources": "sources", "source": "sources", "expect": "expect", "attendu": "expect",
    "remove": "remove", "supprimer": "remove",
}
_ALL = ("all", "toutes")
_VERDICT = ("verdict",)
#: Expected values in French and English -> (kind, value).
_VALUES: dict[str, tuple[str, str]] = {
    **{normalise_key(w): ("status", s.value) for s, words in (
        (ClauseStatus.MET, ("met", "remplie")), (ClauseStatus.NOT_MET, ("not-met", "non remplie")),
        (ClauseStatus.UNKNOWN, ("unknown", "inconnue"))) for w in words},
    **{normalise_key(w): ("verdict", v.value) for v, words in (
        (Verdict.FITS, ("fits", "répond")), (Verdict.DOES_NOT_FIT, ("does-not-fit", "ne répond pas")),
        (Verdict.UNDETERMINED, ("undetermined", "indéterminé"))) for w in words},
    **{normalise_key(w): ("judged", "not-judged") for w in ("not-judged", "non jugée", "non jugé")},
}
_YES = {"yes", "oui", "true", "vrai", "o", "y", "1"}


@dataclass(frozen=True)
class Expectation:
    """What a case expects under one definition: a clause's status, the verdict, or no judgement."""

    definition: str
    clause: str | None  # None: the verdict (or whether the definition judges at all)
    expected: str  # met | not-met | unknown | fits | does-not-fit | undetermined | not-judged


@dataclass(frozen=True)
class LegalCase:
    """One case: a pole in bundle terms, a date, the expected statuses and the reasoning in one sentence."""

    id: str
    path: Path
    title: str
    reasoning: str
    as_of: _dt.date
    tables: dict[str, list[dict[str, str]]]
    expectations: tuple[Expectation, ...]
    sources: tuple[str, ...] = ()

    def bundle(self) -> tuple[Pole, Graph]:
        """The case's pole (its id is the case's) and its ``non-repris`` triples, read as a bundle would be."""
        return bundle_from_rows(_pole_rows(self), source=str(self.path))


@dataclass(frozen=True)
class CaseCheck:
    """One expectation of a case, checked: the status obtained, and what decided it."""

    case: LegalCase
    expectation: Expectation
    obtained: str
    messages: dict[str, str] = field(default_factory=dict)
    evidence: tuple[Concerned, ...] = ()

    @property
    def passed(self) -> bool:
        """True when the obtained status is the expected one."""
        return self.obtained == self.expectation.expected

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The check in the JSON output of ``ptce cases``."""
        e = self.expectation
        return {"definition": e.definition, "clause": e.clause, "expected": e.expected, "obtained": self.obtained,
                "passed": self.passed, "message": self.messages.get(lang, ""),
                "evidence": [c.to_dict(lang) for c in self.evidence]}


_WORDS = {
    "title": ("Corpus de cas juridiques", "Legal case corpus"),
    "summary": ("{cases} cas, {checks} attendus : {ok} conformes, {ko} en échec",
                "{cases} cases, {checks} expectations: {ok} as expected, {ko} failing"),
    "expected": ("attendu", "expected"), "obtained": ("obtenu", "obtained"),
    "reasoning": ("raisonnement", "reasoning"), "evidence": ("preuves", "evidence"),
    "verdict": ("verdict", "verdict"), "none": ("aucune", "none"),
    "met": ("remplie", "met"), "not-met": ("non remplie", "not met"), "unknown": ("inconnue", "unknown"),
    "fits": ("répond", "fits"), "does-not-fit": ("ne répond pas", "does not fit"),
    "undetermined": ("indéterminé", "undetermined"), "not-judged": ("non jugée (texte pas encore en vigueur)",
                                                                   "not judged (text not yet in force)"),
    "judged": ("jugée", "judged"),
}


def _word(key: str, lang: str) -> str:
    pair = _WORDS.get(key)
    return pair[0 if lang == "fr" else 1] if pair else key


@dataclass(frozen=True)
class CaseRun:
    """Every check of a corpus: what passed, what failed and why."""

    cases: tuple[LegalCase, ...]
    checks: tuple[CaseCheck, ...]

    @property
    def failed(self) -> tuple[CaseCheck, ...]:
        """The checks whose obtained status is not the expected one."""
        return tuple(c for c in self.checks if not c.passed)

    @property
    def ok(self) -> bool:
        """True when there was something to check and every check passed."""
        return bool(self.checks) and not self.failed

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The JSON output of ``ptce cases``: each case with its checks, then the counts."""
        by_case: dict[str, list[CaseCheck]] = defaultdict(list)
        for check in self.checks:
            by_case[check.case.id].append(check)
        return {
            "cases": [
                {"id": c.id, "file": str(c.path), "title": c.title, "reasoning": c.reasoning,
                 "as_of": c.as_of.isoformat(), "sources": list(c.sources),
                 "passed": all(k.passed for k in by_case[c.id]),
                 "checks": [k.to_dict(lang) for k in by_case[c.id]]}
                for c in self.cases
            ],
            "checks": len(self.checks),
            "passed": len(self.checks) - len(self.failed),
            "failed": len(self.failed),
        }

    def render(self, lang: str = "fr", *, verbose: bool = False) -> str:
        """The failing cases with the clause, the expected and obtained status, the reasoning and evidence."""
        colon = " : " if lang == "fr" else ": "
        lines = [_word("title", lang) + colon + _word("summary", lang).format(
            cases=len(self.cases), checks=len(self.checks), ok=len(self.checks) - len(self.failed),
            ko=len(self.failed)), ""]
        by_case: dict[str, list[CaseCheck]] = defaultdict(list)
        for check in self.checks:
            by_case[check.case.id].append(check)
        for case in self.cases:
            failing = [k for k in by_case[case.id] if not k.passed]
            if not failing and not verbose:
                continue
            lines.append(f"{'✗' if failing else '✓'} {case.id} — {case.title} ({case.path.name})")
            for k in failing:
                e = k.expectation
                what = e.clause or _word("verdict", lang)
                lines.append(f"    {e.definition} / {what}{colon}{_word('expected', lang)} "
                             f"« {_word(e.expected, lang)} », {_word('obtained', lang)} « {_word(k.obtained, lang)} »")
                if k.messages.get(lang):
                    lines.append(f"      {k.messages[lang]}")
                shown = ", ".join(c.label(lang) + (f" [{c.ref}]" if c.ref else "") for c in k.evidence)
                lines.append(f"      {_word('evidence', lang)}{colon}{shown or _word('none', lang)}")
            if failing:
                lines.append(f"    {_word('reasoning', lang)}{colon}{case.reasoning}")
        if lines[-1] != "":
            lines.append("")
        return "\n".join(lines)


# ---------------------------------------------------------------------------
#  Reading
# ---------------------------------------------------------------------------


def _error(path: Path, en: str, fr: str, expected: tuple[str, str] | None = None,
           line: int | None = None, key: str | None = None) -> InputError:
    return InputError(en, problem_fr=fr, source=str(path), line=line, field=key,
                      expected=expected[0] if expected else None, expected_fr=expected[1] if expected else None)


def _yaml(path: Path) -> dict[str, Any]:
    """A case file as nested dicts, lists and strings: no anchors, aliases nor tags; every scalar as text."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _error(path, f"cannot be read ({exc.strerror})", f"illisible ({exc.strerror})") from None
    if size > MAX_CASE_BYTES:
        raise _error(path, f"the file is {size} bytes, more than {MAX_CASE_BYTES}",
                     f"le fichier fait {size} octets, plus de {MAX_CASE_BYTES}")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise _error(path, "not UTF-8 text", "ce n'est pas du texte UTF-8", ("a YAML file in UTF-8",
                                                                            "un fichier YAML en UTF-8")) from None
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            anchored = getattr(event, "anchor", None) is not None
            tagged = getattr(event, "tag", None) is not None and not isinstance(event, yaml.DocumentStartEvent)
            if isinstance(event, yaml.AliasEvent) or anchored or tagged:
                mark = event.start_mark
                raise _error(path, "anchors, aliases and tags are not read in a case",
                             "les ancres, alias et étiquettes ne sont pas lus dans un cas",
                             ("plain YAML: mappings, lists and text", "du YAML simple : tables, listes et texte"),
                             line=mark.line + 1 if mark is not None else None)
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - BaseLoader builds only str, list, dict
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _error(path, f"not valid YAML ({getattr(exc, 'problem', None) or 'syntax'})",
                     f"YAML invalide ({getattr(exc, 'problem', None) or 'syntaxe'})",
                     line=mark.line + 1 if mark is not None else None) from None
    if not isinstance(data, dict):
        raise _error(path, "a case is a mapping of keys (titre, date, pôle, acteurs, attendu…)",
                     "un cas est une table de clés (titre, date, pôle, acteurs, attendu…)")
    return data


def _table_key(key: str) -> str | None:
    """The bundle file a case key names (``acteurs`` -> ``actors.csv``), or None."""
    found = table_of_sheet(key)
    return found.file if found is not None and found in READ_TABLES else None


_ID_TABLES = {t.file for t in TABLES if "id" in (c.name for c in t.columns)} - {"links.csv", "funding.csv"}


def _rows(path: Path, key: str, value: Any) -> list[dict[str, str]]:
    if key == "pole.csv":
        value = [value] if isinstance(value, dict) else value
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _error(path, f"{key}: a list of rows (column: value)", f"{key} : une liste de lignes (colonne : valeur)",
                     key=key)
    rows = []
    for row in value:
        bad = [k for k, v in row.items() if not isinstance(v, str)]
        if bad:
            raise _error(path, f"{key}: the cell {bad[0]!r} is not text", f"{key} : la cellule « {bad[0]} » "
                         "n'est pas du texte", ("one value per cell (ids separated by ';')",
                                                 "une valeur par cellule (identifiants séparés par « ; »)"), key=key)
        rows.append(dict(row))
    return rows


def _row_id(row: dict[str, str]) -> str | None:
    for k, v in row.items():
        if normalise_key(k) in ("id", "identifiant"):
            return v
    return None


def _removed(row: dict[str, str]) -> bool:
    return any(_KEYS.get(normalise_key(k)) == "remove" and normalise_key(v) in _YES for k, v in row.items())


def _merge(base: list[dict[str, str]], rows: list[dict[str, str]], by: str) -> list[dict[str, str]]:
    """``rows`` over ``base``: replacing it (``by="none"``), merged into its one row (``"one"``), or by id."""
    if by == "none" or not base:
        return rows
    out = [dict(r) for r in base]
    for row in rows:
        rid = _row_id(row)
        target = out[0] if by == "one" else next((r for r in out if rid is not None and _row_id(r) == rid), None)
        clean = {k: v for k, v in row.items() if _KEYS.get(normalise_key(k)) != "remove"}
        if _removed(row):
            out = [r for r in out if r is not target]
        elif target is not None:
            keys = {normalise_key(k): k for k in target}
            for k, v in clean.items():
                target.pop(keys.get(normalise_key(k), k), None)
                target[k] = v
        else:
            out.append(clean)
    return out


def _read_case(path: Path, depth: int = 0) -> tuple[dict[str, Any], dict[str, list[dict[str, str]]]]:
    """A case's own keys, and its tables merged over its base's."""
    if depth > _MAX_BASE_DEPTH:
        raise _error(path, "too many bases (or a base that leads back to itself)",
                     "trop de bases (ou une base qui ramène à elle-même)", key="base")
    data = _yaml(path)
    meta: dict[str, Any] = {}
    own: dict[str, list[dict[str, str]]] = {}
    for key, value in data.items():
        role = _KEYS.get(normalise_key(str(key)))
        file = _table_key(str(key)) if role is None else None
        if role is not None:
            meta[role] = value
        elif file is not None:
            own[file] = _rows(path, file, value)
        else:
            raise _error(path, f"unknown key {key!r}", f"clé inconnue « {key} »", (
                "titre, raisonnement, date, base, sources, attendu, or a table of the bundle (pôle, acteurs, liens, "
                "projets, financements…)", "titre, raisonnement, date, base, sources, attendu, ou une table du "
                "bundle (pôle, acteurs, liens, projets, financements…)"), key=str(key))
    tables: dict[str, list[dict[str, str]]] = {}
    if "base" in meta:
        base = meta["base"]
        if not isinstance(base, str) or not base.strip():
            raise _error(path, "base: the file name of another case", "base : le nom du fichier d'un autre cas",
                         key="base")
        name = base.strip()
        base_path = path.parent / name
        # A base is a case file beside this one: never a path leading elsewhere, whose content a message
        # (an unknown key) would then quote.
        if (Path(name).name != name or name in (".", "..") or not name.endswith((".yaml", ".yml"))
                or not inside_folder(path.parent, base_path) or not base_path.is_file()):
            raise _error(path, f"base {base!r} is not a case file beside the case", f"la base « {base} » n'est pas "
                         "un fichier de cas à côté du cas", ("the name of a .yaml file in the same folder",
                                                             "le nom d'un fichier .yaml du même dossier"), key="base")
        _, tables = _read_case(base_path, depth + 1)
    for file, rows in own.items():
        by = "one" if file == "pole.csv" else "id" if file in _ID_TABLES else "none"
        tables[file] = _merge(tables.get(file, []), rows, by)
    for file in list(tables):
        tables[file] = [r for r in tables[file] if not _removed(r)]
    return meta, tables


def _expectations(path: Path, value: Any) -> tuple[Expectation, ...]:
    if not isinstance(value, dict) or not value:
        raise _error(path, "attendu: for each definition, the expected status of clauses or the verdict",
                     "attendu : pour chaque définition, le statut attendu des clauses ou le verdict", key="attendu")
    defs = definitions()
    out: list[Expectation] = []
    for definition, expected in value.items():
        names = list(DEFINITION_IDS) if normalise_key(definition) in _ALL else [definition]
        if any(n not in defs for n in names):
            raise _error(path, f"unknown definition {definition!r}", f"définition inconnue « {definition} »",
                         (", ".join(DEFINITION_IDS) + " or all", ", ".join(DEFINITION_IDS) + " ou toutes"),
                         key="attendu")
        if isinstance(expected, str):  # decree-2015: non jugée
            expected = {"verdict": expected}
        if not isinstance(expected, dict):
            raise _error(path, f"attendu / {definition}: clause: status", f"attendu / {definition} : clause : statut",
                         key="attendu")
        for clause, status in expected.items():
            found = _VALUES.get(normalise_key(status)) if isinstance(status, str) else None
            is_verdict = normalise_key(clause) in _VERDICT
            if found is None or (is_verdict and found[0] == "status") or (not is_verdict and found[0] != "status"):
                raise _error(path, f"attendu / {definition} / {clause}: {status!r} is not an expected value",
                             f"attendu / {definition} / {clause} : « {status} » n'est pas une valeur attendue", (
                                 "met, not-met, unknown for a clause; fits, does-not-fit, undetermined or "
                                 "not-judged for the verdict",
                                 "remplie, non remplie, inconnue pour une clause ; répond, ne répond pas, "
                                 "indéterminé ou non jugée pour le verdict"), key="attendu")
            for name in names:
                if is_verdict:
                    out.append(Expectation(name, None, found[1]))
                    continue
                if not defs[name].has_clause(clause):
                    if normalise_key(definition) in _ALL:
                        continue
                    raise _error(path, f"{name} has no clause {clause!r}", f"{name} n'a pas de clause « {clause} »",
                                 (", ".join(defs[name].clause_ids), ", ".join(defs[name].clause_ids)),
                                 key="attendu")
                out.append(Expectation(name, clause, found[1]))
    if not out:
        raise _error(path, "attendu names no clause of these definitions", "attendu ne nomme aucune clause de ces "
                     "définitions", key="attendu")
    return tuple(out)


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _case(path: Path) -> LegalCase:
    meta, tables = _read_case(path)
    for key in ("title", "reasoning", "as_of", "expect"):
        if not meta.get(key):
            word = {"title": "titre", "reasoning": "raisonnement", "as_of": "date", "expect": "attendu"}[key]
            raise _error(path, f"the key {word!r} is missing", f"la clé « {word} » manque", key=word)
    try:
        as_of = parse_as_of(str(meta["as_of"]))
    except InputError:
        raise _error(path, f"date {meta['as_of']!r} is not a date", f"la date « {meta['as_of']} » n'est pas une date",
                     ("YYYY-MM-DD", "AAAA-MM-JJ"), key="date") from None
    if "pole.csv" not in tables:
        raise _error(path, "the case has no pôle (and no base)", "le cas n'a ni pôle ni base", key="pôle")
    sources = meta.get("sources", ())
    sources = (sources,) if isinstance(sources, str) else tuple(s for s in sources if isinstance(s, str))
    case_id = _text(meta.get("id")) or path.stem
    return LegalCase(id=case_id, path=path, title=_text(meta["title"]), reasoning=_text(meta["reasoning"]),
                     as_of=as_of, tables=tables, expectations=_expectations(path, meta["expect"]), sources=sources)


def load_cases(source: str | Path) -> list[LegalCase]:
    """The cases of a YAML file, or of every ``*.yaml`` / ``*.yml`` file under a folder (``_*`` are bases).

    Every unreadable case is reported, located, in one :class:`~ptce_graph.errors.InputErrors`.
    """
    root = Path(source)
    if root.is_file():
        files = [root]
    elif root.is_dir():
        files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and not p.name.startswith("_")
                       and p.is_file())
    else:
        raise _error(root, "no such file or folder", "aucun fichier ni dossier de ce nom",
                     ("a folder of cases (*.yaml) or one case", "un dossier de cas (*.yaml) ou un cas"))
    if not files:
        raise _error(root, "no case (*.yaml) in the folder", "aucun cas (*.yaml) dans le dossier")
    cases: list[LegalCase] = []
    errors: list[InputError] = []
    seen: dict[str, Path] = {}
    for path in files:
        if root.is_dir() and not inside_folder(root, path):  # a corpus reads only its own files
            errors.append(_error(path, "the file is a symbolic link leading out of the folder of cases; it was not "
                                 "read", "le fichier est un lien symbolique qui sort du dossier des cas ; il n'a pas "
                                 "été lu", ("the case itself in the folder (copy it there)",
                                            "le cas lui-même dans le dossier (copiez-le)")))
            continue
        try:
            case = _case(path)
        except InputError as exc:
            errors.append(exc)
            continue
        if case.id in seen:
            errors.append(_error(path, f"the id {case.id!r} is already the id of {seen[case.id].name}",
                                 f"l'identifiant « {case.id} » est déjà celui de {seen[case.id].name}", key="id"))
            continue
        seen[case.id] = path
        cases.append(case)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)
    return cases


# ---------------------------------------------------------------------------
#  Running
# ---------------------------------------------------------------------------


def _pole_rows(case: LegalCase) -> dict[str, list[dict[str, str]]]:
    """The case's tables with the pole's id set to the case's: poles of one pass never collide."""
    tables = {k: [dict(r) for r in v] for k, v in case.tables.items()}
    pole = tables["pole.csv"][0] if tables["pole.csv"] else {}
    for key in [k for k in pole if normalise_key(k) in ("id", "identifiant")]:
        del pole[key]
    pole["id"] = case.id
    tables["pole.csv"] = [pole]
    return tables


def _check(case: LegalCase, e: Expectation, comparison: DefinitionComparison | None, pole: str) -> CaseCheck:
    if comparison is None or e.definition not in comparison.definitions:
        d = definitions()[e.definition]
        return CaseCheck(case, e, "not-judged", {
            "fr": f"{d.id} s'applique à partir du {d.valid_from} : pas de jugement au {case.as_of.isoformat()}.",
            "en": f"{d.id} applies from {d.valid_from}: no judgement on {case.as_of.isoformat()}."})
    verdict = comparison[e.definition][pole]
    if e.clause is None:
        obtained = "judged" if e.expected == "not-judged" else verdict.verdict.value
        open_clauses = [c for c in verdict.clauses if c.status is not ClauseStatus.MET]
        return CaseCheck(case, e, obtained, {lang: " ".join(c.message(lang) for c in open_clauses)
                                             for lang in ("fr", "en")},
                         tuple(x for c in open_clauses for x in c.evidence))
    result = verdict.clause(e.clause)
    messages = {lang: " ".join(result.sentences(lang) + result.evidence_sentences(lang)) for lang in ("fr", "en")}
    return CaseCheck(case, e, result.status.value, messages, result.evidence)


def run_cases(cases: Iterable[LegalCase] | str | Path, *, engine: str | None = None) -> CaseRun:
    """Validate every case under the definitions it names and check each expectation.

    The cases of one evaluation date are validated in one pass (one graph, one pole per case).
    """
    chosen = load_cases(cases) if isinstance(cases, (str, Path)) else list(cases)
    poles: dict[str, Any] = {}
    errors: list[InputError] = []
    for case in chosen:
        try:
            poles[case.id] = case.bundle()
        except InputError as exc:
            errors.append(exc)
        except InputErrors as exc:
            errors.extend(exc.errors)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)
    by_date: dict[_dt.date, list[LegalCase]] = defaultdict(list)
    for case in chosen:
        by_date[case.as_of].append(case)
    checks: dict[str, list[CaseCheck]] = defaultdict(list)
    for as_of, group in sorted(by_date.items()):
        graph = new_graph()
        for case in group:
            pole, extra = poles[case.id]
            pole.to_graph(graph)
            graph += extra
        wanted = sorted({e.definition for c in group for e in c.expectations}, key=DEFINITION_IDS.index)
        judged = [d for d in wanted if definitions()[d].existed_on(as_of)]
        comparison = compare_definitions(graph, definitions=judged, as_of=as_of, engine=engine) if judged else None
        for case in group:
            pole = str(poles[case.id][0].iri_for())
            checks[case.id] += [_check(case, e, comparison, pole) for e in case.expectations]
    return CaseRun(cases=tuple(chosen), checks=tuple(k for c in chosen for k in checks[c.id]))
