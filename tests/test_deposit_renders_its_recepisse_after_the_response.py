"""With no broker (the embedded default) the deposit answers before its récépissé is rendered: the PDF is produced
once the response is sent (the WSGI server closes it), in a thread of its own, then mailed once. Outside a
request (commands, the shell) a queued task still runs at commit."""

from unittest import mock

import pytest
from django.core import mail
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

from contratville import celery as taches_sur_place
from contratville.models import TacheEnAttente
from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
from projets.models import Depot
from projets.services import depots

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dossier():
    return dossier_pret_a_deposer()


@pytest.fixture
def porteuse(dossier):
    return PorteurMembreFactory(porteur=dossier.porteur).user


def _deposer_comme_un_serveur(client, dossier):
    """POST the deposit through Django's WSGI handler as a WSGI server does; the response is returned unclosed."""
    client.get(f"/espace-porteur/dossiers/{dossier.pk}/attestation/")  # the CSRF cookie
    jeton = client.cookies["csrftoken"].value
    environ = RequestFactory().post(f"/espace-porteur/dossiers/{dossier.pk}/deposer/", {"csrfmiddlewaretoken": jeton})
    environ = environ.environ
    environ["HTTP_COOKIE"] = "; ".join(f"{nom}={cookie.value}" for nom, cookie in client.cookies.items())
    statuts = []
    reponse = WSGIHandler()(environ, lambda statut, entetes, *args: statuts.append(statut))
    return statuts, reponse


def test_the_deposit_answers_before_the_recepisse_is_rendered_then_mails_it_once(client, porteuse, dossier, settings):
    settings.TACHES_EN_FOND_APRES_REPONSE = False  # the request's thread: measured here without waiting
    client.force_login(porteuse)
    with mock.patch.object(depots, "depot_recepisse_pdf", wraps=depots.depot_recepisse_pdf) as rendu:
        statuts, reponse = _deposer_comme_un_serveur(client, dossier)

        assert statuts == ["302 Found"]
        depot = Depot.objects.get(dossier=dossier)
        assert rendu.call_count == 0 and mail.outbox == [] and not depot.recepisse
        assert TacheEnAttente.objects.count() == 1  # kept until it runs

        reponse.close()  # the server has sent the response

    assert rendu.call_count == 1
    depot.refresh_from_db()
    assert depot.recepisse and not TacheEnAttente.objects.exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[0][2] == "application/pdf"


def test_in_the_embedded_default_the_recepisse_is_rendered_in_a_thread_of_its_own(client, porteuse, dossier, settings):
    settings.TACHES_EN_FOND_APRES_REPONSE = True
    client.force_login(porteuse)
    fils = []

    def en_fond(actions):
        fils.append(executer_en_fond(actions))
        return fils[-1]

    executer_en_fond = taches_sur_place.executer_en_fond
    with mock.patch.object(taches_sur_place, "executer_en_fond", side_effect=en_fond):
        reponse = client.post(f"/espace-porteur/dossiers/{dossier.pk}/deposer/")
    assert reponse.status_code == 302

    (fil,) = fils
    fil.join(timeout=120)
    assert not fil.is_alive()
    assert Depot.objects.get(dossier=dossier).recepisse
    assert len(mail.outbox) == 1


def test_outside_a_request_a_task_still_runs_at_commit(dossier, porteuse):
    from django.utils import timezone

    depots.depot_create(dossier=dossier, by=porteuse, moment=timezone.now())

    assert Depot.objects.get(dossier=dossier).recepisse and len(mail.outbox) == 1
