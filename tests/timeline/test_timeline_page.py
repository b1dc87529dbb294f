"""The timeline page: order, grouping, filters, htmx, drafts, windowing."""

import csv
import html
import io
import re
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from tests.factories import (
    default_story,
    make_actor,
    make_article,
    make_claim,
    make_outlet,
    make_proposition,
)
from timeline import timeline_page
from timeline.models import Claim, Proposition
from timeline.vocabulary import KIND_STANCES

pytestmark = pytest.mark.django_db

URL = "/stories/test-story/"  # tests.factories.default_story's timeline


def story():
    """A small version of the seed story, from factories: who denied, who counted, who
    confirmed, with dates at several precisions, a draft and an undated claim; all but one
    (the year's) on the lead proposition, "troops", with the stance their kind suggests."""
    kabar, times = make_outlet("Kabar Test"), make_outlet("Times Test")
    troops = make_proposition(
        default_story(),
        "Pasukan Korut di Rusia",
        statement_en="North Korean troops are in Russia",
        slug="troops",
        is_quantity=True,
        is_lead=True,
    )
    a = {}
    a["nk"] = make_actor("North Korea", country="KP", slug="north-korea")
    a["kcna"] = make_actor("KCNA", country="KP", kind="state_media", slug="kcna")
    a["ru"] = make_actor("Russia", country="RU", slug="russia")
    a["peskov"] = make_actor(
        "Dmitry Peskov", country="", kind="person", affiliation=a["ru"], slug="dmitry-peskov"
    )
    a["ua"] = make_actor("Ukraine", country="UA", slug="ukraine")
    a["zelensky"] = make_actor(
        "Volodymyr Zelensky", country="", kind="person", affiliation=a["ua"], slug="zelensky"
    )
    a["us"] = make_actor("United States", country="US", slug="united-states")
    a["dod"] = make_actor(
        "US Department of Defense", country="", affiliation=a["us"], slug="us-dod"
    )
    a["austin"] = make_actor(
        "Lloyd Austin", country="", kind="person", affiliation=a["dod"], slug="lloyd-austin"
    )
    a["kr"] = make_actor("South Korea", country="KR", slug="south-korea")
    a["g7"] = make_actor("G7", country="", kind="international_body", slug="g7")

    def claim(quote, actor, kind, stated_on, precision="day", outlet=kabar, on=troops, **fields):
        article = make_article(f"{quote}, kata mereka.", outlet=outlet, published_on=stated_on)
        if on is not None:
            fields.setdefault("stance", KIND_STANCES.get(kind, "neither"))
        return make_claim(
            article, quote=quote, actor=a[actor], kind=kind, stated_on=stated_on,
            precision=precision, proposition=on, **fields,
        )  # fmt: skip

    c = {}
    c["allegation"] = claim(
        "Korut mengirim pasukan", "zelensky", "allegation", date(2024, 10, 14), "week"
    )
    c["nk_denial"] = claim("Rumor yang tidak berdasar", "nk", "denial", date(2024, 10, 1), "month")
    c["ru_denial"] = claim("Cerita palsu", "peskov", "denial", date(2024, 10, 24))
    c["us_10000"] = claim(
        "Sebanyak 10.000 tentara Korut", "austin", "troop_count", date(2024, 10, 30), number=10000
    )
    c["kr_10000"] = claim(
        "Sekitar 10.000 tentara", "kr", "troop_count", date(2024, 10, 31), number=10000
    )
    c["clash"] = claim(
        "Bentrok pertama di Kursk", "ua", "combat_report", date(2024, 11, 5), outlet=times
    )
    c["g7"] = claim("Sangat prihatin", "g7", "condemnation", date(2024, 11, 5), outlet=times)
    c["ru_confirm"] = claim("Rusia mengonfirmasi", "ru", "confirmation", date(2025, 4, 26))
    c["ua_14000"] = claim(
        "Sekitar 14.000 pasukan", "ua", "troop_count", date(2025, 4, 28), number=14000,
        number_max=15000,
    )  # fmt: skip
    c["nk_confirm"] = claim("Mengirim pasukan ke Kursk", "kcna", "confirmation", date(2025, 4, 28))
    c["year"] = claim("Sejak tahun lalu", "ua", "other", date(2024, 1, 1), "year", on=None)
    c["undated"] = claim("Suatu hari nanti", "g7", "other", None)
    c["draft"] = claim("Draf rahasia", "nk", "denial", date(2024, 10, 20), status="draft")
    Claim.objects.filter(pk=c["undated"].pk).update(stated_on=None)
    return a, c


