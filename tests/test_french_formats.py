import datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import formats, timezone

from contratville.formatting import format_euros

NBSP = "\u00a0"


def test_headline_amounts_are_written_the_french_way():
    assert format_euros(Decimal("1132366"), 0) == f"1{NBSP}132{NBSP}366{NBSP}€"


def test_amounts_with_cents_use_a_decimal_comma():
    assert format_euros(Decimal("12500")) == f"12{NBSP}500,00{NBSP}€"
    assert format_euros(Decimal("0.5")) == f"0,50{NBSP}€"
    assert format_euros(Decimal("999.995")) == f"1{NBSP}000,00{NBSP}€"
    assert format_euros(None) == ""


def test_template_filters_format_money_and_plurals():
    rendered = Template(
        "{% load formats_fr %}{{ m|euros }}|{{ m|euros_arrondis }}|{{ 1|pluriel }}|{{ 18|pluriel }}"
    ).render(Context({"m": Decimal("62752")}))
    assert rendered == f"62{NBSP}752,00{NBSP}€|62{NBSP}752{NBSP}€|1 action|18 actions"


def test_dates_are_french_and_in_paris_time():
    moment = datetime.datetime(2026, 12, 15, 22, 59, tzinfo=datetime.UTC)
    local = timezone.localtime(moment)
    assert formats.date_format(local, "SHORT_DATE_FORMAT") == "15/12/2026"
    assert formats.date_format(local, "DATETIME_FORMAT") == "15 décembre 2026 à 23:59"
