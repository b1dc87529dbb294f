"""Reader views: the timeline page and the exports. Anyone may read and export; readers see
reviewed claims only, editors also drafts (Claim.objects.visible_to)."""

import math
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_safe
from django.views.decorators.vary import vary_on_headers

from timeline import charts
from timeline.export import FORMATS, Links, export_chunks, export_filename
from timeline.filters import (
    ActorDirectory,
    filtered_claims,
    story_candidates,
    tidy_query,
    turning_points_for,
)
from timeline.models import Claim
from timeline.roles import is_editor
from timeline.story import (
    YEAR,
    format_date,
    format_number,
    lane_of,
    lane_stances,
    period,
    side_name,
    story_claims,
    turning_points,
    turning_points_by_claim,
)

PAGE_SIZE = 50  # claims per page of the list: the page's cost does not grow with the story
CHART_DETAIL_LIMIT = 60  # more troop estimates than this: one mark per side and period
LANES_DETAIL_LIMIT = 300  # more dated claims than this: one marker per lane and period
STORY_SLUG = getattr(settings, "TIMELINE_STORY_SLUG", "claims-timeline")
STORY_TITLE = getattr(settings, "TIMELINE_STORY_TITLE", "Claims timeline")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
KIND_LABELS = {value: label.lower() for value, label in Claim.Kind.choices}


@dataclass
class Entry:
    """A claim as the list shows it."""

    claim: Claim
    side: str
    side_name: str
    affiliation: str
    figure: str
    turning_points: list


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
            key, label = "undated", "Undated claims"
        elif precision == YEAR:
            key, label = f"{when.year}", f"{when.year} (month not known)"
        else:
            key, label = f"{when:%Y-%m}", f"{MONTH_NAMES[when.month - 1]} {when.year}"
        if not groups or groups[-1].key != key:
            groups.append(MonthGroup(key, label, []))
        groups[-1].entries.append(entry)
    return groups


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _with_query(url: str, query_items, **changes) -> str:
    """`url` with the filters in use, changed by `changes` (a None or "" drops one)."""
    params = {**dict(query_items), **changes}
    query = urlencode({key: value for key, value in params.items() if value})
    return f"{url}?{query}" if query else url


def _timeline_url(query_items, **changes) -> str:
    return _with_query(reverse("timeline:timeline"), query_items, **changes)


def _period_filters(lane: str, start, precision: str) -> dict:
    first, last = period(start, precision)
    filters = {"from": first.isoformat(), "to": last.isoformat()}
    if lane != "others":
        filters["side"] = lane
    return filters


def _estimates(claims, counts, actors, links, query_items, axis):
    """The estimates chart: a mark per estimate, or per side and period when they are many."""
    if not counts["estimates"] or axis is None:
        return None
    names = actors.story_actors()
    if counts["estimates"] <= CHART_DETAIL_LIMIT:
        estimates = claims.filter(kind=Claim.Kind.TROOP_COUNT, number__isnull=False)
        items = [
            charts.Estimate(
                when=c.stated_on,
                precision=c.precision,
                low=c.number,
                high=c.high,
                side=lane_of(c.side),
                label=f"{c.actor}: {c.figure}",
                actor=c.actor,
                title=f"{c.when}, {c.who}: {c.figure} troops",
                href=links.claim(c.pk),
            )
            for c in story_claims(estimates.story_values(CHART_DETAIL_LIMIT), names)
        ]
        return charts.estimates_chart(items, axis), items, False
    precision = charts.period_for(counts["first"], counts["last"])
    cells: dict = {}
    for row in claims.estimates_by_period(precision):
        lane = actors.lane(row["actor_id"])
        cell = cells.setdefault(
            (row["period"], lane), {"low": row["low"], "high": row["high"], "sum": 0, "count": 0}
        )
        cell["low"] = min(cell["low"], row["low"])
        cell["high"] = max(cell["high"], row["high"])
        cell["sum"] += float(row["mean"]) * row["count"]
        cell["count"] += row["count"]
    items = []
    for (start, lane), cell in cells.items():
        when = format_date(start, precision)
        figures = format_number(cell["low"], cell["high"])
        filters = {**_period_filters(lane, start, precision), "kind": Claim.Kind.TROOP_COUNT}
        items.append(
            charts.Estimate(
                when=start,
                precision=precision,
                low=cell["low"],
                high=cell["high"],
                mean=cell["sum"] / cell["count"],
                count=cell["count"],
                side=lane,
                label=f"{cell['count']:,}",
                title=f"{when}, {side_name(lane)}: {cell['count']:,} estimates, {figures}",
                href=_timeline_url(query_items, **filters),
            )
        )
    return charts.estimates_chart(items, axis), items, True


