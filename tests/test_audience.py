import csv
import datetime
import io
import logging
import re
import threading

import pytest
from django.core.cache.backends.base import BaseCache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from audience import recorder
from audience.demo import seed_survey
from audience.models import (
    DailyViews,
    DailyVisitors,
    PageViewTotal,
    SurveyPage,
    ViewKind,
)
from audience.statistics import month_starts
from audience.worker import claim, flush
from discussions.models import Message, MessageStatus, ModerationDecision

from . import factories

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def visitor(address="203.0.113.7", agent=BROWSER):
    return Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


@pytest.fixture
def community(pathology_index):
    return factories.build_pathology(pathology_index, title="Syndrome de Marfan")


@pytest.fixture
def testimony(community):
    return factories.build_testimony(community, title="Mon quotidien")


@pytest.fixture
def discussion(community):
    return factories.build_discussion(community, factories.build_member())


def discussion_views(discussion):
    discussion.refresh_from_db()
    return discussion.view_count


def page_views(page):
    total = PageViewTotal.objects.filter(page=page).first()
    return total.views if total else 0


class BrokenCache(BaseCache):
    """A cache whose server is down: every operation raises."""

    def __init__(self, location, params):
        super().__init__(params)

    def fail(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    add = get = set = touch = delete = incr = decr = get_many = clear = fail
    has_key = set_many = delete_many = fail


# Counting views


def test_a_page_view_is_counted_after_a_flush(testimony):
    response = visitor().get(testimony.url)

    flush()

    assert response.status_code == 200
    assert page_views(testimony) == 1
    row = DailyViews.objects.get(kind=ViewKind.PAGE, object_id=testimony.pk)
    assert (row.day, row.views) == (timezone.localdate(), 1)


def test_a_discussion_view_is_counted_after_a_flush(discussion):
    response = visitor().get(discussion.get_absolute_url())

    flush()

    assert response.status_code == 200
    assert discussion_views(discussion) == 1
    assert DailyViews.objects.get(kind=ViewKind.DISCUSSION).views == 1


def test_views_wait_in_the_cache_until_the_flush(discussion):
    visitor().get(discussion.get_absolute_url())

    assert discussion_views(discussion) == 0
    assert not DailyViews.objects.exists()


def test_a_testimony_shows_its_counted_views(testimony):
    visitor("203.0.113.1").get(testimony.url)
    visitor("203.0.113.2").get(testimony.url)
    flush()

    response = visitor("203.0.113.3").get(testimony.url)

    assert "2 consultations" in response.content.decode()


def test_a_robot_is_not_counted(discussion):
    robot = visitor(agent="Mozilla/5.0 (compatible; Googlebot/2.1)")

    robot.get(discussion.get_absolute_url())
    flush()

    assert discussion_views(discussion) == 0


def test_a_client_without_user_agent_is_not_counted(discussion):
    Client(REMOTE_ADDR="203.0.113.7").get(discussion.get_absolute_url())

    flush()

    assert discussion_views(discussion) == 0


def test_a_head_request_is_not_counted(testimony):
    response = visitor().head(testimony.url)

    flush()

    assert response.status_code == 200
    assert page_views(testimony) == 0


def test_a_prefetch_is_not_counted(testimony):
    visitor().get(testimony.url, headers={"sec-purpose": "prefetch"})

    flush()

    assert page_views(testimony) == 0


def test_a_redirect_is_not_counted(discussion):
    url = reverse("discussion_detail", kwargs={"pk": discussion.pk, "slug": "autre"})

    response = visitor().get(url)
    flush()

    assert response.status_code == 301
    assert discussion_views(discussion) == 0


def test_a_reload_within_the_window_counts_once(discussion):
    reader = visitor("203.0.113.7")

    reader.get(discussion.get_absolute_url())
    reader.get(discussion.get_absolute_url())
    flush()

    assert discussion_views(discussion) == 1


def test_another_visitor_counts_again(discussion):
    visitor("203.0.113.7").get(discussion.get_absolute_url())

    visitor("203.0.113.8").get(discussion.get_absolute_url())
    flush()

    assert discussion_views(discussion) == 2
    assert DailyVisitors.objects.get().visitors == 2


def test_a_visitor_counts_once_a_day_however_many_pages(discussion, testimony):
    reader = visitor()

    reader.get(discussion.get_absolute_url())
    reader.get(testimony.url)
    flush()

    assert DailyViews.objects.count() == 2
    assert DailyVisitors.objects.get().visitors == 1


def test_the_same_visitor_the_next_day_is_a_new_visitor(rf):
    request = rf.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")
    monday = timezone.make_aware(datetime.datetime(2025, 3, 3, 12))
    tuesday = monday + datetime.timedelta(days=1)

    recorder.count_view(request, ViewKind.PAGE, 1, now=monday)
    recorder.count_view(request, ViewKind.PAGE, 2, now=tuesday)
    flush(today=tuesday.date())

    assert dict(DailyVisitors.objects.values_list("day", "visitors")) == {
        monday.date(): 1,
        tuesday.date(): 1,
    }


def test_counting_can_be_switched_off(settings, discussion):
    settings.AUDIENCE_COUNTING = False

    visitor().get(discussion.get_absolute_url())
    flush()

    assert discussion_views(discussion) == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_views_are_all_counted_exactly(pathology_index):
    community = factories.build_pathology(pathology_index)
    discussion = factories.build_discussion(community, factories.build_member())
    url = discussion.get_absolute_url()
    statuses = []

    def read(thread_number):
        client = Client(HTTP_USER_AGENT=BROWSER)
        try:
            for view in range(10):
                address = f"198.51.100.{thread_number * 10 + view + 1}"
                statuses.append(client.get(url, REMOTE_ADDR=address).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=read, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    flush()

    assert statuses == [200] * 80
    assert discussion_views(discussion) == 80
    assert DailyVisitors.objects.get().visitors == 80


def test_two_flushes_never_claim_the_same_views():
    cache = recorder.counting_cache()
    cache.set("audience:test-counter", 5)

    first = claim(cache, "audience:test-counter", 5)
    second = claim(cache, "audience:test-counter", 5)

    assert (first, second) == (5, 0)
    assert cache.get("audience:test-counter") == 0


def test_views_counted_during_a_flush_wait_for_the_next_one(discussion):
    reader_url = discussion.get_absolute_url()
    visitor("203.0.113.1").get(reader_url)
    flush()

    visitor("203.0.113.2").get(reader_url)
    flush()
    flush()

    assert discussion_views(discussion) == 2


def test_a_failing_cache_still_serves_pages_and_logs_a_warning(
    settings, caplog, discussion, testimony
):
    settings.CACHES = {
        **settings.CACHES,
        "audience": {"BACKEND": "tests.test_audience.BrokenCache"},
    }
    settings.AUDIENCE_CACHE = "audience"

    with caplog.at_level(logging.WARNING, logger="audience"):
        discussion_response = visitor().get(discussion.get_absolute_url())
        page_response = visitor().get(testimony.url)
        flush()

    assert discussion_response.status_code == 200
    assert page_response.status_code == 200
    warnings = [r for r in caplog.records if r.name.startswith("audience")]
    assert warnings and all(r.levelno == logging.WARNING for r in warnings)


def test_no_address_nor_hash_is_stored(discussion, testimony):
    visitor("203.0.113.77").get(discussion.get_absolute_url())
    visitor("203.0.113.77").get(testimony.url)

    flush()

    stored = []
    for model in (DailyViews, DailyVisitors, PageViewTotal):
        names = {field.column for field in model._meta.concrete_fields}
        assert names <= {
            "id",
            "day",
            "kind",
            "object_id",
            "views",
            "visitors",
            "page_id",
        }
        for row in model.objects.values():
            stored.extend(str(value) for value in row.values())
    assert stored
    assert not [value for value in stored if "203.0.113" in value]
    assert not [value for value in stored if re.fullmatch(r"[0-9a-f]{16,}", value)]


# The dashboard


@pytest.fixture
def staff_client(client, db):
    client.force_login(factories.build_statistics_viewer())
    return client


def figure_rows(response, slug):
    figures = {figure.slug: figure for figure in response.context["figures"]}
    return figures[slug].rows


def test_the_dashboard_shows_views_and_visitors_per_month(staff_client, discussion):
    this_month, last_month = month_starts(timezone.localdate())[-1:-3:-1]
    DailyViews.objects.create(day=this_month, kind="page", object_id=4, views=7)
    DailyViews.objects.create(
        day=this_month, kind="discussion", object_id=discussion.pk, views=3
    )
    DailyViews.objects.create(day=last_month, kind="page", object_id=4, views=5)
    DailyVisitors.objects.create(day=this_month, visitors=4)
    DailyVisitors.objects.create(day=last_month, visitors=6)

    response = staff_client.get(reverse("audience_statistics"))

    views = figure_rows(response, "consultations-par-mois")
    assert [row[1:] for row in views[-2:]] == [(5, 0, 5), (7, 3, 10)]
    visitors = figure_rows(response, "visiteurs-par-mois")
    assert [row[1] for row in visitors[-2:]] == [6, 4]
    years = dict(
        (row[0].start.year, row[1])
        for row in figure_rows(response, "visiteurs-par-annee")
    )
    if this_month.year == last_month.year:
        assert years[this_month.year] == 10
    else:
        assert (years[last_month.year], years[this_month.year]) == (6, 4)
    top = figure_rows(response, "discussions-les-plus-lues")
    assert top == [(discussion.title, 3)]


def test_the_dashboard_counts_discussions_and_messages(staff_client, community):
    author = factories.build_member()
    discussion = factories.build_discussion(community, author)
    factories.build_reply(discussion, author)
    old = factories.build_discussion(community, author, title="Ancienne")
    two_years_ago = timezone.now() - datetime.timedelta(days=800)
    type(old).objects.filter(pk=old.pk).update(created_at=two_years_ago)
    Message.objects.filter(discussion=old).update(submit_date=two_years_ago)

    response = staff_client.get(reverse("audience_statistics"))

    this_month = figure_rows(response, "publications-par-mois")[-1]
    assert this_month[1:] == (1, 2)
    this_year = figure_rows(response, "publications-par-annee")[-1]
    assert this_year[1:] == (1, 2)
    active = figure_rows(response, "communautes-actives")
    assert active == [("Syndrome de Marfan", 1, 2)]


def test_the_dashboard_gives_the_views_per_discussion_of_each_year(
    staff_client, community
):
    author = factories.build_member()
    read, also_read = (
        factories.build_discussion(community, author, title=title)
        for title in ("Lue", "Aussi lue")
    )
    today = timezone.localdate()
    for day, discussion, views in [
        (today, read, 6),
        (today, also_read, 3),
        (datetime.date(today.year - 1, 6, 1), read, 9),
    ]:
        DailyViews.objects.create(
            day=day, kind="discussion", object_id=discussion.pk, views=views
        )

    response = staff_client.get(reverse("audience_statistics"))

    *_older, last_year, this_year = figure_rows(
        response, "consultations-par-discussion"
    )
    assert this_year[1:] == (9, 2, 4.5)
    assert last_year[1:] == (9, 1, 9.0)


def test_the_dashboard_shows_the_moderation_figures(staff_client, discussion):
    moderator = factories.build_moderator()
    now = timezone.now()
    approved = factories.build_reply(discussion, discussion.author)
    rejected = factories.build_reply(discussion, discussion.author)
    pending = factories.build_reply(discussion, discussion.author)
    Message.objects.filter(pk=pending.pk).update(status=MessageStatus.PENDING)
    for message, hours_waited in ((approved, 4), (rejected, 2)):
        Message.objects.filter(pk=message.pk).update(
            submit_date=now - datetime.timedelta(hours=10)
        )
        ModerationDecision.objects.create(
            message=message,
            message_ref=message.pk,
            discussion_title=discussion.title,
            moderator=moderator,
            moderator_name=moderator.username,
            action="approve" if message == approved else "reject",
            reason_code="ok",
            reason_label="Conforme",
            previous_status="pending",
            new_status="published",
            decided_at=now - datetime.timedelta(hours=10 - hours_waited),
        )

    response = staff_client.get(reverse("audience_statistics"))

    moderation = dict(figure_rows(response, "moderation"))
    assert moderation["Messages en attente de modération"] == 1
    assert moderation["Délai moyen avant décision, en heures (12 derniers mois)"] == 3
    decisions = figure_rows(response, "decisions-par-mois")[-1]
    assert decisions[-1] == 2


def test_the_csv_export_has_one_section_per_figure(staff_client):
    DailyVisitors.objects.create(day=timezone.localdate(), visitors=12)

    response = staff_client.get(reverse("audience_statistics") + "?format=csv")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    titles = [rows[0][0]] + [
        rows[index + 1][0] for index, row in enumerate(rows[:-1]) if row == []
    ]
    assert titles[:3] == [
        "Consultations par mois",
        "Visiteurs par mois",
        "Visiteurs par année",
    ]
    assert [timezone.localdate().strftime("%Y-%m"), "12"] in rows


def test_each_chart_is_followed_by_its_table(staff_client):
    DailyVisitors.objects.create(day=timezone.localdate(), visitors=3)

    html = staff_client.get(reverse("audience_statistics")).content.decode()

    figures = re.findall(r"<figure.*?</figure>", html, re.DOTALL)
    charts = [figure for figure in figures if "<svg" in figure]
    assert len(charts) >= 6
    for figure in charts:
        assert figure.index("<svg") < figure.index("<table")
        assert "<caption>" in figure
        assert 'scope="col"' in figure and 'scope="row"' in figure
    assert "<script" not in "".join(figures)


def test_the_dashboard_is_refused_to_a_member(client, db):
    client.force_login(factories.build_member())

    response = client.get(reverse("audience_statistics"))

    assert response.status_code == 302
    assert "figures" not in (response.context or {})


def test_the_dashboard_is_refused_to_staff_without_the_permission(client, db):
    client.force_login(factories.build_statistics_viewer(permitted=False))

    response = client.get(reverse("audience_statistics"))
    csv_response = client.get(reverse("audience_statistics") + "?format=csv")

    assert response.status_code == 302
    assert csv_response.status_code == 302


def test_the_statistics_menu_item_shows_only_with_the_permission(client, db):
    client.force_login(factories.build_statistics_viewer(permitted=False))
    refused = client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(factories.build_statistics_viewer("autre"))

    allowed = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("audience_statistics") not in refused
    assert reverse("audience_statistics") in allowed


# The satisfaction survey


@pytest.fixture
def survey(home):
    seed_survey(home)
    return SurveyPage.objects.get()


def answers(survey):
    fields = {field.label: field.clean_name for field in survey.get_form_fields()}
    return {
        fields["Le site est-il agréable à consulter ?"]: "Plutôt oui",
        fields["Les messages sont-ils intéressants ?"]: "Oui, tout à fait",
        fields["Avez-vous trouvé ce que vous cherchiez ?"]: "En partie",
        fields["Une remarque ?"]: "Merci pour ce site.",
    }


def test_the_survey_page_asks_its_questions_in_fieldsets(survey):
    html = visitor().get(survey.url).content.decode()

    assert html.count("<fieldset") == 3
    assert "<legend>Le site est-il agréable à consulter ?</legend>" in html
    assert "Plutôt non" in html
    assert re.search(r'<label for="id_une_remarque">Une remarque', html)


def test_an_incomplete_survey_comes_back_with_its_errors(survey):
    response = visitor().post(survey.url, {})

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_an_answered_survey_shows_the_thanks_and_is_stored(survey):
    response = visitor().post(survey.url, answers(survey))

    assert "Merci pour vos réponses" in response.content.decode()
    submission = FormSubmission.objects.get(page=survey)
    assert "Plutôt oui" in submission.form_data.values()


def test_survey_answers_keep_no_address(survey):
    visitor("203.0.113.99").post(survey.url, answers(survey))

    submission = FormSubmission.objects.values().get()

    assert set(submission) == {"id", "form_data", "page_id", "submit_time"}
    assert "203.0.113.99" not in str(submission)


def test_survey_answers_are_listed_and_exported_in_the_admin(client, survey):
    visitor().post(survey.url, answers(survey))
    client.force_login(
        factories.build_member(username="admin", is_staff=True, is_superuser=True)
    )
    url = reverse("wagtailforms:list_submissions", args=[survey.pk])

    listing = client.get(url)
    export = client.get(url + "?export=csv")

    assert listing.status_code == 200
    assert "En partie" in listing.content.decode()
    assert "Merci pour ce site." in b"".join(export.streaming_content).decode()


def test_the_demo_survey_is_seeded_once(home):
    created = seed_survey(home)

    again = seed_survey(home)

    assert (created, again) == (1, 0)
    assert SurveyPage.objects.get().form_fields.count() == 4
