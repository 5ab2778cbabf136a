"""Exports of the instruction queue: CSV (streamed, « ; » and a BOM so that French spreadsheets open it) and XLSX."""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

from contratville.formatting import format_euros

COLONNES = [
    "Numéro", "Intitulé", "Structure", "SIRET", "État", "En retard", "Référent", "Déposé le", "Demande", "Axes",
    "Quartiers", "Montant demandé (€)", "Détail par financeur",
]  # fmt: skip


def ligne_export(dossier) -> list:
    return [
        dossier.numero or "",
        dossier.intitule,
        dossier.porteur.raison_sociale,
        dossier.porteur.siret,
        dossier.get_etat_display(),
        "oui" if dossier.en_retard else "non",
        str(dossier.referent) if dossier.referent else "",
        dossier.depose_le.strftime("%d/%m/%Y") if dossier.depose_le else "",
        "Reconduction" if dossier.reconduit_de_id else "Nouvelle action",
        ", ".join(axe.code for axe in dossier.axes.all()),
        ", ".join(quartier.nom for quartier in dossier.quartiers.all()),
        Decimal(dossier.montant_demande or 0),
        " ; ".join(f"{f.financeur.nom} : {format_euros(f.montant_demande)}" for f in dossier.lignes_financement.all()),
    ]


class _Echo:
    def write(self, value):
        return value


def export_csv(dossiers, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo(), delimiter=";")

    def rows():
        yield "\ufeff"
        yield writer.writerow(COLONNES)
        for dossier in dossiers.iterator(chunk_size=500):
            yield writer.writerow([f"{v:.2f}".replace(".", ",") if isinstance(v, Decimal) else v
                                   for v in ligne_export(dossier)])  # fmt: skip

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def export_xlsx(dossiers, filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dossiers")
    sheet.append(COLONNES)
    for dossier in dossiers.iterator(chunk_size=500):
        row = ligne_export(dossier)
        row[9] = float(row[9])
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