def _lanes(claims, counts, actors, links, query_items, axes, candidates):
    """The swimlanes, (for a desk, for a phone): a marker per claim, or per lane and period
    when they are many; for a phone always per lane and period, each marker a tap target.
    The phone's periods are never finer than the desk's, so its counts are summed from the
    same rows: no query more."""
    axis, narrow_axis = axes
    if axis is None:
        return None, None
    names = actors.story_actors()
    stances = [
        charts.LaneStanceSpan(
            s.lane,
            s.denial.stated_on,
            s.denial.precision,
            s.confirmation.stated_on if s.confirmation else None,
            s.confirmation.precision if s.confirmation else None,
        )
        for s in lane_stances(candidates)
    ]
    narrow_precision = charts.narrow_period_for(counts["first"], counts["last"])
    narrow_cells: dict = {}

    def count(cells, start, precision, lane, kind, n):
        kinds = cells.setdefault((charts.period_start(start, precision), lane), {})
        kinds[kind] = kinds.get(kind, 0) + n

    if counts["dated"] <= LANES_DETAIL_LIMIT:
        items = []
        for c in story_claims(claims.story_values(LANES_DETAIL_LIMIT), names):
            figure = f": {c.figure}" if c.figure else ""
            items.append(
                charts.LaneItem(
                    when=c.stated_on,
                    precision=c.precision,
                    lane=lane_of(c.side),
                    kind=c.kind,
                    title=f"{c.when}, {c.who}: {KIND_LABELS.get(c.kind, c.kind)}{figure}",
                    href=links.claim(c.pk),
                )
            )
            count(narrow_cells, c.stated_on, narrow_precision, lane_of(c.side), c.kind, 1)
        wide = charts.swimlanes(items, axis, stances, kind_labels=KIND_LABELS)
    else:
        precision = charts.period_for(counts["first"], counts["last"])
        cells: dict = {}
        for row in claims.kinds_by_period(precision):
            lane = actors.lane(row["actor_id"])
            count(cells, row["period"], precision, lane, row["kind"], row["count"])
            count(narrow_cells, row["period"], narrow_precision, lane, row["kind"], row["count"])
        wide = charts.swimlanes(
            _period_items(cells, precision, query_items),
            axis,
            stances,
            aggregated=True,
            kind_labels=KIND_LABELS,
        )
    narrow = charts.swimlanes(
        _period_items(narrow_cells, narrow_precision, query_items),
        narrow_axis,
        stances,
        aggregated=True,
        kind_labels=KIND_LABELS,
        layout=charts.NARROW,
    )
    return wide, narrow


