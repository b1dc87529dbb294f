"""timeline.charts: the SVG geometry, without a database."""

import re
from datetime import date

from timeline.charts import (
    CHAR_WIDTH,
    KIND_SHAPES,
    LANE_HEIGHT,
    NARROW,
    SLOT_SHAPES,
    TAP_RADIUS,
    Estimate,
    LaneItem,
    LaneStanceSpan,
    estimates_chart,
    lane_slots,
    narrow_period_for,
    period_for,
    shape_path,
    swimlanes,
    time_axis,
)
from timeline.story import lanes_of

# A story's lanes: its sides, in its order, then others (nothing about a story is in code).
LANES = lanes_of(
    [["KP", "North Korea"], ["RU", "Russia"], ["UA", "Ukraine"], ["US", "United States"],
     ["KR", "South Korea"]]
)  # fmt: skip


def numbers(path: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]


def test_the_time_axis_runs_from_the_first_month_to_the_end_of_the_last():
    axis = time_axis(date(2024, 10, 24), date(2025, 4, 28))
    assert (axis.start, axis.last) == (date(2024, 10, 1), date(2025, 4, 30))
    assert axis.x(date(2024, 10, 1)) == axis.x0
    assert axis.x(date(2025, 5, 1)) == axis.x1
    assert axis.x0 < axis.x(date(2025, 1, 1)) < axis.x1
    assert axis.x(date(2030, 1, 1)) == axis.x1  # clamped, never drawn off the chart


def test_an_imprecise_date_is_drawn_across_its_period_with_its_middle_marked():
    axis = time_axis(date(2024, 10, 1), date(2024, 12, 31))
    first, middle, last = axis.span(date(2024, 11, 1), "month")
    assert first == axis.x(date(2024, 11, 1))
    assert last == axis.x(date(2024, 12, 1))
    assert first < middle < last
    day = axis.span(date(2024, 11, 1), "day")
    assert day[2] - day[0] < (last - first) / 20


def test_ticks_thin_out_as_the_story_gets_longer():
    short = time_axis(date(2024, 10, 1), date(2025, 4, 1)).ticks()
    assert [t.label for t in short][:3] == ["Oct 2024", "Nov 2024", "Dec 2024"]
    long = time_axis(date(2015, 1, 1), date(2025, 4, 1)).ticks()
    assert [t.label for t in long][:2] == ["2015", "2016"]
    assert len(long) <= 12
    xs = [t.x for t in long]
    assert xs == sorted(xs)


def test_dense_claims_are_counted_by_month_then_quarter_then_year():
    assert period_for(date(2024, 6, 1), date(2025, 4, 1)) == "month"
    assert period_for(date(2020, 1, 1), date(2025, 4, 1)) == "quarter"
    assert period_for(date(2005, 1, 1), date(2025, 4, 1)) == "year"


def test_every_lane_and_kind_has_a_shape_of_its_own():
    slots = lane_slots(LANES)
    assert [slots[code][0] for code, _ in LANES] == ["1", "2", "3", "4", "5", "others"]
    assert len({shape for _, shape in slots.values()}) == len(LANES)
    assert len(set(KIND_SHAPES.values())) == len(KIND_SHAPES)
    for shape in set(SLOT_SHAPES) | {"plus"} | set(KIND_SHAPES.values()):
        path = shape_path(shape, 100, 50, 6)
        assert path.startswith("M") and path.endswith("Z")
        # Every vertex (or, for circles, the start point) within the marker's box.
        coordinates = numbers(path) if "a" not in path else numbers(path)[:2]
        assert all(92 <= x <= 108 for x in coordinates[0::2])
        assert all(42 <= y <= 58 for y in coordinates[1::2])
    assert shape_path("cross", 0, 0) != shape_path("plus", 0, 0)


def test_estimates_chart_places_points_bars_and_labels():
    axis = time_axis(date(2024, 10, 1), date(2025, 4, 30))
    us = Estimate(date(2024, 10, 30), "day", 10_000, 10_000, "US", "US: 10,000", "t", "/c/1/")
    ua = Estimate(
        date(2025, 4, 1), "month", 14_000, 15_000, "UA", "Ukraine: 14,000–15,000", "t", "/c/2/"
    )
    chart = estimates_chart([ua, us], axis, lanes=LANES)
    first, second = chart.marks
    assert first.side == "US" and second.side == "UA"  # oldest first
    assert first.x < second.x
    assert second.y < first.y  # a bigger figure is higher up
    assert first.bar_top is None
    assert second.bar_top < second.bar_bottom  # a range is a bar from its low to its high
    assert first.period_x1 is None  # a day is a point
    assert second.period_x1 < second.x < second.period_x2  # a month is drawn across
    assert chart.y_ticks[0].label == "0"
    assert chart.y_ticks[-1].label in {"15,000", "16,000", "20,000"}
    assert [(item.code, item.slot) for item in chart.legend] == [("UA", "3"), ("US", "4")]
    assert (first.slot, second.slot) == ("4", "3")  # colours by the lane's place
    assert (chart.lowest_label, chart.highest_label) == ("10,000", "15,000")


