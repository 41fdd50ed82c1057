"""Policy text: staff type Markdown; it is rendered and sanitised with nh3 when a version is
saved, and the stored HTML is what every page shows (see docs/policies.md for why)."""

import re

import markdown
import nh3

TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "h2", "h3", "h4", "table", "thead",
        "tbody", "tr", "th", "td", "blockquote", "code", "pre", "br", "hr"}
ATTRIBUTES = {"a": {"href", "title"}}


def render(body: str) -> str:
    """Markdown to safe HTML: only the tags above, links to http(s) and mail only, no style
    or script of any kind (the pages run under a strict CSP). A level-one heading becomes
    level two, since the page's own heading is the policy's title; table headings get a
    column scope."""
    html = markdown.markdown(body or "", extensions=["tables", "sane_lists"])
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    html = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"})
    return re.sub(r"<th>", '<th scope="col">', html)
