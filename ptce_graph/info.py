"""What an input holds: poles, actors by kind and ESS status, links by logic, projects.

This is ``ptce info``: the first look a coordinator or a researcher takes at a
file before validating or measuring it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from rdflib import Graph

from ptce_graph.ess import ESSStatus, legal_form_info
from ptce_graph.io.vocabularies import vocabulary
from ptce_graph.model import PROGRAMMES, ActorKind, Logic, Pole, poles_from_graph
from ptce_graph.terminal import DEFAULT_WIDTH, fold
from ptce_graph.wording import colon, counted

__all__ = ["PoleSummary", "InputSummary", "summarize"]


@dataclass
class PoleSummary:
    """Counts describing one pole."""

    pole: str
    label: str | None
    fictional: bool | None
    territory: str | None
    territory_codes: list[str]
    legal_form: str | None
    strategy: str | None
    actors: int
    members: int
    partners: int
    relation_unknown: int
    actors_by_kind: dict[str, int]
    actors_by_ess_status: dict[str, int]
    links: int
    links_by_logic: dict[str, int]
    projects: int
    projects_by_innovation: dict[str, int]
    funding: int
    places: int
    meetings: int
    assessments: int
    tools: int = 0
    sources: list[str] = field(default_factory=list)
    #: the State calls that selected the pole: "programme (status, year)", e.g. "state-ptce-ami-2021 (phase-2, 2021)"
    calls: list[str] = field(default_factory=list)
    #: the same calls as data: {"programme": code, "status": code or None, "year": int or None}
    selections: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class InputSummary:
    """Counts describing an input: its triples and each of its poles."""

    triples: int
    poles: list[PoleSummary]

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON data."""
        return {"triples": self.triples, "poles": [asdict(p) for p in self.poles]}

    def render(self, lang: str = "fr", *, width: int | None = None) -> str:
        """The summary as text, in ``lang``, long lines folded at ``width``."""
        t = _TEXT[lang if lang in _TEXT else "fr"]
        lang = lang if lang in _TEXT else "fr"
        c = colon(lang)

        def word(code: str, name: str) -> str:
            # The ontology names each coded value (io.vocabularies); "unknown" is not a value of the bundle.
            if code == "unknown":
                return str(t["unknown"])
            return vocabulary(name).label(code, lang)

        lines = [counted(self.triples, "triple", lang), counted(len(self.poles), "pole", lang)]
        for p in self.poles:
            lines.append("")
            title = p.label or p.pole
            if p.fictional:
                title += f" ({t['fictional']})"
            lines.append(f"■ {title}")
            lines.append(f"  {p.pole}")
            if p.territory or p.territory_codes:
                codes = f" [{'; '.join(p.territory_codes)}]" if p.territory_codes else ""
                lines.append(f"  {t['territory']}{c}{p.territory or '—'}{codes}")
            if p.selections:
                lines.append(f"  {t['calls']}{c}{'; '.join(_call_words(s, lang) for s in p.selections)}")
            form = legal_form_info(p.legal_form) if p.legal_form else None
            lines.append(f"  {t['legal_form']}{c}{form.label(lang) if form else p.legal_form or '—'}")
            lines.append(f"  {t['strategy']}{c}{p.strategy or '—'}")
            lines.append(
                f"  {t['actors']}{c}{p.actors} ({t['members']} {p.members}, {t['partners']} {p.partners}"
                + (f", {t['unknown_relation']} {p.relation_unknown}" if p.relation_unknown else "")
                + ")"
            )
            for kind, n in p.actors_by_kind.items():
                lines.append(f"    {t['kind'].get(kind, kind)}{c}{n}")
            ess = ", ".join(f"{t['ess'][k]} {n}" for k, n in p.actors_by_ess_status.items())
            lines.append(f"  {t['ess_status']}{c}{ess}")
            logics = ", ".join(f"{word(k, 'logic')} {n}" for k, n in p.links_by_logic.items())
            lines.append(f"  {t['links']}{c}{p.links}" + (f" ({logics})" if p.links else ""))
            # The ontology's short words (« sociale », « les deux ») after the word they qualify.
            innovations = ", ".join(f"{word(k, 'innovation')} {n}" for k, n in p.projects_by_innovation.items())
            lines.append(f"  {t['projects']}{c}{p.projects}"
                         + (f" ({t['innovation']}{c}{innovations})" if p.projects else ""))
            lines.append(
                f"  {t['funding']}{c}{p.funding} · {t['places']}{c}{p.places} · {t['meetings']}{c}{p.meetings}"
                f" · {t['assessments']}{c}{p.assessments} · {t['tools']}{c}{p.tools}"
            )
        width = width or DEFAULT_WIDTH
        folded = [fold(line, width, " " * (len(line) - len(line.lstrip()) + 4), "") if len(line) > width else line
                  for line in lines]
        return "\n".join(folded) + "\n"


