"""Open data: the SCDL files (streamed CSV and JSON), the read-only JSON API and its OpenAPI description."""

import json
from pathlib import Path

from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from projets import opendata
from projets.selectors_public import (
    Filtres,
    chiffres_programmation,
    choix_filtres,
    get_porteur_public,
    get_projet_public,
    page_de_projets,
    programmation_de,
    programmations_publiees,
    projets_du_porteur,
    projets_publics,
    statut_public,
)
from projets.tableschema import SCHEMA_SCDL_SUBVENTIONS

OPENAPI = Path(__file__).resolve().parent.parent / "data" / "openapi-public.json"


def _ouvert(response):
    """Open data: any site may read it from a browser."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _annee(request) -> int | None:
    valeur = request.GET.get("annee", "")
    if valeur and not valeur.isdigit():
        raise Http404("Année invalide.")
    return int(valeur) if valeur else None


@require_GET
def donnees_ouvertes(request):
    return render(
        request,
        "projets/public/donnees.html",
        {"campagnes": programmations_publiees(), "exclusions": opendata.exclusions()},
    )


def _nom_fichier(annee: int | None, extension: str) -> str:
    return f"subventions-contrat-de-ville{f'-{annee}' if annee else ''}.{extension}"


@require_GET
def subventions_csv(request):
    annee = _annee(request)
    response = StreamingHttpResponse(
        opendata.csv_en_flux(opendata.lignes_scdl(annee=annee)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_nom_fichier(annee, "csv")}"'
    return _ouvert(response)


@require_GET
def subventions_json(request):
    annee = _annee(request)
    response = StreamingHttpResponse(
        opendata.json_en_flux(opendata.lignes_scdl(annee=annee)), content_type="application/json; charset=utf-8"
    )
    return _ouvert(response)


@require_GET
def schema_scdl(request):
    return _ouvert(FileResponse(SCHEMA_SCDL_SUBVENTIONS.open("rb"), content_type="application/json"))


@require_GET
def openapi(request):
    return _ouvert(JsonResponse(json.loads(OPENAPI.read_text(encoding="utf-8"))))


# The API: the public pages' data as JSON, nothing more.


def _montant(valeur) -> float:
    return float(valeur)


def projet_json(request, dossier, *, today) -> dict:
    volet = dossier.volet
    return {
        "id": dossier.pk,
        "numero": dossier.numero,
        "url": request.build_absolute_uri(reverse("projet_public", args=[dossier.pk])),
        "annee": dossier.campagne.annee,
        "intitule": dossier.intitule,
        "description": dossier.description,
        "public_cible": dossier.public_cible,
        "age_min": dossier.age_min,
        "age_max": dossier.age_max,
        "date_debut": dossier.date_debut.isoformat() if dossier.date_debut else None,
        "date_fin": dossier.date_fin.isoformat() if dossier.date_fin else None,
        "statut": statut_public(dossier, today=today),
        "volet": {"code": volet.code, "titre": volet.titre} if volet else None,
        "axes": [
            {"code": axe.code, "titre": axe.titre, "enjeu": {"numero": axe.enjeu.numero, "titre": axe.enjeu.titre}}
            for axe in dossier.axes.all()
        ],
        "quartiers": [quartier.nom for quartier in dossier.quartiers.all()],
        "porteur": {
            "id": dossier.porteur_id,
            "raison_sociale": dossier.nom_porteur_public,
            "url": request.build_absolute_uri(reverse("api_porteur", args=[dossier.porteur_id])),
        },
        "financements": [
            {"financeur": ligne.financeur.nom, "montant_vote": _montant(ligne.montant_vote)}
            for ligne in dossier.lignes_votees
        ],
        "contact": dossier.contact_public,
    }


@require_GET
def api_projets(request):
    campagnes = programmations_publiees()
    campagne = programmation_de(campagnes=campagnes, annee=request.GET.get("annee"))
    if campagne is None:
        return _ouvert(JsonResponse({"annee": None, "total": 0, "page": 1, "pages": 0, "resultats": []}))
    filtres = Filtres.depuis(request.GET, choix=choix_filtres(campagne=campagne))
    page = page_de_projets(projets_publics(campagne=campagne, filtres=filtres), numero=request.GET.get("page"))
    today = timezone.localdate()
    chiffres = chiffres_programmation(campagne=campagne)
    return _ouvert(
        JsonResponse(
            {
                "annee": campagne.annee,
                "annees": [c.annee for c in campagnes],
                "total": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "montant_vote_annee": _montant(chiffres.montant),
                "resultats": [projet_json(request, dossier, today=today) for dossier in page],
            }
        )
    )


@require_GET
def api_projet(request, pk: int):
    return _ouvert(JsonResponse(projet_json(request, get_projet_public(pk=pk), today=timezone.localdate())))


@require_GET
def api_porteur(request, pk: int):
    porteur = get_porteur_public(pk=pk)
    today = timezone.localdate()
    return _ouvert(
        JsonResponse(
            {
                "id": porteur.pk,
                "raison_sociale": porteur.nom_public,
                "sigle": porteur.sigle,
                "forme_juridique": porteur.get_forme_juridique_display(),
                "siret": porteur.siret or None,
                "rna": porteur.rna or None,
                "commune": porteur.commune,
                "presentation": porteur.presentation,
                "projets": [projet_json(request, d, today=today) for d in projets_du_porteur(porteur=porteur)],
            }
        )
    )
