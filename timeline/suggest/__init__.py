"""Candidate claims in an article, found by transparent rules an editor can read (see
`finding`)."""

from timeline.suggest.finding import *  # noqa: F403  (the move's first step: split next)
