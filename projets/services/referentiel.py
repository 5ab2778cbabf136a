import datetime
import re
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction

from conseil_citoyen.services.referentiel import conseils_load
from contratville.loading import LoadReport
from enjeux.models import ContratDeVille, Enjeu
from enjeux.services import referentiel_load_contrat
from projets.enums import EtatCampagne, MomentQuestion, NatureFinancement, TypeFinanceur
from projets.models import (
    Campagne,
    Financeur,
    PrioriteOperationnelle,
    PrioriteTransversaleCampagne,
    QuestionEgalite,
    Volet,
)
from projets.validators import compact_identifier, validate_siret

CAMPAGNE_KEY = re.compile(r"^campagne_(\d{4})$")


@transaction.atomic
def referentiel_load(*, data: dict, slug: str) -> LoadReport:
    """Load a whole référentiel file (see enjeux/referentiels/); running it twice changes nothing."""
    report = LoadReport()
    contrat = referentiel_load_contrat(data=data, slug=slug, report=report)
    _load_financeurs(
        data.get("financeurs", {}), report, demonstration=data.get("financeurs_siret_demonstration", False)
    )
    for question in data.get("questions_egalite_femmes_hommes", []):
        report.upsert(
            QuestionEgalite,
            {"numero": question["n"]},
            {"moment": MomentQuestion(question["moment"]), "texte": question["texte"], "choix": question["reponses"]},
        )
    for key, campagne_data in data.items():
        if match := CAMPAGNE_KEY.match(key):
            _load_campagne(contrat, int(match.group(1)), campagne_data, report)
    if "conseil_citoyen" in data:
        conseils_load(contrat=contrat, regles=data["conseil_citoyen"], report=report)
    return report


NOTE_SIRET_DEMONSTRATION = "SIRET de démonstration, pas celui de l'organisme : saisissez le SIRET réel."


def _load_financeurs(groups: dict, report: LoadReport, *, demonstration: bool) -> None:
    """A financeur's SIRET is written only when the file gives one: one typed in the admin is kept."""
    ordre = 0
    for group, financeurs in groups.items():
        for item in financeurs:
            ordre += 1
            identifiant = {}
            if "siret" in item:
                identifiant["siret"] = _siret(item)
            note = item.get("note", "")
            if demonstration and "siret" in item:
                note = f"{note} — {NOTE_SIRET_DEMONSTRATION}" if note else NOTE_SIRET_DEMONSTRATION
            report.upsert(
                Financeur,
                {"nom": item["nom"]},
                {
                    **identifiant,
                    "type": TypeFinanceur(item.get("type", TypeFinanceur.AUTRE)),
                    "nature": NatureFinancement(item.get("nature", NatureFinancement.DROIT_COMMUN)),
                    "codes_bop": item.get("bop", []),
                    "alias": item.get("alias", []),
                    "appel_a_projets": group == "appel_a_projets",
                    "montants_indicatifs": item.get("indicatif", False),
                    "note": note,
                    "ordre": ordre,
                },
            )


def _siret(item: dict) -> str:
    siret = compact_identifier(str(item["siret"]))
    try:
        validate_siret(siret)
    except ValidationError as error:
        raise ValueError(f"Financeur « {item['nom']} » : {error.messages[0]}") from error
    return siret


def local_datetime(day: datetime.date, tz: str, end_of_day: bool = False) -> datetime.datetime:
    moment = datetime.time(23, 59, 59) if end_of_day else datetime.time(0, 0)
    return datetime.datetime.combine(day, moment, tzinfo=zoneinfo.ZoneInfo(tz))


def _load_campagne(contrat: ContratDeVille, annee: int, data: dict, report: LoadReport) -> None:
    campagne = report.upsert(
        Campagne,
        {"contrat": contrat, "annee": annee},
        {
            "libelle": f"Appel à projets {annee}",
            "date_ouverture": local_datetime(data["ouverture"], contrat.fuseau_horaire),
            "date_cloture": local_datetime(data["cloture"], contrat.fuseau_horaire, end_of_day=True),
            "etat": EtatCampagne(data.get("etat", EtatCampagne.PREPARATION)),
        },
    )
    enjeux = {e.numero: e for e in Enjeu.objects.filter(contrat=contrat)}
    ordre = 0
    for groupe in data.get("priorites_operationnelles", []):
        for libelle in groupe["items"]:
            ordre += 1
            priorite = report.upsert(
                PrioriteOperationnelle,
                {"campagne": campagne, "libelle": libelle},
                {"groupe": groupe["titre"], "ordre": ordre},
            )
            report.set_m2m(priorite, "enjeux", [enjeux[n] for n in groupe["enjeux"]])
    for ordre, libelle in enumerate(data.get("priorites_transversales", []), start=1):
        report.upsert(PrioriteTransversaleCampagne, {"campagne": campagne, "libelle": libelle}, {"ordre": ordre})
    for volet in data.get("volets_publics", []):
        parent = report.upsert(
            Volet,
            {"campagne": campagne, "code": str(volet["n"])},
            {"titre": volet["titre"], "texte_si_vide": volet.get("texte_si_vide", "")},
        )
        for code, titre in volet.get("sous_volets", {}).items():
            report.upsert(Volet, {"campagne": campagne, "code": code}, {"titre": titre, "parent": parent})
