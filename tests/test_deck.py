"""The council deck: slide list, native charts, bounds, pagination, shortening, languages, templates, rendering."""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import deck_fixtures as F
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Pt

from toolkit.adapters.deck import DeckError, build_deck
from toolkit.adapters.deck.geometry import Box
from toolkit.adapters.deck.layout import Deck
from toolkit.adapters.deck.tables import rows_per_table
from toolkit.adapters.deck.text import ELLIPSIS, count_lines, inner_pt
from toolkit.core.model import Status
from toolkit.i18n import LANGUAGES, catalogue, t

MEETING = "Møde i KKR Midtjylland"


def _build(tmp_path_factory, data, name, **kw):
    path = tmp_path_factory.mktemp("deck") / f"{name}.pptx"
    build_deck(data, path, meeting=kw.pop("meeting", MEETING), **kw)
    return path, Presentation(path)


@pytest.fixture(scope="module")
def mid(tmp_path_factory):
    return _build(tmp_path_factory, F.midtjylland("da"), "mid")


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return _build(tmp_path_factory, F.large(100, 9), "large")


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    return _build(tmp_path_factory, F.edge("da"), "edge", meeting=F.LONG)


def titles(prs) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]


def charts(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def slide_titled(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == title)


def texts(slide) -> list[str]:
    """Every text on the slide, whole and line by line, and every table cell."""
    out = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    out += [line for text in out if "\n" in text for line in text.split("\n")]
    for shape in slide.shapes:
        if shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return out


def all_texts(prs) -> list[str]:
    return [text for slide in prs.slides for text in texts(slide)]


def test_midtjylland_slide_list(mid):
    _, prs = mid
    names = titles(prs)
    lang = "da"
    expected_start = [
        MEETING,
        t("deck.agenda", lang),
        t("deck.section.submissions", lang),
        t("deck.section.fulfilment", lang),
        t("deck.fulfil.all_goals", lang),
    ]
    assert names[:5] == expected_start
    goal_titles = [t("deck.goal.title", lang, no=g[0], title=g[2]) for g in F.GOALS]
    assert names[5:14] == goal_titles
    assert names[14:18] == [
        t("deck.section.split", lang),
        t("deck.split.table", lang),
        t("deck.section.budget", lang),
        t("deck.section.jobs", lang, year=2024),
    ]
    assert names[18] == t("deck.appendix.submissions", lang)
    # The two that have not submitted share one slide; every other municipality has its own (Norddjurs a
    # second one for its fulfilment report).
    assert names[19] == t("deck.appendix.without_figures", lang)
    appendix = names[20:]
    assert len(appendix) == 17 + 1
    assert not [n for n in appendix if "Samsø" in n or "Lemvig" in n]
    assert any(n.startswith("Bilag: Norddjurs") and t("deck.appendix.report", lang) in n for n in appendix)
    assert len(prs.slides) == 38


def test_charts_are_native_with_the_expected_data(mid):
    _, prs = mid
    for slide in prs.slides:
        assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE], "charts are never pictures"
    overview = charts(slide_titled(prs, "Målopfyldelse"))[0]
    assert list(overview.plots[0].categories) == ["Nationale mål", "Fælles mål", "Regionale mål"]
    series = {s.name: s.values for s in overview.plots[0].series}
    assert series == {
        "Opfyldt": (3, 2, 0),
        "Forventes opfyldt": (0, 0, 1),
        "Delvist opfyldt": (0, 2, 0),
        "Ikke opfyldt": (0, 0, 1),
    }

    split = charts(slide_titled(prs, "Fordelingsnøgle"))[0]
    ranked = sorted(F.MIDTJYLLAND, key=lambda m: -m[2])
    assert list(split.plots[0].categories) == [m[0] for m in ranked]
    assert split.plots[0].series[0].values == tuple(float(m[2]) for m in ranked)
    assert sum(split.plots[0].series[0].values) == 36792

    budget = charts(slide_titled(prs, "Budget pr. indsatsområde"))[0]
    assert next(iter(budget.plots[0].categories)) == "1. Matproduksjon"
    values = {s.name: s.values for s in budget.plots[0].series}
    assert values["Budget"] == (500000, 500000, 500000, 500000, 750000, 125000)
    assert values["Bevilget"] == (0, 0, 0, 0, 650000, 50000)
    assert values["Resterende"] == (500000, 500000, 500000, 500000, 100000, 75000)

    jobs = charts(slide_titled(prs, "Job 2024"))[0]
    values = {s.name: s.values for s in jobs.plots[0].series}
    assert values == {"Mål": (4, 4, 8, 12), "Opnået": (3, 5, 6, 9)}
    assert sum(values["Mål"]) == 28

    goal1 = charts(prs.slides[5])[0]
    submitted = [m[0] for m in F.MIDTJYLLAND if m[0] not in F.MISSING]
    assert list(goal1.plots[0].categories) == submitted
    assert all(0 <= v <= 1 for v in goal1.plots[0].series[0].values)
    goal8 = prs.slides[12]
    assert not charts(goal8), "goal 8 has no municipal results: no chart, and no note saying so either"
    assert not [x for x in texts(goal8) if "Ingen" in x]
    status = next(sh for sh in goal8.shapes if sh.has_text_frame and sh.text_frame.text.startswith("Status"))
    assert status.left + status.width > prs.slide_width * 0.9, "the facts use the whole width"


