"""Ids typed or tampered with in a form or a query string: a bad one is a 404, never a database error (500)."""

import re

from django.http import Http404

PK_MAX = 2**63 - 1  # PostgreSQL's bigint


def pk_ou_404(valeur) -> int:
    """The id as a positive integer within bigint, or Http404 (letters, blanks, NUL, sign, overflow…)."""
    if isinstance(valeur, str) and re.fullmatch(r"[0-9]{1,19}", valeur, re.ASCII) and 0 < int(valeur) <= PK_MAX:
        return int(valeur)
    raise Http404("Identifiant inconnu.")
