"""Feeds and calendars: parsed back with a real feed parser and a real iCalendar reader."""

from __future__ import annotations

import datetime as dt
import html.parser
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from icalendar import Calendar

from meetings.cadence import Cadence
from meetings.site import Settings, load_site

from .conftest import ROOT, build, make_site

EASTERN = ZoneInfo("America/New_York")
UTC = dt.UTC

# Two community meetings on either side of the spring daylight-saving change, as the notes
# write them: first Tuesdays of even months, each announcing the next.
NOTES = {
    "2024-02-06.md": """# Podman Community Meeting
## February 6, 2024 11:00 a.m. Eastern (UTC-5)

### Attendees (3 total)
Matt Heon, Brent Baude, Tom Sweeney

## Meeting Start: 11:02 a.m. EST
### [Recording](https://www.youtube.com/watch?v=feb2024)

## Quadlet in Podman 5
### Matt Heon
#### (1:50 in the video)

Quadlet now handles pods.

## Meeting End: 11:40 a.m. EST

## Next Meeting: Tuesday, April 2, 2024, 11:00 a.m. Eastern (UTC-4)
""",
    "2024-04-02.md": """# Podman Community Meeting
## April 2, 2024 11:00 a.m. Eastern (UTC-5)

### Attendees (2 total)
Brent Baude, Tom Sweeney

## Meeting Start: 11:01 a.m. EDT
### [Recording](https://www.youtube.com/watch?v=apr2024)

## Podman machine on Windows
### Brent Baude
#### (2:10 in the video)

Machine news, and a word on quadlet.

## Meeting End: 11:30 a.m. EDT

## Next Meeting: Tuesday, June 4, 2024, 11:00 a.m. EDT (UTC-5)
""",
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    notes = tmp_path_factory.mktemp("notes")
    for name, text in NOTES.items():
        (notes / name).write_text(text, encoding="utf-8")
    settings = Settings(root=ROOT, notes_dir=notes, site_name="Podman", site_url="https://example.org/meetings/")
    return {page.src: page.content for page in load_site(settings).pages}


def test_site_feed_lists_the_meetings_with_dates_from_the_notes(files: dict[str, str]) -> None:
    feed = feedparser.parse(files["feeds/meetings.xml"])
    assert not feed.bozo, feed.bozo_exception
    assert [e.link for e in feed.entries] == [
        "https://example.org/meetings/meetings/2024-04-02/",
        "https://example.org/meetings/meetings/2024-02-06/",
    ]
    newest = feed.entries[0]
    assert newest.id == "https://example.org/meetings/meetings/2024-04-02/"
    # 11:00 Eastern on April 2, 2024 is 15:00 UTC, whatever offset the note wrote
    assert newest.updated_parsed[:5] == (2024, 4, 2, 15, 0)
    assert feed.feed.updated_parsed[:5] == (2024, 4, 2, 15, 0)  # the newest note, not the build time
    assert "Podman machine on Windows" in newest.summary and "Brent Baude" in newest.summary
    assert [t.term for t in newest.tags] == ["community"]
    assert "Recording: https://www.youtube.com/watch?v=apr2024" in newest.summary
    rss = feedparser.parse(files["feeds/meetings.rss"])
    assert not rss.bozo and len(rss.entries) == 2


def test_one_feed_per_person_and_per_topic(files: dict[str, str]) -> None:
    matt = feedparser.parse(files["feeds/people/matt-heon.xml"])
    assert [e.link for e in matt.entries] == ["https://example.org/meetings/meetings/2024-02-06/"]
    assert "Matt Heon" in matt.feed.title
    quadlet = feedparser.parse(files["feeds/topics/quadlet.xml"])
    assert {e.link.rsplit("/", 2)[-2] for e in quadlet.entries} == {"2024-02-06", "2024-04-02"}
    assert quadlet.feed.link == "https://example.org/meetings/topics/quadlet/"


def _events(text: str) -> dict[str, object]:
    calendar = Calendar.from_ical(text)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_calendar_holds_past_announced_and_projected_meetings_in_eastern_time(files: dict[str, str]) -> None:
    events = _events(files["calendar.ics"])
    starts = {uid.split("@")[0]: e["dtstart"].dt for uid, e in events.items()}
    # the past meetings, with their page and recording; an hour of EST, then of EDT
    assert starts["community-2024-02-06"] == dt.datetime(2024, 2, 6, 11, tzinfo=EASTERN)
    assert starts["community-2024-02-06"].astimezone(UTC).hour == 16
    assert starts["community-2024-04-02"].astimezone(UTC).hour == 15  # the note wrote (UTC-5): wrong
    past = next(e for uid, e in events.items() if uid.startswith("community-2024-02-06"))
    assert past["url"] == "https://example.org/meetings/meetings/2024-02-06/"
    assert "https://www.youtube.com/watch?v=feb2024" in past["description"]
    assert past["dtend"].dt - past["dtstart"].dt == dt.timedelta(minutes=40)
    # the announced one, then the cadence (first Tuesday of even months), across the
    # autumn change back to standard time
    announced = next(e for uid, e in events.items() if uid.startswith("community-2024-06-04"))
    assert announced["status"] == "CONFIRMED"
    assert starts["community-2024-08-06"].astimezone(UTC).hour == 15
    assert starts["community-2024-12-03"] == dt.datetime(2024, 12, 3, 11, tzinfo=EASTERN)
    assert starts["community-2024-12-03"].astimezone(UTC).hour == 16
    projected = next(e for uid, e in events.items() if uid.startswith("community-2024-12-03"))
    assert projected["status"] == "TENTATIVE"
    assert str(events and next(iter(events)).split("@")[1]) == "example.org"
    assert _events(files["calendars/community.ics"]).keys() == events.keys()


def test_learned_cadences() -> None:
    first_tuesdays = [dt.date(2024, 2, 6), dt.date(2024, 4, 2), dt.date(2024, 6, 4)]
    assert Cadence.learn(first_tuesdays) == Cadence(weekday=1, nth=1, step=2, phase=0)
    third_thursdays = [dt.date(2022, 1, 20), dt.date(2022, 2, 17), dt.date(2022, 3, 17)]
    cadence = Cadence.learn(third_thursdays)
    assert cadence == Cadence(weekday=3, nth=3, step=1, phase=0)
    assert cadence.after(dt.date(2022, 3, 17)) == dt.date(2022, 4, 21)
    assert cadence.describe() == "the third Thursday of every month"
    last_mondays = Cadence(weekday=0, nth=-1, step=1, phase=0)
    assert last_mondays.after(dt.date(2024, 1, 29)) == dt.date(2024, 2, 26)
    assert last_mondays.next_after(dt.date(2024, 1, 29)) == dt.date(2024, 2, 26)
    assert Cadence.learn([dt.date(2024, 1, 1)], minimum=2) is None
    # a committee sampled over years, or a weekly triage, keeps no monthly rhythm: none is guessed
    sampled = [
        dt.date(2019, 6, 5),
        dt.date(2020, 2, 5),
        dt.date(2021, 12, 14),
        dt.date(2022, 7, 21),
        dt.date(2023, 5, 15),
    ]
    assert Cadence.learn(sampled) is None
    weekly = [dt.date(2025, 9, 4), dt.date(2025, 9, 11), dt.date(2025, 9, 18), dt.date(2025, 9, 25)]
    assert Cadence.learn(weekly) is None


class _Head(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and "alternate" in (found.get("rel") or "").split():
            self.feeds.append(found.get("href") or "")
        if tag == "a":
            self.links.append(found.get("href") or "")


def head_feeds(page: Path) -> _Head:
    parser = _Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def check_feed_links(site: Path) -> None:
    """Autodiscovery in every page's head, and a subscribe link on home, person and topic pages."""
    home = head_feeds(site / "index.html")
    assert home.feeds == ["feeds/meetings.xml"]
    assert "feeds/meetings.xml" in home.links and "calendar.ics" in home.links
    person = head_feeds(site / "people" / "matt-heon" / "index.html")
    assert person.feeds == ["../../feeds/meetings.xml", "../../feeds/people/matt-heon.xml"]
    assert "../../feeds/people/matt-heon.xml" in person.links
    topic = head_feeds(site / "topics" / "quadlet" / "index.html")
    assert topic.feeds[-1] == "../../feeds/topics/quadlet.xml" and topic.feeds[-1] in topic.links
    assert head_feeds(site / "publishing" / "index.html").feeds == ["../feeds/meetings.xml"]
    for path in ("feeds/people/matt-heon.xml", "feeds/topics/quadlet.xml", "calendar.ics", "calendars/community.ics"):
        assert (site / path).is_file(), path


def test_plugin_build_publishes_feeds_and_links_them(tmp_path: Path) -> None:
    root = make_site(tmp_path, notes=NOTES)
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    check_feed_links(root / "site")
    article = (root / "site" / "index.html").read_text(encoding="utf-8").split("<article", 1)[1]
    next_meeting = article.split("Next meeting", 1)[1]
    assert 'href="calendar.ics"' in next_meeting.split("Latest meetings", 1)[0]  # beside the next meeting


def test_time_zone_option_is_checked(tmp_path: Path) -> None:
    root = make_site(tmp_path, extra="")
    config = (
        (root / "mkdocs.yml")
        .read_text()
        .replace("strict_notes: false", "strict_notes: false\n      time_zone: Mars/Olympus")
    )
    (root / "mkdocs.yml").write_text(config)
    result = build(root)
    assert result.returncode != 0 and "time_zone" in result.stderr and "Mars/Olympus" in result.stderr


CABAL = """# Podman Community Cabal
## {day} 11:00 a.m. Eastern (UTC-5)

### Attendees
Matt Heon, Brent Baude

## Quadlet networks
### Matt Heon

Networks for quadlet.
"""


def test_a_series_the_notes_have_passed_is_projected_only_after_the_latest_note(tmp_path: Path) -> None:
    """Cabals were held on the third Tuesdays of October to December 2023; the community
    meetings went on to April 2024. The Cabals of January to March never happened: they are
    not in the calendar."""
    for name, text in NOTES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for day, label in (("10-17", "October 17"), ("11-21", "November 21"), ("12-19", "December 19")):
        (tmp_path / f"2023-{day}-cabal.md").write_text(CABAL.format(day=f"{label}, 2023"), encoding="utf-8")
    december_note = tmp_path / "2023-12-19-cabal.md"
    december_note.write_text(december_note.read_text() + "\n## Next Cabal Meeting: Tuesday, January 16, 2024\n")
    settings = Settings(root=ROOT, notes_dir=tmp_path, site_name="Podman", site_url="https://example.org/")
    site = load_site(settings)
    events = _events(next(p.content for p in site.pages if p.src == "calendar.ics"))
    cabals = sorted(e["dtstart"].dt.date() for e in events.values() if str(e["uid"]).startswith("cabal-"))
    held = [d for d in cabals if d <= dt.date(2023, 12, 19)]
    projected = [d for d in cabals if d > dt.date(2023, 12, 19)]
    assert held == [dt.date(2023, 10, 17), dt.date(2023, 11, 21), dt.date(2023, 12, 19)]
    assert projected == [dt.date(2024, 1, 16)] + [d for d in projected if d >= dt.date(2024, 4, 16)], projected
    # announced by December's note, passed by April's: tentative, and said so; no projection before April
    january = next(e for uid, e in events.items() if uid.startswith("cabal-2024-01-16"))
    assert str(january["status"]) == "TENTATIVE" and "none of this one" in str(january["description"])
    # a held meeting's event has the site's title for it, not the note's "# Podman Community Cabal"
    december = next(e for uid, e in events.items() if uid.startswith("cabal-2023-12-19"))
    assert str(december["summary"]).startswith("Cabal meeting, December 19, 2023"), december["summary"]


def test_feeds_and_calendars_without_site_url_are_a_warning(tmp_path: Path) -> None:
    for name, text in NOTES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    without = load_site(Settings(root=ROOT, notes_dir=tmp_path, site_name="Podman"))
    assert [d.message for d in without.problems if "site_url" in d.message] == [
        "site_url is not set: feed links are relative and calendar events link to no page"
    ]
    with_url = load_site(Settings(root=ROOT, notes_dir=tmp_path, site_name="Podman", site_url="https://example.org/"))
    assert not [d for d in with_url.problems if "site_url" in d.message]
