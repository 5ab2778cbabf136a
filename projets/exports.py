"""Exports of the instruction queue: CSV (streamed, « ; » and a BOM so that French spreadsheets open it) and XLSX,
both written by contratville.tableur (cells by column name, text never a formula)."""

from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from contratville import tableur
from contratville.formatting import format_euros

COLONNES = [
    "Numéro", "Intitulé", "Structure", "SIRET", "État", "En retard", "Référent", "Déposé le", "Demande", "Axes",
    "Quartiers", "Montant demandé (€)", "Détail par financeur",
]  # fmt: skip


def ligne_export(dossier) -> dict:
    return {
        "Numéro": dossier.numero or "",
        "Intitulé": dossier.intitule,
        "Structure": dossier.porteur.raison_sociale,
        "SIRET": dossier.porteur.siret,
        "État": dossier.get_etat_display(),
        "En retard": "oui" if dossier.en_retard else "non",
        "Référent": str(dossier.referent) if dossier.referent else "",
        "Déposé le": timezone.localdate(dossier.depose_le) if dossier.depose_le else None,
        "Demande": "Reconduction" if dossier.reconduit_de_id else "Nouvelle action",
        "Axes": ", ".join(axe.code for axe in dossier.axes.all()),
        "Quartiers": ", ".join(quartier.nom for quartier in dossier.quartiers.all()),
        "Montant demandé (€)": Decimal(dossier.montant_demande or 0),
        "Détail par financeur": " ; ".join(
            f"{f.financeur.nom} : {format_euros(f.montant_demande)}" for f in dossier.lignes_financement.all()
        ),
    }


def _lignes(dossiers):
    return (ligne_export(dossier) for dossier in dossiers.iterator(chunk_size=500))


def export_csv(dossiers, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        tableur.csv_en_flux(COLONNES, _lignes(dossiers)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def export_xlsx(dossiers, filename: str) -> HttpResponse:
    classeur = tableur.en_xlsx(tableur.tableau(COLONNES, _lignes(dossiers), titre="Dossiers"))
    response = HttpResponse(classeur, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
