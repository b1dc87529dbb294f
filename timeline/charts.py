"""SVG geometry for the estimates chart and the swimlanes: plain numbers and path strings the
templates draw (templates/timeline/_chart_estimates.html and _chart_lanes.html). Pure: no
database, no request.

Both charts share one time axis. A date is drawn at the middle of the days its precision
allows ("Oct 2024" at mid-October, with a line across the month), never on a fake day.
When claims are many the callers pass one item per lane (or side) and period with a count
instead of one per claim (see `period_for`), so a story of years stays readable.

The lanes are a story's sides, in its order, then "others" (story.lanes_of): the callers
pass them. Each lane gets a slot, its place in that order, which gives it a colour (the
stylesheet's .tl-slot-N) and a shape, so that no story's sides are written in code.
"""

import math
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import pgettext

from articles.formats import MONTH_ABBR, format_number
from articles.precision import MONTH, QUARTER, YEAR, period
from timeline import vocabulary as v
from timeline.story import OTHERS, others_name

WIDTH = 760
LEFT = 118  # room for the lane names and the figures of the y axis
RIGHT = 64  # room after the last month for labels and for a stance that goes on
LANE_HEIGHT = 46


@dataclass(frozen=True)
class Layout:
    """The size the charts are drawn for. The page draws each chart twice, WIDE for a desk
    and NARROW for a phone, and its stylesheet shows the one that fits: an SVG scaled down
    to a phone would shrink its text and its markers below what can be read or tapped."""

    name: str
    width: int
    left: float  # before the first month: the y axis's figures (and, wide, the lane names)
    right: float
    lane_height: int = LANE_HEIGHT
    narrow: bool = False  # lane names above their lane, labels wrapped, markers counted


WIDE = Layout("wide", WIDTH, LEFT, RIGHT)
# A phone is 320 to 430 CSS px wide, less the page's margins: at 340 units one is about one px.
# Right: half a month's label, so that a tick at the end is not cut.
NARROW = Layout("narrow", 340, 50, 26, lane_height=58, narrow=True)
TAP_RADIUS = 14  # a marker's target on a phone: at least 24 px across, even at 320 px wide

# Shapes, so that colour is never the only signal: a lane's by its slot (the first side's
# a circle, ...), cycling past the last, and "others" a plus.
SLOT_SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "star", "ring")
SLOTS = len(SLOT_SHAPES)  # colours in the stylesheet: .tl-slot-1 to .tl-slot-7
OTHERS_SHAPE = "plus"


def lane_slots(lanes) -> dict[str, tuple[str, str]]:
    """Each lane's code -> (slot, shape): the story's sides "1", "2", ... in their order
    (cycling past SLOTS), "others" its own."""
    slots = {}
    for i, (code, _) in enumerate(lane for lane in lanes if lane[0] != OTHERS):
        slots[code] = (str(i % SLOTS + 1), SLOT_SHAPES[i % SLOTS])
    slots[OTHERS] = (OTHERS, OTHERS_SHAPE)
    return slots


KIND_SHAPES = {
    v.TROOP_COUNT: "circle",
    v.CASUALTY_COUNT: "ring",
    v.DENIAL: "cross",
    v.CONFIRMATION: "check",
    v.ALLEGATION: "diamond",
    v.COMBAT_REPORT: "star",
    v.CONDEMNATION: "square",
    v.AGREEMENT: "plus",
    v.OTHER: "dot",
}
_UNIT_POLYGONS = {
    "square": [(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)],
    "diamond": [(0, -1.1), (1.1, 0), (0, 1.1), (-1.1, 0)],
    "triangle": [(0, -1.1), (1.05, 0.8), (-1.05, 0.8)],
    "triangle-down": [(-1.05, -0.8), (1.05, -0.8), (0, 1.1)],
    "check": [(-1, 0.1), (-0.65, -0.25), (-0.3, 0.1), (0.65, -0.85), (1, -0.5), (-0.3, 0.8)],
}


