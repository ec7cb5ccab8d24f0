import datetime as dt

from meetings.parse import dates


def test_dates_as_written() -> None:
    assert dates.find_date("## December 1, 2020 11:00 a.m. Eastern (UTC-5)")[0] == dt.date(2020, 12, 1)
    assert dates.find_date("## Mar 19, 2024 11:00 a.m.")[0] == dt.date(2024, 3, 19)
    assert dates.find_date("## Jauary 19, 2023 11:00 a.m. Eastern")[0] == dt.date(2023, 1, 19)
    assert dates.find_date("## Februrary 3, 2026")[0] == dt.date(2026, 2, 3)
    assert dates.find_date("### August 5,  2025 Topics")[0] == dt.date(2025, 8, 5)
    assert dates.find_date("February 30, 2021")[0] is None


def test_clock_times() -> None:
    assert dates.find_clock("## Meeting Start: 11:03 a.m.") == (11, 3, False)
    assert dates.find_clock("### Meeting End: 12:03 p.m. Eastern") == (12, 3, False)
    assert dates.find_clock("## April 6, 2021 08:00 p.m.") == (20, 0, False)
    assert dates.find_clock("## Meeting Start: 11: a.m. EDT") == (11, 0, True)
    assert dates.find_clock("Meeting finished 12:02") == (12, 2, False)


def test_offsets_and_daylight_saving() -> None:
    assert dates.find_offset("(UTC-5)") == -300
    assert dates.find_offset("GMT+2") is None
    assert dates.eastern_offset(dt.date(2022, 6, 7)) == -240
    assert dates.eastern_offset(dt.date(2020, 12, 1)) == -300


def test_year_that_fits_a_weekday() -> None:
    # "Tuesday February 2, 2020" written in the notes of 2020-12-01
    assert dates.year_fitting(2, 2, 1, dt.date(2020, 12, 1)) == dt.date(2021, 2, 2)
