"""Validators the models attach to their fields, so that every form and the admin check them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.dates import plausible_range


def validate_plausible_date(value):
    """Refuse a date no claim or article can have (articles.dates.plausible_range): a
    typing slip like 9999-12-31 is caught where it is typed."""
    first, last = plausible_range()
    if value is not None and not first <= value <= last:
        raise ValidationError(
            _(
                "Enter a date from %(first)s to %(last)s: %(value)s cannot be right for a "
                "claim or an article."
            ),
            code="implausible_date",
            params={
                "first": first.isoformat(),
                "last": last.isoformat(),
                "value": value.isoformat(),
            },
        )
