"""PDF as a person reads them: text extracted by poppler (pdftotext), pages as PNG in tests/artifacts/."""

import os
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

ARTIFACTS = Path(settings.BASE_DIR) / "tests" / "artifacts"
# "12 500,00 €", with spaces or no-break spaces between the groups.
MONTANT = re.compile(r"(?<![\d,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})*,\d{2})[ \u00a0\u202f]?€")


def pdf_texte(pdf: bytes, nom: str, *, images: bool = True) -> str:
    """The text of the PDF, in layout order; the PDF and its pages (PNG, 60 dpi) are kept under tests/artifacts/."""
    if not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("pdftotext absent : apt-get install poppler-utils")
        pytest.skip("pdftotext absent")
    ARTIFACTS.mkdir(exist_ok=True)
    chemin = ARTIFACTS / f"{nom}.pdf"
    chemin.write_bytes(pdf)
    if images:
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(chemin), str(ARTIFACTS / nom)], check=True)
    with tempfile.TemporaryDirectory() as dossier:
        copie = Path(dossier) / "document.pdf"
        copie.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", "-layout", str(copie), "-"], capture_output=True, text=True, check=True
        ).stdout


def montants(texte: str) -> list[Decimal]:
    """Every French amount of a line of text, as Decimal: "12 500,00 €" → Decimal("12500.00")."""
    return [Decimal(re.sub(r"\D", "", m)[:-2] + "." + m[-2:]) for m in MONTANT.findall(texte)]


def ligne_de(texte: str, debut: str) -> str:
    """The first line whose text (left-trimmed) starts with `debut`; fails the test if there is none."""
    for ligne in texte.splitlines():
        if ligne.strip().startswith(debut):
            return ligne
    raise AssertionError(f"Aucune ligne ne commence par « {debut} » :\n{texte}")
