"""robots.txt keeps the private spaces out of search engines and points them to the sitemap."""

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_disallows_the_private_spaces_and_lists_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lignes = response.content.decode().splitlines()
    for espace in ("/admin/", "/compte/", "/espace-porteur/", "/instruction/", "/suivi/"):
        assert f"Disallow: {espace}" in lignes
    assert "Disallow: /projets-finances/" not in lignes
    assert "Sitemap: http://testserver/sitemap.xml" in lignes
