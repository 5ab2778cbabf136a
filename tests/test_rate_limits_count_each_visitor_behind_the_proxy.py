"""Behind the TLS proxy every request comes from the proxy's address: the rate limits and the login lockout count
the visitor the proxy saw (X-Forwarded-For, as far as the declared proxies go), so one visitor does not block the
whole site, and no visitor dodges a limit by writing X-Forwarded-For himself."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conseil_citoyen.factories import ConseilCitoyenFactory, FondsParticipationFactory
from conseil_citoyen.models import DemandeFPH

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
VISITEUR_A = "203.0.113.10"
VISITEUR_B = "198.51.100.20"


def _par_le_proxy(client, url, donnees, visiteur, ecrit_par_le_client=""):
    """A POST through one proxy: it connects from PROXY and appends the address it received the request from."""
    transmis = f"{ecrit_par_le_client}, {visiteur}" if ecrit_par_le_client else visiteur
    return client.post(url, donnees, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=transmis)


def _demande_fph():
    conseil = ConseilCitoyenFactory()
    FondsParticipationFactory(conseil=conseil, annee=timezone.localdate().year)
    donnees = {
        "titre": "Tournoi de foot",
        "description": "Un tournoi inter-immeubles.",
        "porteurs": "Samir et Léa",
        "email": "samir@exemple.fr",
        "montant_demande": "300",
    }
    return reverse("demande_fph", args=[conseil.pk]), donnees


FORMULAIRES_ANONYMES = {
    "inscription": (lambda: (reverse("comptes:signup"), {"email": "x@exemple.fr"}), 10),
    "renvoi de la confirmation": (lambda: (reverse("comptes:confirmation_resend"), {"email": "x@exemple.fr"}), 10),
    "mot de passe oublié": (lambda: (reverse("password_reset"), {"email": "x@exemple.fr"}), 5),
    "demande au fonds de participation des habitants": (_demande_fph, 10),
}


@pytest.fixture
def un_proxy(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1


@pytest.mark.parametrize("formulaire", list(FORMULAIRES_ANONYMES))
def test_a_visitor_over_the_limit_does_not_block_another_visitor_behind_the_proxy(client, un_proxy, formulaire):
    preparer, limite = FORMULAIRES_ANONYMES[formulaire]
    url, donnees = preparer()
    for numero in range(limite):
        # Distinct e-mail addresses: only the per-address limit is at stake here.
        donnees_a = donnees | {"email": f"a{numero}@exemple.fr"}
        assert _par_le_proxy(client, url, donnees_a, VISITEUR_A).status_code != 429
    refus = _par_le_proxy(client, url, donnees | {"email": "a-encore@exemple.fr"}, VISITEUR_A)
    assert refus.status_code == 429
    assert "Trop de demandes en peu de temps" in refus.content.decode()

    assert _par_le_proxy(client, url, donnees | {"email": "b@exemple.fr"}, VISITEUR_B).status_code != 429


@pytest.mark.parametrize("formulaire", list(FORMULAIRES_ANONYMES))
def test_a_forged_forwarded_for_does_not_dodge_the_limit_behind_one_proxy(client, un_proxy, formulaire):
    preparer, limite = FORMULAIRES_ANONYMES[formulaire]
    url, donnees = preparer()
    for numero in range(limite):
        donnees_a = donnees | {"email": f"a{numero}@exemple.fr"}
        _par_le_proxy(client, url, donnees_a, VISITEUR_A, ecrit_par_le_client=f"192.0.2.{numero}")
    donnees_z = donnees | {"email": "z@exemple.fr"}
    refus = _par_le_proxy(client, url, donnees_z, VISITEUR_A, ecrit_par_le_client="192.0.2.99")
    assert refus.status_code == 429


@pytest.mark.parametrize("formulaire", list(FORMULAIRES_ANONYMES))
def test_without_a_declared_proxy_forwarded_for_is_ignored(client, settings, formulaire):
    settings.AXES_IPWARE_PROXY_COUNT = 0
    preparer, limite = FORMULAIRES_ANONYMES[formulaire]
    url, donnees = preparer()
    for numero in range(limite):
        donnees_a = donnees | {"email": f"a{numero}@exemple.fr"}
        client.post(url, donnees_a, REMOTE_ADDR=VISITEUR_A, HTTP_X_FORWARDED_FOR=f"192.0.2.{numero}")
    refus = client.post(
        url, donnees | {"email": "z@exemple.fr"}, REMOTE_ADDR=VISITEUR_A, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert refus.status_code == 429


def test_fifteen_fph_requests_from_one_visitor_create_ten(client, un_proxy):
    url, donnees = _demande_fph()
    reponses = [_par_le_proxy(client, url, donnees, VISITEUR_A).status_code for _ in range(15)]
    assert reponses.count(429) == 5
    assert DemandeFPH.objects.count() == 10


def test_password_reset_is_limited_per_email_address_whatever_the_visitor(client, un_proxy):
    url = reverse("password_reset")
    for numero in range(5):
        _par_le_proxy(client, url, {"email": "Victime@exemple.fr"}, f"203.0.113.{numero}")
    refus = _par_le_proxy(client, url, {"email": " victime@exemple.fr "}, "203.0.113.99")
    assert refus.status_code == 429
    # Another mailbox from the same new visitor is still served.
    assert _par_le_proxy(client, url, {"email": "autre@exemple.fr"}, "203.0.113.99").status_code != 429


def test_a_login_lockout_behind_the_proxy_locks_only_the_visitor_who_failed(client, un_proxy, porteur_a):
    url = reverse("login")
    for _ in range(5):
        _par_le_proxy(client, url, {"username": porteur_a.email, "password": "mauvais"}, VISITEUR_A)
    bloquee = _par_le_proxy(client, url, {"username": porteur_a.email, "password": "motdepasse-de-test"}, VISITEUR_A)
    assert bloquee.status_code == 429

    _par_le_proxy(client, url, {"username": porteur_a.email, "password": "motdepasse-de-test"}, VISITEUR_B)
    assert "_auth_user_id" in client.session


def test_a_login_lockout_is_not_dodged_by_a_forged_forwarded_for(client, un_proxy, porteur_a):
    url = reverse("login")
    for numero in range(5):
        donnees = {"username": porteur_a.email, "password": "mauvais"}
        _par_le_proxy(client, url, donnees, VISITEUR_A, ecrit_par_le_client=f"192.0.2.{numero}")
    donnees = {"username": porteur_a.email, "password": "motdepasse-de-test"}
    assert _par_le_proxy(client, url, donnees, VISITEUR_A, ecrit_par_le_client="192.0.2.99").status_code == 429
