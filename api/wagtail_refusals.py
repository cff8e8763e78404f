"""
Wagtail's refusals of a query parameter, said in French.

Wagtail's API raises `BadRequestError` with an English sentence and no code.
Each sentence Wagtail 8 writes is matched here to a stable code and a French
message; the English sentence stays in the error's `detail`. A sentence of a
later Wagtail that no pattern knows gets a generic French message.
"""

import re

from django.utils.translation import gettext_lazy as _

from .exceptions import Refused

NAME = r"'?(?P<name>[^']*)'?"

# (pattern of Wagtail's sentence, code, French message with the pattern's groups)
REFUSALS = [
    (
        r"limit cannot be higher than (?P<limit>\d+)",
        "invalid_limit",
        _("Le paramètre limit ne peut pas dépasser %(limit)s."),
    ),
    (
        r"limit must be a positive integer",
        "invalid_limit",
        _("Le paramètre limit doit être un entier positif ou nul."),
    ),
    (
        r"offset must be a positive integer",
        "invalid_offset",
        _("Le paramètre offset doit être un entier positif ou nul."),
    ),
    (
        r"query parameter is not an operation or a recognised field: (?P<names>.*)",
        "unknown_parameter",
        _("Paramètre inconnu : %(names)s."),
    ),
    (
        r"unknown fields: (?P<names>.*)",
        "unknown_field",
        _("Champ inconnu dans fields : %(names)s."),
    ),
    (
        r"fields error: .*",
        "invalid_fields",
        _("Le paramètre fields est mal formé : des noms séparés par des virgules."),
    ),
    (
        rf"{NAME} does not support nested fields",
        "invalid_fields",
        _("Le champ %(name)s n'a pas de sous-champs."),
    ),
    (
        r"type doesn't exist",
        "unknown_type",
        _("Ce type de page n'existe pas (exemple : pathologies.PathologyPage)."),
    ),
    (
        rf"cannot order by {NAME} \((unknown|invalid) field\)",
        "invalid_order",
        _("Impossible de trier sur %(name)s : ce champ n'existe pas ici."),
    ),
    (
        rf"cannot order by {NAME} while searching \(field is not indexed\)",
        "invalid_order",
        _("Impossible de trier sur %(name)s pendant une recherche."),
    ),
    (
        r"random ordering cannot be combined with other fields",
        "invalid_order",
        _("Le tri aléatoire ne se combine avec aucun autre tri."),
    ),
    (
        r"random ordering with offset is not supported",
        "invalid_order",
        _("Le tri aléatoire ne se combine pas avec offset."),
    ),
    (
        r"search is disabled",
        "search_disabled",
        _("La recherche est désactivée sur ce point de l'API."),
    ),
    (
        r"filtering by tag with a search query is not supported",
        "invalid_search",
        _("Une recherche ne se combine pas avec un filtre par mot-clé."),
    ),
    (
        rf"cannot filter by {NAME} while searching \(field is not indexed\)",
        "invalid_search",
        _("Impossible de filtrer sur %(name)s pendant une recherche."),
    ),
    (
        r"(?P<name>child_of|ancestor_of|descendant_of|translation_of) "
        r"must be a positive integer",
        "invalid_filter",
        _("Le paramètre %(name)s doit être l'identifiant d'une page."),
    ),
    (
        r"filtering by descendant_of with child_of is not supported",
        "invalid_filter",
        _("descendant_of ne se combine pas avec child_of."),
    ),
    (
        r"field filter error\. '.*' is not a valid value for (?P<name>\w+).*",
        "invalid_filter",
        _("La valeur du filtre %(name)s n'est pas du bon type."),
    ),
    (
        r"field filter error\. null characters are not allowed for (?P<name>\w+)",
        "invalid_filter",
        _("Le filtre %(name)s contient un caractère nul."),
    ),
    (
        r"(parent|descendant|ancestor|translation_of) page doesn't exist",
        "unknown_page",
        _("La page de ce filtre n'existe pas ou n'est pas publique."),
    ),
    (
        r"rich_text_format must be one of (?P<names>.*), got .*",
        "invalid_parameter",
        _(
            "Le paramètre rich_text_format doit valoir l'une de ces valeurs : "
            "%(names)s."
        ),
    ),
]
COMPILED = [
    (re.compile(pattern, re.DOTALL), code, message)
    for pattern, code, message in REFUSALS
]


def refusal(error):
    """Return the API's refusal for one of Wagtail's `BadRequestError`."""
    sentence = str(error)
    for pattern, code, message in COMPILED:
        match = pattern.fullmatch(sentence)
        if match:
            return Refused(message % match.groupdict(), code, original=sentence)
    return Refused(
        _("Un paramètre de la requête est refusé (le détail, en anglais, suit)."),
        "invalid_parameter",
        original=sentence,
    )
