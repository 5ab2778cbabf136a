"""Demo data: the 2021 programmation as published, and an open call of the coming year in varied states.

Only for demonstrations and development: `load_demo` refuses to run when DEBUG is off unless forced.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import factory.random
import yaml
from django.db import transaction
from django.utils import timezone
from faker import Faker

from comptes.models import User
from comptes.roles import Role
from contratville.loading import LoadReport
from enjeux.models import AxeStrategique, ContratDeVille, Quartier
from projets.enums import Avis, EtatCampagne, EtatDossier, FormeJuridique, TypeFinanceur, TypeInstance
from projets.factories import DossierFactory, PorteurFactory, fake_siret
from projets.models import (
    Campagne,
    ControleRecevabilite,
    CritereAnalyse,
    DemandeComplements,
    Depot,
    Dossier,
    Enveloppe,
    Examen,
    Financeur,
    LigneBudget,
    LigneFinancement,
    MembreInstance,
    Porteur,
    PorteurMembre,
    PrioriteOperationnelle,
    PrioriteTransversaleCampagne,
    QuestionEgalite,
    ReponseEgalite,
    Seance,
    Volet,
)
from projets.services import copil
from projets.services.depots import dossier_snapshot, fingerprint
from projets.services.referentiel import local_datetime
from projets.services.seances import instance_du_contrat

PROGRAMMATION_2021 = Path(__file__).parent / "data" / "programmation_2021.yaml"
DEMO_PASSWORD = "demo-contrat-de-ville"
DEMO_SEED = 2027


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    organisation: str = ""
    staff: bool = False
    superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount(Role.PORTEUR, "porteuse@demo.contratville.fr", "Maison de Bégon"),
    DemoAccount(Role.INSTRUCTEUR, "instructrice@demo.contratville.fr", "Service politique de la ville", staff=True),
    DemoAccount(Role.PARTENAIRE_COTECH, "delegue.prefet@demo.contratville.fr", "État", staff=True),
    DemoAccount(Role.MEMBRE_COPIL, "elu.copil@demo.contratville.fr", "Ville", staff=True),
    DemoAccount(Role.CONSEIL_CITOYEN, "conseil.citoyen@demo.contratville.fr", "Conseil citoyen"),
    DemoAccount(Role.ADMINISTRATEUR, "admin@demo.contratville.fr", "Service politique de la ville", True, True),
]


def demo_dossier_intitule(action: dict, porteur: Porteur, volet: Volet, *, pris: set[str]) -> str:
    """The title as published, or, for the 22 untitled actions, the porteur and the volet it is listed under, with
    the `precision` of the data file when one porteur has several untitled actions in a volet. `pris` holds the
    titles already given in the campagne: a title is never given twice (« … (2) »), a resident could not tell
    the actions apart."""
    intitule = action["intitule"] or f"{porteur.sigle or porteur.raison_sociale} – {volet.titre}"
    if not action["intitule"] and action.get("precision"):
        intitule += f" : {action['precision']}"
    unique, rang = intitule, 2
    while unique.casefold() in pris:
        unique, rang = f"{intitule} ({rang})", rang + 1
    pris.add(unique.casefold())
    return unique


@transaction.atomic
def demo_load_programmation_2021(*, contrat: ContratDeVille, report: LoadReport) -> Campagne:
    data = yaml.safe_load(PROGRAMMATION_2021.read_text(encoding="utf-8"))
    campagne = Campagne.objects.get(contrat=contrat, annee=2021)
    volets = {v.code: v for v in campagne.volets.all()}
    porteurs = {}
    for item in data["porteurs"]:
        porteurs[item["cle"]] = report.upsert(
            Porteur,
            {"raison_sociale": item["raison_sociale"]},
            {
                "sigle": item["sigle"],
                "forme_juridique": FormeJuridique(item["forme_juridique"]),
                "annee_creation": item["annee_creation"],
                "presentation": item["presentation"],
                "alias": item["alias"],
                "commune": contrat.commune,
            },
        )
    axes_par_volet = _axes_par_volet(contrat)
    intitules_pris: set[str] = set()
    for rang, action in enumerate(data["actions"], start=1):
        porteur = porteurs[action["porteur"]]
        volet = volets[action["sous_volet"] or action["volet"]]
        dossier = report.upsert(
            Dossier,
            {"numero": f"CV-2021-{rang:04d}"},
            {
                "campagne": campagne,
                "porteur": porteur,
                "intitule": demo_dossier_intitule(action, porteur, volet, pris=intitules_pris),
                "description": action["description"],
                "public_cible": action["public_cible"],
                "age_min": action["age_min"],
                "age_max": action["age_max"],
                "volet": volet,
                "etat": EtatDossier.TERMINE if action["termine"] else EtatDossier.RETENU,
                "publie": True,
                "contact_public": action["contact"],
            },
        )
        if not dossier.axes.exists():
            dossier.axes.set(axes_par_volet[action["volet"]])
            dossier.quartiers.set(Quartier.objects.filter(contrat=contrat, type="qpv"))
    return campagne


def _axes_par_volet(contrat: ContratDeVille) -> dict:
    """A plausible axe for each public volet (the city page gives no mapping: demo only)."""
    axes = {axe.code: axe for axe in AxeStrategique.objects.filter(enjeu__contrat=contrat).select_related("enjeu")}
    mapping = {"1": ["2.1"], "2": ["3.2"], "3": ["5.3"], "4": ["5.7"], "5": ["4.3"]}
    return {volet: [axes[code] for code in codes] for volet, codes in mapping.items()}


def demo_create_accounts() -> list[tuple[DemoAccount, User]]:
    from django.contrib.auth.models import Group

    accounts = []
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(
                email=account.email,
                password=DEMO_PASSWORD,
                organisation=account.organisation,
                is_staff=account.staff,
                is_superuser=account.superuser,
            )
        user.groups.add(Group.objects.get(name=account.role))
        accounts.append((account, user))
    porteuse = accounts[0][1]
    maison = Porteur.objects.filter(raison_sociale="Maison de Bégon").first()
    if maison:
        PorteurMembre.objects.get_or_create(porteur=maison, user=porteuse, defaults={"est_gestionnaire": True})
    return accounts


# Organisations applying for the first time, and their actions (one dossier in three is new).
NOUVEAUX_PORTEURS = [
    "Association Les Jardins partagés de Kennedy",
    "Collectif Vélo Nord",
    "Association Parents solidaires de Croix Chevalier",
    "Repair café blésois",
    "Association Femmes relais de Bégon",
    "Atelier numérique des quartiers",
]
NOUVELLES_ACTIONS = [
    "Jardin partagé au pied des immeubles",
    "Atelier d’autoréparation de vélos",
    "Café des parents à la sortie de l’école",
    "Réparer plutôt que jeter : ateliers mensuels",
    "Permanences d’accès aux droits en langue maternelle",
    "Accompagnement aux démarches en ligne",
    "Sorties familiales à la découverte du Val de Loire",
    "Ateliers cuisine et alimentation durable",
    "Chantier éducatif d’été pour les 16-25 ans",
    "Apprendre le code de la route en français",
    "Web radio des habitantes et habitants",
    "Marche exploratoire de femmes dans le quartier",
]

# States of the open call's demo dossiers, and how many of each.
DEMO_ETATS = {
    EtatDossier.BROUILLON: 8,
    EtatDossier.DEPOSE: 10,
    EtatDossier.EN_INSTRUCTION: 6,
    EtatDossier.COMPLEMENTS_DEMANDES: 3,
    EtatDossier.INSTRUIT: 6,
    EtatDossier.IRRECEVABLE: 1,
    EtatDossier.RETIRE: 1,
}


@transaction.atomic
def demo_create_campagne_ouverte(*, contrat: ContratDeVille, modele: Campagne, today: datetime.date) -> Campagne:
    """The coming year's call, open today, with its dossiers; nothing is created if it already has dossiers."""
    annee = today.year + 1
    campagne, _ = Campagne.objects.get_or_create(
        contrat=contrat,
        annee=annee,
        defaults={
            "libelle": f"Appel à projets {annee}",
            "date_ouverture": local_datetime(today - datetime.timedelta(days=30), contrat.fuseau_horaire),
            "date_cloture": local_datetime(
                today + datetime.timedelta(days=21), contrat.fuseau_horaire, end_of_day=True
            ),
            "etat": EtatCampagne.OUVERTE,
            "presentation": "Appel lancé par l’État et la Ville pour les quartiers prioritaires et de veille.",
        },
    )
    if campagne.dossiers.exists():
        return campagne
    _copy_priorites_and_volets(modele, campagne)
    financeurs = list(Financeur.objects.filter(appel_a_projets=True))
    for financeur, montant in zip(financeurs, [450_000, 520_000, 40_000, 30_000, 30_000], strict=False):
        Enveloppe.objects.create(campagne=campagne, financeur=financeur, montant=Decimal(montant))
    _create_demo_dossiers(campagne, modele, financeurs)
    _prepare_instruction(campagne)
    _prepare_copil(campagne)
    return campagne


