"""The last line of defence for what Markdown makes of note text: an HTML allowlist (nh3).

Rendering already escapes note text, but Markdown has many corners; whatever slips
through (a tag, an event attribute, a `javascript:` URL) is removed here. The HTML that
render/ builds itself (chat threads, transcripts, lists) escapes every piece of text as
it is written and never passes through Markdown, so it is not cleaned again. Ids and
names that do not look like ours are prefixed, so no note element can stand in for one
the theme or our scripts look up by id.
"""

from __future__ import annotations

import copy
import re

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
# A task list's box ("- [x] done"): only ever a ticked or empty checkbox no one can change
_TAGS.add("input")
_ATTRIBUTES["input"] = {"checked"}
_SET = {"input": {"type": "checkbox", "disabled": ""}}


# The ids our pages and the theme set are lower-case words; anything else in note HTML
# (the theme's "__config", "__search", …) could stand in for one of them.
_PLAIN_ID = re.compile(r"[a-z0-9-][a-z0-9_-]*")
PREFIX = "user-content-"


def safe_id(value: str) -> str:
    """An id or name from note text that cannot clobber one of the theme's or ours."""
    if not value or value.startswith(PREFIX) or (_PLAIN_ID.fullmatch(value) and not value.startswith("mt-")):
        return value
    return PREFIX + value


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("id", "name"):
        return safe_id(value)
    if attribute == "href" and value.startswith("#"):
        return "#" + safe_id(value[1:])  # the same anchor, renamed alike
    return value


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
        attribute_filter=_attribute,
        set_tag_attribute_values=_SET,
    )
