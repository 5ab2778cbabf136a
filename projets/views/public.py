"""The public site: funded projects, one project, one porteur, the figures, the call for projects, legal pages."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from projets.cache_public import page_en_cache
from projets.selectors_public import (
    Filtres,
    chiffres_programmation,
    choix_filtres,
    get_porteur_public,
    get_projet_public,
    marquer_actions_du_quartier_englobant,
    page_de_projets,
    programmation_de,
    programmations_publiees,
    projets_du_porteur,
    projets_publics,
    statut_public,
    texte_du_volet_vide,
)
from projets.selectors_public_appel import appel_a_projets_courant
from projets.selectors_public_repartition import repartitions

# static/js/public.js asks for the results only, and the URL stays the shareable one.
EN_TETE_FRAGMENT = "X-Fragment"


@require_GET
@page_en_cache
@vary_on_headers(EN_TETE_FRAGMENT)
def projets_finances(request):
    campagnes = programmations_publiees()
    campagne = programmation_de(campagnes=campagnes, annee=request.GET.get("annee"))
    contexte = {"campagnes": campagnes, "campagne": campagne}
    if campagne:
        choix = choix_filtres(campagne=campagne)
        filtres = Filtres.depuis(request.GET, choix=choix)
        page = page_de_projets(projets_publics(campagne=campagne, filtres=filtres), numero=request.GET.get("page"))
        aujourdhui = timezone.localdate()
        for dossier in page:
            dossier.statut_public = statut_public(dossier, today=aujourdhui)
        marquer_actions_du_quartier_englobant(page, choix=choix, filtres=filtres)
        parametres = request.GET.copy()
        parametres.pop("page", None)
        contexte |= {
            "choix": choix,
            "filtres": filtres,
            "page": page,
            # 1 2 … 7 8 [9] 10 11 … 488 489: a national year has hundreds of pages.
            "numeros_de_page": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=2)),
            "chiffres": chiffres_programmation(campagne=campagne),
            "parametres": parametres.urlencode(),
            "volet_vide": texte_du_volet_vide(campagne=campagne, filtres=filtres) if not page.paginator.count else "",
        }
    if request.headers.get(EN_TETE_FRAGMENT) == "resultats" and campagne:
        return render(request, "projets/public/_resultats.html", contexte)
    return render(request, "projets/projets_finances.html", contexte)


@require_GET
def projet(request, pk: int):
    dossier = get_projet_public(pk=pk)
    dossier.statut_public = statut_public(dossier, today=timezone.localdate())
    return render(request, "projets/public/projet.html", {"dossier": dossier})


@require_GET
def porteur(request, pk: int):
    structure = get_porteur_public(pk=pk)
    dossiers = list(projets_du_porteur(porteur=structure))
    aujourdhui = timezone.localdate()
    for dossier in dossiers:
        dossier.statut_public = statut_public(dossier, today=aujourdhui)
    return render(request, "projets/public/porteur.html", {"porteur": structure, "dossiers": dossiers})


@require_GET
def repartition(request):
    campagnes = programmations_publiees()
    campagne = programmation_de(campagnes=campagnes, annee=request.GET.get("annee"))
    contexte = {"campagnes": campagnes, "campagne": campagne}
    if campagne:
        contexte |= {
            "chiffres": chiffres_programmation(campagne=campagne),
            "repartitions": repartitions(campagne=campagne),
        }
    return render(request, "projets/public/repartition.html", contexte)


@require_GET
def appel_a_projets(request):
    return render(request, "projets/public/appel_a_projets.html", {"appel": appel_a_projets_courant()})


@require_GET
def mentions_legales(request):
    return render(request, "projets/public/mentions_legales.html")