def shown_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-claim-id="(\d+)"', html)]


def test_page_lists_claims_oldest_first_with_undated_apart(client):
    _, c = story()
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    ids = shown_ids(html)
    assert ids[0] == c["year"].pk  # 2024, known only to the year: before everything dated
    assert ids[-1] == c["undated"].pk
    assert (
        ids.index(c["nk_denial"].pk) < ids.index(c["allegation"].pk) < ids.index(c["ru_denial"].pk)
    )
    assert html.index("Undated claims") > html.index("April 2025")


def section(html: str, heading_id: str) -> str:
    """The HTML of the month section whose heading has `heading_id`."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def item(html: str, claim) -> str:
    """The list item of `claim`."""
    start = html.rindex("<li", 0, html.index(f'data-claim-id="{claim.pk}"'))
    return html[start : html.index("</li>", start)]


def test_claims_are_grouped_by_month_and_dated_at_their_precision(client):
    _, c = story()
    html = client.get(URL).content.decode()
    october = section(html, "month-2024-10")
    assert "October 2024" in october
    for name in ("nk_denial", "allegation", "ru_denial", "us_10000", "kr_10000"):
        assert f'data-claim-id="{c[name].pk}"' in october
    assert '<time datetime="2024-10">Oct 2024</time>' in item(html, c["nk_denial"])
    assert "week of 14 Oct 2024" in item(html, c["allegation"])
    assert '<time datetime="2024-10-24">24 Oct 2024</time>' in item(html, c["ru_denial"])
    assert '<time datetime="2024">2024</time>' in item(html, c["year"])
    assert "2024 (month not known)" in html  # never filed under a January it may not be
    assert "undated" in item(html, c["undated"])
    # A month-precision date never gets a fake day, in the list or the charts.
    assert not re.search(r"\b1 Oct 2024", html[summary_start(html) :])


def test_equal_dates_keep_a_stable_order(client):
    _, c = story()
    first = shown_ids(client.get(URL).content.decode())
    # Same day: in the order of their articles (then of their place in the article).
    assert first.index(c["clash"].pk) + 1 == first.index(c["g7"].pk)
    assert first.index(c["ua_14000"].pk) + 1 == first.index(c["nk_confirm"].pk)
    Claim.objects.filter(pk=c["clash"].pk).update(note="touched")  # no effect on order
    assert shown_ids(client.get(URL).content.decode()) == first


def test_each_claim_shows_who_what_figure_quote_outlet_and_links(client):
    _, c = story()
    html = client.get(URL).content.decode()
    austin = item(html, c["us_10000"])
    assert "<strong>Lloyd Austin</strong>" in austin
    assert "(US Department of Defense, United States)" in austin  # affiliation and side
    assert '<span class="badge kind-troop_count">Troop count</span>' in austin  # text, not colour
    assert "10,000" in austin
    assert "Sebanyak 10.000 tentara Korut" in austin
    assert "Kabar Test" in austin
    article = c["us_10000"].article
    assert f'href="/articles/{article.slug}/#claim-{c["us_10000"].pk}">in the article</a>' in austin
    assert f'href="/claims/{c["us_10000"].pk}/"' in austin
    assert "14,000–15,000" in item(html, c["ua_14000"])
    assert "(Ukraine)" in item(html, c["allegation"])  # Zelensky speaks for Ukraine
    assert "Times Test" in item(html, c["clash"])


def story_box(html: str) -> str:
    start = html.index('<section class="tl-story"')
    return html[start : html.index("</section>", start)]


def arc_line(html: str, slug: str) -> str:
    """The box's line of the proposition `slug`."""
    box = story_box(html)
    start = box.index(f'data-proposition="{slug}"')
    return box[start : box.index("</li>", start)]


