"""Placing lines typed as a published table lays them out: properties that hold for any lines."""

from hypothesis import given
from hypothesis import strategies as st

from toolkit.core.continuation import Line, arrange, continues_sentence, joined

texts = st.sampled_from(
    [
        "",
        " ",
        "1.2 Viden og analyser",
        "Mål 1.2. B",
        "og grøn omstilling",
        "aktuel viden",
        "<p>To arrangementer</p>",
        "2 møder",
        "A",
        "Proaktivt arbeid",
    ]
)
lines = st.lists(st.builds(Line, key=texts, head=texts, marked=st.booleans()), max_size=30)


def _starts_an_item(line: Line) -> bool:
    return line.marked or bool(line.key.strip()) or (bool(line.head.strip()) and not continues_sentence(line.head))


@given(lines)
def test_joining_never_changes_the_count_of_lines_that_carry_a_goal_or_status(ls):
    placed = arrange(ls)
    assert len(placed) == len(ls) and [p.index for p in placed] == list(range(len(ls)))
    carrying = [i for i, line in enumerate(ls) if _starts_an_item(line)]
    assert [p.index for p in placed if p.index in carrying and p.joins is None] == carrying


@given(lines)
def test_a_line_joins_only_an_earlier_item_and_keeps_its_group(ls):
    placed = arrange(ls)
    for p in placed:
        if p.joins is not None:
            assert p.joins < p.index and placed[p.joins].joins is None and p.key == placed[p.joins].key
        elif ls[p.index].key.strip():
            assert p.key == ls[p.index].key and not p.inherited


@given(lines)
def test_a_blank_group_continues_the_last_group_given(ls):
    group = ""
    for p, line in zip(arrange(ls), ls):
        if p.joins is None:
            assert p.key == (line.key if line.key.strip() or not group else group)
            group = p.key


def test_the_seed_continuations_are_recognised():
    assert continues_sentence("og grøn omstilling i løbet af …") and continues_sentence("aktuel viden")
    assert not continues_sentence("Mål 3.4. B") and not continues_sentence("<p>x</p>")
    assert not continues_sentence("2 møder") and not continues_sentence("")


@given(st.text(max_size=20), st.text(max_size=20))
def test_joined_text_keeps_both_parts(a, b):
    for sep in (" ", "\n"):
        assert joined(a, b, sep).split() == a.split() + b.split()
