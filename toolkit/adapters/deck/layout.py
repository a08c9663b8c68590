"""Open the built-in 16:9 design or the organisation's template, and hand out titled slides with a content box."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches

from toolkit.adapters.deck import style
from toolkit.adapters.deck.geometry import Box
from toolkit.adapters.deck.messages import DeckError
from toolkit.adapters.deck.text import (
    Line,
    add_lines,
    add_text,
    fit_box,
    fit_line,
    style_run,
)

# Layouts by role, under their English names first (the name the error reports), then the
# names Danish and Norwegian PowerPoint give the same built-in layouts.
LAYOUTS = {
    "cover": ("Title Slide", "Titeldias", "Tittellysbilde"),
    "list": ("Title and Content", "Titel og indhold", "Tittel og innhold"),
    "titled": ("Title Only", "Kun titel", "Bare tittel"),
}
_TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_FOOTERS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
WIDE = (Inches(13.333), Inches(7.5))


def _as_presentation(data: bytes) -> bytes:
    """A .potx with its main part's content type rewritten so python-pptx opens it as a presentation."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        types = src.read("[Content_Types].xml")
        if _TEMPLATE_MAIN not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                body = src.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    body = types.replace(_TEMPLATE_MAIN, _PRESENTATION_MAIN)
                dst.writestr(item, body)
        return out.getvalue()


def _open(template: Path | None):
    if template is None:
        prs = Presentation()
        _widen(prs)
        return prs
    template = Path(template)
    if not template.is_file():
        raise DeckError("deck.template_missing", path=str(template))
    try:
        prs = Presentation(io.BytesIO(_as_presentation(template.read_bytes())))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DeckError("deck.template_unreadable", path=str(template), detail=str(exc)) from exc
    # A template may carry example slides; the deck starts empty.
    ids = prs.slides.element  # the presentation's <p:sldIdLst> (public: ElementProxy.element)
    for sld_id in list(ids):
        prs.part.drop_rel(sld_id.rId)
        ids.remove(sld_id)
    return prs


def _widen(prs) -> None:
    """Turn python-pptx's 4:3 default into 16:9 and give the layouts the built-in design's geometry."""
    factor = WIDE[0] / prs.slide_width
    prs.slide_width, prs.slide_height = WIDE
    # Layouts first: their inherited positions are read from the master before it is scaled.
    for shapes in [layout.placeholders for layout in prs.slide_layouts] + [prs.slide_master.placeholders]:
        for ph in shapes:
            ph.left, ph.width = int(ph.left * factor), int(ph.width * factor)
    margin, width = Inches(0.6), WIDE[0] - Inches(1.2)
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    for name in ("Title Only", "Title and Content"):
        for ph in by_name[name].placeholders:
            if ph.placeholder_format.type in _TITLES:
                ph.left, ph.top, ph.width, ph.height = margin, Inches(0.3), width, Inches(1.0)
            elif ph.placeholder_format.idx == 1:
                ph.left, ph.top, ph.width, ph.height = margin, Inches(1.55), width, Inches(5.2)
    for ph in by_name["Title Slide"].placeholders:
        if ph.placeholder_format.type in _TITLES:
            ph.left, ph.top, ph.width, ph.height = Inches(1.2), Inches(2.0), WIDE[0] - Inches(2.2), Inches(1.9)
        elif ph.placeholder_format.idx == 1:
            ph.left, ph.top, ph.width, ph.height = Inches(1.2), Inches(4.1), WIDE[0] - Inches(2.2), Inches(1.6)