CRITERES_DEMO = [
    ("Réponse aux priorités de l'année", "Priorités opérationnelles et transversales visées, et comment."),
    ("Ancrage dans les quartiers", "Public des quartiers prioritaires, lieux, partenaires de proximité."),
    ("Égalité femmes-hommes", "Public mixte, freins identifiés, mesures prévues."),
    ("Solidité du projet", "Moyens, budget équilibré, cofinancements, évaluation."),
]


def _prepare_instruction(campagne: Campagne) -> None:
    """The grille d'analyse, the État's delegate instructing the État lines, référents, avis, a COTECH séance."""
    for ordre, (libelle, aide) in enumerate(CRITERES_DEMO, start=1):
        CritereAnalyse.objects.create(campagne=campagne, libelle=libelle, aide=aide, ordre=ordre)
    campagne.date_limite_instruction = campagne.date_cloture.date() + datetime.timedelta(days=30)
    campagne.save(update_fields=["date_limite_instruction"])
    instructrice = User.objects.get(email=DEMO_ACCOUNTS[1].email)
    delegue = User.objects.get(email=DEMO_ACCOUNTS[2].email)
    campagne.partenaires_invites.add(delegue)
    for financeur in Financeur.objects.filter(type=TypeFinanceur.ETAT, appel_a_projets=True):
        financeur.agents.add(delegue)
    suivis = campagne.dossiers.filter(
        etat__in=[EtatDossier.EN_INSTRUCTION, EtatDossier.COMPLEMENTS_DEMANDES, EtatDossier.INSTRUIT]
    )
    suivis.update(referent=instructrice)
    ControleRecevabilite.objects.bulk_create(
        ControleRecevabilite(
            dossier=dossier, par=instructrice, le=timezone.now(), **dict.fromkeys(ControleRecevabilite.CRITERES, True)
        )
        for dossier in suivis
    )
    for dossier in suivis.filter(etat=EtatDossier.INSTRUIT):
        dossier.lignes_financement.update(avis=Avis.FAVORABLE)
        Dossier.objects.filter(pk=dossier.pk).update(
            synthese="Action reconduite, bien ancrée dans le quartier ; proposition à 80 % de la demande."
        )
    seance = Seance.objects.create(
        comite=instance_du_contrat(contrat=campagne.contrat, type=TypeInstance.COTECH),
        campagne=campagne,
        date=timezone.localdate() - datetime.timedelta(days=3),
        lieu="Hôtel de ville, salle du conseil",
        autres_participants="Caisse d'allocations familiales\nTerres de Loire Habitat",
        compte_rendu="Examen des dossiers reconduits ; les nouveaux dossiers passeront au prochain COTECH.",
    )
    seance.participants.set([instructrice, delegue])
    for dossier in suivis.filter(etat=EtatDossier.INSTRUIT):
        Examen.objects.create(
            seance=seance, dossier=dossier, avis=Avis.FAVORABLE, commentaire="Avis favorable unanime."
        )
    for dossier in suivis.filter(etat=EtatDossier.COMPLEMENTS_DEMANDES):
        DemandeComplements.objects.create(
            dossier=dossier,
            elements=["budget"],
            message="Le budget ne mentionne pas le cofinancement de la CAF évoqué dans la description.",
            date_limite=timezone.localdate() + datetime.timedelta(days=10),
            demandee_par=instructrice,
            demandee_le=timezone.now(),
            depot_avant=dossier.depots.first(),
        )