def arc_entries(line: str) -> list[tuple[str, int]]:
    """(kind of turning point, claim linked) of each entry of a box's line, in order."""
    found = re.findall(r'class="tl-arc-point" href="/claims/(\d+)/"[^>]*data-point="(\w+)"', line)
    return [(kind, int(pk)) for pk, kind in found]


def test_the_box_reads_each_propositions_arc_and_the_list_marks_its_claims(client):
    _, c = story()
    html = client.get(URL).content.decode()
    line = arc_line(html, "troops")
    assert arc_entries(line) == [
        ("first_report", c["allegation"].pk),
        ("first_denial", c["nk_denial"].pk),
        ("first_denial", c["ru_denial"].pk),
        ("estimate", c["us_10000"].pk),
        ("estimate", c["kr_10000"].pk),
        ("estimate", c["ua_14000"].pk),
        ("first_confirmation", c["ru_confirm"].pk),
        ("first_confirmation", c["nk_confirm"].pk),
    ]
    text = html_text(line)
    # The proposition in the reader's language: this reader's is English, which it has.
    assert text.startswith('data-proposition="troops"> North Korean troops are in Russia First')
    assert "Pasukan Korut" not in text
    assert "First reported: week of 14 Oct 2024 Ukraine (Volodymyr Zelensky)" in text
    assert "Oct 2024 North Korea; 24 Oct 2024 Russia (Dmitry Peskov)" in text
    assert "United States (Lloyd Austin): 10,000, the first" in text
    assert "South Korea: 10,000, unchanged from 10,000" in text
    assert "Ukraine: 14,000–15,000, up from 10,000" in text
    assert "Status: confirmed since 26 Apr 2025 (disputed Oct 2024 → confirmed 26 Apr 2025)" in text
    assert "turning point: first confirmation, North Korean troops are in Russia" in html_text(
        item(html, c["nk_confirm"])
    )
    assert "turning point: first denial, North Korean troops are in Russia" in html_text(
        item(html, c["ru_denial"])
    )
    assert "turning point: estimate" in item(html, c["us_10000"])
    assert "turning point" not in item(html, c["g7"])  # neither supports nor disputes
    assert "tl-is-turning-point" in item(html, c["allegation"])
    assert "Supports: North Korean troops are in Russia" in html_text(item(html, c["clash"]))
    assert "tl-claim-proposition" not in item(html, c["year"])  # on no proposition yet


def test_the_box_reads_in_indonesian_in_the_order_indonesian_writes_it():
    """The same box for a reader whose browser asks for Indonesian: the story's own words,
    Indonesian dates and digit grouping, each turning point said whole."""
    _, c = story()
    client = Client(headers={"Accept-Language": "id"})
    html = client.get(URL).content.decode()
    text = html_text(arc_line(html, "troops"))
    assert text.startswith('data-proposition="troops"> Pasukan Korut di Rusia Pertama dilaporkan:')
    assert "North Korean troops" not in text
    assert "Pertama dilaporkan: pekan 14 Okt 2024 Ukraine (Volodymyr Zelensky)" in text
    assert "Dibantah: Okt 2024 North Korea; 24 Okt 2024 Russia (Dmitry Peskov)" in text
    assert "United States (Lloyd Austin): 10.000, yang pertama" in text
    assert "South Korea: 10.000, tetap 10.000" in text
    assert "Ukraine: 14.000–15.000, naik dari 10.000" in text
    assert (
        "Status: dikonfirmasi sejak 26 Apr 2025 (dibantah Okt 2024 → dikonfirmasi 26 Apr 2025)"
        in (text)
    )
    assert (
        'title="Konfirmasi pertama oleh North Korea (KCNA), setelah membantahnya pada Okt 2024."'
        in (arc_line(html, "troops"))
    )
    assert "titik balik: bantahan pertama, Pasukan Korut di Rusia" in html_text(
        item(html, c["ru_denial"])
    )
    assert "Mendukung: Pasukan Korut di Rusia" in html_text(item(html, c["clash"]))


