"""Hostile uploads: a zip bomb dressed as a .docx, a PDF that runs JavaScript, an SVG with a script, and the
antivirus hook (a fake clamd speaking the real protocol) — each refused with a French message."""

import io
import socketserver
import struct
import threading
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from projets.factories import PDF_MINIMAL
from projets.uploads import validate_upload

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _refus(nom: str, contenu: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as refus:
        validate_upload(SimpleUploadedFile(nom, contenu))
    return refus.value


def test_a_zip_bomb_named_docx_is_refused():
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    refus = _refus("budget.docx", tampon.getvalue())
    assert refus.code == "archive_piegee"
    assert "se décompresse en 60 Mo" in refus.messages[0]


def test_a_pdf_that_runs_javascript_is_refused():
    ecrivain = PdfWriter()
    ecrivain.add_blank_page(595, 842)
    ecrivain.add_open_action(JavaScript("app.alert(1);"))  # run when the document opens
    pdf = io.BytesIO()
    ecrivain.write(pdf)
    refus = _refus("statuts.pdf", pdf.getvalue())
    assert refus.code == "pdf_actif" and "Réimprimez-le en PDF" in refus.messages[0]


def test_an_svg_with_a_script_is_refused_as_no_accepted_format():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
    assert _refus("logo.svg", svg).code == "format_refuse"


class _FauxClamd(socketserver.StreamRequestHandler):
    """Reads a zINSTREAM command and its chunks, answers like clamd."""

    def handle(self):
        assert self.rfile.read(10) == b"zINSTREAM\0"
        contenu = b""
        while longueur := struct.unpack("!L", self.rfile.read(4))[0]:
            contenu += self.rfile.read(longueur)
        verdict = b"stream: Eicar-Signature FOUND\0" if EICAR in contenu else b"stream: OK\0"
        self.wfile.write(verdict)


@pytest.fixture
def clamd(settings, tmp_path):
    chemin = tmp_path / "clamd.sock"
    serveur = socketserver.ThreadingUnixStreamServer(str(chemin), _FauxClamd)
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    settings.CLAMD_ADDRESS = f"unix://{chemin}"
    yield serveur
    serveur.shutdown()
    serveur.server_close()


def test_the_antivirus_refuses_an_infected_file_and_lets_a_clean_one_through(clamd):
    validate_upload(SimpleUploadedFile("statuts.pdf", PDF_MINIMAL))
    refus = _refus("statuts.pdf", PDF_MINIMAL + b"\n%" + EICAR)
    assert refus.code == "virus" and "Eicar-Signature" in refus.messages[0]


def test_an_unreachable_antivirus_refuses_the_file_without_losing_the_rest(settings, tmp_path):
    settings.CLAMD_ADDRESS = f"unix://{tmp_path}/absent.sock"
    refus = _refus("statuts.pdf", PDF_MINIMAL)
    assert refus.code == "antivirus_indisponible" and "le reste de votre saisie est conservé" in refus.messages[0]
