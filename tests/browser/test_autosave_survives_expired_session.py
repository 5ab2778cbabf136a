"""The session expires while a porteur types: the text waits on the device and is saved after logging in again."""

import re

import pytest

from projets.factories import CampagneFactory, DossierFactory, PorteurMembreFactory
from tests.browser.conftest import assert_accessible, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_after_the_session_expired_is_kept_and_saved_after_login(page):
    membre = PorteurMembreFactory(user__email="tresoriere@asso.example")
    dossier = DossierFactory(porteur=membre.porteur, campagne=CampagneFactory(), objectifs="")
    step = f"/espace-porteur/dossiers/{dossier.pk}/action/"
    login(page, membre.user.email, step)
    page.get_by_label("Objectifs de l'action").wait_for()

    page.context.clear_cookies()  # the session is gone, as after hours away
    page.get_by_label("Objectifs de l'action").fill("Rompre l'isolement des personnes âgées.")
    page.get_by_role("status").filter(has_text="Votre session a expiré").wait_for()
    assert_accessible(page)
    screenshot(page, "session-expiree")
    dossier.refresh_from_db()
    assert dossier.objectifs == ""

    login(page, membre.user.email, step)
    assert page.get_by_label("Objectifs de l'action").input_value() == "Rompre l'isolement des personnes âgées."
    page.get_by_role("status").filter(has_text=re.compile("Enregistré à")).wait_for()
    dossier.refresh_from_db()
    assert dossier.objectifs == "Rompre l'isolement des personnes âgées."
