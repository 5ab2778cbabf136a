"""A submission locks its own dossier's row, not its campagne's: porteurs submitting at the same time do not wait
for each other, except for the moment their dossier number is taken."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
from projets.services.dossiers import dossier_submit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks"),
]


def test_the_submission_locks_only_the_dossier_row():
    dossier = dossier_pret_a_deposer()
    membre = PorteurMembreFactory(porteur=dossier.porteur)

    with CaptureQueriesContext(connection) as requetes:
        dossier_submit(dossier=dossier, by=membre.user)

    verrous = [q["sql"] for q in requetes if "FOR UPDATE" in q["sql"] and "projets_campagne" in q["sql"]]
    assert verrous, "the submission reads its dossier with its campagne under a lock"
    assert all('FOR UPDATE OF "projets_dossier"' in sql for sql in verrous), verrous