_TEXT: dict[str, dict[str, Any]] = {
    "fr": {
        "fictional": "fictif",
        "innovation": "innovation",
        "unknown": "inconnue",
        "territory": "territoire",
        "calls": "appels de l'État",
        "legal_form": "forme juridique",
        "strategy": "stratégie",
        "actors": "acteurs",
        "members": "membres",
        "partners": "partenaires",
        "unknown_relation": "relation inconnue",
        "ess_status": "statut ESS",
        "ess": {"yes": "ESS", "no": "hors ESS", "unknown": "inconnu"},
        "links": "liens de coopération",
        "projects": "projets",
        "funding": "financements",
        "places": "lieux",
        "meetings": "réunions",
        "assessments": "auto-évaluations",
        "tools": "outils collectifs",
        "kind": {
            "enterprise": "entreprises",
            "local-authority": "collectivités territoriales",
            "local-authority-grouping": "groupements de collectivités",
            "research-centre": "centres de recherche",
            "higher-education": "enseignement supérieur",
            "training-body": "organismes de formation",
            "ess-network": "réseaux de l'ESS",
            "person": "personnes physiques",
            "other": "autres organismes",
            "unknown": "type inconnu",
        },
    },
    "en": {
        "fictional": "fictional",
        "innovation": "innovation",
        "unknown": "unknown",
        "territory": "territory",
        "calls": "State calls",
        "legal_form": "legal form",
        "strategy": "strategy",
        "actors": "actors",
        "members": "members",
        "partners": "partners",
        "unknown_relation": "relation unknown",
        "ess_status": "ESS status",
        "ess": {"yes": "ESS", "no": "non-ESS", "unknown": "unknown"},
        "links": "cooperation links",
        "projects": "projects",
        "funding": "funding lines",
        "places": "places",
        "meetings": "meetings",
        "assessments": "self-assessments",
        "tools": "collective tools",
        "kind": {
            "enterprise": "enterprises",
            "local-authority": "local authorities",
            "local-authority-grouping": "groupings of local authorities",
            "research-centre": "research centres",
            "higher-education": "higher education",
            "training-body": "training bodies",
            "ess-network": "ESS networks",
            "person": "natural persons",
            "other": "other bodies",
            "unknown": "kind unknown",
        },
    },
}


def _summarize_pole(pole: Pole) -> PoleSummary:
    relations = Counter((m.relation.value if m.relation else "unknown") for m in pole.memberships)
    in_membership = {m.actor for m in pole.memberships}
    relations["unknown"] += sum(1 for a in pole.actors if a.id not in in_membership)
    kinds = Counter((a.kind.value if a.kind else "unknown") for a in pole.actors)
    ess = Counter(a.ess().status.value for a in pole.actors)
    logics = Counter(link.logic.value for link in pole.links)
    innovations = Counter((p.innovation.value if p.innovation else "unknown") for p in pole.projects)
    kind_order = [k.value for k in ActorKind] + ["unknown"]
    return PoleSummary(
        pole=pole.iri or pole.id,
        label=pole.name,
        fictional=pole.fictional,
        territory=pole.territory.name if pole.territory else None,
        territory_codes=list(pole.territory.codes) if pole.territory else [],
        legal_form=pole.legal_form,
        strategy=pole.strategy.name if pole.strategy else None,
        actors=len(pole.actors),
        members=relations.get("member", 0),
        partners=relations.get("partner", 0),
        relation_unknown=relations.get("unknown", 0),
        actors_by_kind={k: kinds[k] for k in kind_order if kinds.get(k)},
        actors_by_ess_status={s.value: ess.get(s.value, 0) for s in ESSStatus},
        links=len(pole.links),
        links_by_logic={lg.value: logics.get(lg.value, 0) for lg in Logic},
        projects=len(pole.projects),
        projects_by_innovation={k: innovations[k] for k in ("social", "technological", "both", "none", "unknown")
                                if innovations.get(k)},
        funding=len(pole.funding),
        places=len(pole.places),
        meetings=len(pole.meetings),
        assessments=len(pole.assessments),
        tools=len(pole.tools),
        sources=list(pole.sources),
        calls=sorted(
            f"{f.program} ({', '.join(str(x) for x in (f.status, f.year) if x is not None)})"
            if f.status is not None or f.year is not None else f.program
            for f in pole.funding if f.program in PROGRAMMES
        ),
        selections=sorted(
            ({"programme": f.program, "status": f.status, "year": f.year}
             for f in pole.funding if f.program in PROGRAMMES),
            key=lambda s: (str(s["programme"]), str(s["status"]), str(s["year"])),
        ),
    )


def _call_words(selection: dict[str, Any], lang: str) -> str:
    """A State call as a person reads it: « appel à projets PTCE 2013-2014 (lauréat, 2014) »."""
    details = [vocabulary("selection_status").label(selection["status"], lang)] if selection["status"] else []
    details += [str(selection["year"])] if selection["year"] is not None else []
    name = vocabulary("programme").label(selection["programme"], lang)
    return f"{name} ({', '.join(details)})" if details else name


def summarize(graph: Graph) -> InputSummary:
    """Count what a graph holds, pole by pole."""
    return InputSummary(triples=len(graph), poles=[_summarize_pole(p) for p in poles_from_graph(graph)])
