"""
Demo press area for `seed_demo`.

The contact and the releases are invented: a generic service address, no
real person, and news about the network itself.
"""

import datetime

from .models import PressIndexPage, PressReleasePage

PRESS_INDEX = {
    "slug": "presse",
    "title": "Espace presse",
    "introduction": (
        "Journalistes : retrouvez ici les communiqués du réseau. Pour une "
        "interview ou un reportage, écrivez au service presse ; nous vous "
        "mettons en relation avec des membres volontaires, jamais sans leur "
        "accord."
    ),
    "contact_name": "Service presse du réseau",
    "contact_email": "presse@exemple.org",
    "contact_phone": "01 00 00 00 00",
}

PRESS_RELEASES = [
    {
        "slug": "ouverture-du-reseau",
        "title": "Le réseau maladies rares ouvre ses communautés en ligne",
        "published_on": "2026-01-15",
        "introduction": (
            "Une communauté par maladie rare et une par thème transversal : "
            "patients et proches peuvent désormais échanger, sous pseudonyme, "
            "dans un espace modéré."
        ),
        "body": [
            "<p>Le réseau ouvre près d’une centaine de communautés, consacrées "
            "chacune à une maladie rare identifiée par son code ORPHA ou à une "
            "question commune à toutes : l’école, le travail, les droits, "
            "l’isolement.</p>",
            "<p>Tout se lit sans compte. Pour participer, un pseudonyme suffit ; "
            "l’équipe du service modère les échanges selon une charte "
            "publique.</p>",
        ],
    },
    {
        "slug": "journee-maladies-rares-affiches",
        "title": "Journée des maladies rares : des affiches pour chaque communauté",
        "published_on": "2026-02-20",
        "introduction": (
            "À l’approche de la journée internationale des maladies rares, le "
            "réseau met à disposition une affiche et un flyer à imprimer pour "
            "chacune de ses communautés."
        ),
        "body": [
            "<p>Services hospitaliers, centres de référence, associations et "
            "pharmacies peuvent imprimer gratuitement l’affiche ou le flyer d’une "
            "communauté depuis sa page. Un code QR y mène directement.</p>",
            "<p>Les documents s’impriment en noir et blanc sur une imprimante de "
            "bureau, au format A4.</p>",
        ],
    },
]


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_press(home):
    """Create the demo press area; return how many pages were created."""
    created = 0
    press_index = PressIndexPage.objects.child_of(home).first()
    if press_index is None:
        press_index = publish_child(
            home, PressIndexPage(show_in_menus=True, **PRESS_INDEX)
        )
        created += 1

    existing = set(
        PressReleasePage.objects.child_of(press_index).values_list("slug", flat=True)
    )
    for row in PRESS_RELEASES:
        if row["slug"] in existing:
            continue
        publish_child(
            press_index,
            PressReleasePage(
                title=row["title"],
                slug=row["slug"],
                published_on=datetime.date.fromisoformat(row["published_on"]),
                introduction=row["introduction"],
                body=[("paragraph", paragraph) for paragraph in row["body"]],
            ),
        )
        created += 1
    return created
