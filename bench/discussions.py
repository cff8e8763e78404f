"""
Render time and SQL queries of a discussion of 1,000 messages and of a
community page holding 200 discussions, with django-comments-xtd's stock
thread rendering measured on the same messages as the peer.

Run by `make bench` on PostgreSQL: it builds a throwaway test database and
prints one JSON object per line (`--requests` sets the number of timed
rounds of each measure, 50 by default).

The data goes through the portal's services. Each discussion is opened with
`services.start_discussion`; its replies are saved one by one, in posting
order, with `services.create_message`, the function `post_reply` calls, so
xtd's `save` computes the thread fields (`thread_id`, `parent_id`, `level`,
`order`) as in production. What `post_reply` does after each message
(counters, search row, e-mails to followers) runs once per discussion
instead, with `sync_discussion`, to keep the build short. A quarter of the
replies open a branch, the others answer one of the latest messages one or
two levels up, which gives the three levels xtd allows. Twenty members write
French texts of one sentence to three paragraphs, some with a link. New
members' first messages are not held (`DISCUSSIONS_HELD_FIRST_MESSAGES=0`):
every message is published, and both renderings show all 1,000, which the
benchmark checks.

The peer is the template `{% render_xtdcomment_tree for discussion %}` with
xtd's own `comment_tree.html`, rendered with a request context and the
reverse names it needs (`bench.xtd_urls`). It renders the thread and nothing
else, so two comparisons are printed:

- `discussion_thread_*`, the like-for-like one: the portal's own thread
  (`build_thread` and `discussions/includes/thread.html`, the template the
  page includes) against the peer.
- `discussion_page_*`: the whole GET of the discussion page (middleware,
  view, layout, view count) against the same peer figure. Our side does more
  work there, so this ratio is an upper bound.

Both sides are timed in the same process on the same rows, after warm-up
rounds, so templates, content types and sites are cached for both. Most of
the peer's queries come from its template, which asks for each author's
permissions (two queries a message); each message's permalink costs none
(`Message.get_absolute_url` does not load the discussion).

The community page's queries are counted with 10 discussions, then with 200:
the two counts should be equal, and a difference is reported on stderr.
"""

import argparse
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402 (Django must be configured before its imports)

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.template import engines  # noqa: E402
from django.template.loader import get_template  # noqa: E402
from django.test import Client, RequestFactory, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.common import emit, throwaway_database  # noqa: E402
from discussions import services  # noqa: E402
from discussions.models import MessageStatus  # noqa: E402

SEED = 1207
WARMUP_ROUNDS = 3
THREAD_MESSAGES = 1_000
COMMUNITY_DISCUSSIONS = 200
FIRST_COMMUNITY_DISCUSSIONS = 10
PEER = "xtd_render_xtdcomment_tree"
PEER_TEMPLATE = "{% load comments_xtd %}{% render_xtdcomment_tree for discussion %}"

MEMBER_NAMES = [
    "Coquelicot",
    "Mistral",
    "Lavande",
    "Papillon_bleu",
    "Gaspard84",
    "Maman_de_Lina",
    "Celine.R",
    "Ondine",
    "Pierrot_du_Nord",
    "Anemone",
    "Bruno_Lyon",
    "Hirondelle",
    "Sofiane",
    "Marguerite_56",
    "Tournesol",
    "Jeanne-Marie",
    "Colibri",
    "Yann_B",
    "Myrtille",
    "Aidant_Paris",
]

TITLES = [
    "Errance diagnostique : combien de temps avant d'être fixés ?",
    "Premier rendez-vous au centre de référence, vos conseils ?",
    "Fatigue chronique et reprise du travail à temps partiel",
    "Dossier MDPH : quelles pièces ont fait la différence ?",
    "Scolarité et PAP : comment en parler aux enseignants ?",
    "Effets secondaires du traitement de fond",
    "Kinésithérapie : à quelle fréquence ?",
    "Annoncer la maladie à ses proches",
    "Voyager avec un traitement au froid",
    "Essais cliniques en cours en France",
    "Douleurs la nuit, comment vous faites ?",
    "Frères et sœurs : comment les accompagner ?",
    "ALD et remboursement des transports",
    "Groupe de parole près de Bordeaux",
    "Alimentation adaptée, vos recettes",
]

