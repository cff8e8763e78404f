"""
What visitors can search, kept in the database.

`SearchDocument` is one searchable thing (a community, a testimony, a news
article, later a public message) flattened to text. Publishing writes it in
the same transaction as the page, so the database always knows what should
be findable; a row whose `changed_at` is newer than its `indexed_at` is an
update that the search worker has yet to send to Elasticsearch. The same
rows answer searches when Elasticsearch is absent or down.
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .folding import fold


class Kind(models.TextChoices):
    PATHOLOGY = "pathologie", _("Communauté de pathologie")
    THEME = "theme", _("Thème transversal")
    TESTIMONY = "temoignage", _("Témoignage")
    NEWS = "actualite", _("Actualité")
    DISCUSSION = "discussion", _("Discussion")
    PRESS_RELEASE = "communique", _("Communiqué de presse")


TEXT_VECTOR = (
    SearchVector("title", weight="A", config="french")
    + SearchVector("synonyms", weight="A", config="french")
    + SearchVector("community_terms", weight="B", config="french")
    + SearchVector("body", weight="C", config="french")
)

FOLDED_FIELDS = ("title", "synonyms", "community_terms", "body")


class SearchDocumentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def refresh_search_vectors(self):
        """
        Store what the database fallback searches in these rows: the French
        text vector on PostgreSQL, the folded text elsewhere (SQLite, for
        `make run`), which has no French analysis.
        """
        if connection.vendor == "postgresql":
            return self.update(search_vector=TEXT_VECTOR)
        rows = list(self.only(*FOLDED_FIELDS))
        for row in rows:
            row.folded_text = row.fold()
        self.model.objects.bulk_update(rows, ["folded_text"], batch_size=500)
        return len(rows)

    def pending(self):
        """Return the rows whose last change has not reached Elasticsearch."""
        return self.filter(
            models.Q(indexed_at__isnull=True)
            | models.Q(indexed_at__lt=models.F("changed_at"))
        )


class SearchDocument(models.Model):
    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    synonyms = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    community_key = models.CharField(max_length=64, blank=True)
    community_title = models.CharField(max_length=255, blank=True)
    # The community's name and synonyms: a search for a disease's other name
    # finds everything said in its community.
    community_terms = models.TextField(blank=True)
    categories = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    is_public = models.BooleanField(default=True)

    changed_at = models.DateTimeField()
    indexed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    retry_after = models.DateTimeField(null=True, blank=True)

    # PostgreSQL only: the French text vector the database fallback searches,
    # stored and GIN-indexed so that it is not recomputed for every row.
    search_vector = SearchVectorField(null=True, editable=False)
    # Other databases: the same text lower-cased and without accents.
    folded_text = models.TextField(blank=True, default="", editable=False)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["changed_at"])]

    def __str__(self):
        return self.key

    def fold(self):
        return fold("\n".join(getattr(self, name) for name in FOLDED_FIELDS))


class SearchSynonym(models.Model):
    """A line of equivalent words that staff want the search to treat alike."""

    terms = models.CharField(
        _("termes équivalents"),
        max_length=500,
        unique=True,
        help_text=_(
            "Séparés par des virgules, par exemple : MDPH, maison départementale "
            "des personnes handicapées. Pris en compte à la prochaine "
            "reconstruction de l'index."
        ),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synonyme de recherche")
        verbose_name_plural = _("synonymes de recherche")

    def __str__(self):
        return self.terms

    def as_rule(self):
        """Return the line in Solr synonym format, or '' if it has one term."""
        terms = [term.strip() for term in self.terms.split(",") if term.strip()]
        return ", ".join(terms) if len(terms) > 1 else ""
