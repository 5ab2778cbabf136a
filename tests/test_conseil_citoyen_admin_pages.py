"""The conseil citoyen is run from the admin: composition warnings, the draw, the meeting's decisions."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conseil_citoyen.factories import (
    ConseilCitoyenFactory,
    MembreFactory,
    ReunionFactory,
    TemoinFactory,
    TirageAuSortFactory,
)
from projets.enums import EtatDossier
from projets.factories import DossierFactory

pytestmark = pytest.mark.django_db


def test_the_conseil_page_shows_composition_and_warnings(client, administrateur):
    conseil = ConseilCitoyenFactory()
    MembreFactory.create_batch(3, conseil=conseil)
    client.force_login(administrateur)
    page = client.get(reverse("admin:conseil_citoyen_conseilcitoyen_change", args=[conseil.pk])).content.decode()
    assert "Collège « habitants » : 3 membre(s) actif(s) sur 14 sièges" in page
    assert "Parité non respectée" in page
    assert "Quorum : 2 présent(s) sur 3 membres." in page


def test_a_draw_from_the_admin(client, administrateur):
    tirage = TirageAuSortFactory(nombre=3)
    TemoinFactory(tirage=tirage)
    client.force_login(administrateur)
    csv = "nom;prénom;adresse;sexe;secteur\n" + "".join(f"Nom{i};Prénom;{i} rue A;F;Nord\n" for i in range(6))
    client.post(
        reverse("admin:conseil_citoyen_tirage_importer", args=[tirage.pk]),
        {"source": "Bailleur A", "fichier": SimpleUploadedFile("liste.csv", csv.encode())},
    )
    assert tirage.personnes.count() == 6

    client.post(reverse("admin:conseil_citoyen_tirage_tirer", args=[tirage.pk]), {"graine": "abc123"})
    tirage.refresh_from_db()
    assert tirage.graine == "abc123" and tirage.personnes.filter(rang__isnull=False).count() == 3
    pv = client.get(reverse("admin:conseil_citoyen_tirage_pv", args=[tirage.pk]))
    assert pv["Content-Type"] == "application/pdf" and pv.content.startswith(b"%PDF")


def test_the_draw_is_for_administrators_only(client, instructeur):
    tirage = TirageAuSortFactory()
    client.force_login(instructeur)
    assert client.get(reverse("admin:conseil_citoyen_tirage_pv", args=[tirage.pk])).status_code == 403
    assert client.get(reverse("admin:conseil_citoyen_tirageausort_changelist")).status_code == 403


def test_an_avis_without_quorum_is_refused_on_the_meeting_page(client, instructeur):
    conseil = ConseilCitoyenFactory()
    MembreFactory.create_batch(4, conseil=conseil)
    reunion = ReunionFactory(conseil=conseil, date=datetime.date(2031, 3, 2))
    reunion.presents.set(conseil.membres.all()[:2])
    dossier = DossierFactory(campagne__contrat=conseil.contrat, etat=EtatDossier.DEPOSE, numero="CV-2031-0007")
    client.force_login(instructeur)
    url = reverse("admin:conseil_citoyen_reunion_decisions", args=[reunion.pk])

    page = client.post(
        url,
        {
            "avis": "1",
            "avis-dossier": dossier.pk,
            "avis-avis": "favorable",
            "avis-texte": "Projet attendu par les familles.",
        },
    ).content.decode()

    assert "Quorum non atteint : 2 présent(s) sur 4 membres, 3 requis." in page
    assert "Projet attendu par les familles." in page  # what was typed is kept
    assert not dossier.avis_conseil_citoyen.exists()
    reunion.presents.add(*conseil.membres.all())
    client.post(url, {"avis": "1", "avis-dossier": dossier.pk, "avis-avis": "favorable", "avis-texte": "Utile."})
    assert dossier.avis_conseil_citoyen.get().texte == "Utile."