def _plus(width=0.36):
    w = width
    return [
        (-w, -1), (w, -1), (w, -w), (1, -w), (1, w), (w, w),
        (w, 1), (-w, 1), (-w, w), (-1, w), (-1, -w), (-w, -w),
    ]  # fmt: skip


def _rotated(points, degrees):
    a = math.radians(degrees)
    return [
        (x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)) for x, y in points
    ]


def _star(points=5, inner=0.45):
    return [
        (
            (1 if i % 2 == 0 else inner) * math.sin(math.pi * i / points),
            -(1 if i % 2 == 0 else inner) * math.cos(math.pi * i / points),
        )
        for i in range(points * 2)
    ]


_UNIT_POLYGONS["plus"] = _plus()
_UNIT_POLYGONS["cross"] = _rotated(_plus(0.3), 45)
_UNIT_POLYGONS["star"] = _star()


def _n(value: float) -> str:
    text = f"{value:.1f}"
    if text in ("-0.0", "0.0"):
        return "0"
    return text[:-2] if text.endswith(".0") else text


def _circle(cx, cy, r, clockwise=True) -> str:
    sweep = 1 if clockwise else 0
    return (
        f"M{_n(cx - r)} {_n(cy)}a{_n(r)} {_n(r)} 0 1 {sweep} {_n(2 * r)} 0"
        f"a{_n(r)} {_n(r)} 0 1 {sweep} {_n(-2 * r)} 0Z"
    )


def shape_path(shape: str, cx: float, cy: float, r: float = 6) -> str:
    """The SVG path data of a marker of `shape` centred on (cx, cy), about 2r wide."""
    if shape == "circle":
        return _circle(cx, cy, r)
    if shape == "dot":
        return _circle(cx, cy, r * 0.55)
    if shape == "ring":  # a hole by the even-odd rule: the inner circle runs the other way
        return _circle(cx, cy, r) + _circle(cx, cy, r * 0.5, clockwise=False)
    points = _UNIT_POLYGONS.get(shape, _UNIT_POLYGONS["square"])
    return "M" + "L".join(f"{_n(cx + x * r)} {_n(cy + y * r)}" for x, y in points) + "Z"


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


def _month_index(when: date) -> int:
    return when.year * 12 + when.month - 1


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


# Tick steps: months for up to six years, then years, as many as it takes for a dozen ticks
# (a story from year 1 to 9999 gets one every thousand years).
_MONTH_STEPS = ((8, 1), (16, 2), (36, 3), (72, 6))
_YEAR_STEPS = tuple(n * 10**e for e in range(4) for n in (1, 2, 5))
MAX_YEAR_TICKS = 12


def _month_limit(limit: int, room: float) -> float:
    """A number of months that fits the ticks of `limit` at the wide width into `room`."""
    return limit * room / (WIDTH - LEFT - RIGHT)