class Deck:
    """A presentation plus the layouts and the content area every slide builder draws into."""

    def __init__(self, template: Path | None = None):
        self.prs = _open(template)
        self.builtin = template is None
        names = {layout.name: layout for layout in self.prs.slide_layouts}
        self.layouts = {}
        for role, aliases in LAYOUTS.items():
            found = next((names[n] for n in aliases if n in names), None)
            if found is None:
                raise DeckError(
                    "deck.layout_missing",
                    path=str(template),
                    layout=aliases[0],
                    aliases=", ".join(aliases[1:]),
                    available=", ".join(names) or "-",
                )
            self.layouts[role] = found
        self.width, self.height = self.prs.slide_width, self.prs.slide_height
        self.title_box, self.body = self._areas(self.layouts["titled"])

    def _areas(self, layout) -> tuple[Box, Box]:
        """Where a slide's title goes and the free area below it, taken from the layout."""
        margin = Inches(0.5)
        title = next((p for p in layout.placeholders if p.placeholder_format.type in _TITLES), None)
        if title is not None and title.width and title.height:
            tbox = Box(title.left, title.top, title.width, title.height)
        else:
            tbox = Box(margin, Inches(0.3), self.width - 2 * margin, Inches(1.0))
        bottom = self.height - Inches(0.4)
        footers = [p.top for p in layout.placeholders if p.placeholder_format.type in _FOOTERS and p.top]
        if footers and min(footers) > tbox.bottom + self.height // 2:
            bottom = min(bottom, min(footers) - Inches(0.05))
        top = tbox.bottom + Inches(0.2)
        if bottom - top < self.height * 0.45:  # a title placed oddly (e.g. down the side): use the margins
            tbox = Box(margin, Inches(0.3), self.width - 2 * margin, Inches(1.0))
            top = tbox.bottom + Inches(0.2)
        left = max(tbox.x, Inches(0.3))
        right = min(tbox.right, self.width - Inches(0.3))
        return tbox, Box(left, top, right - left, bottom - top)

    def _title(self, slide, text: str, size: float, box: Box | None = None) -> None:
        shape = slide.shapes.title
        if shape is None:
            box = box or self.title_box
            add_text(slide, box, text, size, color=style.ACCENT, anchor=MSO_ANCHOR.MIDDLE)
            return
        box = Box(shape.left, shape.top, shape.width, shape.height)
        tf = shape.text_frame
        tf.word_wrap = True
        tf.clear()
        if self.builtin:  # left-aligned, in line with the accent rule below it
            tf.paragraphs[0].alignment = PP_ALIGN.LEFT
        run = tf.paragraphs[0].add_run()
        style_run(run, size, color=style.ACCENT if self.builtin else None)
        run.text = fit_box(text, box, size)

    def cover(self, title: str, subtitle_lines: list[str]) -> None:
        slide = self.prs.slides.add_slide(self.layouts["cover"])
        self._title(slide, title, style.COVER_TITLE_PT)
        sub = next((p for p in slide.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE), None)
        if self.builtin:
            band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.35), self.height)
            band.fill.solid()
            band.fill.fore_color.rgb = style.ACCENT
            band.line.fill.background()
        if sub is None:
            box = Box(self.body.x, self.height // 2 + Inches(0.5), self.body.w, Inches(1.6))
            add_lines(slide, box, [Line(s, style.COVER_SUBTITLE_PT) for s in subtitle_lines])
            return
        box = Box(sub.left, sub.top, sub.width, sub.height)
        tf = sub.text_frame
        tf.clear()
        for i, text in enumerate(subtitle_lines):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            if self.builtin:
                p.alignment = PP_ALIGN.LEFT
            style_run(p.add_run(), style.COVER_SUBTITLE_PT, color=style.MUTED if self.builtin else None)
            p.runs[0].text = fit_line(text, box.w, style.COVER_SUBTITLE_PT)

    def agenda(self, title: str, items: list[str]) -> None:
        slide = self.prs.slides.add_slide(self.layouts["list"])
        self._title(slide, title, style.TITLE_PT)
        self._rule(slide)
        body = next((p for p in slide.placeholders if p.placeholder_format.type not in _TITLES), None)
        if body is None:
            add_lines(slide, self.body, [Line(i, style.AGENDA_PT) for i in items])
            return
        tf = body.text_frame
        tf.clear()
        room = int(((body.height - Inches(0.1)) / 12700) // (style.AGENDA_PT * 1.5))
        for i, item in enumerate(items[: max(room, 1)]):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            style_run(p.add_run(), style.AGENDA_PT)
            p.runs[0].text = fit_line(item, body.width - Inches(0.6), style.AGENDA_PT)

    def slide(self, title: str):
        """A new slide titled ``title``; returns it and the box below the title to draw into."""
        slide = self.prs.slides.add_slide(self.layouts["titled"])
        self._title(slide, title, style.TITLE_PT)
        self._rule(slide)
        return slide, self.body

    def _rule(self, slide) -> None:
        if not self.builtin:  # an organisation's template brings its own decoration
            return
        y = self.title_box.bottom + Inches(0.04)
        rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(self.title_box.x), Emu(y), Inches(1.2), Inches(0.06))
        rule.fill.solid()
        rule.fill.fore_color.rgb = style.ACCENT
        rule.line.fill.background()

    def finish(self) -> None:
        """Remove placeholders left empty, so no slide shows "Click to add text"."""
        for slide in self.prs.slides:
            for ph in list(slide.placeholders):
                if ph.has_text_frame and not ph.text_frame.text.strip():
                    ph.element.getparent().remove(ph.element)
