"""
Cross-community search: bulk indexing and query latency, Elasticsearch
against the database fallback on the same PostgreSQL rows.

Run by `make bench` once Elasticsearch is up. It builds a throwaway test
database, fills it with generated French `SearchDocument` rows (10,000 by
default, `--documents` or BENCH_SEARCH_DOCUMENTS for more), rebuilds an index
behind an alias of its own, then times a fixed mix of searches on both
engines. Prints one JSON object per line; an engine's figure that has a peer
carries the fallback's figure and ours/peer as `ratio`, lower being better.
Fallback statements slower than `--fallback-timeout` are cancelled, which
`search_fallback_cancelled` counts: the fallback's figures are then lower
bounds, and the ratio an upper bound.
"""

import argparse
import contextlib
import dataclasses
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from psycopg.errors import QueryCanceled

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402 (the imports below need django.setup() first)

django.setup()

from django.conf import settings  # noqa: E402
from django.db import OperationalError, connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from bench.common import emit, throwaway_database  # noqa: E402
from search import elastic  # noqa: E402
from search.models import Kind, SearchDocument, SearchSynonym  # noqa: E402
from search.queries import (  # noqa: E402
    SearchParameters,
    search_database,
    search_elasticsearch,
)
from themes_transversal.models import ThemeCategory  # noqa: E402

# Never the portal's own alias: a rebuild deletes the indices it replaces.
BENCH_INDEX_ALIAS = "bench-search-content"
BENCH_DATABASE_NAME = "test_portal_bench_search"
settings.SEARCH_INDEX_ALIAS = BENCH_INDEX_ALIAS

SEED = 2024
DEFAULT_DOCUMENTS = 10_000
INSERT_BATCH_SIZE = 2_000
INDEX_BATCH_SIZE = 1_000
HISTORY_DAYS = 3 * 365
BODY_WORDS = (40, 200)
# Weight of the community of rank r is 1 / r ** ZIPF_EXPONENT: with 100
# communities the largest holds about a fifth of the testimonies.
ZIPF_EXPONENT = 1.0
NEWS_SHARE = 0.015
DEFAULT_ROUNDS = 5
# Elasticsearch warms up on the whole mix, which costs it seconds; the
# fallback's rows were just written and sit in PostgreSQL's cache already.
FALLBACK_WARMUP_SEARCHES = 5
# The fallback is timed over fewer rounds: each of its searches reads every
# row, hundreds of times slower than Elasticsearch, and one pass over the mix
# already gives it 50 samples.
DEFAULT_FALLBACK_ROUNDS = 1
# A fallback SQL statement running longer is cancelled and its search counted
# at the time spent: without a bound a 100,000-document run lasts for hours,
# and a visitor would have met the worker timeout long before.
DEFAULT_FALLBACK_TIMEOUT_SECONDS = 5

CATEGORY_NAMES = {
    "medical": "Médical",
    "societal": "Sociétal",
    "psychological": "Psychologique",
    "financial": "Financier",
}

