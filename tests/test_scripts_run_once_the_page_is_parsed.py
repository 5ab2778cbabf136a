"""Every script of the site and of the admin runs once the page is parsed: a script that looks for its elements
before the body exists finds nothing and does nothing (job progress stuck at « En attente » until a reload).
Tags in templates are deferred; the site's own scripts also wait for DOMContentLoaded, for the admin's Media,
which Django writes in <head> without defer."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from projets.enums import StatutTravail
from suivi.factories import RapportFactory

TEMPLATES = settings.BASE_DIR / "templates"
SCRIPTS = settings.BASE_DIR / "static" / "js"
BALISE = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


def _balises():
    for gabarit in sorted(TEMPLATES.rglob("*.html")):
        for balise in BALISE.findall(gabarit.read_text(encoding="utf-8")):
            yield gabarit.relative_to(TEMPLATES), balise


def test_every_script_tag_of_the_templates_is_deferred():
    balises = list(_balises())
    assert balises
    assert [(str(g), b) for g, b in balises if not re.search(r"\sdefer\b", b)] == []


def test_no_script_tag_sits_in_the_title_where_it_is_text():
    for gabarit in TEMPLATES.rglob("*.html"):
        for titre in re.findall(r"{% block title %}(.*?){% endblock", gabarit.read_text(encoding="utf-8"), re.S):
            assert "<script" not in titre, gabarit


@pytest.mark.parametrize("script", sorted(p.name for p in SCRIPTS.glob("*.js")))
def test_each_script_of_the_site_starts_once_the_page_is_parsed(script):
    assert "DOMContentLoaded" in (SCRIPTS / script).read_text(encoding="utf-8")


@pytest.mark.django_db
def test_the_reports_page_loads_its_reload_script_in_the_page_not_in_its_title(client, instructeur):
    RapportFactory(statut=StatutTravail.EN_COURS)
    client.force_login(instructeur)
    page = client.get(reverse("suivi_rapports")).content.decode()
    titre = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "script" not in titre
    assert re.search(r"</title>.*<script src=\"/static/js/actualiser\.js\" defer></script>", page, re.S)