@dataclass(frozen=True)
class TimeAxis:
    """Dates to x: from the first day of the first claim's month to the end of the last day
    of the last one's. Positions are counted in days from date.toordinal(), so that the end
    of 31 December 9999 (a day after the last date Python has) is a position like any other."""

    start: date
    last: date  # the last day drawn, included
    x0: float = LEFT
    x1: float = WIDTH - RIGHT

    @property
    def months(self) -> int:
        return _month_index(self.last) - _month_index(self.start) + 1

    def _x_of_day(self, day: int) -> float:
        first, after = self.start.toordinal(), self.last.toordinal() + 1
        day = min(max(day, first), after)
        return round(self.x0 + (self.x1 - self.x0) * (day - first) / (after - first), 1)

    def x(self, when: date) -> float:
        """Where `when` begins (clamped to the axis)."""
        return self._x_of_day(when.toordinal())

    def span(self, when: date, precision: str) -> tuple[float, float, float]:
        """(first x, middle x, last x) of the days a date at `precision` may mean."""
        first, last = period(when, precision)
        x_first, x_last = self.x(first), self._x_of_day(last.toordinal() + 1)
        return x_first, round((x_first + x_last) / 2, 1), x_last

    def ticks(self) -> list[Tick]:
        months, room = self.months, self.x1 - self.x0
        # As many ticks as their labels have room for: fewer on a narrow chart.
        step = next((s for n, s in _MONTH_STEPS if months <= _month_limit(n, room)), None)
        if step is None:
            years = self.last.year - self.start.year + 1
            most = max(2, round(_month_limit(MAX_YEAR_TICKS, room)))
            every = next((s for s in _YEAR_STEPS if years / s <= most), _YEAR_STEPS[-1])
            first = -(-self.start.year // every) * every  # the first multiple of `every`
            return [
                Tick(self.x(date(year, 1, 1)), str(year))
                # Up to the January after the last day, where a December axis ends.
                for year in range(max(first, 1), min(self.last.year + 1, date.max.year) + 1, every)
                if date(year, 1, 1).toordinal() <= self.last.toordinal() + 1
            ]
        ticks = []
        # Up to the month after the last: its first day is where the axis ends.
        for index in range(_month_index(self.start), _month_index(self.last) + 2):
            if index % step or index // 12 > date.max.year:
                continue
            when = _month_start(index)
            ticks.append(Tick(self.x(when), f"{MONTH_ABBR[when.month - 1]} {when.year}"))
        return ticks


def time_axis(first: date, last: date, layout: Layout = WIDE) -> TimeAxis:
    """The shared axis for claims stated from `first` to `last` (whole months)."""
    return TimeAxis(
        first.replace(day=1), period(last, MONTH)[1], layout.left, layout.width - layout.right
    )


def period_for(first: date, last: date) -> str:
    """The period to count claims by when they are too many to draw one by one: months for
    up to two years, quarters up to eight, years beyond: never more than about 32 columns."""
    months = _month_index(last) - _month_index(first) + 1
    return MONTH if months <= 24 else QUARTER if months <= 96 else YEAR


def narrow_period_for(first: date, last: date) -> str:
    """The period a phone's swimlanes count claims by: a month is 25 px wide at a year's
    story, room for one tap target; longer stories take quarters, then years."""
    months = _month_index(last) - _month_index(first) + 1
    return MONTH if months <= 12 else QUARTER if months <= 36 else YEAR


def _nice_ceiling(value: float) -> tuple[int, int]:
    """(top, step) of a y axis showing `value`: a round top with 2 to 6 steps."""
    if value <= 0:
        return 1, 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (magnitude / 5, magnitude / 2, magnitude, magnitude * 2, magnitude * 5):
        step = max(1, int(step))
        if math.ceil(value / step) <= 6:
            return step * math.ceil(value / step), step
    return int(magnitude * 10), int(magnitude * 2)


@dataclass(frozen=True)
class Estimate:
    """One estimate (or, aggregated, the estimates of one side in one period)."""

    when: date
    precision: str
    low: int
    high: int
    side: str  # a lane's code
    label: str
    title: str
    href: str
    mean: float | None = None
    count: int = 1
    actor: str = ""
    side_name: str = ""  # the lane's name, as the story calls it

    @property
    def figures(self) -> str:
        return format_number(self.low, self.high)


@dataclass(frozen=True)
class EstimateMark:
    x: float
    y: float
    d: str
    side: str
    slot: str  # the lane's colour
    label: str
    label_x: float
    label_y: float
    anchor: str
    title: str
    href: str
    period_x1: float | None = None  # a line across the days an imprecise date may mean
    period_x2: float | None = None
    bar_top: float | None = None  # a range (or aggregated estimates): a bar from low to high
    bar_bottom: float | None = None
    lines: tuple[str, ...] = ()  # the label as drawn, one line each (wrapped when narrow)


@dataclass(frozen=True)
class LegendItem:
    code: str
    label: str
    d: str
    slot: str = ""  # a lane's colour (a kind's is its code)


@dataclass(frozen=True)
class EstimatesChart:
    layout: Layout
    width: int
    height: int
    top: float
    bottom: float
    x0: float
    x1: float
    marks: list[EstimateMark]
    y_ticks: list[Tick]  # here Tick.x is a y
    x_ticks: list[Tick]
    legend: list[LegendItem]
    highest: int
    lowest: int

    @property
    def tick_label_x(self) -> float:
        return self.x0 - 8

    @property
    def tick_bottom(self) -> float:
        return self.bottom + 5

    @property
    def axis_label_y(self) -> float:
        return self.bottom + 18

    @property
    def highest_label(self) -> str:
        return format_number(self.highest)

    @property
    def lowest_label(self) -> str:
        return format_number(self.lowest)


LINE_HEIGHT = 13  # of an 11 px label
CHAR_WIDTH = 6.2  # an 11 px label's average character, generously


def _place_label(x, y, lines, anchor, placed) -> tuple[float, float]:
    """A y for a label (its `lines`) near (x, y) that does not overlap the labels already
    placed."""
    width = CHAR_WIDTH * max(len(line) for line in lines)
    height = LINE_HEIGHT * (len(lines) - 1)
    left = x - width if anchor == "end" else x
    for dy in (0, -13, 13, -26, 26, -39, 39):
        box = (left, y + dy - 10, left + width, y + dy + height + 3)
        if all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed):
            placed.append(box)
            return x, y + dy
    placed.append((left, y - 10, left + width, y + height + 3))
    return x, y


