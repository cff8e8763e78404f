"""
The small markup of messages: plain text, paragraphs, line breaks and links.

The text is escaped piece by piece around the links it contains, so that no
HTML written by a member ever reaches a page: `<script>` shows as text.
Links open nothing new and carry `rel="nofollow ugc"`.
"""

import re

from django.utils.html import escape

URL_RE = re.compile(
    r"""(?P<url>(?:https?://|www\.)[^\s<>"'«»]+[^\s<>"'«».,;:!?)\]])""",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# French numbers: 06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56 78.
PHONE_RE = re.compile(r"(?<!\d)(?:(?:\+|00)33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n")


def render_link(match):
    url = match.group("url")
    href = url if url.lower().startswith("http") else f"https://{url}"
    return f'<a href="{escape(href)}" rel="nofollow ugc">{escape(url)}</a>'


def render_inline(text):
    pieces = []
    position = 0
    for match in URL_RE.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(render_link(match))
        position = match.end()
    pieces.append(escape(text[position:]))
    return "<br>".join("".join(pieces).split("\n"))


def render_message(text):
    """Return the HTML of a message's text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [part.strip("\n") for part in PARAGRAPH_BREAK_RE.split(text)]
    return "".join(f"<p>{render_inline(part)}</p>" for part in paragraphs if part)


def count_links(text):
    return len(URL_RE.findall(text))


def contact_details_in(text):
    """Return the kinds of contact details the text seems to contain."""
    found = []
    if EMAIL_RE.search(text):
        found.append("email")
    if PHONE_RE.search(text):
        found.append("phone")
    return found
