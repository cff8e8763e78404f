"""
Share links: plain addresses of each network's own share page.

No script or image is loaded from a network: a visitor's browser contacts
one only when they follow its link. Mastodon has no central share page, so
the link goes to the instance of the organisation's own account, and is
left out when the portal has no Mastodon account.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from django.utils.translation import gettext as _


@dataclass
class ShareLink:
    network: str
    label: str
    href: str


def mailto(title, url):
    # quote(), not urlencode(): mail clients show a "+" as it is.
    subject = quote(title, safe="")
    body = quote(f"{title}\n\n{url}", safe="")
    return f"mailto:?subject={subject}&body={body}"


def mastodon_instance(account_url):
    """Return `https://host` of a Mastodon account address, or ""."""
    parts = urlsplit(account_url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"https://{parts.netloc}"


def share_links(title, url, mastodon_account_url=""):
    links = [
        ShareLink("email", _("Partager par courriel"), mailto(title, url)),
        ShareLink(
            "facebook",
            _("Partager sur Facebook"),
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        ShareLink(
            "x",
            _("Partager sur X"),
            "https://x.com/intent/post?" + urlencode({"text": title, "url": url}),
        ),
    ]
    instance = mastodon_instance(mastodon_account_url)
    if instance:
        links.append(
            ShareLink(
                "mastodon",
                _("Partager sur Mastodon"),
                f"{instance}/share?" + urlencode({"text": f"{title} {url}"}),
            )
        )
    return links
