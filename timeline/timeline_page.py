"""What a story's timeline page shows: the story at a glance (each proposition's arc), the
claims of one page grouped by month, the estimates chart and the lanes, and the links that
carry the filters."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from articles.formats import MONTH_NAMES, format_date, format_number
from articles.precision import YEAR, period, period_start
from timeline import charts
from timeline.export import Links
from timeline.models import Claim
from timeline.story import (
    OTHERS,
    flat_points,
    lane_of,
    lane_stances,
    lanes_of,
    story_claims,
    turning_points_by_claim,
)
from timeline.vocabulary import KIND_LABELS

PAGE_SIZE = 50  # claims per page of the list: the page's cost does not grow with the story
CHART_DETAIL_LIMIT = 60  # more troop estimates than this: one mark per side and period
LANES_DETAIL_LIMIT = 300  # more dated claims than this: one marker per lane and period


@dataclass
class Entry:
    """A claim as the list shows it."""

    claim: Claim
    side: str
    side_name: str
    affiliation: str
    figure: str
    turning_points: list
    proposition: object = None  # what it is about (None: not on a proposition yet)


@dataclass
class MonthGroup:
    key: str
    label: str
    entries: list


def _month_groups(entries) -> list[MonthGroup]:
    """Entries grouped by the month they were stated in; a date known only to the year is in
    a group of its own year (never in a January it may not be), undated claims in the last."""
    groups: list[MonthGroup] = []
    for entry in entries:
        when, precision = entry.claim.stated_on, entry.claim.stated_precision
        if when is None:
            key, label = "undated", gettext("Undated claims")
        elif precision == YEAR:
            key = f"{when.year}"
            label = gettext("%(year)s (month not known)") % {"year": when.year}
        else:
            key, label = f"{when:%Y-%m}", f"{MONTH_NAMES[when.month - 1]} {when.year}"
        if not groups or groups[-1].key != key:
            groups.append(MonthGroup(key, label, []))
        groups[-1].entries.append(entry)
    return groups


class _Claims:
    """The filtered claims as Paginator reads them: their number already counted (by
    story_counts, with the rest), a page read with ClaimQuerySet.window."""

    def __init__(self, claims, total):
        self.claims, self.total = claims, total

    def count(self):
        return self.total

    def __getitem__(self, page):
        return self.claims.window(page.start, page.stop)


def _with_query(url: str, query_items, **changes) -> str:
    """`url` with the filters in use, changed by `changes` (a None or "" drops one)."""
    params = {**dict(query_items), **changes}
    query = urlencode({key: value for key, value in params.items() if value})
    return f"{url}?{query}" if query else url


def _export_url(fmt, story, query_items, **changes) -> str:
    url = reverse(f"timeline:export-{fmt}", args=[story.slug])
    return _with_query(url, query_items, **changes)


@dataclass(frozen=True)
class Here:
    """The page's address: the story's timeline with the filters in use."""

    url: str
    query_items: tuple

    def changed(self, **changes) -> str:
        """This address with `changes` to its filters (a None or "" drops one)."""
        return _with_query(self.url, self.query_items, **changes)


@dataclass(frozen=True)
class Reading:
    """What the page reads the story by: its lanes (story.lanes_of), the proposition the
    lanes are drawn for (the one filtered on, else the lead; None: every claim), the one
    whose estimates the chart draws (the filtered or lead one if it is a quantity, else the
    story's first quantity proposition; None: troop counts), and whether there is a chart
    (not for a proposition filtered on that is no quantity)."""

    story: object
    lanes: list
    lane_proposition: object
    chart_proposition: object
    chart_shown: bool = True

    @property
    def codes(self) -> list[str]:
        return self.story.side_codes

    def lane_name(self, lane: str) -> str:
        return dict(self.lanes).get(lane) or self.story.side_name(lane)

    @classmethod
    def of(cls, story, chosen=None) -> "Reading":
        propositions = list(story.propositions.all())
        lead = next((p for p in propositions if p.is_lead), None)
        shown = chosen or lead
        quantities = sorted((p for p in propositions if p.is_quantity), key=lambda p: not p.is_lead)
        chart = shown if shown is not None and shown.is_quantity else next(iter(quantities), None)
        no_chart = chosen is not None and not chosen.is_quantity
        return cls(story, lanes_of(story.sides), shown, None if no_chart else chart, not no_chart)


def _period_filters(lane: str, start, precision: str, proposition=None) -> dict:
    first, last = period(start, precision)
    filters = {"from": first.isoformat(), "to": last.isoformat()}
    if lane != OTHERS:
        filters["side"] = lane
    if proposition is not None:
        filters["proposition"] = proposition.slug
    return filters


def _estimates(claims, counts, actors, links, here, axis, reading):
    """The estimates chart: a mark per estimate, or per side and period when they are many."""
    if not counts["estimates"] or axis is None:
        return None
    names = actors.story_actors()
    line = claims.estimate_line(reading.chart_proposition)
    if counts["estimates"] <= CHART_DETAIL_LIMIT:
        items = []
        for c in story_claims(line.story_values(CHART_DETAIL_LIMIT), names, dict(reading.lanes)):
            lane = lane_of(c.side, reading.codes)
            items.append(
                charts.Estimate(
                    when=c.stated_on,
                    precision=c.precision,
                    low=c.number,
                    high=c.high,
                    side=lane,
                    side_name=reading.lane_name(lane),
                    label=f"{c.actor}: {c.figure}",
                    actor=c.actor,
                    title=f"{c.when}, {c.who}: {c.figure}",
                    href=links.claim(c.pk),
                )
            )
        return charts.estimates_chart(items, axis, lanes=reading.lanes), items, False
    precision = charts.period_for(counts["first"], counts["last"])
    items = []
    for row in line.estimates_by_period(precision, reading.codes):
        start, lane = row["period"], row["lane"]
        when = format_date(start, precision)
        figures = format_number(row["low"], row["high"])
        filters = _period_filters(lane, start, precision, reading.chart_proposition)
        filters["kind"] = Claim.Kind.TROOP_COUNT if reading.chart_proposition is None else ""
        items.append(
            charts.Estimate(
                when=start,
                precision=precision,
                low=row["low"],
                high=row["high"],
                mean=float(row["mean"]),
                count=row["count"],
                side=lane,
                side_name=reading.lane_name(lane),
                label=(count := format_number(row["count"])),
                title=ngettext(
                    "%(when)s, %(side)s: %(count)s estimate, %(figures)s",
                    "%(when)s, %(side)s: %(count)s estimates, %(figures)s",
                    row["count"],
                )
                % {
                    "when": when,
                    "side": reading.lane_name(lane),
                    "count": count,
                    "figures": figures,
                },
                href=here.changed(**filters),
            )
        )
    return charts.estimates_chart(items, axis, lanes=reading.lanes), items, True


def _stance_spans(arc) -> list:
    """The lanes' stance lines, from `arc` (of the lanes' proposition): each party's first
    denial to its confirmation."""
    if arc is None:
        return []
    return [
        charts.LaneStanceSpan(
            s.lane,
            s.denial.stated_on if s.denial else None,
            s.denial.precision if s.denial else None,
            s.confirmation.stated_on if s.confirmation else None,
            s.confirmation.precision if s.confirmation else None,
        )
        for s in lane_stances(arc)
    ]


def _lanes(claims, counts, actors, links, here, axes, reading, arc):
    """The swimlanes, (for a desk, for a phone), of the claims on the lanes' proposition
    (every claim when there is none): a marker per claim, or per lane and period when they
    are many; for a phone always per lane and period, each marker a tap target. The phone's
    periods are never finer than the desk's, so its counts are summed from the same rows:
    no query more."""
    axis, narrow_axis = axes
    if axis is None or not counts["lane_dated"]:
        return None, None
    names = actors.story_actors()
    if reading.lane_proposition is not None:
        claims = claims.filter(proposition=reading.lane_proposition)
    stances = _stance_spans(arc)
    codes = reading.codes
    lane_kwargs = {"lanes": reading.lanes, "kind_labels": KIND_LABELS}
    narrow_precision = charts.narrow_period_for(counts["first"], counts["last"])
    narrow_cells: dict = {}

    def count(cells, start, precision, lane, kind, n):
        kinds = cells.setdefault((period_start(start, precision), lane), {})
        kinds[kind] = kinds.get(kind, 0) + n

    if counts["lane_dated"] <= LANES_DETAIL_LIMIT:
        items = []
        values = claims.story_values(LANES_DETAIL_LIMIT)
        for c in story_claims(values, names, dict(reading.lanes)):
            figure = f": {c.figure}" if c.figure else ""
            lane = lane_of(c.side, codes)
            items.append(
                charts.LaneItem(
                    when=c.stated_on,
                    precision=c.precision,
                    lane=lane,
                    kind=c.kind,
                    title=f"{c.when}, {c.who}: {KIND_LABELS.get(c.kind, c.kind)}{figure}",
                    href=links.claim(c.pk),
                )
            )
            count(narrow_cells, c.stated_on, narrow_precision, lane, c.kind, 1)
        wide = charts.swimlanes(items, axis, stances, **lane_kwargs)
    else:
        precision = charts.period_for(counts["first"], counts["last"])
        cells: dict = {}
        for row in claims.kinds_by_period(precision, codes):
            lane, kind, n = row["lane"], row["kind"], row["count"]
            count(cells, row["period"], precision, lane, kind, n)
            count(narrow_cells, row["period"], narrow_precision, lane, kind, n)
        items = _period_items(cells, precision, here, reading)
        wide = charts.swimlanes(items, axis, stances, aggregated=True, **lane_kwargs)
    narrow = charts.swimlanes(
        _period_items(narrow_cells, narrow_precision, here, reading),
        narrow_axis,
        stances,
        aggregated=True,
        layout=charts.NARROW,
        **lane_kwargs,
    )
    return wide, narrow


def _period_items(cells, precision, here, reading) -> list:
    """A lane marker for each (period start, lane) of `cells` ({kind: count}), linking to the
    timeline of that lane and period."""
    order = list(charts.KIND_SHAPES)
    items = []
    for (start, lane), kinds in cells.items():
        total = sum(kinds.values())
        # The most frequent kind shapes the marker; at a tie, the stance (denial, confirmation).
        ranked = sorted(kinds.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
        listing = ", ".join(f"{format_number(n)} {KIND_LABELS.get(k, k)}" for k, n in ranked)
        items.append(
            charts.LaneItem(
                when=start,
                precision=precision,
                lane=lane,
                kind=ranked[0][0],
                count=total,
                title=ngettext(
                    "%(when)s, %(side)s: %(count)s claim (%(kinds)s)",
                    "%(when)s, %(side)s: %(count)s claims (%(kinds)s)",
                    total,
                )
                % {
                    "when": format_date(start, precision),
                    "side": reading.lane_name(lane),
                    "count": format_number(total),
                    "kinds": listing,
                },
                href=here.changed(
                    **_period_filters(lane, start, precision, reading.lane_proposition)
                ),
            )
        )
    return items


def glance(story, claims, actors, form) -> dict:
    """What the timeline page shows of `claims` (filtered by `form`, a TimelineFilterForm;
    `actors`, an ActorDirectory) above its list, the same on each of its pages: the counts,
    the arc of each proposition (only the one filtered on, when it is), the estimates chart
    and the lanes; and the turning points of the claims (`marks`), for the list. A fixed
    number of queries however many claims (read `story` with its propositions prefetched)."""
    chosen = form.filters().get("proposition")
    reading = Reading.of(story, chosen)
    counts = claims.story_counts(
        lanes_on=reading.lane_proposition, estimates_on=reading.chart_proposition
    )
    links = Links("")
    query_items = form.query_items()
    here = Here(story.get_absolute_url(), tuple(query_items))

    arcs = claims.story_arcs(story, actors, form.scope())
    if chosen is not None:
        arcs = [arc for arc in arcs if arc.proposition.pk == chosen.pk]
    elif query_items:  # of a filtered view, the lines with something among these claims
        arcs = [arc for arc in arcs if arc.points]
    lane_arc = next((arc for arc in arcs if arc.proposition == reading.lane_proposition), None)
    axis = narrow = None
    if counts["dated"]:
        axis = charts.time_axis(counts["first"], counts["last"])
        narrow = charts.time_axis(counts["first"], counts["last"], charts.NARROW)
    estimates = (
        _estimates(claims, counts, actors, links, here, axis, reading)
        if reading.chart_shown
        else None
    )
    lanes, lanes_narrow = _lanes(
        claims, counts, actors, links, here, (axis, narrow), reading, lane_arc
    )
    return {
        "counts": counts,
        "marks": turning_points_by_claim(flat_points(arcs)),
        "arcs": arcs,
        "scope": form.scope(),
        "lane_proposition": reading.lane_proposition,
        "chart_proposition": reading.chart_proposition,
        "chart_shown": reading.chart_shown,
        "chart": estimates[0] if estimates else None,
        # The same estimates drawn for a phone (the stylesheet shows the one that fits).
        "chart_narrow": (
            charts.estimates_chart(estimates[1], narrow, layout=charts.NARROW, lanes=reading.lanes)
            if estimates
            else None
        ),
        "estimates": estimates[1] if estimates else [],
        "estimates_aggregated": estimates[2] if estimates else False,
        "lanes": lanes,
        "lanes_narrow": lanes_narrow,
        "filtered": bool(query_items),
    }


def claims_page(story, claims, actors, form, total, marks, page_number) -> dict:
    """One page of `claims` (`total` of them, as glance counted; `page_number` as sent:
    anything else is the first page, past the end the last), grouped by month, their turning
    points (`marks`, as glance found them) marked; the links to the pages before and after
    and the exports, with the same filters. Two queries (ClaimQuerySet.window)."""
    query_items = form.query_items()
    here = Here(story.get_absolute_url(), tuple(query_items))
    page = Paginator(_Claims(claims, total), PAGE_SIZE).get_page(page_number)
    propositions = {p.pk: p for p in story.propositions.all()}
    entries = [
        Entry(
            claim=claim,
            side=actors.side(claim.actor_id),
            side_name=story.side_name(actors.side(claim.actor_id)),
            affiliation=actors.affiliation_label(claim.actor_id),
            figure=format_number(claim.number, claim.number_max),
            turning_points=marks.get(claim.pk, []),
            proposition=propositions.get(claim.proposition_id),
        )
        for claim in page
    ]
    earlier = page.number - 1 if page.number > 2 else None  # page 1 is the plain address
    return {
        "groups": _month_groups(entries),
        "page": page.number,
        "pages": page.paginator.num_pages,
        "first_shown": page.start_index(),
        "last_shown": page.end_index(),
        "earlier_url": here.changed(page=earlier) if page.has_previous() else "",
        "later_url": here.changed(page=page.number + 1) if page.has_next() else "",
        "export_csv_url": _export_url("csv", story, query_items),
        "export_excel_url": _export_url("csv", story, query_items, excel=1),
        "export_json_url": _export_url("json", story, query_items),
        "export_timelinejs_url": _export_url("timelinejs", story, query_items),
    }


def timeline_page(story, claims, actors, form, page_number) -> dict:
    """Everything the timeline page shows of `claims`: glance and one page of claims_page."""
    top = glance(story, claims, actors, form)
    return top | claims_page(
        story, claims, actors, form, top["counts"]["total"], top["marks"], page_number
    )


# Drawn apart, so that readers can share them (timeline.cache): the filter form, the top of the
# page (glance) and a page of claims, each rendered to HTML with what the rest of the page
# needs of it.


def render_filters(request, story, form) -> str:
    context = {"story": story, "form": form}
    return render_to_string("timeline/_timeline_filters.html", context, request)


def render_top(request, story, claims, actors, form) -> dict:
    """The filters and glance drawn (`filters_html`, `glance_html`), with the counts and the
    turning points the list needs (`counts`, `marks`, `filtered`)."""
    context = {"story": story, "form": form, **glance(story, claims, actors, form)}
    return {
        "filters_html": render_filters(request, story, form),
        "glance_html": render_to_string("timeline/timeline.html#timeline-glance", context, request),
        "counts": context["counts"],
        "marks": context["marks"],
        "filtered": context["filtered"],
    }


def render_claims(request, story, claims, actors, form, top, page_number) -> dict:
    """A page of claims drawn (`claims_html`), with its place among the pages (`page`,
    `pages`, `first_shown`, `last_shown`); `top`: what render_top gave."""
    counts = top["counts"]
    context = claims_page(story, claims, actors, form, counts["total"], top["marks"], page_number)
    context |= {"story": story, "form": form, "counts": counts, "filtered": top["filtered"]}
    return {
        "claims_html": render_to_string("timeline/_timeline_claims.html", context, request),
        **{name: context[name] for name in ("page", "pages", "first_shown", "last_shown")},
    }
