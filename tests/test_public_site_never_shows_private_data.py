"""Only what the COPIL retained and the service published is public: never drafts, unpublished or refused
dossiers, notes, avis, syntheses, requested amounts, nor the porteurs' members and personal contacts."""

from decimal import Decimal

import pytest

from projets.enums import Avis, EtatDossier
from projets.factories import (
    AvisConseilCitoyenFactory,
    DossierFactory,
    FinanceurFactory,
    LigneFinancementFactory,
    MessageFactory,
    NoteInterneFactory,
    PorteurMembreFactory,
    fake_siret,
)
from projets.services.publication import dossiers_publier
from tests.helpers.copil_clos import copil_clos

pytestmark = pytest.mark.django_db

SECRETS = [
    "Jardin",  # refused by the COPIL
    "Club lecture",  # adjourned
    "Brouillon secret",
    "Retenu mais non publié",
    "Note interne confidentielle",
    "Avis du conseil citoyen confidentiel",
    "Motivation d'avis confidentielle",
    "Synthèse confidentielle",
    "Message confidentiel",
    "membre.secrete@association.example",
    "presidente.secrete@association.example",
    "06 12 34 56 78",
    "12500.00",  # requested by Atelier emploi from the Ville, as exported
    "12\u00a0500",  # … and as shown (format_euros)
    "10000.00",  # proposed by the instruction
    "10\u00a0000",
    "Action hors des priorités",  # the refusal's motif
    "Erreur de saisie",  # the amendment's motif
]


@pytest.fixture
def site(instructeur):
    copil = copil_clos()
    for financeur in copil.financeurs.values():
        financeur.siret = fake_siret()
        financeur.save()
    dossiers_publier(campagne=copil.campagne, by=instructeur)
    retenu = copil.dossiers["retenu"]
    type(retenu).objects.filter(pk=retenu.pk).update(synthese="Synthèse confidentielle")
    retenu.lignes_financement.update(commentaire_avis="Motivation d'avis confidentielle", avis=Avis.FAVORABLE)
    porteur = retenu.porteur
    porteur.email, porteur.telephone = "presidente.secrete@association.example", "06 12 34 56 78"
    porteur.representant_email = "presidente.secrete@association.example"
    porteur.save()
    PorteurMembreFactory(porteur=porteur, user__email="membre.secrete@association.example")
    NoteInterneFactory(dossier=retenu, texte="Note interne confidentielle")
    AvisConseilCitoyenFactory(dossier=retenu, texte="Avis du conseil citoyen confidentiel")
    MessageFactory(dossier=retenu, texte="Message confidentiel")
    campagne = copil.campagne
    DossierFactory(campagne=campagne, porteur=porteur, intitule="Brouillon secret", etat=EtatDossier.BROUILLON)
    cache = DossierFactory(campagne=campagne, porteur=porteur, intitule="Retenu mais non publié",
                           etat=EtatDossier.RETENU)  # fmt: skip
    cache_financeur = FinanceurFactory(nom="Financeur caché")
    LigneFinancementFactory(dossier=cache, financeur=cache_financeur, montant_vote=Decimal("98765.43"))
    return copil


def pages(client, copil):
    retenu, refuse = copil.dossiers["retenu"], copil.dossiers["refuse"]
    urls = [
        "/",
        "/projets-finances/",
        "/projets-finances/?q=jardin",
        "/projets-finances/repartition/",
        f"/projets-finances/actions/{retenu.pk}/",
        f"/projets-finances/structures/{retenu.porteur_id}/",
        "/appel-a-projets/",
        "/donnees/",
        "/mentions-legales/",
        "/sitemap.xml",
        "/api/v1/projets",
        f"/api/v1/projets/{retenu.pk}",
        f"/api/v1/structures/{retenu.porteur_id}",
        "/donnees/subventions.csv",
        "/donnees/subventions.json",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        yield url, body.decode()
    for url in [f"/projets-finances/actions/{refuse.pk}/", f"/api/v1/projets/{refuse.pk}"]:
        assert client.get(url).status_code == 404


def test_no_public_page_api_or_export_shows_anything_private(client, site):
    vus = dict(pages(client, site))
    assert "Atelier emploi" in vus["/projets-finances/"]  # the published action is there
    for url, contenu in vus.items():
        for secret in SECRETS:
            assert secret not in contenu, f"« {secret} » visible sur {url}"
        # Its amount in any format (98765.43, 98 765,43 €): cents that no random SIRET or date produces.
        assert "Financeur caché" not in contenu and "765,43" not in contenu and "765.43" not in contenu, url


def test_a_porteur_without_published_action_has_no_public_page(client, site):
    refuse = site.dossiers["refuse"]
    assert client.get(f"/projets-finances/structures/{refuse.porteur_id}/").status_code == 404
    assert client.get(f"/api/v1/structures/{refuse.porteur_id}").status_code == 404
