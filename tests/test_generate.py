"""`meetings generate`: a plain MkDocs build of the generated tree gives the plugin's site,
the same URLs and the same text on every meeting, person, topic and issue page (on the
real corpus when it is beside the checkout, else on the seed site)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from meetings.cli import main
from meetings.convert import BUILDER_EXTENSIONS, Converter

from .conftest import CORPUS, ROOT, build, make_site, page_text
from .test_hostile import tree
from .test_outputs import NOTES, check_feed_links


def _folder(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def generate(root: Path, out: Path) -> Path:
    assert main(["generate", str(out), "-f", str(root / "mkdocs.yml")]) == 0
    return out


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the plugin's site, the plain build of the generated tree)."""
    root = tmp_path_factory.mktemp("site")
    if CORPUS.is_dir():
        shutil.copytree(ROOT / "docs", root / "docs")
        shutil.copy(ROOT / "people.yml", root / "people.yml")
        shutil.copy(ROOT / "topics.yml", root / "topics.yml")
        config = (ROOT / "mkdocs.yml").read_text().replace("notes_dir: notes", f"notes_dir: {CORPUS}")
        (root / "mkdocs.yml").write_text(config)
    else:
        make_site(root)
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    out = generate(root, tmp_path_factory.mktemp("generated") / "out")
    result = build(out)  # strict, as the plugin's build
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site", out / "site"


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_same_urls(pair: tuple[Path, Path]) -> None:
    plugin, generated = pair
    assert _files(plugin) == _files(generated)


@pytest.mark.slow
def test_same_visible_text_on_every_meeting_person_topic_and_issue_page(pair: tuple[Path, Path]) -> None:
    plugin, generated = pair
    checked = 0
    for name in sorted(_files(plugin)):
        if name.endswith("index.html") and name.split("/")[0] in ("meetings", "people", "topics", "issues"):
            one = " ".join(page_text((plugin / name).read_text(encoding="utf-8")).split())
            two = " ".join(page_text((generated / name).read_text(encoding="utf-8")).split())
            assert one == two, name
            checked += 1
    assert checked > 40


@pytest.mark.slow
def test_generated_site_has_the_feeds_and_their_links(pair: tuple[Path, Path]) -> None:
    _, generated = pair
    check_feed_links(generated)
    head = (generated / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    assert "meetings.css" in head


def test_generated_config_drops_only_the_plugin(tmp_path: Path) -> None:
    root = make_site(_folder(tmp_path / "site"))
    out = generate(root, tmp_path / "out")
    config = yaml.safe_load((out / "mkdocs.yml").read_text())
    original = yaml.safe_load((root / "mkdocs.yml").read_text())
    assert config["plugins"] == [p for p in original["plugins"] if "meetings" not in p]
    assert config["nav"] == original["nav"] and config["theme"]["name"] == "material"
    assert "assets/meetings/meetings.css" in config["extra_css"]
    assert (out / "docs" / "api" / "archive.json").is_file()
    assert (out / "docs" / "calendar.ics").is_file()
    # the home block is in, as finished HTML; hand-written text around it is kept
    home = (out / "docs" / "index.md").read_text()
    assert "<!-- meetings:home -->" not in home and "Latest meetings" in home
    assert "Keeping the notes" in home


def test_generate_leaves_a_folder_it_did_not_write_alone(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_site(_folder(tmp_path / "site"))
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.md").write_text("mine")
    assert main(["generate", str(tmp_path / "mine"), "-f", str(root / "mkdocs.yml")]) == 2
    assert (tmp_path / "mine" / "thesis.md").read_text() == "mine"
    assert "not empty" in capsys.readouterr().err
    out = generate(root, tmp_path / "out")
    generate(root, out)  # a folder it wrote is written again


def test_generated_markdown_leaves_nothing_for_a_builder_to_read(tmp_path: Path) -> None:
    """Raw HTML is kept raw: fences, tabs and heading text cannot turn into markup."""
    root = make_site(
        _folder(tmp_path / "site"),
        notes={
            "2024-05-07.md": "# Podman Community Meeting\n## May 7, 2024 11:00 a.m. Eastern (UTC-4)\n\n"
            "## A heading with *stars*, [brackets](x) and {: .attr } `code`\n### Matt Heon\n\n"
            "Text\twith a tab.\n\n    ```\n    fence in code\n    ```\n\n####\n\n~~~ not a fence\n"
        },
    )
    out = generate(root, tmp_path / "out")
    page = (out / "docs" / "meetings" / "2024-05-07.md").read_text()
    body = page.split("---\n", 2)[2]
    assert "```" not in body and "~~~" not in body and "\t" not in body
    headings = [line for line in body.splitlines() if "stars" in line]  # the page title names it too
    assert headings and all(re.fullmatch(r"#{1,6} [^*\[\]{}`]* \{ #[\w-]+ \}", h) for h in headings), headings
    assert build(out).returncode == 0
    shown = page_text((out / "site" / "meetings" / "2024-05-07" / "index.html").read_text())
    shown = " ".join(shown.split())
    assert "stars , [brackets](x) and {: .attr } code" in shown  # *stars* is emphasis, as in the notes
    assert "``` fence in code ```" in shown and "{ #" not in shown  # an empty heading keeps its id


def test_two_generated_builds_are_identical(tmp_path: Path) -> None:
    trees = []
    for name in ("a", "b"):
        root = make_site(_folder(tmp_path / name), notes=NOTES)
        out = generate(root, tmp_path / name / "out")
        assert build(out).returncode == 0  # SOURCE_DATE_EPOCH is set by build()
        trees.append(tree(out, skip=""))
    one, two = trees
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_generated_pages_are_cleaned_as_the_plugin_cleans_them() -> None:
    """The sanitiser is the last line of defence in both builds: Markdown that slipped past
    escaping is cleaned before it is written, and the builder has nothing left to undo."""
    converter = Converter(directory_urls=True)
    extensions = ["toc", "admonition", *BUILDER_EXTENSIONS]
    hostile = (
        '# Notes\n\n<img src=x onerror="alert(1)">\n\n[x](javascript:alert(2))\n\n'
        "<script>alert(3)</script>\n\n## __config\n\n[next](../people/x.md#talks)\n"
    )
    page = converter.page_html("meetings/2024-01-02.md", hostile, {})
    assert page == converter.page_html("meetings/2024-01-02.md", hostile, {})
    rebuilt = markdown.markdown(converter.portable(page), extensions=extensions)  # a plain builder
    for made in (page, rebuilt):
        assert "onerror" not in made and "javascript:" not in made and "<script" not in made
        assert 'id="user-content-__config"' in made and 'id="__config"' not in made
        assert 'href="../../people/x/#talks"' in made  # links between sources, as MkDocs writes them
