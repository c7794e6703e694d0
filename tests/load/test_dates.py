"""Datelines in the forms newsrooms write them, and lines that only look like them."""

from __future__ import annotations

from datetime import date

import pytest

from publisher.load.newsroom.dates import find_date, parse_dateline

D = date


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("October 17, 2013 Updated: October 18, 2013", D(2013, 10, 17), D(2013, 10, 18)),
        ("Oct. 3, 2019", D(2019, 10, 3), None),
        ("Sept. 9, 2022", D(2022, 9, 9), None),
        ("2021-04-05", D(2021, 4, 5), None),
        ("Published: March 2, 2020 | Updated: March 3, 2020", D(2020, 3, 2), D(2020, 3, 3)),
        ("21 April 2017 · Last updated 22/04/2017", D(2017, 4, 21), D(2017, 4, 22)),
        ("Oct. 3, 2019 10:45 a.m. ET", D(2019, 10, 3), None),
        ("Sept. 9, 2022, 6:40 p.m. EDT", D(2022, 9, 9), None),
        (
            "October 17, 2013 3:05 PM EDT Updated: October 18, 2013 9:12 AM EDT",
            D(2013, 10, 17),
            D(2013, 10, 18),
        ),
        ("2021-04-05T09:30:00Z", D(2021, 4, 5), None),
        ("Monday, March 2, 2020, 7:00 pm GMT+8", D(2020, 3, 2), None),
        ("12 May 2024 at 09:00 BST", D(2024, 5, 12), None),
        ("Updated: March 3, 2020", None, D(2020, 3, 3)),
        ("2013年10月17日 更新：2013年10月18日", D(2013, 10, 17), D(2013, 10, 18)),
        ("Posted on Sep 9, 2022 at 14:05 (HKT) · Updated 2 hours ago", D(2022, 9, 9), None),
        ("Updated 3 hours ago", None, None),
        ("April 21, 2017 · Updated 04/22/2017", D(2017, 4, 21), D(2017, 4, 22)),
    ],
)
def test_datelines(line, published, updated):
    found = parse_dateline(line)
    assert found is not None
    assert (found.published, found.updated) == (published, updated)


def test_relative_dates_are_reported_not_guessed():
    found = parse_dateline("Oct. 3, 2019 | Updated 2 hours ago")
    assert found.relative == ("2 hours ago",) and found.updated is None


def test_day_month_order_follows_the_spelled_out_date_on_the_line():
    assert parse_dateline("April 5, 2021 · Updated 04/06/2021").updated == D(2021, 4, 6)
    assert parse_dateline("5 April 2021 · Updated 06/04/2021").updated == D(2021, 4, 6)


def test_an_ambiguous_numeric_date_is_read_day_first_and_flagged():
    found = parse_dateline("04/05/2021")
    assert found.published == D(2021, 5, 4) and found.ambiguous == ("04/05/2021",)


@pytest.mark.parametrize(
    "line",
    [
        "On March 3, 2020, the council voted to close the pier.",
        "March 2020",
        "By Ana Lima",
        "31/02/2020",
        "The 07:15 from Port Ellery leaves at 07:19.",
        "",
    ],
)
def test_lines_that_are_not_datelines(line):
    assert parse_dateline(line) is None


def test_find_date_in_a_sentence():
    assert find_date("first published on 3 March 2020 by X") == (D(2020, 3, 3), "3 March 2020")
    assert find_date("no date here") is None
