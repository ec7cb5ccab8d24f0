"""Meeting notes -> a linked, searchable wiki. The core never imports MkDocs;
`meetings.plugin` is the MkDocs adapter."""

__version__ = "0.1.0"