def _period_items(cells, precision, query_items) -> list:
    """A lane marker for each (period start, lane) of `cells` ({kind: count}), linking to the
    timeline of that lane and period."""
    order = list(charts.KIND_SHAPES)
    items = []
    for (start, lane), kinds in cells.items():
        total = sum(kinds.values())
        # The most frequent kind shapes the marker; at a tie, the stance (denial, confirmation).
        ranked = sorted(kinds.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
        listing = ", ".join(f"{n:,} {KIND_LABELS.get(k, k)}" for k, n in ranked)
        items.append(
            charts.LaneItem(
                when=start,
                precision=precision,
                lane=lane,
                kind=ranked[0][0],
                count=total,
                title=f"{format_date(start, precision)}, {side_name(lane)}: "
                f"{total:,} claim{'' if total == 1 else 's'} ({listing})",
                href=_timeline_url(query_items, **_period_filters(lane, start, precision)),
            )
        )
    return items


def _timeline_context(claims, actors, form, page):
    counts = claims.story_counts()
    links = Links("")
    query_items = form.query_items()
    pages = max(1, math.ceil(counts["total"] / PAGE_SIZE))
    page = min(page, pages)
    window = claims.window((page - 1) * PAGE_SIZE, page * PAGE_SIZE)

    candidates = story_candidates(claims, actors)
    points = turning_points(candidates, form.scope())
    marked = turning_points_by_claim(points)
    entries = [
        Entry(
            claim=claim,
            side=actors.side(claim.actor_id),
            side_name=side_name(actors.side(claim.actor_id)),
            affiliation=actors.affiliation_label(claim.actor_id),
            figure=format_number(claim.number, claim.number_max),
            turning_points=marked.get(claim.pk, []),
        )
        for claim in window
    ]
    axis = narrow = None
    if counts["dated"]:
        axis = charts.time_axis(counts["first"], counts["last"])
        narrow = charts.time_axis(counts["first"], counts["last"], charts.NARROW)
    estimates = _estimates(claims, counts, actors, links, query_items, axis)
    lanes, lanes_narrow = _lanes(
        claims, counts, actors, links, query_items, (axis, narrow), candidates
    )
    earlier = page - 1 if page > 2 else None  # page 1 is the plain address
    return {
        "counts": counts,
        "groups": _month_groups(entries),
        "page": page,
        "pages": pages,
        "first_shown": (page - 1) * PAGE_SIZE + 1 if entries else 0,
        "last_shown": (page - 1) * PAGE_SIZE + len(entries),
        "earlier_url": _timeline_url(query_items, page=earlier) if page > 1 else "",
        "later_url": _timeline_url(query_items, page=page + 1) if page < pages else "",
        "turning_points": points,
        "chart": estimates[0] if estimates else None,
        # The same estimates drawn for a phone (the stylesheet shows the one that fits).
        "chart_narrow": (
            charts.estimates_chart(estimates[1], narrow, layout=charts.NARROW)
            if estimates
            else None
        ),
        "estimates": estimates[1] if estimates else [],
        "estimates_aggregated": estimates[2] if estimates else False,
        "lanes": lanes,
        "lanes_narrow": lanes_narrow,
        "export_csv_url": _with_query(reverse("timeline:export-csv"), query_items),
        "export_excel_url": _with_query(reverse("timeline:export-csv"), query_items, excel=1),
        "export_json_url": _with_query(reverse("timeline:export-json"), query_items),
        "export_timelinejs_url": _with_query(reverse("timeline:export-timelinejs"), query_items),
        "filtered": bool(query_items),
    }


@require_GET
@vary_on_headers("HX-Request")
def timeline(request):
    query, untidy = tidy_query(request.GET)
    tidy_url = f"{request.path}?{urlencode(query)}" if query else request.path
    if untidy and not request.htmx:
        # The shareable address: only the filters in use, by their current names.
        return redirect(tidy_url)
    actors = ActorDirectory.load()
    form, claims = filtered_claims(request.GET, request.user, actors)
    context = {"form": form}
    status = 200
    if form.errors:
        # htmx swaps only successful responses: its request gets the errors with a 200.
        status = 200 if request.htmx else 400
    else:
        context.update(_timeline_context(claims, actors, form, _page_number(request)))
    partial = request.htmx and not request.htmx.history_restore_request
    template = "timeline/timeline.html#timeline-list" if partial else "timeline/timeline.html"
    response = render(request, template, context, status=status)
    if untidy:
        response["HX-Push-Url"] = tidy_url  # the address htmx shows, instead of every field
    return response


def readable_from_any_origin(view):
    """An export any web page may read (a TimelineJS embed, Knight Lab's own included): GET
    and HEAD only, answered with `Access-Control-Allow-Origin: *`. Never with credentials:
    a request from another origin is answered as a reader's (reviewed claims only) whatever
    cookies it carries, and an editor's own export (drafts) is not opened to other origins."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"{request.scheme}://{request.get_host()}":
            request.user = AnonymousUser()
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["Origin"])
        if not is_editor(request.user):
            response["Access-Control-Allow-Origin"] = "*"
        return response

    return require_safe(wrapped)


def _export(request, fmt):
    actors = ActorDirectory.load()
    form, claims = filtered_claims(request.GET, request.user, actors)
    if form.errors:
        lines = [f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()]
        return HttpResponseBadRequest(
            "The filters are not valid:\n" + "\n".join(lines) + "\n",
            content_type="text/plain; charset=utf-8",
        )
    head = request.method == "HEAD"  # the headers of GET, without reading the rows
    story = fmt != "csv" and not head
    points = turning_points_for(claims, actors, form.scope()) if story else ()
    chunks = export_chunks(
        fmt,
        claims,
        actors,
        Links(request.build_absolute_uri("/")),
        turning_points=points,
        bom=request.GET.get("excel") == "1",
        title=STORY_TITLE,
        internal=is_editor(request.user),
    )
    if head:
        chunks = iter(())
    extension, content_type, disposition = FORMATS[fmt]
    response = StreamingHttpResponse(chunks, content_type=content_type)
    # An editor's file with drafts in it is named so (and its status column says which).
    drafts = is_editor(request.user) and claims.filter(status=Claim.Status.DRAFT).exists()
    filename = export_filename(STORY_SLUG, timezone.localdate(), extension, with_drafts=drafts)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@readable_from_any_origin
def export_csv(request):
    return _export(request, "csv")


@readable_from_any_origin
def export_json(request):
    return _export(request, "json")


@readable_from_any_origin
def export_timelinejs(request):
    return _export(request, "timelinejs")
