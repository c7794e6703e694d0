"""The Knuth–Plass breaker on constructed paragraphs (pure: no WeasyPrint)."""

from __future__ import annotations

import itertools

from publisher.backends.pdf.linebreak.knuth_plass import (
    FORCED,
    Measure,
    Rules,
    box,
    breaks,
    glue,
    greedy,
    greedy_agrees,
    line_width,
    loose_lines,
    penalty,
)

SPACE, STRETCH = 4.0, 4.0  # a space doubles at a ratio of 1


def words(*widths: float) -> list:
    """Boxes of these widths with a space between each two, and the paragraph's end."""
    items: list = []
    for number, width in enumerate(widths):
        if number:
            items.append(glue(SPACE, STRETCH))
        items.append(box(width))
    return [*items, penalty(0.0, FORCED)]


def hyphenated(*words_in_pieces: tuple[float, ...]) -> list:
    """Words made of pieces with a soft hyphen (2 wide, flagged) between the pieces."""
    items: list = []
    for number, pieces in enumerate(words_in_pieces):
        if number:
            items.append(glue(SPACE, STRETCH))
        for index, piece in enumerate(pieces):
            if index:
                items.append(penalty(2.0, 0.0, True))
            items.append(box(piece))
    return [*items, penalty(0.0, FORCED)]


def test_the_optimum_spreads_the_gap_greedy_breaking_leaves_in_one_line():
    # Greedy: 15 10 25 10 10 10 fill the first line exactly (100), so 35 25 15 make a
    # second line of 83 with two spaces to stretch by 17: a ratio of 17/8 > 2. Breaking
    # one word earlier sets 86 (ratio 14/16) and 97 (ratio 3/12).
    items = words(15, 10, 25, 10, 10, 10, 35, 25, 15, 15, 10, 15, 10, 30)
    measure = Measure(100.0)
    first_fit = greedy(items, measure)
    best = breaks(items, measure)
    assert max(line.ratio for line in first_fit[:-1]) > 2
    assert best is not None and max(line.ratio for line in best[:-1]) <= 1
    assert len(best) == len(first_fit) == 3
    starts = [-1, *(line.end for line in best)]
    for before, end in itertools.pairwise(starts):
        assert line_width(items, before, end) <= measure.width
    assert best[-1].end == len(items) - 1  # every item is set


def test_a_line_may_shrink_its_spaces_but_never_beyond_their_shrink():
    items = words(30, 30, 30, 30)  # 30*3 + 2 spaces = 98; four words need 132
    assert [line.end for line in breaks(items, Measure(100.0))] == [5, 7]
    # 31 31 31 and two spaces make 101: they fit 100 only if each space gives up 0.5
    tight = breaks(words(31, 31, 31, 31), Measure(100.0, shrink=1.0))
    assert tight is not None and tight[0].end == 5 and tight[0].ratio == -0.5
    assert breaks(words(31, 31, 31, 31), Measure(100.0, shrink=0.4))[0].end < 5


# words of one to three pieces; with hyphens free, its best lines end hyphenated 3 times running
LADDER = (
    (15, 25, 25), (15, 25, 15), (10, 25, 20), (25, 10, 20), (15,), (20,), (10,), (20, 15),
    (20, 15), (10,), (15, 25, 15), (10, 25, 15), (10, 15), (25, 15, 25), (25,), (25, 10),
    (25, 20), (15,),
)  # fmt: skip


def test_never_more_than_two_hyphenated_lines_in_a_row():
    items = hyphenated(*LADDER)
    measure = Measure(100.0)
    free = Rules(double_hyphen=0.0, final_hyphen=0.0, max_streak=99)
    unlimited = breaks(items, measure, free)
    limited = breaks(items, measure, Rules(double_hyphen=0.0, final_hyphen=0.0))
    assert _longest_streak(unlimited) >= 3  # the rule has something to forbid
    assert limited is not None and _longest_streak(limited) <= 2


def test_no_hyphen_on_a_forbidden_line():
    items = hyphenated(*LADDER)
    measure = Measure(100.0)
    rules = Rules(double_hyphen=0.0, final_hyphen=0.0)
    free = breaks(items, measure, rules)
    hyphenated_line = next(n for n, line in enumerate(free) if line.flagged)
    kept = breaks(items, measure, rules, forbidden=frozenset({hyphenated_line}))
    assert kept is not None and not kept[hyphenated_line].flagged


def test_fewer_loose_lines_weigh_more_than_less_looseness_overall():
    # a space over 7 (4 natural, stretch 4) makes a loose line, as the preflight counts
    items = words(20, 15, 25, 35, 10, 10, 40, 30, 10, 20, 30, 10, 30, 15, 10, 10)
    counted = Measure(100.0, loose=7.0)
    least_demerits = breaks(items, Measure(100.0))
    fewest_loose = breaks(items, counted)
    assert loose_lines(items, counted, least_demerits) >= 2
    assert loose_lines(items, counted, fewest_loose) < loose_lines(items, counted, least_demerits)


def test_a_word_wider_than_the_line_has_no_optimum():
    assert breaks(words(40, 140, 40), Measure(100.0)) is None


def test_greedy_agreement_catches_lines_that_could_hold_the_next_one():
    items = words(20, 20, 20, 20)
    measure = Measure(100.0)
    best = breaks(items, measure)
    assert len(best) == 1 and greedy_agrees(items, measure, best)
    short = [*(line for line in breaks(items, Measure(50.0))[:1]), best[-1]]
    assert not greedy_agrees(items, measure, short)  # WeasyPrint would fill line one


def _longest_streak(lines) -> int:
    longest = streak = 0
    for line in lines:
        streak = streak + 1 if line.flagged else 0
        longest = max(longest, streak)
    return longest