OPENINGS = [
    "Bonjour à tous,",
    "Bonsoir,",
    "Merci pour ce partage.",
    "Je me permets de répondre à votre message.",
    "Coucou tout le monde !",
    "",
    "",
]

SENTENCES = [
    "Notre fille a été diagnostiquée à quatre ans, après presque trois ans "
    "d'examens dans différents hôpitaux.",
    "Le centre de référence nous a enfin donné un nom pour ce que nous "
    "vivions depuis des années.",
    "La fatigue reste le plus difficile à expliquer à l'entourage, parce "
    "qu'elle ne se voit pas.",
    "J'ai repris le travail en mi-temps thérapeutique et cela se passe mieux "
    "que je ne le craignais.",
    "Le dossier MDPH nous a pris des semaines, surtout le certificat médical.",
    "Pensez à demander un compte rendu écrit après chaque consultation.",
    "L'infirmière coordinatrice a été d'une aide précieuse pour organiser "
    "les soins à domicile.",
    "Nous avons obtenu un PAP à l'école, avec un temps de repos l'après-midi.",
    "Les séances de kinésithérapie deux fois par semaine ont vraiment aidé.",
    "De mon côté, les effets secondaires se sont atténués après le deuxième mois.",
    "Je note tout dans un carnet pour ne rien oublier lors des rendez-vous.",
    "Mon neurologue m'a proposé de participer à un protocole de recherche.",
    "Il ne faut pas hésiter à demander un deuxième avis.",
    "Les nuits restent compliquées, mais nous avons trouvé un rythme.",
    "L'association nous a mis en contact avec une famille qui vit la même "
    "chose à deux heures de chez nous.",
    "Mon mari a du mal à en parler, alors nous avançons chacun à notre façon.",
    "Le transport en taxi conventionné est pris en charge avec l'ALD.",
    "Nous partons en vacances avec une trousse isotherme et l'ordonnance en double.",
    "La psychologue du service nous a beaucoup aidés au moment de l'annonce.",
    "Je me sens moins seule depuis que je lis vos messages.",
    "Est-ce que quelqu'un a essayé la balnéothérapie ?",
    "Comment avez-vous expliqué la maladie aux grands-parents ?",
    "Le médecin scolaire n'était pas au courant de la pathologie, nous lui "
    "avons apporté la fiche Orphanet.",
    "Nous attendons encore les résultats génétiques, cela fait huit mois.",
    "Courage, les premiers mois sont les plus durs.",
    "Je vous envoie plein de pensées positives.",
]

LINK_SENTENCES = [
    "La fiche Orphanet est claire : https://www.orpha.net/fr/disease/detail/232",
    "Le protocole national de diagnostic et de soins est en ligne sur "
    "https://www.has-sante.fr/jcms/c_1340879/fr/pnds",
    "Maladies Rares Info Services répond au téléphone et par écrit : "
    "https://www.maladiesraresinfo.org/",
    "Tout est expliqué sur www.alliance-maladies-rares.org",
    "Pour l'ALD, voir https://www.ameli.fr/assure/droits-demarches/"
    "maladie-accident-hospitalisation/affection-longue-duree-ald",
]