def test_labels_of_close_estimates_do_not_overlap():
    axis = time_axis(date(2024, 10, 1), date(2025, 4, 30))
    same = [
        Estimate(date(2024, 10, 30), "day", 10_000, 10_000, side, f"{side}: 10,000", "", "")
        for side in ("US", "KR", "UA")
    ]
    chart = estimates_chart(same, axis)
    assert len({mark.label_y for mark in chart.marks}) == 3


def test_swimlanes_one_lane_per_side_and_a_linked_marker_per_claim():
    axis = time_axis(date(2024, 10, 1), date(2025, 4, 30))
    items = [
        LaneItem(date(2024, 10, 1), "month", "KP", "denial", "Oct 2024, North Korea", "/claims/1/"),
        LaneItem(date(2025, 4, 28), "day", "KP", "confirmation", "28 Apr 2025", "/claims/2/"),
        LaneItem(date(2024, 11, 5), "day", "JP", "condemnation", "G7", "/claims/3/"),
    ]
    stances = [LaneStanceSpan("KP", date(2024, 10, 1), "month", date(2025, 4, 28), "day")]
    lanes = swimlanes(items, axis, stances, lanes=LANES)
    assert [lane.name for lane in lanes.lanes] == [name for _, name in LANES]
    assert [m.href for m in lanes.markers] == ["/claims/1/", "/claims/3/", "/claims/2/"]
    by_href = {m.href: m for m in lanes.markers}
    north_korea, others = lanes.lanes[0], lanes.lanes[-1]
    assert north_korea.top <= by_href["/claims/1/"].y <= north_korea.bottom
    assert others.top <= by_href["/claims/3/"].y <= others.bottom  # an unnamed side: others
    assert by_href["/claims/1/"].kind == "denial"
    assert by_href["/claims/1/"].x < by_href["/claims/2/"].x
    denies, confirms = lanes.stances
    assert (denies.state, confirms.state) == ("denies", "confirms")
    assert denies.x2 == confirms.x1 == by_href["/claims/2/"].x  # the stance turns there
    assert north_korea.top < denies.y < north_korea.bottom
    assert {item.code for item in lanes.legend} == {"denial", "confirmation", "condemnation"}
    assert lanes.height >= LANE_HEIGHT * len(LANES)


def test_claims_on_the_same_day_in_a_lane_are_stacked_not_hidden():
    axis = time_axis(date(2025, 4, 1), date(2025, 4, 30))
    items = [
        LaneItem(date(2025, 4, 28), "day", "KP", "confirmation", str(i), f"/claims/{i}/")
        for i in range(4)
    ]
    lanes = swimlanes(items, axis, lanes=LANES)
    assert len({(m.x, m.y) for m in lanes.markers}) == 4


def test_aggregated_lanes_size_and_label_markers_by_count():
    axis = time_axis(date(2020, 1, 1), date(2025, 12, 31))
    items = [
        LaneItem(date(2024, 1, 1), "quarter", "RU", "denial", "Q1 2024", "/?side=RU", count=1200),
        LaneItem(date(2025, 4, 1), "quarter", "RU", "confirmation", "Q2 2025", "/", count=3),
    ]
    lanes = swimlanes(items, axis, aggregated=True, lanes=LANES)
    big, small = lanes.markers
    assert (big.count_label, small.count_label) == ("1,200", "3")
    width = lambda m: max(numbers(m.d)[0::2]) - min(numbers(m.d)[0::2])  # noqa: E731
    assert width(big) > width(small)
    assert lanes.aggregated