# Pathology communities: (name, synonyms). Real rare diseases, so that the
# queries below look for what visitors would.
PATHOLOGIES = [
    ("Mucoviscidose", ["fibrose kystique"]),
    ("Drépanocytose", ["anémie falciforme", "drépano"]),
    ("Sclérose latérale amyotrophique", ["SLA", "maladie de Charcot"]),
    ("Myopathie de Duchenne", ["dystrophie musculaire de Duchenne", "DMD"]),
    ("Amyotrophie spinale infantile", ["amyotrophie spinale proximale", "SMA"]),
    ("Syndrome de Rett", []),
    ("Syndrome de l’X fragile", ["X fragile", "syndrome de Martin-Bell"]),
    ("Syndrome de Marfan", ["maladie de Marfan"]),
    ("Syndrome d’Ehlers-Danlos", ["SED", "Ehlers-Danlos"]),
    ("Neurofibromatose de type 1", ["NF1", "maladie de von Recklinghausen"]),
    ("Sclérose tubéreuse de Bourneville", ["STB", "complexe de sclérose tubéreuse"]),
    ("Maladie de Huntington", ["chorée de Huntington"]),
    ("Hémophilie A", ["déficit en facteur VIII"]),
    ("Hémophilie B", ["maladie de Christmas", "déficit en facteur IX"]),
    ("Maladie de Gaucher", []),
    ("Maladie de Fabry", ["maladie d’Anderson-Fabry"]),
    ("Maladie de Pompe", ["glycogénose de type 2"]),
    ("Phénylcétonurie", ["PCU"]),
    ("Syndrome de Prader-Willi", ["SPW"]),
    ("Syndrome d’Angelman", []),
    ("Syndrome de Williams", ["syndrome de Williams-Beuren"]),
    ("Ostéogenèse imparfaite", ["maladie des os de verre"]),
    ("Achondroplasie", []),
    ("Épidermolyse bulleuse", ["maladie des enfants papillons"]),
    ("Syndrome de Dravet", ["épilepsie myoclonique sévère du nourrisson"]),
    ("Syndrome de West", ["spasmes infantiles"]),
    ("Syndrome de Lennox-Gastaut", []),
    ("Ataxie de Friedreich", []),
    ("Maladie de Charcot-Marie-Tooth", ["CMT", "neuropathie sensitivo-motrice"]),
    ("Myasthénie auto-immune", ["myasthénie"]),
    ("Maladie de Wilson", ["dégénérescence hépatolenticulaire"]),
    ("Thalassémie", ["bêta-thalassémie", "anémie de Cooley"]),
    ("Lupus érythémateux systémique", ["lupus", "LES"]),
    ("Sclérodermie systémique", ["sclérodermie"]),
    ("Maladie de Behçet", []),
    ("Sarcoïdose", ["maladie de Besnier-Boeck-Schaumann"]),
    ("Hypertension artérielle pulmonaire", ["HTAP"]),
    ("Syndrome de Turner", ["monosomie X"]),
    ("Syndrome de Klinefelter", ["XXY"]),
    ("Syndrome de Noonan", []),
    ("Syndrome CHARGE", []),
    ("Séquence de Pierre Robin", ["syndrome de Pierre Robin"]),
    ("Microdélétion 22q11", ["syndrome de DiGeorge", "syndrome vélo-cardio-facial"]),
    ("Syndrome de Smith-Magenis", []),
    ("Syndrome de Cornelia de Lange", []),
    ("Syndrome de Sotos", []),
    ("Syndrome de Kabuki", []),
    ("Leucodystrophie métachromatique", []),
    ("Adrénoleucodystrophie", ["ALD"]),
    ("Maladie de Niemann-Pick", []),
    ("Mucopolysaccharidose de type 1", ["MPS1", "maladie de Hurler"]),
    ("Maladie de Sanfilippo", ["mucopolysaccharidose de type 3", "MPS3"]),
    ("Céroïde-lipofuscinose neuronale", ["maladie de Batten"]),
    ("Rétinite pigmentaire", ["rétinopathie pigmentaire"]),
    ("Amaurose congénitale de Leber", ["ACL"]),
    ("Maladie de Stargardt", []),
    ("Syndrome d’Usher", []),
    ("Aniridie", []),
    ("Neuropathie optique héréditaire de Leber", ["NOHL"]),
    ("Dystrophie myotonique de Steinert", ["maladie de Steinert", "DM1"]),
    ("Myopathie facio-scapulo-humérale", ["FSH"]),
    ("Myosite à inclusions", []),
    ("Neuromyélite optique", ["maladie de Devic"]),
    ("Narcolepsie de type 1", ["narcolepsie avec cataplexie"]),
    ("Maladie de Moya-Moya", []),
    ("Syndrome de Gilles de la Tourette", ["Tourette"]),
    ("Fibrodysplasie ossifiante progressive", ["FOP", "maladie de l’homme de pierre"]),
    ("Progéria", ["syndrome de Hutchinson-Gilford"]),
    ("Maladie de Willebrand", []),
    ("Purpura thrombopénique immunologique", ["PTI"]),
    ("Aplasie médullaire", []),
    ("Anémie de Fanconi", []),
    ("Histiocytose langerhansienne", []),
    ("Syndrome néphrotique idiopathique", ["néphrose"]),
    ("Polykystose rénale", ["polykystose rénale autosomique dominante"]),
    ("Syndrome d’Alport", []),
    ("Cystinose", []),
    ("Atrésie des voies biliaires", []),
    ("Cholangite biliaire primitive", ["CBP", "cirrhose biliaire primitive"]),
    ("Maladie de Hirschsprung", []),
    ("Syndrome du grêle court", ["syndrome de l’intestin court"]),
    ("Hyperplasie congénitale des surrénales", ["HCS"]),
    ("Maladie d’Addison", ["insuffisance surrénale primaire"]),
    ("Acromégalie", []),
    ("Maladie de Cushing", ["syndrome de Cushing"]),
    ("Porphyrie aiguë intermittente", ["porphyrie"]),
    ("Angiœdème héréditaire", ["œdème angioneurotique héréditaire"]),
    ("Déficit immunitaire commun variable", ["DICV"]),
    ("Syndrome de Wiskott-Aldrich", []),
    ("Syndrome d’Apert", ["acrocéphalosyndactylie"]),
]