def label_lines(label: str, narrow: bool) -> tuple[str, ...]:
    """A mark's label as lines: whole when wide; when narrow, the figure under the name
    ("United States: " over "10,000"). The space stays at the end of the first line so that
    the text still reads "United States: 10,000" to a screen reader or a search."""
    name, colon, figure = label.rpartition(": ")
    if not narrow or not colon:
        return (label,)
    return (f"{name}: ", figure)


def estimates_chart(
    estimates: list[Estimate],
    axis: TimeAxis,
    height: int = 250,
    layout: Layout = WIDE,
    *,
    lanes=None,
) -> EstimatesChart:
    """Estimates on the shared time axis: a marker per estimate shaped and coloured by its
    lane (`lanes`: the story's, story.lanes_of), a bar for a range, a label naming the actor
    (or, aggregated, the count). A label is kept inside the chart's width: on the side of
    its mark where it fits."""
    lanes = lanes or ((OTHERS, others_name()),)
    slots = lane_slots(lanes)
    top, bottom = 16.0, float(height - 28)
    highest = max((e.high for e in estimates), default=0)
    lowest = min((e.low for e in estimates), default=0)
    y_top, step = _nice_ceiling(highest)

    def y(value: float) -> float:
        return round(bottom - (bottom - top) * value / y_top, 1)

    marks, placed = [], []
    for estimate in sorted(estimates, key=lambda e: (e.when, e.side)):
        x_first, x, x_last = axis.span(estimate.when, estimate.precision)
        middle = estimate.mean if estimate.mean is not None else (estimate.low + estimate.high) / 2
        y_mark = y(middle)
        lines = label_lines(estimate.label, layout.narrow)
        if layout.narrow:
            fits_after = x + 10 + CHAR_WIDTH * max(map(len, lines)) <= layout.width
            anchor = "start" if fits_after else "end"
        else:
            anchor = "end" if x > axis.x1 - 150 else "start"
        label_x = x - 10 if anchor == "end" else x + 10
        label_x, label_y = _place_label(label_x, y_mark + 4, lines, anchor, placed)
        ranged = estimate.high != estimate.low
        slot, shape = slots.get(estimate.side, slots[OTHERS])
        marks.append(
            EstimateMark(
                x=x,
                y=y_mark,
                d=shape_path(shape, x, y_mark, 6),
                side=estimate.side,
                slot=slot,
                label=estimate.label,
                label_x=label_x,
                label_y=label_y,
                anchor=anchor,
                title=estimate.title,
                href=estimate.href,
                period_x1=x_first if x_last - x_first > 4 else None,
                period_x2=x_last if x_last - x_first > 4 else None,
                bar_top=y(estimate.high) if ranged else None,
                bar_bottom=y(estimate.low) if ranged else None,
                lines=lines,
            )
        )
    y_ticks = [Tick(y(v), format_number(v)) for v in range(0, y_top + 1, step)]
    sides = {e.side for e in estimates}
    legend = [
        LegendItem(code, name, shape_path(slots[code][1], 0, 0, 6), slots[code][0])
        for code, name in lanes
        if code in sides
    ]
    return EstimatesChart(
        layout=layout,
        width=layout.width,
        height=height,
        top=top,
        bottom=bottom,
        x0=axis.x0,
        x1=axis.x1,
        marks=marks,
        y_ticks=y_ticks,
        x_ticks=axis.ticks(),
        legend=legend,
        highest=highest,
        lowest=lowest,
    )


