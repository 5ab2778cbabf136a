"""sitemap.xml: the public pages, each published action and each porteur that has one."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from projets.models import Porteur
from projets.selectors_public import dossiers_visibles_publiquement


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["accueil", "projets_finances", "repartition_publique", "appel_a_projets", "donnees_ouvertes",
                "mentions_legales"]  # fmt: skip

    def location(self, item):
        return reverse(item)


class ProjetsSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return dossiers_visibles_publiquement().only("pk", "modifie_le").order_by("pk")

    def location(self, item):
        return reverse("projet_public", args=[item.pk])

    def lastmod(self, item):
        return item.modifie_le


class PorteursSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        visibles = dossiers_visibles_publiquement()
        return (
            Porteur.objects.filter(dossiers__in=visibles.values("pk"))
            .annotate(derniere=Max("dossiers__modifie_le"))
            .only("pk")
            .order_by("pk")
        )

    def location(self, item):
        return reverse("porteur_public", args=[item.pk])

    def lastmod(self, item):
        return item.derniere


SITEMAPS = {"pages": PagesSitemap, "projets": ProjetsSitemap, "structures": PorteursSitemap}
