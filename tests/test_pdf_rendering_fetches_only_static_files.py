"""The PDFs are rendered by WeasyPrint with a fetcher that serves only the project's static files and data:
URLs: a document that names a local file or an address of the network (typed by a porteur, say) fetches
nothing, embeds nothing, and still renders."""

import base64
import http.server
import io
import re
import threading
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from contratville.pdf import RecuperateurStatique, RessourceRefusee, rendre_pdf


class _Espion(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.visites.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"h1 { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def espion():
    """An HTTP server on 127.0.0.1 that records every request it receives."""
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Espion)
    serveur.visites = []
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    yield serveur
    serveur.shutdown()
    serveur.server_close()


def _png(couleur: str) -> bytes:
    tampon = io.BytesIO()
    Image.new("RGB", (4, 4), couleur).save(tampon, format="PNG")
    return tampon.getvalue()


def test_a_document_naming_local_files_or_network_addresses_fetches_nothing(espion):
    reseau = f"http://127.0.0.1:{espion.server_port}"
    html = f"""<html><head>
        <link rel="stylesheet" href="{reseau}/style.css">
        <link rel="attachment" href="file:///etc/passwd">
        <style>@import url("{reseau}/import.css"); p {{ background: url("{reseau}/fond.png") }}</style>
        </head><body>
        <h1>Projet</h1>
        <img src="file:///etc/passwd"><img src="{reseau}/logo.png"><img src="http://127.0.0.1:6379/">
        <img src="/static/../../../../../../etc/passwd"><img src="/static/%2e%2e/%2e%2e/etc/passwd">
        <a rel="attachment" href="file:///etc/hostname">pièce</a>
        <p>Fin</p></body></html>"""

    lecteur = PdfReader(io.BytesIO(rendre_pdf(html)))

    assert espion.visites == []
    assert lecteur.attachments == {}
    texte = lecteur.pages[0].extract_text()
    assert "Projet" in texte and "root:" not in texte
    assert len(lecteur.pages[0].images) == 0


def test_static_files_and_data_urls_are_served(settings, tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.png").write_bytes(_png("red"))
    (tmp_path / "images" / "fond.png").write_bytes(_png("blue"))
    settings.STATICFILES_DIRS = [tmp_path]
    donnees = "data:image/png;base64," + base64.b64encode(_png("green")).decode()
    # As the templates name them ({% static %}), relative to the static URL, and inline.
    html = f'<h1>Logo</h1><img src="/static/images/logo.png"><img src="images/fond.png"><img src="{donnees}">'

    lecteur = PdfReader(io.BytesIO(rendre_pdf(html)))

    assert len(lecteur.pages[0].images) == 3


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:6379/",
        "https://exemple.fr/style.css",
        "ftp://exemple.fr/x",
        "file:///static/../etc/passwd",
        "file://autre-machine/static/css/site.css",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ValueError):
        RecuperateurStatique().fetch(url)


def test_the_fetcher_serves_a_static_stylesheet_under_its_static_url():
    reponse = RecuperateurStatique().fetch("file:///static/css/site.css")
    assert reponse.url == "file:///static/css/site.css" and reponse.read()
    assert issubclass(RessourceRefusee, ValueError)


def test_no_module_but_contratville_pdf_calls_weasyprint(settings):
    racine = Path(settings.BASE_DIR)
    appelants = {
        str(fichier.relative_to(racine))
        for dossier in ("comptes", "conseil_citoyen", "contratville", "enjeux", "projets", "suivi")
        for fichier in (racine / dossier).rglob("*.py")
        if re.search(r"^\s*(from|import) weasyprint", fichier.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert appelants == {"contratville/pdf.py"}
