"""Time the council deck for 100 municipalities and 20 goals against plain python-pptx slides."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from pptx import Presentation

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import deck_fixtures

from toolkit.adapters.deck import build_deck


def _best(run, repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs: the least disturbed by other work on the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    data = deck_fixtures.large(n_municipalities=100, n_goals=20)
    with tempfile.TemporaryDirectory() as tmp:
        deck_path = Path(tmp) / "deck.pptx"
        deck = _best(lambda: build_deck(data, deck_path, meeting="Benchmark"))
        slides = len(Presentation(deck_path).slides)

        def plain() -> None:
            # Baseline: the same number of slides, each just titled, saved the same way.
            prs = Presentation()
            layout = prs.slide_layouts[5]
            for i in range(slides):
                prs.slides.add_slide(layout).shapes.title.text = f"Slide {i + 1}"
            prs.save(Path(tmp) / "plain.pptx")

        baseline = _best(plain)
    print(
        f"deck: 100 municipalities, 20 goals, {slides} slides in {deck:.2f} s ({deck / slides * 1000:.1f} ms per slide)"
    )
    print(f"baseline: {slides} plain titled slides in {baseline:.2f} s")
    print(f"ratio deck / baseline: {deck / baseline:.1f}")


if __name__ == "__main__":
    main()
