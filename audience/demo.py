"""Demo satisfaction survey for `seed_demo`."""

from .models import SurveyField, SurveyPage

SCALE = "Oui, tout à fait\nPlutôt oui\nPlutôt non\nNon"

QUESTIONS = [
    ("Le site est-il agréable à consulter ?", "radio", SCALE, True),
    ("Les messages sont-ils intéressants ?", "radio", SCALE, True),
    ("Avez-vous trouvé ce que vous cherchiez ?", "radio", "Oui\nEn partie\nNon", True),
    ("Une remarque ?", "multiline", "", False),
]


def seed_survey(home):
    """Create the demo survey; return how many pages were created."""
    if SurveyPage.objects.child_of(home).filter(slug="votre-avis").exists():
        return 0
    survey = SurveyPage(
        title="Votre avis sur le site",
        slug="votre-avis",
        introduction=(
            "Quatre questions, une minute : dites-nous ce que vous pensez du "
            "site pour que nous puissions l'améliorer."
        ),
        thank_you_text=(
            "Vos réponses sont bien enregistrées. L'équipe les lit chaque mois."
        ),
    )
    survey.form_fields = [
        SurveyField(label=label, field_type=kind, choices=choices, required=required)
        for label, kind, choices, required in QUESTIONS
    ]
    home.add_child(instance=survey)
    survey.save_revision().publish()
    return 1