def _check_bounds(prs):
    w, h = prs.slide_width, prs.slide_height
    for n, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (n, shape.name)
            assert shape.left + shape.width <= w and shape.top + shape.height <= h, (n, shape.name)
            if shape.has_table:
                rows = shape.table.rows
                assert shape.top + sum(r.height for r in rows) <= h, (n, "table runs off the slide")


def _check_fonts(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            frames = (
                [c.text_frame for r in shape.table.rows for c in r.cells]
                if shape.has_table
                else [shape.text_frame]
                if shape.has_text_frame
                else []
            )
            least = Pt(10) if shape.has_table else Pt(14)
            for frame in frames:
                for p in frame.paragraphs:
                    for run in p.runs:
                        assert run.font.size is not None and run.font.size >= least, (shape.name, run.text)


@pytest.mark.parametrize("which", ["mid", "large", "edge"])
def test_every_shape_within_the_slide_and_fonts_readable(which, request):
    _, prs = request.getfixturevalue(which)
    _check_bounds(prs)
    _check_fonts(prs)


@pytest.mark.slow
def test_100_municipalities_paginate(large):
    _, prs = large
    _check_bounds(prs)
    per_table = rows_per_table(Deck().body.h)
    assert 10 <= per_table <= 20
    names = titles(prs)
    split_pages = [n for n in names if n.startswith(t("deck.split.table", "da"))]
    assert len(split_pages) == math.ceil((100 + 1) / (2 * per_table))  # + the total row
    assert split_pages[0].endswith(f"(1/{len(split_pages)})")
    sub_pages = [n for n in names if n.startswith(t("deck.appendix.submissions", "da"))]
    assert len(sub_pages) == math.ceil(100 / (2 * per_table))
    listed = [
        row.cells[0].text
        for s in prs.slides
        if s.shapes.title.text in split_pages
        for sh in s.shapes
        if sh.has_table
        for row in list(sh.table.rows)[1:]
    ]
    assert len(listed) == 101 and listed[-1] == "I alt"
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                assert len(shape.table.rows) <= per_table + 1
    # The chart keeps 20 bars: the 19 largest and the rest summed as "Others".
    split = charts(slide_titled(prs, "Fordelingsnøgle"))[0]
    cats = list(split.plots[0].categories)
    assert len(cats) == 20 and cats[-1] == t("deck.split.others", "da", n=81)
    assert sum(split.plots[0].series[0].values) == sum(12 * (10 + i) for i in range(100))
    # 100 results per goal: a distribution over fulfilment bands instead of 100 bars.
    goal1 = charts(prs.slides[next(i for i, n in enumerate(names) if n.startswith("Mål 1:"))])[0]
    assert len(list(goal1.plots[0].categories)) == 5
    assert sum(goal1.plots[0].series[0].values) == 100
    # Nine goals per municipality fit one appendix slide each.
    assert sum(1 for n in names if n.startswith("Bilag: Kommune")) == 100


def test_long_names_long_evidence_and_one_status(edge):
    _, prs = edge
    evidence = [
        x
        for s in prs.slides
        for sh in s.shapes
        if sh.has_text_frame
        for x in [sh.text_frame.text]
        if x.startswith("Erhvervshuset")
    ]
    assert len(evidence) == 9
    for text in evidence:
        assert len(text) < 2000 and text.endswith(ELLIPSIS)
        kept = text[:-1]
        assert F.EVIDENCE.startswith(kept) and F.EVIDENCE[len(kept)] in " ,.", "cut at a word boundary"
    shape = next(
        sh
        for s in prs.slides
        for sh in s.shapes
        if sh.has_text_frame and sh.text_frame.text.startswith("Erhvervshuset")
    )
    width, height = inner_pt(Box(shape.left, shape.top, shape.width, shape.height))
    assert count_lines(evidence[0], width, 14) * 14 * 1.25 <= height
    overview = charts(slide_titled(prs, "Målopfyldelse"))[0]
    assert [s.name for s in overview.plots[0].series] == ["Ikke opfyldt"]
    # An 80-character name never runs past its table cell or title: shortened with an ellipsis where needed.
    cells = [c for c in all_texts(prs) if c.startswith("Den Sammenlagte")]
    assert cells and any(c.endswith(ELLIPSIS) for c in cells)
    assert titles(prs)[0].startswith("Den Sammenlagte")


NO_DATA = ("Ingen data endnu", "Ingen data ennå", "No data yet")


def _left_out_line(prs, lang, keys):
    """The agenda ends with one line per section left out."""
    lines = [t("deck.agenda.left_out", lang, section=t(f"deck.section.{k}", lang, year=2019)) for k in keys]
    return texts(prs.slides[1])[-len(lines) :] == lines


@pytest.mark.parametrize("listed", [False, True])
def test_an_empty_round_leaves_its_sections_out_and_names_them_on_the_agenda(tmp_path, listed):
    path = tmp_path / "empty.pptx"
    build_deck(F.empty("da", listed=listed), path)
    prs = Presentation(path)
    names = titles(prs)
    assert names[0] == t("deck.title_default", "da", year=2019)
    assert not [x for x in all_texts(prs) if any(n in x for n in NO_DATA)]
    assert not any(charts(s) for s in prs.slides)
    if listed:  # all 19 missing: the submission cards, the submission table, and one table of who is missing
        assert names == [
            names[0],
            t("deck.agenda", "da"),
            t("deck.section.submissions", "da"),
            t("deck.appendix.submissions", "da"),
            t("deck.appendix.without_figures", "da"),
        ]
        assert texts(prs.slides[-1]).count(t("deck.why.missing", "da")) == 19
        assert _left_out_line(prs, "da", ["fulfilment", "goals", "split", "budget", "jobs"])
    else:
        assert names == [names[0], t("deck.agenda", "da")]
        assert _left_out_line(prs, "da", ["submissions", "fulfilment", "goals", "split", "budget", "jobs", "appendix"])
    _check_bounds(prs)
    _check_fonts(prs)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_slide_only_says_there_is_no_data(tmp_path, lang):
    data = F.midtjylland(lang)
    data = replace(data, budgets=[], jobs=[])
    path = tmp_path / "deck.pptx"
    build_deck(data, path)
    prs = Presentation(path)
    assert not [x for x in all_texts(prs) if any(n in x for n in NO_DATA)]
    assert t("deck.section.budget", lang) not in titles(prs)
    assert _left_out_line(prs, lang, ["budget", "jobs"])


def test_a_municipality_with_errors_is_not_said_to_have_not_submitted(tmp_path):
    """Struer submitted with 3 errors, so none of its figures are counted: it is listed once, as such."""
    data = F.midtjylland("da")
    data = replace(data, goal_results=[r for r in data.goal_results if r.municipality != "Struer"])
    path = tmp_path / "deck.pptx"
    build_deck(data, path)
    prs = Presentation(path)
    slide = slide_titled(prs, t("deck.appendix.without_figures", "da"))
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in list(table.rows)[1:]}
    assert rows["Struer"][1:] == [t("deck.why.invalid", "da", n=3)]
    assert rows["Samsø"][1:] == [t("deck.why.missing", "da")]
    assert not [n for n in titles(prs) if n.startswith("Bilag: Struer")]
    struer = [x for x in all_texts(prs) if "Struer" in x]
    assert struer and not [x for x in struer if "ikke indsendt" in x.lower()]


