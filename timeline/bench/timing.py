"""Two things timed in turn, A B A B ..., so that a machine whose speed drifts slows both
alike: each pair gives a ratio, and the medians are what is quoted."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Comparison:
    a: list[float]  # seconds per run of A
    b: list[float]  # seconds per run of B, the anchor

    @property
    def ratios(self) -> list[float]:
        """A's speed as a share of B's, pair by pair: B's time over A's."""
        return [b / a for a, b in zip(self.a, self.b, strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def a_median(self) -> float:
        return statistics.median(self.a)

    @property
    def b_median(self) -> float:
        return statistics.median(self.b)


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _nothing():
    pass


def side_by_side(
    a: Callable[[], object],
    b: Callable[[], object],
    *,
    rounds: int = 5,
    warmup: int = 1,
    after_a: Callable[[], object] = _nothing,
    after_b: Callable[[], object] = _nothing,
) -> Comparison:
    """Run `a` and `b` in turn, `warmup` times each uncounted and then `rounds` times each;
    `after_a` and `after_b` (untimed) undo what a run did, so that every run starts alike."""
    a_times, b_times = [], []
    for i in range(warmup + rounds):
        a_time = timed(a)
        after_a()
        b_time = timed(b)
        after_b()
        if i >= warmup:
            a_times.append(a_time)
            b_times.append(b_time)
    return Comparison(a_times, b_times)


def repeated(run: Callable[[], object], times: int) -> Callable[[], None]:
    """`run` `times` times over: one sample of something too quick to time once."""

    def many():
        for _ in range(times):
            run()

    return many


def times_for(run: Callable[[], object], *, seconds: float) -> int:
    """How many runs of `run` take about `seconds` (at least one), from one timed run."""
    return max(1, round(seconds / max(timed(run), 1e-6)))
