"""Demo data of the suivi: last year's programmation followed through the suivi services — voted amounts,
conventions signed, avances paid, bilans filed (three validated, two soldes paid), one bilan late, one action
cancelled, one avance still to pay — with the year's objectifs opérationnels and their indicators, so that the
dashboard and every report have content.

Calendar-year actions are over and reported; school-year actions (September to July) are still running, their bilan
not yet due whatever the day the demo is loaded. Deterministic (seeded); nothing is created twice.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from comptes.models import User
from enjeux.models import ContratDeVille, ObjectifOperationnel, Quartier
from projets.enums import EtatCampagne, EtatDossier, MomentQuestion
from projets.factories import DossierFactory, fake_siret
from projets.models import Campagne, Dossier, Financeur, LigneBudget, LigneFinancement, QuestionEgalite, ReponseEgalite
from projets.services.referentiel import local_datetime
from suivi.enums import TypeIndicateur, TypeVersement
from suivi.models import Indicateur, ValeurIndicateur, Versement
from suivi.services.actions import action_cancel
from suivi.services.bilans import bilan_open, bilan_save, bilan_submit, bilan_validate
from suivi.services.conventions import convention_create, convention_sign
from suivi.services.versements import versement_pay

SEED = 2015
INSTRUCTRICE = "instructrice@demo.contratville.fr"
PORTEUSE = "porteuse@demo.contratville.fr"

# What happens to each of the year's actions, in order: calendar-year ones first, then school-year ones.
SCENARIO = [
    "termine", "termine", "bilan_valide", "bilan_depose", "bilan_depose", "bilan_en_retard", "annulee",
    "en_cours", "en_cours", "en_cours", "en_cours", "avance_a_payer",
]  # fmt: skip
ANNEE_SCOLAIRE = {"en_cours", "avance_a_payer"}

# The year's objectifs opérationnels of the axes the 2021 actions fall under (projets/demo.py), with their référent,
# analyse and one indicator each: (libellé, unité, cible, valeur atteinte).
OBJECTIFS = {
    "2.1": [("Accompagner 20 projets de création d'activité portés par des habitantes et habitants", "BGE Ismer",
             "Les créatrices d'entreprise sont plus nombreuses ; le financement reste le premier frein.")],
    "3.2": [("Accompagner vers l'emploi ou la formation 150 personnes éloignées de l'emploi", "Mission locale",
             "Public jeune et féminin peu présent en 2020 : aller vers les 16-25 ans et les femmes isolées."),
            ("Lever le frein de la langue : 60 places d'apprentissage du français", "Service politique de la ville",
             "")],
    "5.3": [("Faire participer 300 habitantes et habitants à une action culturelle ou sportive",
             "Direction de la culture", "Les habitantes et habitants de Croix Chevalier fréquentent peu les "
             "équipements culturels.")],
    "5.7": [("Tenir une permanence d'accès aux droits chaque semaine dans chaque quartier prioritaire", "CCAS", "")],
}  # fmt: skip
INDICATEURS = {
    "2.1": ("Projets de création accompagnés", "projets", 20, 23),
    "3.2": ("Personnes accompagnées vers l'emploi ou la formation", "personnes", 150, 118),
    "5.3": ("Participantes et participants aux actions culturelles ou sportives", "personnes", 300, 342),
    "5.7": ("Personnes reçues en permanence", "personnes", 400, 365),
}


@transaction.atomic
def demo_suivi(*, contrat: ContratDeVille, today: datetime.date) -> Campagne | None:
    annee = today.year - 1
    if Campagne.objects.filter(contrat=contrat, annee=annee, dossiers__isnull=False).exists():
        return None
    instructrice = User.objects.get(email=INSTRUCTRICE)
    porteuse = User.objects.get(email=PORTEUSE)
    rng = random.Random(SEED)
    campagne = _campagne(contrat, annee)
    objectifs = _objectifs(contrat, annee)
    dossiers = _dossiers(campagne, objectifs, rng)
    for dossier, scenario in zip(dossiers, SCENARIO, strict=True):
        _suivre(dossier, scenario, annee, today, instructrice, porteuse, rng)
    _indicateurs(contrat, annee, objectifs, dossiers, instructrice)
    return campagne


def _campagne(contrat: ContratDeVille, annee: int) -> Campagne:
    campagne, _ = Campagne.objects.get_or_create(
        contrat=contrat,
        annee=annee,
        defaults={
            "libelle": f"Appel à projets {annee}",
            "date_ouverture": local_datetime(datetime.date(annee - 1, 10, 1), contrat.fuseau_horaire),
            "date_cloture": local_datetime(datetime.date(annee - 1, 10, 31), contrat.fuseau_horaire, end_of_day=True),
        },
    )
    Campagne.objects.filter(pk=campagne.pk).update(etat=EtatCampagne.PROGRAMMEE)
    return campagne


def _objectifs(contrat: ContratDeVille, annee: int) -> dict[str, list[ObjectifOperationnel]]:
    resultat = {}
    for code, lignes in OBJECTIFS.items():
        enjeu, numero = (int(x) for x in code.split("."))
        axe = contrat.enjeux.get(numero=enjeu).axes.get(numero=numero)
        resultat[code] = [
            ObjectifOperationnel.objects.get_or_create(
                axe=axe, annee=annee, numero=rang,
                defaults={"libelle": libelle, "referent": referent, "analyse": analyse,
                          "date_validation_copil": datetime.date(annee - 1, 12, 10)},
            )[0]
            for rang, (libelle, referent, analyse) in enumerate(lignes, start=1)
        ]  # fmt: skip
    return resultat


def _dossiers(campagne: Campagne, objectifs: dict, rng: random.Random) -> list[Dossier]:
    """Twelve 2021 actions renewed, each with its voted amounts: its porteur, title, axe and quartiers."""
    anciens = list(
        Dossier.objects.filter(campagne__contrat=campagne.contrat, campagne__annee=2021)
        .select_related("porteur")
        .prefetch_related("axes__enjeu")
        .order_by("porteur__raison_sociale", "numero")
    )
    begon = [d for d in anciens if d.porteur.raison_sociale == "Maison de Bégon"][:2]
    autres = [d for d in anciens if d not in begon]
    tires = rng.sample(autres, k=len(SCENARIO) - 2)
    choisis = [begon[0], *tires[:9], begon[1], *tires[9:]]  # the demo porteuse: one action over, one running
    annee = campagne.annee
    etat, ville = Financeur.objects.get(nom="État"), Financeur.objects.get(nom="Ville de Blois")
    caf = Financeur.objects.filter(nom="CAF de Loir-et-Cher").first()
    bailleur = Financeur.objects.filter(nom="Terres de Loire Habitat").first()
    quartiers = list(Quartier.objects.filter(contrat=campagne.contrat, actif=True, type="qpv"))
    dossiers = []
    for rang, (ancien, scenario) in enumerate(zip(choisis, SCENARIO, strict=True), start=1):
        if not ancien.porteur.siret:  # the city's page gives none; the State's reporting asks for it
            ancien.porteur.siret = fake_siret(rng)
            ancien.porteur.save(update_fields=["siret"])
        scolaire = scenario in ANNEE_SCOLAIRE
        debut = datetime.date(annee, 9, 1) if scolaire else datetime.date(annee, 1, 15)
        fin = datetime.date(annee + 1, 7, 10) if scolaire else datetime.date(annee, 12, 15)
        if scenario == "bilan_en_retard":
            fin = datetime.date(annee, 5, 31)
        axe = ancien.axes.all()[0]
        dossier = DossierFactory(
            campagne=campagne, porteur=ancien.porteur, intitule=ancien.intitule, description=ancien.description,
            public_cible=ancien.public_cible or "Habitantes et habitants du quartier", etat=EtatDossier.RETENU,
            numero=f"CV-{annee}-{rang:04d}", depose_le=local_datetime(datetime.date(annee - 1, 10, 20), "UTC"),
            date_debut=debut, date_fin=fin, axes=[axe], publie=True, lieux="Quartiers nord de Blois",
            public_nombre=rng.randrange(30, 200, 10),
        )  # fmt: skip
        dossier.quartiers.set(rng.sample(quartiers, k=min(len(quartiers), rng.randint(1, 2))))
        if axe.code in objectifs:
            dossier.objectifs_operationnels.set([rng.choice(objectifs[axe.code])])
        subventions = Decimal("0")
        lignes = [(etat, rng.randrange(3_000, 16_000, 500)), (ville, rng.randrange(2_000, 12_000, 500))]
        if caf and rang % 3 == 0:
            lignes.append((caf, rng.randrange(1_000, 6_000, 500)))
        if bailleur and rang % 4 == 1:
            lignes.append((bailleur, rng.randrange(1_000, 4_000, 250)))
        for financeur, demande in lignes:
            vote = (Decimal(demande) * Decimal(rng.choice(["1", "0.9", "0.8"]))).quantize(Decimal("1"))
            LigneFinancement.objects.create(dossier=dossier, financeur=financeur, nature=financeur.nature,
                                            montant_demande=Decimal(demande), montant_vote=vote)  # fmt: skip
            subventions += Decimal(demande)
        charges = (subventions * Decimal("1.25")).quantize(Decimal("1"))
        personnel = (charges * Decimal("0.7")).quantize(Decimal("1"))
        for compte, montant in [("64", personnel), ("60", charges - personnel), ("75", charges - subventions)]:
            LigneBudget.objects.create(dossier=dossier, compte=compte, montant=montant)
        for question in QuestionEgalite.objects.filter(moment=MomentQuestion.DOSSIER):
            choix = ["oui"] if not question.choix_multiples else rng.sample(question.choix, k=1)
            ReponseEgalite.objects.create(dossier=dossier, question=question, choix=choix)
        dossiers.append(dossier)
    return dossiers


def _moment(jour: datetime.date, today: datetime.date) -> datetime.datetime:
    """A past moment of that day (yesterday at the latest): nothing is filed in the future."""
    jour = min(jour, today - datetime.timedelta(days=1))
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time(10, 30)))


def _suivre(dossier, scenario, annee, today, instructrice, porteuse, rng) -> None:
    if scenario == "annulee":
        action_cancel(dossier=dossier, le=datetime.date(annee, 2, 20), by=instructrice,
                      motif="La salle prévue a fermé pour travaux ; l'association reporte l'action.")  # fmt: skip
        return
    signature = min(dossier.date_debut + datetime.timedelta(days=45), today)
    convention = convention_create(dossiers=[dossier], by=instructrice)
    convention_sign(convention=convention, date_signature=signature, by=instructrice)
    if scenario != "avance_a_payer":
        _payer(dossier, TypeVersement.AVANCE, min(signature + datetime.timedelta(days=30), today), instructrice)
    dossier.refresh_from_db()
    if scenario not in {"termine", "bilan_valide", "bilan_depose"}:
        return
    bilan = _bilan(dossier, rng, porteuse)
    bilan_submit(bilan=bilan, by=porteuse, moment=_moment(datetime.date(annee + 1, 3, 1 + rng.randrange(25)), today))
    if scenario == "bilan_depose":
        return
    bilan_validate(bilan=bilan, by=instructrice, commentaire="Bilan complet, merci.")
    if scenario == "termine":
        _payer(dossier, TypeVersement.SOLDE, today, instructrice)


def _payer(dossier, type, jour, by) -> None:
    for versement in Versement.objects.filter(ligne__dossier=dossier, type=type, date_versement__isnull=True):
        versement_pay(versement=versement, montant=versement.montant_prevu, date_versement=jour, by=by,
                      reference=f"MAND-{dossier.numero}-{type[:2].upper()}")  # fmt: skip


def _bilan(dossier, rng, porteuse):
    """A bilan whose figures add up: publics by sex, age and quartier, budget réalisé within 15 % of the plan."""
    bilan = bilan_open(dossier=dossier)
    total = dossier.public_nombre + rng.randrange(-20, 30, 5)
    femmes = round(total * rng.choice([0.45, 0.55, 0.62, 0.7]))
    hommes = total - femmes
    jeunes = round(total * 0.4)
    quartiers = list(dossier.quartiers.all())
    dans_quartiers = round(total * 0.8)
    repartition = {quartiers[0].pk: dans_quartiers} if len(quartiers) == 1 else {
        quartiers[0].pk: dans_quartiers // 2, quartiers[1].pk: dans_quartiers - dans_quartiers // 2}  # fmt: skip
    budget = {}
    for ligne in bilan.lignes_budget.all():
        ecart = Decimal(rng.choice(["0.95", "1", "1.05", "1.1"])) if ligne.compte else Decimal("1")
        budget[ligne.pk] = ((ligne.prevu * ecart).quantize(Decimal("1")), "")
    q6 = {q.pk: ([rng.choice(q.choix)], "") for q in QuestionEgalite.objects.filter(moment=MomentQuestion.BILAN)}
    return bilan_save(
        bilan=bilan, version=bilan.version,
        valeurs={
            "realisation": "Ateliers hebdomadaires tenus comme prévu, une sortie collective et une restitution "
                           "publique en fin d'année.",
            "ecarts": "Deux séances reportées pendant les vacances scolaires.",
            "public_femmes": femmes, "public_hommes": hommes, "age_12_17": jeunes, "age_26_64": total - jeunes,
            "public_hors_quartiers": total - dans_quartiers, "lieux": dossier.lieux,
            "evaluation": "Assiduité suivie à chaque séance ; questionnaire de satisfaction en fin d'action.",
            "difficultes": "Mobiliser les pères de famille.",
        },
        budget=budget, quartiers=repartition, egalite=q6,
    )  # fmt: skip


def _indicateurs(contrat, annee, objectifs, dossiers, by) -> None:
    for code, (libelle, unite, cible, valeur) in INDICATEURS.items():
        objectif = objectifs[code][0]
        indicateur = Indicateur.objects.create(contrat=contrat, libelle=libelle, unite=unite,
                                               service=objectif.referent, objectif=objectif)  # fmt: skip
        ValeurIndicateur.objects.create(indicateur=indicateur, annee=annee, cible=Decimal(cible),
                                        valeur=Decimal(valeur), saisie_par=by)  # fmt: skip
    part = Indicateur.objects.create(contrat=contrat, libelle="Part de femmes parmi les participantes et participants",
                                     type=TypeIndicateur.PART, objectif=objectifs["5.3"][0])  # fmt: skip
    ValeurIndicateur.objects.create(
        indicateur=part, annee=annee, cible=Decimal("50"), valeur=Decimal("58"), saisie_par=by
    )
    for dossier in dossiers[:4]:
        indicateur = Indicateur.objects.create(contrat=contrat, libelle="Séances réalisées", unite="séances",
                                               dossier=dossier)  # fmt: skip
        ValeurIndicateur.objects.create(indicateur=indicateur, annee=annee, cible=Decimal("30"),
                                        valeur=Decimal(26 + dossiers.index(dossier)), saisie_par=by)  # fmt: skip