# Transversal theme communities: (name, category slug).
THEMES = [
    ("Errance diagnostique", "medical"),
    ("Parcours de soins et centres experts", "medical"),
    ("Douleur et fatigue chronique", "medical"),
    ("Inclusion scolaire", "societal"),
    ("Vie professionnelle et maintien dans l’emploi", "societal"),
    ("Aidants familiaux", "societal"),
    ("Isolement", "psychological"),
    ("Soutien psychologique", "psychological"),
    ("Droits et aides financières", "financial"),
    ("Frais de santé et reste à charge", "financial"),
]

# What parents, patients and carers write on the forum. `{name}` becomes one
# of the community's names, so its synonyms turn up in the text too.
SENTENCES = [
    "Notre fils a été diagnostiqué à quatre ans après des années d’errance.",
    "Le diagnostic est tombé au centre de référence : {name}.",
    "Depuis l’annonce ({name}), nous avons tout réorganisé à la maison.",
    "On parle peu de {name}, alors je partage notre expérience.",
    "Quelqu’un connaît-il un bon kiné qui connaît {name} ?",
    "La fatigue est le symptôme que personne ne voit.",
    "Certains jours, la fatigue m’empêche de sortir du lit.",
    "Les crises reviennent surtout la nuit et l’épuisement suit le lendemain.",
    "Nous avons eu trois crises cette semaine, la neurologue ajuste le traitement.",
    "La douleur est mieux prise en charge depuis la consultation douleur.",
    "J’ai des douleurs articulaires que les antalgiques ne calment pas.",
    "Le dossier MDPH a mis huit mois à revenir, avec un refus pour l’AEEH.",
    "Nous avons enfin obtenu l’AAH après un recours auprès de la MDPH.",
    "Pensez à demander la PCH pour l’aménagement du véhicule.",
    "L’assistante sociale de l’hôpital nous a aidés à remplir le certificat médical.",
    "Les rendez-vous s’enchaînent : kiné, orthophoniste, ergothérapeute.",
    "La kinésithérapie respiratoire deux fois par jour, c’est notre routine.",
    "Les séances de kinésithérapie l’aident beaucoup à garder sa mobilité.",
    "À l’école, l’AESH a changé trois fois depuis septembre.",
    "Le PAI a été signé avec l’infirmière scolaire et la directrice.",
    "La maîtresse a été formidable, elle a expliqué la maladie à la classe.",
    "Notre fille est en ULIS et s’y sent enfin à sa place.",
    "Le collège refuse d’adapter les horaires malgré le PPS.",
    "L’hôpital de jour tous les mois, c’est devenu notre deuxième maison.",
    "Les hospitalisations répétées pèsent sur toute la famille.",
    "Aux urgences, personne ne connaissait la maladie, j’avais apporté la carte.",
    "La carte d’urgence remise par la filière nous a sauvé la mise.",
    "Le nouveau traitement est disponible en accès précoce.",
    "Il participe à un essai clinique depuis le printemps.",
    "Le traitement de fond a des effets secondaires difficiles à supporter.",
    "Le généticien nous a reçus pour le conseil génétique avant une grossesse.",
    "La consultation pluridisciplinaire permet de tout voir en une journée.",
    "Le centre de compétence le plus proche est à deux heures de route.",
    "Les frais de transport ne sont pas toujours remboursés.",
    "Le reste à charge pour les compléments alimentaires est énorme.",
    "L’isolement est le plus dur, les amis se sont éloignés.",
    "Les aidants s’épuisent, on oublie trop souvent les parents.",
    "J’ai arrêté de travailler pour m’occuper d’elle, on vit avec un seul salaire.",
    "L’AJPP m’a permis de rester auprès de lui pendant l’hospitalisation.",
    "Son frère se sent parfois délaissé, nous en avons parlé avec la psychologue.",
    "Le soutien psychologique proposé par l’association nous a fait du bien.",
    "Les groupes de parole permettent de rencontrer d’autres familles.",
    "Merci pour vos témoignages, on se sent moins seuls.",
    "Je ne sais plus vers qui me tourner, le médecin traitant est démuni.",
    "Le passage en service adulte à dix-huit ans nous inquiète beaucoup.",
    "Mon employeur a accepté un mi-temps thérapeutique.",
    "La RQTH m’a aidé à faire aménager mon poste de travail.",
    "Nous cherchons un logement de plain-pied, l’escalier devient impossible.",
    "Les vacances adaptées existent, mais les places sont rares.",
    "Le séjour de répit a permis à toute la famille de souffler.",
    "Le bilan annuel au CHU s’est bien passé, les résultats sont stables.",
    "L’IRM de contrôle est prévue le mois prochain.",
    "Le kinésithérapeute libéral ne connaissait pas la maladie.",
    "J’ai imprimé le PNDS pour le montrer au pédiatre.",
    "La filière de santé a publié un guide pour les enseignants.",
    "Est-ce que d’autres parents ont vécu la même chose ?",
    "On garde espoir, la recherche avance.",
    "Après des années de diagnostics erronés, on sait enfin à quoi s’attendre.",
    "La première année après le diagnostic a été la plus difficile.",
    "La fatigue chronique est mal comprise au travail.",
    "Notre quotidien est rythmé par les soins et les rendez-vous médicaux.",
    "Les nuits sont courtes, les réveils nombreux.",
    "La prise en charge à 100 % au titre de l’ALD a été acceptée.",
    "Nous avons fait appel à une association de patients pour le recours.",
    "La crèche a accepté de l’accueillir avec un protocole d’urgence.",
    "Les douleurs neuropathiques sont traitées par un nouveau médicament.",
]

