"""The récépissé as a person reads it: rendered by WeasyPrint, text extracted with poppler, pages as PNG."""

import os
import shutil
import subprocess

import pytest
from django.conf import settings

from projets.factories import PorteurMembreFactory, dossier_pret_a_deposer
from projets.services.depots import depot_recepisse_pdf
from projets.services.dossiers import dossier_submit

pytestmark = pytest.mark.django_db
ARTIFACTS = settings.BASE_DIR / "tests" / "artifacts"


@pytest.fixture
def pdf_text(tmp_path):
    def extract(pdf: bytes) -> str:
        if not shutil.which("pdftotext"):
            if os.environ.get("CI"):
                pytest.fail("pdftotext absent : apt-get install poppler-utils")
            pytest.skip("pdftotext absent")
        path = tmp_path / "recepisse.pdf"
        path.write_bytes(pdf)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "recepisse.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(path), str(ARTIFACTS / "recepisse")], check=True)
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout

    return extract


def test_the_receipt_lists_every_section_with_french_amounts(pdf_text):
    dossier = dossier_pret_a_deposer()
    user = PorteurMembreFactory(porteur=dossier.porteur).user
    depot = dossier_submit(dossier=dossier, by=user)
    text = pdf_text(depot_recepisse_pdf(depot=depot))
    for section in (
        "1. La structure",
        "2. L'action",
        "3. Public et territoire",
        "4. Orientations",
        "5. Égalité femmes-hommes",
        "6. Budget prévisionnel",
        "7. Pièces",
        "8. Attestation",
    ):
        assert section in text
    assert depot.dossier.numero in text
    assert "12 500,00 €" in text  # attested amount, no-break spaces as spaces in the extracted text
    assert "17 500,00 €" in text  # total charges = total produits
    assert "Statuts" in text and "document.pdf" in text
    assert "Page 1 sur" in text