def test_the_axis_reaches_the_ends_of_the_calendar_and_labels_them_sparingly():
    axis = time_axis(date.min, date.max)
    assert (axis.start, axis.last) == (date.min, date.max)
    assert axis.x(date.min) == axis.x0
    first, middle, last = axis.span(date.max, "day")
    assert last == axis.x1 and first <= middle <= last
    assert axis.span(date(9999, 1, 1), "year")[2] == axis.x1
    ticks = axis.ticks()
    assert 5 <= len(ticks) <= 12
    assert [t.label for t in ticks][:2] == ["1000", "2000"]
    assert all(axis.x0 <= t.x <= axis.x1 for t in ticks)


def test_the_last_month_of_the_calendar_is_drawn_like_any_other():
    axis = time_axis(date(9999, 10, 5), date.max)
    assert [t.label for t in axis.ticks()] == ["Oct 9999", "Nov 9999", "Dec 9999"]
    lanes = swimlanes([LaneItem(date.max, "day", "KP", "denial", "t", "#")], axis, lanes=LANES)
    assert lanes.markers[0].x <= axis.x1


def test_a_phones_chart_keeps_its_labels_and_its_last_month_inside_its_width():
    axis = time_axis(date(2024, 6, 1), date(2025, 4, 28), NARROW)
    assert [t.label for t in axis.ticks()] == ["Jul 2024", "Oct 2024", "Jan 2025", "Apr 2025"]
    assert axis.ticks()[-1].x + 26 <= NARROW.width  # half a label's width from the edge
    late = Estimate(
        date(2025, 4, 28), "day", 14_000, 14_000, "UA", "Ukrainian officials: 14,000", "t", "/"
    )
    us = Estimate(date(2024, 10, 30), "day", 10_000, 10_000, "US", "United States: 10,000", "", "")
    chart = estimates_chart([us, late], axis, layout=NARROW, lanes=LANES)
    assert chart.width == NARROW.width
    for mark in chart.marks:
        assert len(mark.lines) == 2 and "".join(mark.lines) == mark.label  # wrapped, whole
        width = CHAR_WIDTH * max(map(len, mark.lines))
        left = mark.label_x - width if mark.anchor == "end" else mark.label_x
        assert left >= 0 and left + width <= NARROW.width, mark
    assert chart.marks[1].anchor == "end"  # no room after April's mark: before it


def test_a_phones_lanes_count_by_period_with_tap_targets_and_whole_stance_labels():
    assert narrow_period_for(date(2024, 6, 1), date(2025, 4, 28)) == "month"
    assert narrow_period_for(date(2024, 1, 1), date(2025, 4, 28)) == "quarter"
    assert narrow_period_for(date(2020, 1, 1), date(2025, 4, 28)) == "year"
    axis = time_axis(date(2024, 6, 1), date(2025, 4, 28), NARROW)
    items = [LaneItem(date(2025, 4, 1), "month", "KP", "confirmation", "t", "/?x", count=3)]
    stances = [LaneStanceSpan("KP", date(2024, 6, 1), "month", date(2025, 4, 28), "day")]
    lanes = swimlanes(items, axis, stances, aggregated=True, layout=NARROW, lanes=LANES)
    (marker,) = lanes.markers
    assert marker.tap_r == TAP_RADIUS and 2 * TAP_RADIUS >= 24
    assert marker.count_label == "3" and marker.count_y < marker.y - TAP_RADIUS / 2
    confirms = next(s for s in lanes.stances if s.state == "confirms")
    assert confirms.label_anchor == "end" and confirms.label_x <= NARROW.width


def test_the_lanes_are_the_storys_sides_whatever_they_are():
    axis = time_axis(date(2024, 1, 1), date(2024, 12, 31))
    sides = lanes_of([["IL", "Israel"], ["PS", "Palestine"]])
    items = [
        LaneItem(date(2024, 3, 1), "day", "IL", "denial", "t", "/claims/1/"),
        LaneItem(date(2024, 4, 1), "day", "US", "allegation", "t", "/claims/2/"),
    ]
    # A party that admitted without ever denying: confirms from its admission.
    stances = [LaneStanceSpan("PS", None, None, date(2024, 5, 1), "day")]
    lanes = swimlanes(items, axis, stances, lanes=sides)
    assert [lane.name for lane in lanes.lanes] == ["Israel", "Palestine", "Others"]
    israel, _, others = lanes.lanes
    by_href = {m.href: m for m in lanes.markers}
    assert israel.top <= by_href["/claims/1/"].y <= israel.bottom
    assert others.top <= by_href["/claims/2/"].y <= others.bottom  # not a side of this story
    assert [s.state for s in lanes.stances] == ["confirms"]
    assert lanes.height < swimlanes(items, axis, lanes=LANES).height  # three lanes, not six