CLOSINGS = [
    "Courage à vous.",
    "Prenez soin de vous.",
    "Je vous tiens au courant.",
    "Bonne soirée à tous.",
    "",
    "",
    "",
]


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def message_text(rng):
    """Return a French message of one sentence to three paragraphs."""
    size = rng.random()
    if size < 0.4:
        count, paragraphs = rng.randint(1, 2), 1
    elif size < 0.8:
        count, paragraphs = rng.randint(3, 5), rng.randint(1, 2)
    else:
        count, paragraphs = rng.randint(6, 12), 3
    sentences = rng.sample(SENTENCES, count)
    if rng.random() < 0.15:
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(LINK_SENTENCES))
    cut = sorted(
        rng.sample(range(1, len(sentences)), min(paragraphs, len(sentences)) - 1)
    )
    blocks = [" ".join(part) for part in split_at(sentences, cut)]
    return "\n\n".join(
        part for part in (rng.choice(OPENINGS), *blocks, rng.choice(CLOSINGS)) if part
    )


def split_at(items, cuts):
    bounds = [0, *cuts, len(items)]
    return [items[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


def pick_author(rng, members, avoid=None):
    author = rng.choice(members)
    while author.pk == avoid:
        author = rng.choice(members)
    return author


@transaction.atomic
def add_replies(rng, discussion, members, count):
    """
    Write `count` replies in a plausible order: a quarter open a branch, the
    others answer one of the latest messages one or two levels up. Then
    bring the discussion's counters and search row up to date, once.
    """
    recent_by_level = {0: [discussion.opening_message()], 1: []}
    for _ in range(count):
        roll = rng.random()
        if roll < 0.25:
            parent = None
        elif roll < 0.7 or not recent_by_level[1]:
            parent = rng.choice(recent_by_level[0][-8:])
        else:
            parent = rng.choice(recent_by_level[1][-8:])
        author = pick_author(rng, members, avoid=parent and parent.user_id)
        message = services.create_message(discussion, author, message_text(rng), parent)
        if message.status != MessageStatus.PUBLISHED:
            raise RuntimeError(f"message {message.pk} held: {message.held_because}")
        if message.level in recent_by_level:
            recent_by_level[message.level].append(message)
    services.sync_discussion(discussion)


def start_discussions(rng, place, members, count, replies=(0, 4)):
    discussions = []
    for _ in range(count):
        discussion, _opening = services.start_discussion(
            place=place,
            author=pick_author(rng, members),
            title=rng.choice(TITLES),
            text=message_text(rng),
            follow=False,
        )
        add_replies(rng, discussion, members, rng.randint(*replies))
        discussions.append(discussion)
    return discussions


def fetch(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return response


def count_queries(action):
    """
    Return the number of queries of one call made after a first one, with
    warm caches, and what the call returned.
    """
    action()
    with CaptureQueriesContext(connection) as queries:
        result = action()
    return len(queries), result


def time_rounds(action, rounds):
    for _ in range(WARMUP_ROUNDS):
        action()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(samples), "p95": percentile(samples, 0.95)}


def anonymous_request(url):
    request = RequestFactory(HTTP_HOST="localhost").get(url)
    request.user = AnonymousUser()
    return request


def our_thread_renderer(discussion):
    """
    Return a function rendering the discussion's messages as its page does:
    `build_thread` and the page's thread template.
    """
    from discussions.thread import build_thread

    template = get_template("discussions/includes/thread.html")
    request = anonymous_request(discussion.get_absolute_url())

    def render():
        thread = build_thread(discussion, request.user)
        return template.render({"discussion": discussion, "thread": thread}, request)

    return render


def peer_renderer(discussion):
    template = engines["django"].from_string(PEER_TEMPLATE)
    request = anonymous_request(discussion.get_absolute_url())
    return lambda: template.render({"discussion": discussion}, request)


def measure_discussion(client, discussion, small_discussion, rounds):
    url = discussion.get_absolute_url()
    page = time_rounds(lambda: fetch(client, url), rounds)
    page_queries, _response = count_queries(lambda: fetch(client, url))
    small_url = small_discussion.get_absolute_url()
    small_page_queries, _response = count_queries(lambda: fetch(client, small_url))
    render_ours = our_thread_renderer(discussion)
    thread = time_rounds(render_ours, rounds)
    thread_queries, html = count_queries(render_ours)
    shown = html.count('id="message-')

    with override_settings(ROOT_URLCONF="bench.xtd_urls"):
        render_peer = peer_renderer(discussion)
        peer = time_rounds(render_peer, rounds)
        peer_queries, html = count_queries(render_peer)
        peer_shown = html.count('<div id="c')
    if not shown == peer_shown == THREAD_MESSAGES:
        raise RuntimeError(f"ours shows {shown} messages, xtd {peer_shown}")

    for measure, figures in (("page", page), ("thread", thread)):
        for stat in ("p50", "p95"):
            emit(
                f"discussion_{measure}_{THREAD_MESSAGES}_messages_{stat}",
                figures[stat],
                "ms",
                peer=PEER,
                peer_value=peer[stat],
            )
    for measure, count in (("page", page_queries), ("thread", thread_queries)):
        emit(
            f"discussion_{measure}_queries",
            count,
            "queries",
            peer=PEER,
            peer_value=peer_queries,
        )
    small_size = small_discussion.messages.count()
    emit(
        f"discussion_page_queries_{small_size}_messages", small_page_queries, "queries"
    )
    if small_page_queries != page_queries:
        print(
            f"discussion page: {page_queries} queries with {shown} messages, "
            f"{small_page_queries} with {small_size}",
            file=sys.stderr,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=50)
    arguments = parser.parse_args()

    from tests.factories import (
        build_home,
        build_member,
        build_pathology,
        build_pathology_index,
    )

    # One INFO line per discussion started would bury the figures.
    logging.getLogger("discussions").setLevel(logging.WARNING)
    rng = random.Random(SEED)
    with (
        throwaway_database("test_portal_bench_discussions"),
        override_settings(DISCUSSIONS_HELD_FIRST_MESSAGES=0),
    ):
        home = build_home()
        pathology = build_pathology(
            build_pathology_index(home), title="Syndrome de Marfan"
        )
        members = [build_member(username=name) for name in MEMBER_NAMES]
        client = Client(HTTP_HOST="localhost")

        started = time.perf_counter()
        (small,) = start_discussions(rng, pathology, members, 1, replies=(2, 2))
        start_discussions(rng, pathology, members, FIRST_COMMUNITY_DISCUSSIONS - 1)
        first_queries, _response = count_queries(lambda: fetch(client, pathology.url))

        (discussion,) = start_discussions(
            rng, pathology, members, 1, replies=(THREAD_MESSAGES - 1,) * 2
        )
        start_discussions(
            rng,
            pathology,
            members,
            COMMUNITY_DISCUSSIONS - FIRST_COMMUNITY_DISCUSSIONS - 1,
        )
        seconds = time.perf_counter() - started
        print(f"bench/discussions.py: data built in {seconds:.0f} s", file=sys.stderr)

        measure_discussion(client, discussion, small, arguments.requests)

        community = time_rounds(
            lambda: fetch(client, pathology.url), arguments.requests
        )
        community_queries, _response = count_queries(
            lambda: fetch(client, pathology.url)
        )
        size = f"{COMMUNITY_DISCUSSIONS}_discussions"
        emit(f"community_page_{size}_p50", community["p50"], "ms")
        emit(f"community_page_{size}_p95", community["p95"], "ms")
        emit("community_page_queries", community_queries, "queries")
        emit(
            f"community_page_queries_{FIRST_COMMUNITY_DISCUSSIONS}_discussions",
            first_queries,
            "queries",
        )
        if community_queries != first_queries:
            print(
                f"community page: {community_queries} queries with "
                f"{COMMUNITY_DISCUSSIONS} discussions, {first_queries} with "
                f"{FIRST_COMMUNITY_DISCUSSIONS}",
                file=sys.stderr,
            )


if __name__ == "__main__":
    main()