def html_text(fragment: str) -> str:
    """What a reader reads of `fragment`: its text, its spaces collapsed."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return text.replace(" ;", ";").replace(" )", ")")


def test_each_proposition_has_its_own_line_lead_first(client):
    a, c = story()
    arms = make_proposition(default_story(), "Korut memasok senjata", slug="arms", order=0)
    denial = make_claim(
        make_article("Rusia dan Korut membantah transfer senjata, kata mereka.",
                     published_on=date(2024, 6, 1)),
        quote="Rusia dan Korut membantah transfer senjata", actor=a["ru"], kind="denial",
        precision="month", proposition=arms, stance="disputes",
    )  # fmt: skip
    html = client.get(URL).content.decode()
    box = story_box(html)
    assert box.index('data-proposition="troops"') < box.index('data-proposition="arms"')
    assert arc_entries(arc_line(html, "arms")) == [("first_denial", denial.pk)]
    assert denial.pk not in [pk for _, pk in arc_entries(arc_line(html, "troops"))]
    assert "Status: disputed since Jun 2024" in html_text(arc_line(html, "arms"))
    # Filtered on it, the box has its line only, and the lanes are its claims'.
    chosen = client.get(f"{URL}?proposition=arms").content.decode()
    assert 'data-proposition="troops"' not in story_box(chosen)
    lanes = chosen[chosen.index('id="lanes-heading"') : chosen.index('id="claims-heading"')]
    assert f'<a href="/claims/{denial.pk}/" class="tl-marker">' in lanes
    assert f'<a href="/claims/{c["nk_denial"].pk}/" class="tl-marker">' not in lanes
    assert 'id="estimates-heading"' not in chosen  # no quantity, no chart
    assert shown_ids(chosen) == [denial.pk]


def test_editors_are_told_how_many_claims_are_on_no_proposition(editor_client):
    story()
    html = editor_client.get(URL).content.decode()
    assert "1 of these claims is on no proposition yet" in story_box(html)
    assert "on no proposition" not in Client().get(URL).content.decode()


def test_estimates_chart_is_svg_with_title_desc_and_a_table_of_the_same_figures(client):
    _, c = story()
    html = client.get(URL).content.decode()
    section = html[html.index('id="estimates-heading"') : html.index('id="lanes-heading"')]
    # The chart for a desk (the phone's, drawn after it, is tested below).
    chart = section[: section.index('<svg class="tl-chart-svg-narrow"')]
    table = section[section.index("<table>") :]
    assert '<svg class="tl-chart-svg"' in chart
    assert '<title id="estimates-title">' in chart and '<desc id="estimates-desc">' in chart
    assert chart.count('<g class="tl-estimate ') == 3
    for label in ("Lloyd Austin: 10,000", "South Korea: 10,000", "Ukraine: 14,000–15,000"):
        assert label in chart  # labelled with the actor
    assert 'class="tl-range"' in chart  # the range is a bar
    assert table.count("<tr>") == 4  # a header and the three estimates
    assert f'href="/claims/{c["ua_14000"].pk}/">14,000–15,000</a>' in table


def test_swimlanes_link_every_dated_claim_and_show_the_stance_turning(client):
    _, c = story()
    html = client.get(URL).content.decode()
    section = html[html.index('id="lanes-heading"') : html.index('id="claims-heading"')]
    lanes = section[: section.index('<svg class="tl-lanes-svg-narrow"')]  # a desk's
    for name in ("North Korea", "Russia", "Ukraine", "United States", "South Korea", "Others"):
        assert f">{name}</text>" in lanes
    for name, claim in c.items():
        linked = f'<a href="/claims/{claim.pk}/" class="tl-marker">' in lanes
        # The lead proposition's claims: not the one on no proposition yet.
        assert linked == (name not in ("undated", "draft", "year")), name
    assert "<title>28 Apr 2025, KCNA (North Korea): confirmation</title>" in lanes
    assert lanes.count('class="tl-stance tl-stance-denies"') == 2  # North Korea and Russia
    assert lanes.count('class="tl-stance tl-stance-confirms"') == 2
    assert "tl-mk-denial" in lanes and "tl-mk-confirmation" in lanes
    assert ">denial</li>" in section  # the legend names each kind


def test_a_phone_gets_charts_of_its_own_width_with_wrapped_labels_and_counted_markers(client):
    _, c = story()
    html = client.get(URL).content.decode()
    chart = html[html.index('<svg class="tl-chart-svg-narrow"') :]
    chart = chart[: chart.index("</svg>")]
    assert 'viewBox="0 0 340 ' in chart
    assert '<title id="estimates-title-narrow">' in chart
    # "Lloyd Austin: 10,000" on two lines, the space kept at the end of the first.
    assert re.search(r'>Lloyd Austin: <tspan x="[\d.]+" dy="13">10,000</tspan></text>', chart)
    lanes = html[html.index('<svg class="tl-lanes-svg-narrow"') :]
    lanes = lanes[: lanes.index("</svg>")]
    # One marker per side and period (the story runs 16 months: quarters), a tap target
    # linking to that side's claims of the period.
    assert 'class="tl-tap"' in lanes
    assert "claims/" not in lanes
    # The lanes are the lead proposition's: their links keep to it.
    assert (
        f'<a href="{URL}?from=2025-04-01&amp;to=2025-06-30&amp;side=KP&amp;proposition=troops"'
        in lanes
    )
    assert "<title>Q2 2025, North Korea: " in lanes


def test_drafts_are_for_editors_only_and_marked(editor):
    _, c = story()
    client = Client()
    anonymous = client.get(URL).content.decode()
    assert c["draft"].pk not in shown_ids(anonymous)
    assert "Draf rahasia" not in anonymous
    assert c["draft"].pk not in shown_ids(client.get(f"{URL}?status=draft").content.decode())
    client.force_login(editor)
    editor = client.get(URL).content.decode()
    assert c["draft"].pk in shown_ids(editor)
    draft = item(editor, c["draft"])
    assert '<span class="badge status-draft">draft</span>' in draft
    assert "tl-is-draft" in draft
    assert 'name="status"' in editor and 'name="status"' not in anonymous


def test_deleted_claims_are_not_shown_to_anyone(editor):
    _, c = story()
    Claim.objects.filter(pk=c["g7"].pk).update(deleted_at=timezone.now())
    client = Client()
    assert c["g7"].pk not in shown_ids(client.get(URL).content.decode())
    client.force_login(editor)
    assert c["g7"].pk not in shown_ids(client.get(URL).content.decode())


def test_reader_logged_in_sees_no_drafts(reader_client):
    _, c = story()
    assert c["draft"].pk not in shown_ids(reader_client.get(URL).content.decode())


def test_htmx_gets_only_the_list_partial(client):
    _, c = story()
    response = client.get(f"{URL}?side=KP", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="timeline-results"')
    assert "<html" not in html and "<form" not in html
    assert shown_ids(html) == [c["nk_denial"].pk, c["nk_confirm"].pk]
    assert "HX-Request" in response["Vary"]
    full = client.get(f"{URL}?side=KP")
    assert "<html" in full.content.decode() and "HX-Request" in full["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client):
    story()
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get(URL, headers=headers).content.decode()


def test_the_filter_form_is_plain_get_and_htmx(client):
    story()
    html = client.get(URL).content.decode()
    start = html.index('<form method="get"')  # after the header's forms (the language's)
    form = html[start : html.index("</form>", start)]
    assert f'action="{URL}"' in form
    assert f'hx-get="{URL}"' in form and 'hx-target="#timeline-results"' in form
    assert 'hx-push-url="true"' in form
    assert 'hx-history="false"' in form  # Back redraws list and form from the server


def test_export_links_carry_the_current_filters(client):
    story()
    html = client.get(f"{URL}?side=KP&kind=denial&page=1").content.decode()
    assert f'href="{URL}export.csv?side=KP&amp;kind=denial"' in html
    assert f'href="{URL}export.csv?side=KP&amp;kind=denial&amp;excel=1"' in html
    assert f'href="{URL}export.json?side=KP&amp;kind=denial"' in html
    assert f'href="{URL}export/timelinejs.json?side=KP&amp;kind=denial"' in html
    plain = client.get(URL).content.decode()
    assert f'href="{URL}export.csv"' in plain and f'href="{URL}export.csv?excel=1"' in plain
    chosen = client.get(f"{URL}?proposition=troops&stance=disputes").content.decode()
    assert f'href="{URL}export.csv?proposition=troops&amp;stance=disputes"' in chosen


def test_window_of_claims_with_earlier_and_later_links_carrying_filters(client, monkeypatch):
    monkeypatch.setattr(timeline_page, "PAGE_SIZE", 4)
    _, c = story()
    everything = list(
        Claim.objects.visible_to(AnonymousUser()).timeline().values_list("pk", flat=True)
    )
    first = client.get(f"{URL}?kind=&side=UA", follow=True).content.decode()
    assert shown_ids(first) == [c[n].pk for n in ("year", "allegation", "clash", "ua_14000")]
    assert "Later claims" not in first  # four claims: one page
    html = client.get(URL).content.decode()
    assert len(shown_ids(html)) == 4
    assert f'href="{URL}?page=2"' in html and f'hx-get="{URL}?page=2"' in html
    assert "Earlier claims" not in html
    pages = [shown_ids(client.get(f"{URL}?page={n}").content.decode()) for n in (1, 2, 3)]
    assert sum(pages, []) == everything
    last = client.get(f"{URL}?page=3").content.decode()
    assert f'href="{URL}?page=2"' in last and "Later claims" not in last
    assert "Undated claims" in last
    filtered = client.get(f"{URL}?outlet=kabar-test&page=2").content.decode()
    assert f'href="{URL}?outlet=kabar-test"' in filtered  # earlier: page 1 is the plain address
    assert f'href="{URL}?outlet=kabar-test&amp;page=3"' in filtered
    assert shown_ids(client.get(f"{URL}?page=99").content.decode()) == pages[-1]
    assert shown_ids(client.get(f"{URL}?page=abc").content.decode()) == pages[0]


def test_every_hx_get_has_a_matching_href(client, monkeypatch):
    monkeypatch.setattr(timeline_page, "PAGE_SIZE", 3)
    story()
    html = client.get(f"{URL}?page=2").content.decode()
    links = re.findall(r'<a href="([^"]+)"[^>]*hx-get="([^"]+)"', html)
    assert links and all(href == hx for href, hx in links)
    assert html.count("hx-get=") == len(links) + 1  # and the form


def test_the_page_obeys_the_content_security_policy(client):
    story()
    response = client.get(URL)
    html = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers


def test_empty_timeline_and_empty_filter_result(client):
    default_story()
    html = client.get(URL).content.decode()
    assert "No claims yet." in html
    assert "This story has no propositions yet" in html
    assert 'name="proposition"' not in html  # nothing to pick from yet
    story()
    html = client.get(f"{URL}?q=nothing-matches-this").content.decode()
    assert "No claims match these filters." in html
    assert 'name="proposition"' in html
    assert "No estimates with a date among these claims." in html


def summary_start(html: str) -> int:
    return html.index('id="story-heading"')


def test_readers_story_and_charts_ignore_drafts(editor):
    a, c = story()
    early = make_claim(
        make_article("Tidak ada pasukan kami di sana, kata mereka.", published_on=date(2024, 9, 2)),
        quote="Tidak ada pasukan kami di sana", actor=a["nk"], kind="denial",
        proposition=Proposition.objects.get(slug="troops"), stance="disputes", status="draft",
    )  # fmt: skip
    anonymous = Client().get(URL).content.decode()
    assert ("first_denial", c["nk_denial"].pk) in arc_entries(arc_line(anonymous, "troops"))
    story_and_charts = anonymous[summary_start(anonymous) : anonymous.index('id="claims-heading"')]
    assert "2 Sep 2024" not in story_and_charts and "20 Oct 2024" not in story_and_charts
    assert "Draf rahasia" not in anonymous
    assert f'value="{c["draft"].article.slug}"' not in anonymous  # its article has no other claim
    client = Client()
    client.force_login(editor)
    html = client.get(URL).content.decode()
    entries = arc_entries(arc_line(html, "troops"))
    assert ("first_denial", early.pk) in entries  # editors' story includes drafts
    assert ("first_denial", c["nk_denial"].pk) not in entries


SEED = "/stories/north-korean-troops-in-russia/"


def test_seed_story_page_shows_each_propositions_arc(seeded, client):
    html = client.get(SEED).content.decode()
    box = story_box(html)
    slugs = re.findall(r'data-proposition="([\w-]+)"', box)
    assert slugs[0] == "troops-in-russia" and len(slugs) == 5  # the lead first
    troops = Proposition.objects.get(slug="troops-in-russia")
    expected = [
        ("first_report", troops.claims.get(actor__slug="south-korea", via__slug="tv-chosun")),
        ("first_denial", troops.claims.filter(actor__slug="north-korea", kind="denial")
         .chronological().first()),
        ("first_denial", troops.claims.get(actor__slug="dmitry-peskov")),
        ("estimate", troops.claims.get(number=10_000)),
        ("estimate", troops.claims.get(number=14_000, number_role="total")),
        ("first_confirmation", troops.claims.get(actor__slug="russia", kind="confirmation")),
        ("first_confirmation", troops.claims.get(actor__slug="north-korea", kind="confirmation")),
    ]  # fmt: skip
    line = arc_line(html, "troops-in-russia")
    assert arc_entries(line) == [(kind, claim.pk) for kind, claim in expected]
    text = html_text(line)
    assert "Jun 2024 South Korea via TV Chosun" in text
    assert "Oct 2024 North Korea; Oct 2024 Russia (Dmitry Peskov)" in text
    assert "30 Oct 2024 United States: 10,000, the first" in text
    assert "14,000, up from 10,000" in text and "3,000" not in text
    assert "26 Apr 2025 Russia; 28 Apr 2025 North Korea via KCNA" in text
    assert "Status: confirmed since 26 Apr 2025" in text
    # The arms-transfer denials of June 2024 have their own line; Ukraine's denial that it
    # lost Kursk is on that proposition's, never on the troops line.
    weapons = html_text(arc_line(html, "weapons-for-russia"))
    assert "Denied: Jun 2024 Russia; Jun 2024 North Korea" in weapons
    ukraine_denial = Claim.objects.get(actor__slug="ukraine", kind="denial")
    assert ("first_denial", ukraine_denial.pk) in arc_entries(
        arc_line(html, "ukraine-out-of-kursk")
    )
    assert ukraine_denial.pk not in [pk for _, pk in arc_entries(line)]
    assert "Ukraine (" not in text.split("Denied:")[1].split("Estimates:")[0]
    lanes = html[html.index('id="lanes-heading"') : html.index('class="tl-lanes-svg-narrow"')]
    assert lanes.count('class="tl-stance tl-stance-confirms"') == 2
    assert lanes.count('class="tl-stance tl-stance-denies"') == 2
    assert "(US Department of Defense, United States)" in html


def test_seed_story_csv_rows_are_the_page_rows(seeded, client):
    ids = shown_ids(client.get(SEED).content.decode())
    response = client.get(f"{SEED}export.csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [int(row["claim_id"]) for row in rows] == ids
    assert len(ids) == Claim.objects.filter(status="reviewed", deleted_at=None).count()


def test_turning_points_in_a_filtered_view_say_they_are_within_it(client):
    a, c = story()
    whole = client.get(URL).content.decode()
    assert 'title="First report, by Ukraine (Volodymyr Zelensky)."' in story_box(whole)

    russia = client.get(f"{URL}?actor=russia").content.decode()
    box = html.unescape(story_box(russia))
    assert "The story at a glance, among these claims" in box
    assert 'title="Russia\'s first report, by Russia."' in box
    assert "First report, by" not in box
    assert "turning point: Russia's first report" in html_text(russia)  # the mark in the list

    later = story_box(client.get(f"{URL}?from=2024-11-06").content.decode())
    # From 6 Nov 2024: Russia's admission is the first support among these claims.
    assert 'title="First report among these claims, by Russia."' in later
    assert 'title="First confirmation among these claims by Russia."' in later
    assert "First report, by" not in later


def test_a_filtered_views_turning_points_say_so_in_indonesian_in_its_word_order():
    """Indonesian puts the owner after what it owns: "laporan pertama Russia", never a
    possessive glued to the name."""
    story()
    client = Client(headers={"Accept-Language": "id"})
    russia = client.get(f"{URL}?actor=russia").content.decode()
    box = html.unescape(story_box(russia))
    assert "Sekilas, di antara klaim ini" in box
    assert 'title="Laporan pertama Russia, oleh Russia."' in box
    assert "titik balik: laporan pertama Russia," in html_text(russia)
    later = story_box(client.get(f"{URL}?from=2024-11-06").content.decode())
    assert 'title="Laporan pertama di antara klaim ini, oleh Russia."' in later
    assert 'title="Konfirmasi pertama di antara klaim ini, oleh Russia."' in later


def test_counts_and_page_numbers_group_their_thousands():
    """What a reader of a story of tens of thousands of claims reads: 12,345, not 12345."""
    context = {
        "counts": {"total": 12345, "drafts": 1200},
        "drafts": 1200,
        "page": 1001,
        "pages": 1234,
        "first_shown": 50001,
        "last_shown": 50050,
        "earlier_url": "/?page=1000",
        "later_url": "/?page=1002",
    }
    html = render_to_string("timeline/timeline.html#timeline-list", context)
    assert "12,345 claims; showing 50,001–50,050, oldest first." in html
    # The list itself is drawn apart (and kept for readers: timeline.cache).
    html = render_to_string("timeline/_timeline_claims.html", context)
    assert "all 12,345 claims, 1,200 of them drafts" in html
    assert "Page 1,001 of 1,234" in html


def test_a_storys_page_is_in_the_readers_language_where_the_story_has_it():
    story = default_story()
    story.title_en, story.dek, story.dek_en = "Test story in English", "Siapa bilang apa.", ""
    story.save()
    make_proposition(story, "Korut memasok senjata", statement_en="North Korea supplies arms",
                     slug="arms")  # fmt: skip

    english = Client().get(URL).content.decode()
    indonesian = Client(headers={"Accept-Language": "id"}).get(URL).content.decode()

    assert '<h1><span lang="en">Test story in English</span></h1>' in english
    assert "<title>Test story in English" in english
    assert '<p class="tl-lede" lang="id">Siapa bilang apa.</p>' in english  # no English dek
    assert '<option value="arms">North Korea supplies arms</option>' in english
    assert '<h1><span lang="id">Test story</span></h1>' in indonesian
    assert '<option value="arms">Korut memasok senjata</option>' in indonesian
    assert "Test story in English" not in indonesian


def test_a_story_written_in_english_is_shown_in_english_to_an_indonesian_reader():
    story = default_story()
    story.language = "en"
    story.save()
    make_proposition(story, "North Korea supplies arms", slug="arms", is_lead=True)
    html = Client(headers={"Accept-Language": "id"}).get(URL).content.decode()
    assert '<html lang="id">' in html
    assert '<h1><span lang="en">Test story</span></h1>' in html
    assert '<span lang="en">North Korea supplies arms</span></h3>' in html  # the box's line
    assert "Sekilas" in html  # the interface in the reader's language all the same