TESTIMONY_TITLES = [
    "Trois ans d’errance avant le diagnostic",
    "Notre parcours avec {name}",
    "{name} : notre quotidien",
    "Vivre avec {name} au travail",
    "La rentrée en ULIS",
    "Quand la fatigue prend toute la place",
    "Premier rendez-vous au centre de référence",
    "Le dossier MDPH, mode d’emploi",
    "Notre recours pour l’AAH",
    "Les crises de la nuit",
    "Aidant à plein temps",
    "L’isolement après l’annonce",
    "La kinésithérapie au quotidien",
    "Un essai clinique, et après ?",
    "Frère et sœur face à la maladie",
    "Nos vacances adaptées",
    "Passer en service adulte",
    "Douleur : ce qui nous a aidés",
    "Le jour où le diagnostic est tombé",
    "Retour à l’école après l’hospitalisation",
]

NEWS_TITLES = [
    "Journée internationale des maladies rares : le programme",
    "Un nouveau protocole national de diagnostic et de soins publié",
    "Essai clinique : les inclusions sont ouvertes",
    "Revalorisation de l’AAH au 1er avril",
    "MDPH : des délais de traitement toujours longs",
    "Les filières de santé maladies rares lancent un annuaire",
    "Accès précoce : un traitement autorisé pour les enfants",
    "Un guide pour l’accueil à l’école des élèves malades",
]


