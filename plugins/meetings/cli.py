"""`meetings`: maintainer commands that work without building the site.

meetings check [PATH ...] [--format text|json]   lint notes (files or folders)
meetings people [NOTES_DIR]                      spellings merged into one person
meetings topics [NOTES_DIR]                      subjects mined from the notes, with spellings and counts
meetings export [NOTES_DIR]                      print the JSON export (the site's api/archive.json)
meetings new [--series S] [--date YYYY-MM-DD]    write the next meeting's note, ready to fill in
meetings generate OUT_DIR                        write the site's source for a build without the plugin
meetings refs update [--api-url URL]              fetch what became of each referenced issue into refs.json
meetings init [NOTES_DIR] [--force]              write community.yml (and mkdocs.yml) from what the notes show

Options come from the meetings plugin's block of mkdocs.yml (-f to name another).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path

from .detect import HOME, describe, site_config
from .generate import GenerateError, generate
from .model import ERROR, Diagnostic, Topic
from .newnote import Exists, NoDate, new_note
from .options import OptionError
from .refsync import update_refs
from .site import Settings, load_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="meetings", description=__doc__.split("\n")[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's mkdocs.yml, whose meetings options are used (default: %(default)s, if it exists)",
    )
    common.add_argument("--default-repo", help="the repository a bare #1234 refers to (default: from mkdocs.yml)")
    common.add_argument("--people", type=Path, help="the people file (default: from mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", parents=[common], help="report mistakes in notes, with line numbers")
    check.add_argument("paths", nargs="*", type=Path, help="notes files or folders (default: the notes folder)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--quiet", action="store_true", help="leave out info-level findings")
    check.add_argument("--fix", action="store_true", help="apply the unambiguous suggestions, printing a diff")
    people = commands.add_parser(
        "people", parents=[common], help="the spellings merged into one person, and look-alikes refused"
    )
    people.add_argument("notes_dir", nargs="?", type=Path)
    topics = commands.add_parser(
        "topics", parents=[common], help="the subjects mined from the notes, with their spellings and counts"
    )
    topics.add_argument("notes_dir", nargs="?", type=Path)
    topics.add_argument("--topics", dest="topics_file", type=Path, help="the topics file (default: from mkdocs.yml)")
    export = commands.add_parser("export", parents=[common], help="print the archive as JSON (api/archive.json)")
    export.add_argument("notes_dir", nargs="?", type=Path)
    new = commands.add_parser("new", parents=[common], help="write the note of the next meeting, ready to fill in")
    new.add_argument("--series", default="community", help="community, cabal, … (default: %(default)s)")
    new.add_argument("--date", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: announced, or the cadence)")
    generate = commands.add_parser(
        "generate",
        parents=[common],
        help="write the whole site source (pages, feeds, calendars, mkdocs.yml) for a build without the plugin",
    )
    generate.add_argument("out_dir", type=Path, help="the folder to write (then: mkdocs build -f OUT_DIR/mkdocs.yml)")
    init = commands.add_parser(
        "init", parents=[common], help="write community.yml (and a mkdocs.yml) of how the notes are written"
    )
    init.add_argument("notes_dir", nargs="?", type=Path)
    init.add_argument("--force", action="store_true", help="replace a community.yml that exists")
    refs = commands.add_parser("refs", help="what became of each referenced issue (refs.json)")
    refs_commands = refs.add_subparsers(dest="refs_command", required=True)
    update = refs_commands.add_parser(
        "update", parents=[common], help="fetch titles and states from GitHub into the refs file"
    )
    update.add_argument("--api-url", default="https://api.github.com", help="GitHub's API (Enterprise: its /api/v3)")
    update.add_argument("--stale", type=int, metavar="DAYS", help="refresh only entries older than DAYS")
    update.add_argument("--only", action="append", metavar="OWNER/REPO#N", help="fetch only this reference")
    update.add_argument("--wait", type=float, default=60, help="seconds to wait for the rate limit (default 60)")
    args = parser.parse_args(argv)
    # Paths are relative to mkdocs.yml's folder, also when there is no such file there.
    try:
        settings, problems = Settings.from_config_file(args.config_file.absolute())
    except OptionError as error:  # the same check, and message, as `mkdocs build` gives
        print(f"{args.config_file}: {error}", file=sys.stderr)
        return 2
    if args.default_repo:
        settings = replace(settings, default_repo=args.default_repo.lower())
    if args.people:
        settings = replace(settings, people_file=args.people.absolute())
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.command == "check":
        return _check(settings, args.paths, args.format, args.quiet, args.fix)
    if args.command == "new":
        return _new(settings, args.series, args.date)
    if args.command == "generate":
        return _generate(settings, args.config_file, args.out_dir)
    if args.command == "refs":
        return _refs_update(settings, args.api_url, args.stale, args.only, args.wait)
    if args.notes_dir:
        settings = replace(settings, notes_dir=args.notes_dir.absolute())
    if args.command == "init":
        return _init(settings, args.config_file.absolute(), args.force)
    if args.command == "people":
        return _people(settings)
    if args.command == "topics":
        if args.topics_file:
            settings = replace(settings, topics_file=args.topics_file.absolute())
        return _topics(settings)
    return _export(settings)


def _check(settings: Settings, paths: list[Path], fmt: str, quiet: bool, fix: bool = False) -> int:
    """Each folder is read as a whole archive (what needs every note: repaired lists,
    chat speakers not listed); findings are printed for the files asked about."""
    findings: list[Diagnostic] = []
    folders: dict[Path, set[str] | None] = {}
    for path in paths or [settings.path(settings.notes_dir)]:
        if path.is_dir():
            folders[path.absolute()] = None
        elif path.suffix == ".md" and path.parent.is_dir():
            wanted = folders.setdefault(path.parent.absolute(), set())
            if wanted is not None:
                wanted.add(path.name)
        else:
            findings.append(Diagnostic(str(path), None, ERROR, "no such notes file or folder"))
    checked = 0
    for folder, names in folders.items():
        # rendered: a page too large for the contents or the search is a finding of its note
        site = load_site(replace(settings, notes_dir=folder))
        found = site.diagnostics
        if names is not None:
            missing = names - {n.path.name for n in site.notes}
            found = [d for d in found if Path(d.file).name in names or d.file == settings.label(folder)]
            found += [Diagnostic(name, None, ERROR, "no such notes file") for name in sorted(missing)]
        checked += len(names) if names is not None else len(site.notes)
        if fix:  # what was just fixed is no longer a finding of the note
            fixed = _fix({n.source: n.path for n in site.notes}, found)
            found = [d for d in found if id(d) not in fixed]
        findings += found
    # by file, then line (findings of the whole file first), as an editor lists them
    findings.sort(key=lambda d: (d.file, d.line or 0))
    if quiet:
        findings = [d for d in findings if d.level != "info"]
    if fmt == "json":
        rows = [
            {"file": d.file, "line": d.line, "level": d.level, "message": d.message, "suggestion": d.suggestion}
            for d in findings
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for finding in findings:
            print(finding)
        errors = sum(d.level == ERROR for d in findings)
        warnings = sum(d.level == "warning" for d in findings)
        print(f"{checked} notes checked: {errors} errors, {warnings} warnings", file=sys.stderr)
    return 1 if any(d.level == ERROR for d in findings) else 0


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _fix(paths: dict[str, Path], findings: list[Diagnostic]) -> set[int]:
    """Apply each finding's replacements where its text stands once in its line; print the
    diff. The ids of the findings applied."""
    applied: set[int] = set()
    by_file: dict[str, list[Diagnostic]] = {}
    for finding in findings:
        if finding.fixes and finding.line and finding.file in paths:
            by_file.setdefault(finding.file, []).append(finding)
    for source, found in by_file.items():
        path = paths[source]
        try:
            before = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # only a note we can write back as it was read
        lines = _LINES.findall(before)  # line ends kept, split where the parser splits
        for finding in found:
            index = (finding.line or 0) - 1
            if not 0 <= index < len(lines):
                continue
            line = lines[index]
            for old, new in finding.fixes:
                if old and line.count(old) == 1:
                    line = line.replace(old, new)
            if line != lines[index]:
                applied.add(id(finding))
            lines[index] = line
        after = "".join(lines)
        if after != before:
            sys.stdout.writelines(difflib.unified_diff(_LINES.findall(before), lines, source, source))
            path.write_bytes(after.encode("utf-8"))
    return applied


def _refs_update(settings: Settings, api_url: str, stale: int | None, only: list[str] | None, wait: float) -> int:
    if settings.refs_file is None:
        print("meetings refs update: no refs_file is set", file=sys.stderr)
        return 2
    site = load_site(settings, render=False)
    path = settings.path(settings.refs_file)
    wanted = {ref.lower() for ref in only} if only else None
    status, client = update_refs(
        site.archive, path, api_url, os.environ.get("GITHUB_TOKEN") or None, stale, wanted, wait
    )
    print(f"{client.requests} requests; written to {settings.label(settings.refs_file)}", file=sys.stderr)
    return status


PAST_DAYS = 14  # `meetings new` for a date older than this says so


def _new(settings: Settings, series: str, day: dt.date | None) -> int:
    site = load_site(settings, render=False)
    try:
        note = new_note(site, series.lower(), day)
    except NoDate as error:
        print(f"meetings new: {error}; give --date YYYY-MM-DD", file=sys.stderr)
        return 2
    except Exists as error:
        print(f"meetings new: {error}", file=sys.stderr)
        return 1
    path = settings.path(settings.notes_dir) / note.name
    if os.path.lexists(path):
        print(f"meetings new: {settings.label(path)} exists already; nothing written", file=sys.stderr)
        return 1
    path.write_text(note.text, encoding="utf-8")
    print(f"wrote {settings.label(path)}; check it with: meetings check {settings.label(path)}")
    held = dt.date.fromisoformat(note.name[:10])
    ago = (dt.date.today() - held).days
    if day is None and ago > PAST_DAYS:
        print(
            f"meetings new: {held.isoformat()} was {ago} days ago (the date the last note announced, or the "
            "series' cadence from it); for another meeting give --date YYYY-MM-DD",
            file=sys.stderr,
        )
    return 0


def _export(settings: Settings) -> int:
    site = load_site(settings, render=False)
    for problem in site.problems + site.archive.problems:
        print(problem, file=sys.stderr)
    sys.stdout.write(site.export())
    return 1 if any(d.level == ERROR for d in site.problems) else 0


def _generate(settings: Settings, config_file: Path, out: Path) -> int:
    """The same site the plugin builds, as a docs tree any MkDocs-compatible builder takes."""
    try:
        site = generate(config_file, out.absolute(), settings)
    except GenerateError as error:
        print(f"meetings generate: {error}", file=sys.stderr)
        return 2
    for problem in site.problems + site.archive.problems:
        print(problem, file=sys.stderr)
    pages = sum(page.src.endswith(".md") for page in site.pages)
    print(
        f"{len(site.archive.meetings)} meetings, {pages} pages written to {out}; "
        f"build with: mkdocs build -f {out / 'mkdocs.yml'}",
        file=sys.stderr,
    )
    return 1 if any(d.level == ERROR for d in site.problems) else 0


def _init(settings: Settings, config_file: Path, force: bool) -> int:
    """community.yml of what the notes show, each key with its evidence; a mkdocs.yml that
    uses it when there is none."""
    target = config_file.parent / "community.yml"
    if target.exists() and not force:
        print(f"{target} exists; nothing written (--force replaces it)", file=sys.stderr)
        return 1
    found = describe(settings)
    target.write_text(found.yaml(), encoding="utf-8")
    print(f"wrote {target}")
    if not config_file.exists():
        notes = Path(os.path.relpath(settings.path(settings.notes_dir), config_file.parent)).as_posix()
        options = {"notes_dir": notes, "community_file": "community.yml", "default_repo": found.default_repo}
        config_file.write_text(site_config(found.site_name, options, found.decisions), encoding="utf-8")
        print(f"wrote {config_file}")
        print(f"not decided: where the site is published: set site_url in {config_file} (feeds and calendars need it)")
        home = config_file.parent / "docs" / "index.md"
        if not home.exists():
            home.parent.mkdir(parents=True, exist_ok=True)
            home.write_text(HOME.format(name=found.site_name), encoding="utf-8")
            print(f"wrote {home}")
    for line in found.undecided:
        print(f"not decided: {line}")
    return 0


def _people(settings: Settings) -> int:
    """What a maintainer confirms into people.yml: merges made, and pairs kept apart."""
    site = load_site(settings, render=False)
    for problem in site.problems:
        print(problem, file=sys.stderr)
    identities, archive = site.identities, site.archive
    print(f"{len(archive.people)} people")
    print(f"\nMerged ({len(identities.report.merges)}):")
    for merge in identities.report.merges:
        print(f"  {merge.spelling!r} -> {merge.into!r} ({merge.why})")
    print(f"\nKept apart, check these ({len(identities.report.near_misses)}):")
    for one, other, why in identities.report.near_misses:
        print(f"  {one!r} / {other!r} ({why})")
    refused = identities.report.refused
    print(f"\nRefused, linked to no one ({len(refused)}):")
    for why in sorted(refused.values()):
        print(f"  {why}")
    print("\nSpellings per person:")
    for person in archive.people.values():
        if person.aliases:
            print(f"  {person.name}: {', '.join(person.aliases)}")
    return 0


def _topics(settings: Settings) -> int:
    """What a maintainer confirms into topics.yml: each subject with the meetings whose
    notes, chat and transcript name it, why it was taken, and its spellings."""
    site = load_site(settings, render=False)
    for problem in site.problems:
        print(problem, file=sys.stderr)
    topics = site.archive.topics.values()

    def in_notes(topic: Topic) -> set[str]:
        return {m.meeting for m in topic.mentions if not (m.in_chat or m.in_transcript)}

    ranked = sorted(topics, key=lambda t: (-len(in_notes(t)), t.name.casefold()))
    print(f"{len(ranked)} topics (meetings: in the notes / only in chat or transcript)")
    for topic in ranked:
        notes = in_notes(topic)
        elsewhere = {m.meeting for m in topic.mentions} - notes
        spellings = f"; also {', '.join(topic.aliases)}" if topic.aliases else ""
        print(f"  {topic.name}: {len(notes)} / {len(elsewhere)} ({topic.why}){spellings}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
