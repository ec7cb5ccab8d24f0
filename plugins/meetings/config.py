"""The plugin's options as MkDocs validates them: each one is the core's check (options.py),
so `mkdocs build` and every CLI command refuse a bad value with the same message (MkDocs
puts "Plugin 'meetings' option '<name>':" in front)."""

from __future__ import annotations

import os

from mkdocs.config import base
from mkdocs.config import config_options as c

from .options import OPTIONS, OptionError


class Checked(c.BaseConfigOption[object]):
    """An option checked by the schema's function of the same name."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.option = OPTIONS[name]
        self.default = self.option.default
        self.root = "."

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self.root = os.path.dirname(config.config_file_path or "") or "."

    def run_validation(self, value: object) -> object:
        try:
            return self.option.read(value, self.root)
        except OptionError as error:
            raise c.ValidationError(str(error)) from None


class DataFile(Checked):
    """A data file named in mkdocs.yml but not there is worth a word (it is optional)."""

    def run_validation(self, value: object) -> object:
        checked = super().run_validation(value)
        path = os.path.join(self.root, str(checked))
        if os.path.isdir(path):
            raise c.ValidationError(f"{value!r} is a folder; name a YAML file")
        if value != self.default and not os.path.exists(path):
            self.warnings.append(f"{value!r} does not exist, so nothing is read from it")
        return checked


class MeetingsConfig(base.Config):
    notes_dir = Checked("notes_dir")
    people_file = DataFile("people_file")
    topics_file = DataFile("topics_file")
    community_file = DataFile("community_file")
    refs_file = DataFile("refs_file")
    default_repo = Checked("default_repo")
    repo_aliases = Checked("repo_aliases")
    max_refs_per_note = Checked("max_refs_per_note")
    time_zone = Checked("time_zone")
    search_engine = Checked("search_engine")
    strict_notes = Checked("strict_notes")