@dataclasses.dataclass(frozen=True)
class Community:
    key: str
    kind: str
    name: str
    synonyms: tuple
    categories: tuple
    slug: str


def community_keys():
    """Return each community's name and key, the key fixed by the lists' order."""
    names = [name for name, _ in PATHOLOGIES] + [name for name, _ in THEMES]
    return {name: f"bench:{number}" for number, name in enumerate(names)}


def build_communities(rng):
    keys = community_keys()
    communities = []
    for name, synonyms in PATHOLOGIES:
        categories = rng.sample(sorted(CATEGORY_NAMES), k=rng.randint(1, 3))
        communities.append((Kind.PATHOLOGY, name, tuple(synonyms), categories))
    for name, category in THEMES:
        communities.append((Kind.THEME, name, (), [category]))
    return [
        Community(
            key=keys[name],
            kind=kind,
            name=name,
            synonyms=synonyms,
            categories=tuple(sorted(categories)),
            slug=slugify(name),
        )
        for kind, name, synonyms, categories in communities
    ]


def community_fields(community):
    return {
        "community_key": community.key,
        "community_title": community.name,
        "community_terms": "\n".join([community.name, *community.synonyms]),
        "categories": list(community.categories),
    }


def forum_body(rng, community):
    """Return 40 to 200 words of forum sentences about the community."""
    names = [community.name, *community.synonyms]
    words = []
    target = rng.randint(*BODY_WORDS)
    while len(words) < target:
        sentence = rng.choice(SENTENCES)
        # A theme's name does not read as a diagnosis.
        if "{name}" in sentence and community.kind != Kind.PATHOLOGY:
            continue
        words += sentence.format(name=rng.choice(names)).split()
    return " ".join(words[:target])


def generated_documents(count, rng, now):
    """
    Yield `count` unsaved rows: one per community first, then testimonies
    spread over the communities by a Zipf-like law, with a few news articles.
    """
    communities = build_communities(rng)
    ranked = communities[:]
    rng.shuffle(ranked)
    cumulative, total = [], 0.0
    for rank in range(1, len(ranked) + 1):
        total += 1 / rank**ZIPF_EXPONENT
        cumulative.append(total)

    def published_at():
        return now - datetime.timedelta(seconds=rng.uniform(0, HISTORY_DAYS * 86_400))

    def row(number, **fields):
        return SearchDocument(
            key=f"bench:{number}",
            is_public=True,
            changed_at=now,
            published_at=published_at(),
            **fields,
        )

    for number, community in enumerate(communities[:count]):
        intro = f"{community.name} : la communauté des patients, parents et aidants."
        yield row(
            number,
            kind=community.kind,
            title=community.name,
            body=f"{intro} {forum_body(rng, community)}",
            synonyms="\n".join(community.synonyms),
            url=f"/communautes/{community.slug}/",
            **community_fields(community),
        )

    for number in range(len(communities), count):
        if rng.random() < NEWS_SHARE:
            yield row(
                number,
                kind=Kind.NEWS,
                title=rng.choice(NEWS_TITLES),
                body=forum_body(rng, rng.choice(communities)),
                url=f"/actualites/{number}/",
            )
            continue
        community = rng.choices(ranked, cum_weights=cumulative)[0]
        title = rng.choice(TESTIMONY_TITLES)
        if "{name}" in title and community.kind != Kind.PATHOLOGY:
            title = TESTIMONY_TITLES[0]
        yield row(
            number,
            kind=Kind.TESTIMONY,
            title=title.format(name=community.name),
            body=forum_body(rng, community),
            url=f"/communautes/{community.slug}/temoignages/{number}/",
            **community_fields(community),
        )