def test_a_plan_only_deck_is_titled_after_the_plan(tmp_path):
    data = F.midtjylland("nb")
    data = replace(
        data,
        year=2024,
        submissions=[],
        goals=[],
        goal_results=[],
        report_rows={},
        focus_areas={},
        split=[],
        split_total=None,
    )
    path = tmp_path / "plan.pptx"
    build_deck(data, path)
    prs = Presentation(path)
    assert titles(prs)[0] == "Status for handlingsplanen 2024"
    assert not [x for x in all_texts(prs) if "resultatkontrakt" in x.lower()]
    assert titles(prs)[2:] == [t("deck.section.budget", "nb"), t("deck.section.jobs", "nb", year=2024)]


@pytest.mark.slow
def test_languages_differ_and_numbers_follow_the_language(tmp_path):
    decks = {}
    for lang in LANGUAGES:
        build_deck(F.midtjylland(lang), tmp_path / f"{lang}.pptx")
        decks[lang] = Presentation(tmp_path / f"{lang}.pptx")
    for index in (2, 3, 14, 16, 17):  # (some titles, like "Agenda", are the same in two languages)
        seen = {lang: titles(prs)[index] for lang, prs in decks.items()}
        assert len(set(seen.values())) == 3, seen
    for lang, prs in decks.items():
        assert titles(prs)[2] == t("deck.section.submissions", lang)
        assert titles(prs)[0] == t("deck.title_default", lang, year=2019)
        words = all_texts(prs)
        assert t("deck.status.achieved", lang) in words
    assert "36.792" in all_texts(decks["da"])
    assert "36\u00a0792" in all_texts(decks["nb"])
    assert "36,792" in all_texts(decks["en"])
    assert "9.528" in all_texts(decks["da"]) and "9,528" in all_texts(decks["en"])
    assert "1. januar 2018" in all_texts(decks["da"]) and "1 January 2018" in all_texts(decks["en"])
    assert "70\u00a0%" in all_texts(decks["da"]) and "70%" in all_texts(decks["en"])


