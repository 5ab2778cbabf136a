"""The procès-verbal of a draw and the invitation letters, read back from the PDF text."""

import subprocess

import pytest

from conseil_citoyen.factories import PersonneTireeFactory, TemoinFactory, TirageAuSortFactory
from conseil_citoyen.services import documents
from conseil_citoyen.services import tirage as service
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db


def _texte(pdf: bytes, nom: str) -> str:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chemin = ARTIFACTS / f"{nom}.pdf"
    chemin.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(chemin), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def tirage(administrateur):
    tirage = TirageAuSortFactory(nombre=5)
    TemoinFactory(tirage=tirage, nom="Nadia Benali", qualite="elu_majorite")
    TemoinFactory(tirage=tirage, nom="Paul Girard", qualite="delegue_prefet")
    PersonneTireeFactory.create_batch(12, tirage=tirage)
    service.tirage_effectuer(tirage=tirage, graine="c0ffee42", by=administrateur)
    tirage.refresh_from_db()
    return tirage


def test_the_proces_verbal_publishes_seed_fingerprint_witnesses_and_ranking(tirage):
    texte = " ".join(_texte(documents.proces_verbal_tirage_pdf(tirage=tirage), "pv-tirage").split())

    assert "Graine tirée en séance et publiée : c0ffee42" in texte
    assert tirage.empreinte_liste in texte
    assert "Nadia Benali" in texte and "Délégué ou déléguée du préfet" in texte
    for personne in tirage.personnes.filter(rang__isnull=False):
        assert f"{personne.rang} {personne.nom} {personne.prenom}" in texte
    assert "Page 1 sur 2" in texte


def test_one_invitation_letter_per_person_drawn(tirage):
    texte = _texte(documents.lettres_invitation_pdf(tirage=tirage), "lettres-invitation")
    assert texte.count("Vous figurez au rang") == 5
    assert "Le Maire de" in texte and "Le Préfet" in texte
