"""django-axes' login logs appear in the admin as « Journal des connexions », not « Axes » next to
« Axes stratégiques »."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_index_names_the_login_logs_journal_des_connexions(client, administrateur):
    client.force_login(administrateur)
    html = client.get("/admin/").content.decode()
    sections = re.findall(r'<caption>\s*<a href="/admin/(\w+)/"[^>]*>([^<]+)</a>', html)
    assert ("axes", "Journal des connexions") in sections
    assert "Axes" not in [titre for _, titre in sections]
    assert "Journal des connexions" in client.get("/admin/axes/").content.decode()
