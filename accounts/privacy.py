"""Where the privacy policy lives, for the forms and pages that cite it."""

from portal.models import ServicePage

# The slug of the privacy policy in the demo content (portal/demo/site.json).
PRIVACY_PAGE_SLUG = "donnees-personnelles"


def privacy_page_url():
    """Return the privacy policy's address, or "" while no such page is live."""
    page = ServicePage.objects.live().filter(slug=PRIVACY_PAGE_SLUG).first()
    return (page.url or "") if page else ""