def _copy_priorites_and_volets(modele: Campagne, campagne: Campagne) -> None:
    for priorite in modele.priorites_operationnelles.prefetch_related("enjeux"):
        copie = PrioriteOperationnelle.objects.create(
            campagne=campagne, groupe=priorite.groupe, libelle=priorite.libelle, ordre=priorite.ordre
        )
        copie.enjeux.set(priorite.enjeux.all())
    for priorite in modele.priorites_transversales.all():
        PrioriteTransversaleCampagne.objects.create(campagne=campagne, libelle=priorite.libelle, ordre=priorite.ordre)
    parents = {}
    for volet in modele.volets.order_by("code"):
        parents[volet.pk] = Volet.objects.create(
            campagne=campagne,
            code=volet.code,
            titre=volet.titre,
            texte_si_vide=volet.texte_si_vide,
            parent=parents.get(volet.parent_id),
        )


def _budget_equilibre(dossier: Dossier, subventions: Decimal, rng: random.Random) -> None:
    """Charges a quarter above the subventions asked; the rest comes from the porteur's own resources."""
    charges = (subventions * Decimal("1.25")).quantize(Decimal("1"))
    personnel = (charges * Decimal("0.7")).quantize(Decimal("1"))
    for compte, montant in [("64", personnel), ("60", charges - personnel), ("75", charges - subventions)]:
        LigneBudget.objects.create(dossier=dossier, compte=compte, montant=montant)
    for question in QuestionEgalite.objects.filter(moment="dossier"):
        choix = ["oui"] if not question.choix_multiples else rng.sample(["femmes", "hommes"], k=rng.randint(1, 2))
        ReponseEgalite.objects.create(dossier=dossier, question=question, choix=choix)
    dossier.montant_atteste, dossier.attestation_honneur = subventions, True
    dossier.signataire_nom, dossier.signataire_qualite = "Dominique Bernard", "Présidente"
    dossier.save()


