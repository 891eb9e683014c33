"""Every value from the data shows as text: markup in names, quotes, &, and non-web IRIs never become code or links."""

from __future__ import annotations

import re

from tests.report.conftest import (
    DATA_SOURCE,
    HOSTILE_ACTOR,
    HOSTILE_POLE_NAME,
    JS_SOURCE,
    SAFE_SOURCE,
    Built,
)


def test_no_injected_element(hostile: Built) -> None:
    for page in ("index.html", "hostile.html"):
        html = hostile.html(page)
        tree = hostile.tree(page)
        # The only script is the registry's own sorting script; no element came from the data.
        scripts = tree.find_all("script")
        assert len(scripts) == (1 if page == "index.html" else 0)
        assert all("alert" not in "".join(map(str, s.children)) for s in scripts)
        for tag in ("svg", "iframe", "embed", "u", "i", "b", "sarl"):
            assert tree.find_all(tag) == [], tag
        # The one <object> is the page's own network figure (an SVG of the report's folder).
        objects = [o.get("data") for o in tree.find_all("object")]
        assert objects == ([] if page == "index.html" else ["figures/hostile-network.svg"])
        assert [img.get("src") for img in tree.find_all("img")] == [
            img.get("src") for img in tree.find_all("img") if img.get("src", "").startswith("figures/")]
        for element in tree.iter():
            assert not any(name.startswith("on") for name in element.attrs), element.tag
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        if page == "hostile.html":
            assert "&lt;img src=x onerror=alert(&#39;actor&#39;)&gt;" in html


def test_names_show_as_text(hostile: Built) -> None:
    index = hostile.index
    [row] = index.by_id("registry").rows()
    assert row.cells()[0].find("a").text() == " ".join(HOSTILE_POLE_NAME.split())
    page = hostile.tree("hostile.html")
    assert page.find("h1").text() == " ".join(HOSTILE_POLE_NAME.split())
    assert page.find("title").text() == f"{HOSTILE_POLE_NAME} — PTCE"
    actors = [r.cells()[0].text() for r in page.by_id("actor-table").rows()]
    assert HOSTILE_ACTOR in actors
    assert 'O\'Brien & "Fils" <SARL>' in actors
    identity = page.by_id("identity").text()
    assert "</td><script>alert(3)</script>" in identity
    assert '<a href="javascript:alert(2)">clic</a> & "guillemets"' in identity
    assert "<b>financeur</b>" in identity and "<script>alert(5)</script>" in identity
    referentiel = page.by_id("referentiel").text()
    assert "<script>alert(6)</script>" in referentiel and "preuve & <b>gras</b>" in referentiel
    # The markup is in the file as escaped text.
    html = hostile.html("hostile.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Pôle &#34;fictif&#34; &amp; Cie $x$" in html


def test_quotes_cannot_break_attributes(hostile: Built) -> None:
    html = hostile.html("hostile.html")
    for match in re.finditer(r'alt="([^"]*)"', html):
        assert "<" not in match.group(1) and ">" not in match.group(1)
    page = hostile.tree("hostile.html")
    alts = [img.get("alt") for img in page.find_all("img")]
    assert all(HOSTILE_POLE_NAME in alt for alt in alts)


def test_only_web_iris_become_links(hostile: Built) -> None:
    page = hostile.tree("hostile.html")
    hrefs = [a.get("href") or "" for a in page.find_all("a")]
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))]
    assert SAFE_SOURCE in hrefs
    sources = page.find("ul", cls="sources").find_all("li")
    texts = {li.text().split(" — ")[0] for li in sources}
    assert {JS_SOURCE, DATA_SOURCE, SAFE_SOURCE} == texts
    js = next(li for li in sources if li.text().startswith(JS_SOURCE))
    assert js.find_all("a") == []
    assert js.text().endswith("citée par 3 éléments")  # the pole, an actor and an assessment cite it
    safe = next(li for li in sources if li.text().startswith(SAFE_SOURCE))
    assert safe.find("a").get("href") == SAFE_SOURCE  # & decoded by the parser: it was escaped as &amp;
    assert "source?a=1&amp;b=2" in hostile.html("hostile.html")


def test_is_web_iri() -> None:
    from ptce_graph.report.html import is_web_iri

    assert is_web_iri("https://example.org/a?b=1&c=2")
    assert is_web_iri("http://example.org")
    assert is_web_iri("https://exemple.fr/pôle")
    for bad in (JS_SOURCE, DATA_SOURCE, "JAVASCRIPT:alert(1)", " https://example.org", "https://",
                "https:///path", "ftp://example.org", "//example.org", "https://exa mple.org",
                'https://example.org/"onmouseover="x', "https://example.org/\nx", "mailto:a@b.c", "", None,
                "https://[::1", "java\tscript:alert(1)"):
        assert not is_web_iri(bad), bad


def test_page_name_from_a_hostile_identifier() -> None:
    from ptce_graph.report.pages import page_names, slugify

    assert slugify("<script>alert(1)</script>") == "script-alert-1-script"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Pôle Sud-Aquitaine ") == "pole-sud-aquitaine"
    assert slugify("") == slugify("!!!") == "pole"
    assert len(slugify("x" * 500)) == 80
    names = page_names([("urn:b", "Index"), ("urn:a", "index"), ("urn:c", "CON"), ("urn:d", "figures"),
                        ("urn:e", "Pôle"), ("urn:f", "pole"), ("urn:g", "pole-2")])
    assert names == {"urn:a": "index-pole", "urn:b": "index-pole-2", "urn:c": "con-pole",
                     "urn:d": "figures-pole", "urn:e": "pole", "urn:f": "pole-2", "urn:g": "pole-2-2"}
    shuffled = [("urn:g", "pole-2"), ("urn:f", "pole"), ("urn:e", "Pôle"), ("urn:d", "figures"), ("urn:c", "CON"),
                ("urn:a", "index"), ("urn:b", "Index")]
    assert page_names(shuffled) == names  # any order of input gives the same names
