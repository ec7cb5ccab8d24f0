"""Rendering: the archive -> Markdown pages, through Jinja templates."""

from .pages import Page, render_site

__all__ = ["Page", "render_site"]
