from contratville.loading import LoadReport
from enjeux.enums import TypeQuartier
from enjeux.models import (
    Avenant,
    AxeStrategique,
    ContratDeVille,
    Enjeu,
    Pilier,
    PrioriteTransversale,
    Quartier,
)


def referentiel_load_contrat(*, data: dict, slug: str, report: LoadReport) -> ContratDeVille:
    """Load the contract, its piliers, national priorities, enjeux, axes and quartiers from a référentiel file."""
    contrat_data = data["contrat"]
    contrat = report.upsert(
        ContratDeVille,
        {"slug": slug},
        {
            "nom": contrat_data["nom"],
            "commune": contrat_data["commune"]["nom"],
            "commune_population": contrat_data["commune"].get("population"),
            "epci": contrat_data.get("epci", ""),
            "annee_debut": contrat_data["periode"]["debut"],
            "annee_fin": contrat_data["periode"]["fin"],
        },
    )
    for avenant in contrat_data.get("avenants", []):
        report.upsert(
            Avenant, {"contrat": contrat, "nom": avenant["nom"]}, {"prolonge_jusqu_a": avenant.get("prolonge_jusqu_a")}
        )
    for ordre, pilier in enumerate(data.get("piliers", []), start=1):
        report.upsert(Pilier, {"code": pilier["code"]}, {"libelle": pilier["libelle"], "ordre": ordre})
    for ordre, libelle in enumerate(data.get("priorites_transversales_obligatoires", []), start=1):
        report.upsert(PrioriteTransversale, {"libelle": libelle}, {"obligatoire": True, "ordre": ordre})
    for enjeu_data in data["enjeux"]:
        enjeu = report.upsert(Enjeu, {"contrat": contrat, "numero": enjeu_data["n"]}, {"titre": enjeu_data["titre"]})
        for numero, titre in enumerate(enjeu_data["axes"], start=1):
            report.upsert(AxeStrategique, {"enjeu": enjeu, "numero": numero}, {"titre": titre})
    for quartier in data.get("quartiers", []):
        parent = report.upsert(
            Quartier,
            {"contrat": contrat, "nom": quartier["nom"]},
            {
                "type": TypeQuartier(quartier["type"].lower()),
                "population": quartier.get("population"),
                "annee_population": quartier.get("annee_population"),
                "actif": quartier.get("actif", True),
            },
        )
        for nom in quartier.get("sous_quartiers", []):
            report.upsert(
                Quartier, {"contrat": contrat, "nom": nom}, {"type": TypeQuartier.SOUS_QUARTIER, "parent": parent}
            )
    return contrat
