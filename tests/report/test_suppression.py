"""The suppression rules on hand-picked numbers (the property tests try random ones)."""

from app.report.suppression import (
    BELOW_THRESHOLD,
    SECONDARY,
    Cell,
    Rate,
    group_is_safe,
    hide_small_counts,
    hide_small_rates,
    percent,
    protect_complements,
    protect_group,
    protect_rates,
    suppression_notes,
    unshown,
)


def cells(*counts: int) -> list[Cell]:
    return [Cell(f"c{index}", count) for index, count in enumerate(counts)]


def shown(group: list[Cell]) -> list[int | None]:
    return [cell.shown_count for cell in group]


def test_counts_below_the_threshold_are_hidden_but_zero_and_the_threshold_are_shown():
    group = cells(0, 1, 9, 10, 250)
    hide_small_counts(group, 10)
    assert shown(group) == [0, None, None, 10, 250]
    assert [cell.reason for cell in group[1:3]] == [BELOW_THRESHOLD, BELOW_THRESHOLD]


def test_a_lone_hidden_cell_takes_the_next_smallest_with_it():
    group = cells(40, 3, 25, 0)
    hide_small_counts(group, 10)
    assert protect_group(group, 10)
    assert shown(group) == [40, None, None, 0]
    assert group[2].reason == SECONDARY


def test_two_hidden_cells_adding_up_to_less_than_the_threshold_take_a_third():
    group = cells(2, 3, 30, 12)
    hide_small_counts(group, 10)
    protect_group(group, 10)
    assert shown(group) == [None, None, 30, None]


def test_two_hidden_cells_adding_up_to_the_threshold_are_enough():
    group = cells(4, 6, 30)
    hide_small_counts(group, 10)
    protect_group(group, 10)
    assert shown(group) == [None, None, 30]


def test_zeros_are_never_hidden_to_make_up_a_sum():
    group = cells(3, 0, 0, 50)
    hide_small_counts(group, 10)
    protect_group(group, 10)
    assert shown(group) == [None, 0, 0, None]


def test_a_group_that_cannot_be_made_safe_says_so():
    only = [Cell("only", 12, SECONDARY)]
    assert not protect_group(only, 10)


def test_a_part_no_cell_shows_counts_as_hidden():
    months = cells(30, 30)
    rest = unshown(4)  # four responses on days outside the whole months
    assert not group_is_safe([*months, rest], 10)
    assert protect_group([*months, rest], 10)
    assert shown(months) == [None, 30]
    assert [note.where for note in suppression_notes([*months, rest])] == ["c0"]


def test_multiple_choice_hides_an_option_almost_everyone_chose():
    answered = Cell("answered", 40)
    options = cells(37, 20, 40, 0)
    protect_complements(options, answered, 10)
    # 3 did not choose the first; the third was chosen by all 40 (complement zero).
    assert shown(options) == [None, 20, 40, 0]


def test_complements_are_not_checked_against_a_hidden_total():
    answered = Cell("answered", 8, BELOW_THRESHOLD)
    options = cells(0)
    protect_complements(options, answered, 10)
    assert shown(options) == [0]


def test_an_indicator_hides_when_positives_or_the_rest_are_few():
    rates = [Rate("a", 35, 40), Rate("b", 5, 40), Rate("c", 40, 40), Rate("d", 0, 0)]
    hide_small_rates(rates, 10)
    assert [rate.value for rate in rates] == [None, None, 100.0, None]
    assert [rate.reason for rate in rates] == [BELOW_THRESHOLD, BELOW_THRESHOLD, None, None]


def test_rates_within_a_period_protect_each_others_parts():
    months = [Rate("m1", 3, 20), Rate("m2", 15, 30), Rate("m3", 20, 40)]
    hide_small_rates(months, 10)
    assert protect_rates(months, 10)
    assert [rate.hidden for rate in months] == [True, True, False]


def test_percentages_need_a_shown_count_and_a_shown_denominator():
    assert percent(1, 3) == 33.3
    assert percent(None, 30) is None
    assert percent(3, None) is None
    assert percent(0, 0) is None


def test_every_hidden_count_has_a_note_saying_why():
    group = cells(40, 3, 25)
    hide_small_counts(group, 10)
    protect_group([*group, unshown(0)], 10)
    notes = suppression_notes([*group, unshown(5)])
    assert [(n.where, n.reason) for n in notes] == [("c1", BELOW_THRESHOLD), ("c2", SECONDARY)]