@dataclass(frozen=True)
class LaneItem:
    """One claim in a lane (or, aggregated, the claims of one lane in one period)."""

    when: date
    precision: str
    lane: str
    kind: str
    title: str
    href: str
    count: int = 1


@dataclass(frozen=True)
class LaneMarker:
    x: float
    y: float
    d: str
    kind: str
    title: str
    href: str
    count_label: str = ""
    count_x: float = 0
    count_y: float = 0
    count_anchor: str = "middle"
    period_x1: float | None = None
    period_x2: float | None = None
    tap_r: float = 0  # a larger invisible target around the marker (narrow)


@dataclass(frozen=True)
class Lane:
    code: str
    name: str
    top: float
    middle: float
    bottom: float
    label_y: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


STANCE_CHAR_WIDTH = 5.6  # a 9 px bold label's character, generously


@dataclass(frozen=True)
class StanceSegment:
    state: str  # "denies" or "confirms"
    x1: float
    x2: float
    y: float
    label: str
    room: float = WIDTH  # the chart's width: a label at its right edge is drawn before it

    @property
    def label_anchor(self) -> str:
        return "end" if self.x1 + 3 + STANCE_CHAR_WIDTH * len(self.label) > self.room else "start"

    @property
    def label_x(self) -> float:
        return self.room - 2 if self.label_anchor == "end" else self.x1 + 3

    @property
    def label_y(self) -> float:
        return self.y - 3


@dataclass(frozen=True)
class LaneStanceSpan:
    """A lane's first denial and its first confirmation (either may be None)."""

    lane: str
    denied_on: date | None
    denied_precision: str | None
    confirmed_on: date | None = None
    confirmed_precision: str | None = None


@dataclass(frozen=True)
class Swimlanes:
    layout: Layout
    width: int
    height: int
    x0: float
    x1: float
    axis_y: float
    lanes: list[Lane]
    markers: list[LaneMarker]
    stances: list[StanceSegment]
    x_ticks: list[Tick]
    aggregated: bool
    legend: list[LegendItem] = field(default_factory=list)
    top: float = 8.0

    @property
    def axis_label_y(self) -> float:
        return self.axis_y + 16


_STACK = ((0, 0), (0, -12), (0, 12), (11, 0), (11, -12), (11, 12))


