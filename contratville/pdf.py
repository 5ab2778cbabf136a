"""Every PDF the application renders goes through here (WeasyPrint), with a fetcher that serves the project's
own static files and data: URLs, and refuses everything else.

WeasyPrint's default fetcher opens any URL a document names: file:///etc/passwd, or http://127.0.0.1:6379/ from
inside the network, and `<link rel="attachment">` even embeds what it read into the PDF. The documents carry
text typed by porteurs and the public, so no render may use it. Import this module where a PDF is rendered, not
at start-up: loading WeasyPrint (Pango) takes time.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# Documents name static files as the site does, `{% static "css/x.css" %}`; relative URLs resolve from there.
BASE_URL = "file://" + urlsplit(settings.STATIC_URL).path


class RessourceRefusee(ValueError):
    """A document named a resource outside the static files; WeasyPrint logs it and renders without it."""


class RecuperateurStatique(URLFetcher):
    """Serves data: URLs and the static files (found like `collectstatic` finds them), nothing else: no network,
    no file outside the static directories, no redirection."""

    def __init__(self):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        chemin = fichier_statique(url)
        if chemin is None:
            raise RessourceRefusee(f"not a static file, refused in a PDF: {url[:200]}")
        reponse = super().fetch(Path(chemin).as_uri(), headers)
        reponse.url = url  # relative URLs in a stylesheet resolve against its static URL
        return reponse


def fichier_statique(url: str) -> str | None:
    """The file on disk behind a file:///static/… URL, None for any other URL or a name that climbs out."""
    morceaux = urlsplit(url)
    prefixe = urlsplit(BASE_URL).path
    if morceaux.scheme != "file" or morceaux.netloc or not morceaux.path.startswith(prefixe):
        return None
    nom = unquote(morceaux.path.removeprefix(prefixe))
    if not nom or nom.startswith("/") or ".." in nom.split("/"):
        return None
    return finders.find(nom)


def mettre_en_page(html: str, **options):
    """The laid-out document (its pages can be counted before writing), for callers that report progress."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=RecuperateurStatique()).render(**options)


def rendre_pdf(html: str, **options) -> bytes:
    return mettre_en_page(html, **options).write_pdf(**options)