def test_catalogue_is_complete_and_covers_every_key_used():
    messages = {k: v for k, v in catalogue().items() if k.startswith("deck.")}
    for key, texts_ in messages.items():
        assert all(texts_.get(lang) for lang in LANGUAGES), key
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path("toolkit/adapters/deck").glob("*.py"))
    used = set(re.findall(r'"(deck\.[a-z_.]+)"', source))
    used |= {f"deck.status.{s.value}" for s in Status} | {
        f"deck.state.{s}" for s in ("valid", "invalid", "unreadable", "missing")
    }
    assert used - set(messages) == set()


def _template(tmp_path: Path, rename: dict[str, str] | None = None, potx: bool = False) -> Path:
    prs = Presentation()  # 4:3, with an example slide that must not end up in the deck
    example = prs.slides.add_slide(prs.slide_layouts[0])
    example.shapes.title.text = "Example slide"
    for layout in prs.slide_layouts:
        layout.name = (rename or {}).get(layout.name, layout.name)
    buf = io.BytesIO()
    prs.save(buf)
    path = tmp_path / ("org.potx" if potx else "org.pptx")
    if not potx:
        path.write_bytes(buf.getvalue())
        return path
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            dst.writestr(item, body)
    return path


def test_template_missing_layout_names_it(tmp_path):
    template = _template(tmp_path, {"Title Only": "Overskrift alene"})
    with pytest.raises(DeckError) as caught:
        build_deck(F.midtjylland(), tmp_path / "out.pptx", template=template)
    assert caught.value.params["layout"] == "Title Only"
    for lang in LANGUAGES:
        assert "'Title Only'" in caught.value.message(lang) and "Overskrift alene" in caught.value.message(lang)
    assert not (tmp_path / "out.pptx").exists()


def test_potx_template_with_danish_layout_names(tmp_path):
    template = _template(
        tmp_path,
        {"Title Slide": "Titeldias", "Title and Content": "Titel og indhold", "Title Only": "Kun titel"},
        potx=True,
    )
    with pytest.raises(ValueError):
        Presentation(template)  # python-pptx alone refuses a .potx
    build_deck(F.midtjylland(), tmp_path / "out.pptx", template=template)
    prs = Presentation(tmp_path / "out.pptx")
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)  # the template's own 4:3 size
    # As the built-in deck, but at 4:3 the submission table is one per slide, not two: one page more.
    assert len(prs.slides) == 38 + 1 and "Example slide" not in titles(prs)
    assert titles(prs)[19] == t("deck.appendix.submissions", "da") + " (2/2)"
    assert {s.slide_layout.name for s in prs.slides} == {"Titeldias", "Titel og indhold", "Kun titel"}
    _check_bounds(prs)
    _check_fonts(prs)
    for slide in prs.slides:  # no empty placeholder left to say "Click to add text"
        assert all(ph.text_frame.text.strip() for ph in slide.placeholders if ph.has_text_frame)


def test_missing_template_and_unwritable_path(tmp_path):
    with pytest.raises(DeckError) as caught:
        build_deck(F.midtjylland(), tmp_path / "x.pptx", template=tmp_path / "nope.potx")
    assert caught.value.key == "deck.template_missing"
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(DeckError) as caught:
        build_deck(F.midtjylland(), tmp_path / "file" / "x.pptx")
    assert caught.value.key == "deck.write_failed"


def test_written_atomically_over_an_old_deck(tmp_path):
    path = tmp_path / "deck.pptx"
    path.write_bytes(b"old deck")
    assert build_deck(F.empty(), path) == path
    assert len(Presentation(path).slides) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


@pytest.mark.libreoffice
def test_renders_in_libreoffice_one_page_per_slide(mid, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    if not (shutil.which("pdftoppm") and shutil.which("pdfinfo")):
        pytest.skip("poppler-utils (pdftoppm, pdfinfo) is not installed")
    path, prs = mid
    subprocess.run(
        [
            soffice,
            "--headless",
            "-env:UserInstallation=file:///tmp/lo_deck_profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / (path.stem + ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) == len(prs.slides)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "20", "-f", "1", "-l", "6", str(pdf), str(tmp_path / "p")], check=True, timeout=120
    )
    assert len(list(tmp_path.glob("p-*.png"))) == 6