def fill_database(count):
    """
    Write the generated rows, the theme categories the facets name, and a few
    staff synonyms, since they shape the index's search analyzer.
    """
    ThemeCategory.objects.bulk_create(
        ThemeCategory(name=name, slug=slug, sort_order=order)
        for order, (slug, name) in enumerate(CATEGORY_NAMES.items())
    )
    SearchSynonym.objects.bulk_create(
        [
            SearchSynonym(
                terms="MDPH, maison départementale des personnes handicapées"
            ),
            SearchSynonym(terms="AAH, allocation aux adultes handicapés"),
            SearchSynonym(terms="kiné, kinésithérapie, kinésithérapeute"),
        ]
    )
    rng = random.Random(SEED)
    batch = []
    for document in generated_documents(count, rng, timezone.now()):
        batch.append(document)
        if len(batch) == INSERT_BATCH_SIZE:
            SearchDocument.objects.bulk_create(batch)
            batch = []
    SearchDocument.objects.bulk_create(batch)
    # Publishing stores each row's text vector; rows made in bulk need it too.
    SearchDocument.objects.all().refresh_search_vectors()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")


def query_mix():
    """
    Return the searches to time: plain queries as typed (plurals, missing
    accents, typos, elisions, a community's other names), then the same kind
    of queries narrowed by facets, sorted by date or paged.
    """
    keys = community_keys()
    testimony, news = Kind.TESTIMONY.value, Kind.NEWS.value
    typed = [
        "mucoviscidose",
        "fibrose kystique",
        "maladie de Charcot",
        "drepanocytose",
        "mucovicidose",
        "Ehlers Danlos",
        "os de verre",
        "enfants papillons",
        "X fragile",
        "écoles",
        "l’école",
        "l'ecole inclusive",
        "d’errance diagnostique",
        "errance",
        "fatigue chronique",
        "fatiuge",
        "diagnotsic",
        "hopital de jour",
        "kinésithérapeute",
        "kine respiratoire",
        "MDPH",
        "dossier MDPH refusé",
        "AAH",
        "centre de référence",
        "centres de reference",
        "rendez-vous",
        "douleurs",
        "crises d'épilepsie la nuit",
        "aidants",
        "isolement",
    ]
    faceted = [
        {"communities": ["Mucoviscidose"]},
        {"kinds": [testimony], "sort": "date"},
        {"query": "fatigue", "kinds": [testimony]},
        {"query": "école", "categories": ["societal"]},
        {"query": "traitement", "communities": ["Mucoviscidose", "Drépanocytose"]},
        {"query": "MDPH", "categories": ["financial"], "period": "annee"},
        {"query": "douleur", "period": "mois"},
        {"query": "diagnostic", "period": "ancien"},
        {"query": "hôpital", "sort": "date"},
        {"query": "crises", "sort": "date", "page": 2},
        {"query": "fatigue", "page": 2},
        {"query": "rendez-vous", "page": 3},
        {"query": "aidants", "kinds": [testimony, news]},
        {"query": "essai clinique", "kinds": [news]},
        {"query": "errance", "communities": ["Syndrome de Rett"], "page": 2},
        {
            "query": "kinésithérapie",
            "communities": ["Myopathie de Duchenne"],
            "categories": ["medical"],
        },
        {"query": "isolement", "categories": ["psychological"], "sort": "date"},
        {
            "query": "AAH",
            "kinds": [testimony],
            "categories": ["financial"],
            "period": "annee",
        },
        {"categories": ["medical"], "period": "mois", "page": 2},
        {"query": "maladie de Charcot", "kinds": [testimony], "sort": "date"},
    ]
    searches = [SearchParameters(query=query) for query in typed]
    for facets in faceted:
        communities = tuple(
            sorted(keys[name] for name in facets.get("communities", []))
        )
        searches.append(
            SearchParameters(
                query=facets.get("query", ""),
                kinds=tuple(sorted(facets.get("kinds", []))),
                communities=communities,
                categories=tuple(sorted(facets.get("categories", []))),
                period=facets.get("period", ""),
                sort=facets.get("sort", "pertinence"),
                page=facets.get("page", 1),
            )
        )
    return searches