def _depot(dossier: Dossier, by: User) -> None:
    """The frozen snapshot a real submission leaves (without sending the récépissé mail)."""
    contenu = dossier_snapshot(dossier=dossier)
    # The keys depot_create adds: the récépissé names who deposited, and when.
    contenu["depose_le"] = dossier.depose_le.isoformat()
    contenu["depose_par"] = {"nom": by.get_full_name(), "email": by.email}
    Depot.objects.create(
        dossier=dossier, version=1, depose_le=dossier.depose_le, depose_par=by, contenu=contenu,
        empreinte=fingerprint(contenu),
    )  # fmt: skip


def _prepare_copil(campagne: Campagne) -> None:
    """The COPIL: seats (the elected member also sits on the board of one porteur, hence a recusal), and the
    coming séance with its agenda of the dossiers proposed to the COPIL, ready to vote in the admin. The conseil
    citoyen's representatives join when the conseil designates them (conseil_citoyen/demo.py)."""
    instance = instance_du_contrat(contrat=campagne.contrat, type=TypeInstance.COPIL)
    elue = User.objects.get(email=DEMO_ACCOUNTS[3].email)
    delegue = User.objects.get(email=DEMO_ACCOUNTS[2].email)
    premier = campagne.dossiers.filter(etat=EtatDossier.INSTRUIT).order_by("numero").select_related("porteur").first()
    sieges = [
        ("Adjointe au maire, politique de la ville", "Ville", elue, premier.porteur if premier else None),
        ("Délégué du préfet", "État", delegue, None),
        ("Directrice de l'action sociale", "Caisse d'allocations familiales", None, None),
        ("Chargé de mission", "Conseil départemental", None, None),
    ]
    for fonction, organisation, user, structure in sieges:
        MembreInstance.objects.create(
            comite=instance,
            user=user,
            nom=str(user) if user else f"{fonction} ({organisation})",
            organisation=organisation,
            fonction=fonction,
            structure=structure,
        )
    seance = Seance.objects.create(
        comite=instance,
        campagne=campagne,
        date=timezone.localdate() + datetime.timedelta(days=14),
        lieu="Hôtel de ville, salle du conseil",
    )
    copil.seance_convoquer(seance=seance, by=elue)
    copil.ordre_du_jour_preparer(seance=seance, by=elue)


