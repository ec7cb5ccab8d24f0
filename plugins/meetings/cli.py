"""`meetings`: maintainer commands that work without building the site.

meetings check [PATH ...] [--format text|json]   lint notes (files or folders)
meetings export [NOTES_DIR] [--people FILE]      print the JSON export
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .archive import build_archive
from .export import export_json
from .identity import Identities
from .model import ERROR, Diagnostic
from .notes import NoteFile, find_notes, load_meetings
from .people import load_people


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="meetings", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--default-repo",
        default="containers/podman",
        help="the repository a bare #1234 refers to (default: %(default)s)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="report mistakes in notes, with line numbers")
    check.add_argument("paths", nargs="*", default=["notes"], help="notes files or folders (default: notes)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--quiet", action="store_true", help="leave out info-level findings")
    check.add_argument("--people", default="people.yml", help="the people file (default: %(default)s)")
    people = commands.add_parser(
        "people", help="list the spellings merged into one person, near misses and refused look-alikes"
    )
    people.add_argument("notes_dir", nargs="?", default="notes")
    people.add_argument("--people", default="people.yml", help="the people file (default: %(default)s)")
    export = commands.add_parser("export", help="print the archive as JSON")
    export.add_argument("notes_dir", nargs="?", default="notes")
    export.add_argument("--people", default="people.yml", help="the people file (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.paths, args.format, args.quiet, args.default_repo, Path(args.people))
    if args.command == "people":
        return _people(Path(args.notes_dir), Path(args.people), args.default_repo)
    return _export(Path(args.notes_dir), Path(args.people), args.default_repo)


def _collect(paths: list[str]) -> tuple[list[NoteFile], list[Diagnostic]]:
    notes: list[NoteFile] = []
    problems: list[Diagnostic] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, issues = find_notes(path, raw.rstrip("/"))
        else:
            found, issues = find_notes(path.parent, str(path.parent))
            found = [n for n in found if n.path.name == path.name]
            issues = [d for d in issues if d.file.endswith(path.name)]
            if not found:
                issues.append(Diagnostic(raw, None, ERROR, "no such notes file"))
        notes += found
        problems += issues
    return notes, problems


def _check(paths: list[str], fmt: str, quiet: bool, default_repo: str, people: Path) -> int:
    notes, problems = _collect(paths)
    entries, people_problems = load_people(people, str(people))
    # The archive adds what needs every note: repaired lists, chat speakers not listed.
    archive = build_archive(load_meetings(notes, default_repo), Identities(entries))
    meetings = archive.meetings
    findings = problems + people_problems + [d for m in meetings for d in m.diagnostics]
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
        print(f"{len(meetings)} notes checked: {errors} errors, {warnings} warnings", file=sys.stderr)
    return 1 if any(d.level == ERROR for d in findings) else 0


def _export(notes_dir: Path, people: Path, default_repo: str) -> int:
    notes, problems = find_notes(notes_dir, str(notes_dir))
    for problem in problems:
        print(problem, file=sys.stderr)
    entries, people_problems = load_people(people, str(people))
    for problem in people_problems:
        print(problem, file=sys.stderr)
    archive = build_archive(load_meetings(notes, default_repo), Identities(entries))
    sys.stdout.write(export_json(archive))
    return 1 if any(d.level == ERROR for d in problems) else 0


def _people(notes_dir: Path, people: Path, default_repo: str) -> int:
    """What a maintainer confirms into people.yml: merges made, and pairs kept apart."""
    notes, _ = find_notes(notes_dir, str(notes_dir))
    entries, problems = load_people(people, str(people))
    for problem in problems:
        print(problem, file=sys.stderr)
    identities = Identities(entries)
    archive = build_archive(load_meetings(notes, default_repo), identities)
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


if __name__ == "__main__":
    sys.exit(main())
