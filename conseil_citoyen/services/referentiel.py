"""The conseil citoyen section of a référentiel file: one conseil per active quartier prioritaire, with the
numbers of its rules (seats, share of habitants, mandate, draw). Idempotent, like the rest of the loader."""

from conseil_citoyen.enums import TypeCollege
from conseil_citoyen.models import College, ConseilCitoyen, SiegeReserve
from contratville.loading import LoadReport
from enjeux.enums import TypeQuartier
from enjeux.models import ContratDeVille


def conseils_load(*, contrat: ContratDeVille, regles: dict, report: LoadReport) -> None:
    colleges = regles.get("colleges", {})
    habitants = colleges.get("habitants", {})
    associations = colleges.get("associations_et_acteurs_locaux", {})
    tirage = habitants.get("recrutement", {}).get("tirage_au_sort", {})
    volontaires = habitants.get("recrutement", {}).get("volontaires", {})
    mandat = regles.get("mandat", {})
    nombres = {
        "mandat_mois": 12 * mandat.get("duree_annees", 1),
        "renouvellements_max": mandat.get("renouvellements_max", 2),
        "tirage_nombre": tirage.get("tires", 32),
        "tirage_retenus": tirage.get("retenus", 8),
        "volontaires_sieges": volontaires.get("nombre", 6),
    }
    for quartier in contrat.quartiers.filter(type=TypeQuartier.QPV, actif=True):
        conseil = report.upsert(
            ConseilCitoyen,
            {"contrat": contrat, "quartier": quartier},
            {"nom": f"Conseil citoyen – {quartier.nom}", **nombres},
        )
        report.upsert(
            College,
            {"conseil": conseil, "type": TypeCollege.HABITANTS},
            {
                "sieges": habitants.get("sieges", 14),
                "part_minimum": round(100 * habitants.get("part_minimum_du_conseil", 0.5)),
                "parite": habitants.get("parite", True),
                "residence_qpv": habitants.get("residence_qpv", True),
            },
        )
        college_associations = report.upsert(
            College, {"conseil": conseil, "type": TypeCollege.ASSOCIATIONS}, {"sieges": associations.get("sieges", 12)}
        )
        for siege in associations.get("sieges_reserves", []):
            report.upsert(
                SiegeReserve,
                {"college": college_associations, "instance": siege["instance"]},
                {"nombre": siege["nombre"]},
            )