def swimlanes(
    items: list[LaneItem],
    axis: TimeAxis,
    stances: list[LaneStanceSpan] = (),
    *,
    lanes=None,
    aggregated: bool = False,
    kind_labels: dict | None = None,
    layout: Layout = WIDE,
) -> Swimlanes:
    """One lane per side (`lanes`: the story's, story.lanes_of) on the shared time axis; a
    marker per claim, shaped and coloured by its kind; claims on the same day in the same
    lane stacked. Aggregated: one marker per lane and period, shaped by its most frequent
    kind, sized and labelled by its count. Under the markers, a line shows each lane's
    stance: "denies" from its first denial, "confirms" from its confirmation. Narrow: the
    lane's name above its markers, and each marker (aggregated) a tap target of TAP_RADIUS
    with its count beside it."""
    top = 8.0
    height_of_lane = layout.lane_height
    lane_list, lanes = list(lanes or ((OTHERS, others_name()),)), []
    for i, (code, name) in enumerate(lane_list):
        lane_top = top + i * height_of_lane
        lanes.append(
            Lane(
                code=code,
                name=name,
                top=lane_top,
                # Narrow: a row for the name, then the markers; room below for the stance line.
                middle=lane_top + (38 if layout.narrow else height_of_lane / 2 - 3),
                bottom=lane_top + height_of_lane,
                label_y=lane_top + (13 if layout.narrow else height_of_lane / 2 + 1),
            )
        )
    by_code = {lane.code: lane for lane in lanes}
    markers, clusters = [], {}
    for item in sorted(items, key=lambda i: (i.when, i.lane)):
        lane = by_code.get(item.lane, by_code[OTHERS])
        x_first, x, x_last = axis.span(item.when, item.precision)
        if aggregated:
            r = min(9.0, 5 + 1.3 * math.log10(max(1, item.count)))
            d = shape_path(KIND_SHAPES.get(item.kind, "dot"), x, lane.middle, r)
            if layout.narrow:  # above the marker, below the lane's name, clear of the stance
                count = {"count_x": x, "count_y": lane.middle - 13, "tap_r": TAP_RADIUS}
            else:
                count = {"count_x": x, "count_y": lane.middle + r + 10}
            markers.append(
                LaneMarker(
                    x=x,
                    y=lane.middle,
                    d=d,
                    kind=item.kind,
                    title=item.title,
                    href=item.href,
                    count_label=format_number(item.count),
                    **count,
                )
            )
            continue
        key = (lane.code, round(x / 14))
        dx, dy = _STACK[clusters.get(key, 0) % len(_STACK)]
        clusters[key] = clusters.get(key, 0) + 1
        mx, my = x + dx, lane.middle + dy
        wide = x_last - x_first > 6
        markers.append(
            LaneMarker(
                x=mx,
                y=my,
                d=shape_path(KIND_SHAPES.get(item.kind, "dot"), mx, my, 5.5),
                kind=item.kind,
                title=item.title,
                href=item.href,
                period_x1=x_first if wide else None,
                period_x2=x_last if wide else None,
            )
        )
    segments = []
    ongoing = layout.width - 6  # a stance still held runs past the last month
    denies = pgettext("a party's stance, drawn under its lane", "denies")
    confirms = pgettext("a party's stance, drawn under its lane", "confirms")
    for stance in stances:
        lane = by_code.get(stance.lane)
        if lane is None or (stance.denied_on is None and stance.confirmed_on is None):
            continue
        y, room = lane.bottom - 5, layout.width
        confirmed_x = None
        if stance.confirmed_on is not None:
            _, confirmed_x, _ = axis.span(stance.confirmed_on, stance.confirmed_precision)
        if stance.denied_on is not None:
            _, denied_x, _ = axis.span(stance.denied_on, stance.denied_precision)
            end = ongoing if confirmed_x is None else confirmed_x
            segments.append(StanceSegment("denies", denied_x, end, y, denies, room))
        if confirmed_x is not None:
            segments.append(StanceSegment("confirms", confirmed_x, ongoing, y, confirms, room))
    kinds = {item.kind for item in items}
    labels = kind_labels or {}
    legend = [
        LegendItem(kind, labels.get(kind, kind.replace("_", " ")), shape_path(shape, 0, 0, 6))
        for kind, shape in KIND_SHAPES.items()
        if kind in kinds
    ]
    height = int(top + height_of_lane * len(lane_list) + 26)
    return Swimlanes(
        layout=layout,
        width=layout.width,
        height=height,
        x0=axis.x0,
        x1=axis.x1,
        axis_y=top + height_of_lane * len(lane_list),
        lanes=lanes,
        markers=markers,
        stances=segments,
        x_ticks=axis.ticks(),
        aggregated=aggregated,
        legend=legend,
        top=top,
    )
