"""The last line of defence for what Markdown makes of note text: an HTML allowlist (nh3).

Rendering already escapes note text, but Markdown has many corners; whatever slips
through (a tag, an event attribute, a `javascript:` URL) is removed here. The HTML that
render/ builds itself (chat threads, transcripts, lists) escapes every piece of text as
it is written and never passes through Markdown, so it is not cleaned again.
"""

from __future__ import annotations

import copy

import nh3

_TAGS = set(nh3.ALLOWED_TAGS)
_ATTRIBUTES = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
for _tag in list(_ATTRIBUTES):
    _ATTRIBUTES[_tag] = set(_ATTRIBUTES[_tag])
_ATTRIBUTES["*"] = {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-hidden"}
_ATTRIBUTES["a"] = _ATTRIBUTES.get("a", set()) | {"rel", "name"}
_ATTRIBUTES["th"] = _ATTRIBUTES.get("th", set()) | {"style"}
_ATTRIBUTES["td"] = _ATTRIBUTES.get("td", set()) | {"style"}
_ATTRIBUTES["code"] = {"class"}


def clean_html(html: str) -> str:
    """`html` with anything that could run script removed; harmless formatting kept."""
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        filter_style_properties={"text-align"},
        strip_comments=True,
    )
