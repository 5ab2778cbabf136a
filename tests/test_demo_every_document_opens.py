"""Every document the demo shows opens: loaded as `make run` does, each demo account follows the links of its pages
and every document link found (récépissés, decision letters, conventions, reports, pieces…) answers a PDF or a file.
Also: a récépissé of an old dépôt whose snapshot lacks a key still opens (no 500)."""

import io
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from projets.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from projets.enums import EtatDossier
from projets.factories import DepotFactory, DossierFactory
from projets.models import Depot
from projets.services.depots import dossier_snapshot
from suivi.models import Convention
from tests.helpers.auth import se_connecter
from tests.helpers.monde import fermer

pytestmark = pytest.mark.django_db

# Links to a document (a file answered), as opposed to pages.
DOCUMENT = re.compile(r"/(recepisse|lettres-de-decision/\d+|pdf|telecharger)/?$")
# The areas walked (the public site and the admin are tested elsewhere), minus links that act (GET forms).
ESPACES = re.compile(r"^/(espace-porteur|instruction|suivi)/")
PAS_SUIVIE = re.compile(r"/(supprimer|retirer|reconduire|nouveau|nouvelle)/")
PAGES_PAR_COMPTE = 400


class _Liens(HTMLParser):
    def __init__(self):
        super().__init__()
        self.liens = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.liens.append(urldefrag(href).url)


def _liens(html: str) -> list[str]:
    parser = _Liens()
    parser.feed(html)
    return [urlsplit(lien).path for lien in parser.liens if lien.startswith("/")]


def _documents_vus(client, depart: list[str]) -> set[str]:
    """Breadth-first walk of the pages from `depart` (at most PAGES_PAR_COMPTE); the document links seen."""
    a_voir, vues, documents = list(depart), set(), set()
    while a_voir and len(vues) < PAGES_PAR_COMPTE:
        url = a_voir.pop(0)
        if url in vues:
            continue
        vues.add(url)
        reponse = client.get(url)
        assert reponse.status_code < 500, url
        if reponse.status_code != 200 or "text/html" not in reponse.get("Content-Type", ""):
            fermer(reponse)  # a file answered: its handle closed
            continue
        for lien in _liens(reponse.content.decode()):
            if DOCUMENT.search(lien):
                documents.add(lien)
            elif ESPACES.search(lien) and not PAS_SUIVIE.search(lien) and lien not in vues:
                a_voir.append(lien)
    return documents


@pytest.fixture
def demo(referentiel, settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True  # load_demo refuses to run in production
    with django_capture_on_commit_callbacks(execute=True):  # its tasks (the conventions' PDF) run, as in make run
        call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False


DEPARTS = {
    "porteuse@demo.contratville.fr": ["/espace-porteur/", "/espace-porteur/suivi/"],
    "instructrice@demo.contratville.fr": ["/instruction/", "/suivi/", "/suivi/conventions/", "/suivi/rapports/"],
    "admin@demo.contratville.fr": ["/instruction/", "/suivi/conventions/"],
}


def test_every_document_linked_by_the_demo_opens_for_an_allowed_user(demo, client):
    assert {compte.email for compte in DEMO_ACCOUNTS} >= set(DEPARTS)
    ouverts = []
    for email, depart in DEPARTS.items():
        client.logout()
        assert se_connecter(client, email, DEMO_PASSWORD)
        for url in sorted(_documents_vus(client, depart)):
            reponse = client.get(url)
            assert reponse.status_code == 200, (email, url, reponse.status_code)
            contenu = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
            fermer(reponse)
            if reponse["Content-Type"] == "application/pdf":
                assert contenu.startswith(b"%PDF"), (email, url)
            assert contenu, (email, url)
            ouverts.append(url)
    # The porteuse's deposited dossiers each link their récépissé; the signed conventions link their PDF.
    recepisses = {url for url in ouverts if url.endswith("/recepisse/")}
    deposes = Depot.objects.filter(dossier__porteur__membres__user__email="porteuse@demo.contratville.fr")
    assert len(recepisses) >= deposes.values("dossier").distinct().count() > 0
    conventions = {url for url in ouverts if re.fullmatch(r"/suivi/conventions/\d+/pdf/", url)}
    assert len(conventions) == Convention.objects.exclude(fichier="").count() > 0


def test_recepisse_of_an_old_depot_missing_keys_still_opens(client, porteur_a):
    dossier = DossierFactory(porteur=porteur_a.porteurs.get(), etat=EtatDossier.DEPOSE)
    contenu = dossier_snapshot(dossier=dossier)  # as an old release froze it: no depose_le, no depose_par
    DepotFactory(dossier=dossier, contenu=contenu, depose_par=porteur_a)
    client.force_login(porteur_a)
    reponse = client.get(f"/espace-porteur/dossiers/{dossier.pk}/recepisse/")
    assert reponse.status_code == 200
    assert b"".join(reponse.streaming_content).startswith(b"%PDF")
    fermer(reponse)