def _create_demo_dossiers(campagne: Campagne, modele: Campagne, financeurs: list[Financeur]) -> None:
    rng = random.Random(DEMO_SEED)
    porteuse = User.objects.get(email=DEMO_ACCOUNTS[0].email)  # demo_create_accounts() runs first
    fake = Faker("fr_FR")
    fake.seed_instance(DEMO_SEED)
    factory.random.reseed_random(DEMO_SEED)
    anciens = list(modele.dossiers.select_related("porteur").order_by("numero"))
    nouveaux_porteurs = [
        PorteurFactory(raison_sociale=nom, siret=fake_siret(rng), presentation=fake.paragraph(nb_sentences=3))
        for nom in NOUVEAUX_PORTEURS
    ]
    nouvelles_actions = iter(NOUVELLES_ACTIONS)
    axes = list(campagne.contrat.enjeux.all().values_list("axes", flat=True))
    quartiers = list(Quartier.objects.filter(contrat=campagne.contrat, actif=True))
    etats = [etat for etat, nombre in DEMO_ETATS.items() for _ in range(nombre)]
    for rang, etat in enumerate(etats, start=1):
        reconduction = rang % 3 != 0  # two dossiers in three renew a 2021 action
        precedent = anciens[rang % len(anciens)] if reconduction else None
        dossier = DossierFactory(
            campagne=campagne,
            porteur=precedent.porteur if precedent else nouveaux_porteurs[rang % len(nouveaux_porteurs)],
            intitule=precedent.intitule if precedent else next(nouvelles_actions),
            description=(precedent.description if precedent else "") or fake.paragraph(nb_sentences=6),
            public_cible=(precedent.public_cible if precedent else "") or "Habitantes et habitants du quartier",
            reconduit_de=precedent,
            etat=etat,
            numero=None if etat == EtatDossier.BROUILLON else f"CV-{campagne.annee}-{rang:04d}",
            depose_le=None
            if etat == EtatDossier.BROUILLON
            else timezone.now() - datetime.timedelta(days=rang % 25 + 1),
            date_debut=datetime.date(campagne.annee, 1, 1),
            date_fin=datetime.date(campagne.annee, 12, 31),
            axes=[rng.choice(axes)],
        )
        dossier.quartiers.set(rng.sample(quartiers, k=rng.randint(1, 2)))
        subventions = Decimal("0")
        for financeur in rng.sample(financeurs, k=rng.randint(1, 3)):
            demande = Decimal(rng.randrange(1_500, 25_000, 500))
            LigneFinancement.objects.create(
                dossier=dossier,
                financeur=financeur,
                nature=financeur.nature,
                montant_demande=demande,
                montant_propose=(demande * Decimal("0.8")).quantize(Decimal("1"))
                if etat == EtatDossier.INSTRUIT
                else None,
            )
            subventions += demande
        _budget_equilibre(dossier, subventions, rng)
        if etat != EtatDossier.BROUILLON:
            _depot(dossier, porteuse)
