import pytest

from meetings.parse.names import looks_like_name, split_names, split_presenters


@pytest.mark.parametrize(
    "heading, names",
    [
        ("Matt Heon", ["Matt Heon"]),
        ("Brent Baude/Ashley Cui", ["Brent Baude", "Ashley Cui"]),
        ("Florent Benoit & Stevan Le Meur", ["Florent Benoit", "Stevan Le Meur"]),
        ("Jennings Zhang and Rudolph Pienaar", ["Jennings Zhang", "Rudolph Pienaar"]),
        ("Cesar Talledo - [Nestybox](https://www.nestybox.com/)", ["Cesar Talledo"]),
        ("**NOTE** no January meeting.", None),
        ("Demo - (9:14 in the video)", None),
        ("Breaking changes.", None),
    ],
)
def test_presenter_headings(heading: str, names: list[str] | None) -> None:
    assert split_presenters(heading) == names


def test_attendee_list_noise() -> None:
    assert split_names("Tom Sweeney, Lance Lovette, and Sumantro Mukherjee.") == [
        "Tom Sweeney",
        "Lance Lovette",
        "Sumantro Mukherjee",
    ]
    assert split_names("Paul Holzinger,Marek Simek,  Jan Rodak,") == ["Paul Holzinger", "Marek Simek", "Jan Rodak"]


def test_names_versus_prose() -> None:
    assert looks_like_name("Parker Van Roy")
    assert looks_like_name("Sally O'Malley")
    assert not looks_like_name("the demo showed how")