def percentile_95(samples):
    return statistics.quantiles(samples, n=100, method="inclusive")[94]


def time_searches(search, searches):
    """Return each search's time in ms and how many the database cancelled."""
    timings = []
    cancelled = 0
    for parameters in searches:
        started = time.perf_counter()
        try:
            search(parameters)
        except OperationalError as error:
            if not isinstance(error.__cause__, QueryCanceled):
                raise
            cancelled += 1
        timings.append((time.perf_counter() - started) * 1000)
    return timings, cancelled


@contextlib.contextmanager
def statement_timeout(seconds):
    """Bound every SQL statement of the block; 0 leaves them unbounded."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, false)",
            [str(round(seconds * 1000))],
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")


def delete_bench_indices(es):
    """Delete every index this benchmark made, even one a failed rebuild left."""
    names = list(es.indices.get(index=f"{BENCH_INDEX_ALIAS}-*"))
    for name in names:
        es.indices.delete(index=name)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--documents",
        type=int,
        default=int(os.environ.get("BENCH_SEARCH_DOCUMENTS", DEFAULT_DOCUMENTS)),
    )
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    parser.add_argument("--fallback-rounds", type=int, default=DEFAULT_FALLBACK_ROUNDS)
    parser.add_argument(
        "--fallback-timeout",
        type=float,
        default=DEFAULT_FALLBACK_TIMEOUT_SECONDS,
        help="seconds; 0 for none",
    )
    arguments = parser.parse_args()

    # The test settings leave Elasticsearch out; this benchmark wants both engines.
    settings.ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
    if not settings.ELASTICSEARCH_URL:
        skipped = {"name": "search", "skipped": "ELASTICSEARCH_URL is not set"}
        print(json.dumps(skipped), file=sys.stderr)
        sys.exit(1 if os.environ.get("CI") in ("true", "1") else 0)

    es = elastic.client()
    with throwaway_database(BENCH_DATABASE_NAME):
        try:
            fill_database(arguments.documents)
            emit("search_documents", arguments.documents, "documents")

            started = time.perf_counter()
            elastic.rebuild(es, None, batch_size=INDEX_BATCH_SIZE)
            seconds = time.perf_counter() - started
            emit("search_bulk_index_seconds", seconds, "s")
            emit(
                "search_bulk_index_throughput",
                arguments.documents / seconds,
                "documents/s",
            )

            searches = query_mix()
            time_searches(search_elasticsearch, searches)
            ours = []
            for _ in range(arguments.rounds):
                ours += time_searches(search_elasticsearch, searches)[0]

            peer = []
            cancelled = 0
            with statement_timeout(arguments.fallback_timeout):
                time_searches(search_database, searches[:FALLBACK_WARMUP_SEARCHES])
                for _ in range(arguments.fallback_rounds):
                    timings, round_cancelled = time_searches(search_database, searches)
                    peer += timings
                    cancelled += round_cancelled

            for name, figure in (
                ("search_query_p50", statistics.median),
                ("search_query_p95", percentile_95),
            ):
                emit(
                    name,
                    figure(ours),
                    "ms",
                    peer="database_fallback",
                    peer_value=figure(peer),
                )
            # When some were cancelled, the fallback's figures are lower bounds.
            emit("search_fallback_cancelled", cancelled, "searches")
        finally:
            delete_bench_indices(es)


if __name__ == "__main__":
    main()
