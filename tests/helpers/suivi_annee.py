"""A followed year built with factories only (the reports' tests do not depend on the suivi services): four actions
funded last year with every nature of credits, a terminated one with its bilan validated, one en cours, one cancelled,
one whose bilan is late; a refused dossier and an action of the year before, that no report may count."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from enjeux.factories import AxeStrategiqueFactory, ObjectifOperationnelFactory, QuartierFactory
from projets.enums import EtatDossier, NatureFinancement
from projets.factories import CampagneFactory, DossierFactory, FinanceurFactory, LigneFinancementFactory
from projets.models import QuestionEgalite
from suivi.enums import EtatBilan, TypeVersement
from suivi.factories import (
    BilanFactory,
    BilanQuartierFactory,
    BilanReponseEgaliteFactory,
    ConventionFactory,
    EngagementAnnuelFactory,
    IndicateurFactory,
    SuiviActionFactory,
    ValeurIndicateurFactory,
    VersementFactory,
)

# Last year: its actions are over and the late bilan is late whatever the day the tests run.
ANNEE = timezone.localdate().year - 1
D = Decimal


@dataclass
class AnneeSuivie:
    contrat: object
    campagne: object
    dossiers: dict = field(default_factory=dict)


def _ligne(dossier, financeur, demande, vote):
    return LigneFinancementFactory(
        dossier=dossier, financeur=financeur, montant_demande=D(demande), montant_vote=D(vote)
    )


def _verse(ligne, type, montant, jour):
    return VersementFactory(ligne=ligne, type=type, montant_prevu=D(montant), montant_verse=D(montant),
                            date_prevue=jour, date_versement=jour)  # fmt: skip


def annee_suivie() -> AnneeSuivie:
    campagne = CampagneFactory(annee=ANNEE)
    contrat = campagne.contrat
    axe = AxeStrategiqueFactory(enjeu__contrat=contrat, enjeu__numero=1, numero=2, titre="Lever les freins à l'emploi")
    autre_axe = AxeStrategiqueFactory(enjeu__contrat=contrat, enjeu__numero=2, numero=1, titre="Réussite éducative")
    begon = QuartierFactory(contrat=contrat, nom="Bégon", type="qpv", code="QP041001")
    etat = FinanceurFactory(nom="État", ordre=1, nature=NatureFinancement.CREDITS_SPECIFIQUES)
    ville = FinanceurFactory(nom="Ville", ordre=2, nature=NatureFinancement.CREDITS_SPECIFIQUES)
    caf = FinanceurFactory(nom="CAF", ordre=3, nature=NatureFinancement.DROIT_COMMUN)
    bailleur = FinanceurFactory(nom="Terres de Loire Habitat", ordre=4, nature=NatureFinancement.ABATTEMENT_TFPB)
    annee = AnneeSuivie(contrat=contrat, campagne=campagne)
    jour = datetime.date(ANNEE, 3, 1)
    debut, fin = datetime.date(ANNEE, 1, 1), datetime.date(ANNEE, 12, 31)

    termine = DossierFactory(campagne=campagne, etat=EtatDossier.TERMINE, numero=f"CV-{ANNEE}-0001", axes=[axe],
                             intitule="Ateliers d'écriture", date_debut=debut, date_fin=fin)  # fmt: skip
    termine.quartiers.add(begon)
    objectif = ObjectifOperationnelFactory(axe=axe, annee=ANNEE, numero=1, libelle="Accompagner 100 jeunes",
                                           referent="Mission locale")  # fmt: skip
    termine.objectifs_operationnels.add(objectif)
    l_etat = _ligne(termine, etat, "10000", "8000")
    l_caf = _ligne(termine, caf, "3000", "3000")
    _verse(l_etat, TypeVersement.AVANCE, "6400", jour)
    _verse(l_etat, TypeVersement.SOLDE, "1600", jour)
    _verse(l_caf, TypeVersement.AVANCE, "2400", jour)
    bilan = BilanFactory(dossier=termine, etat=EtatBilan.VALIDE, valide_le=timezone.now(), public_femmes=20,
                         public_hommes=10, age_18_25=30, public_hors_quartiers=5)  # fmt: skip
    BilanQuartierFactory(bilan=bilan, quartier=begon, nombre=25)
    q6 = QuestionEgalite.objects.filter(numero=6).first()
    BilanReponseEgaliteFactory(bilan=bilan, choix=["oui"], **({"question": q6} if q6 else {}))
    convention = ConventionFactory(porteur=termine.porteur, numero=f"CONV-{ANNEE}-0001", date_signature=jour,
                                   annee_debut=ANNEE, annee_fin=ANNEE)  # fmt: skip
    convention.dossiers.add(termine)
    EngagementAnnuelFactory(convention=convention, financeur=etat, montant=D("8000"))
    EngagementAnnuelFactory(convention=convention, financeur=caf, montant=D("3000"))
    indicateur = IndicateurFactory(contrat=contrat, objectif=objectif, libelle="Jeunes accompagnés", unite="jeunes")
    ValeurIndicateurFactory(indicateur=indicateur, annee=ANNEE, cible=D("100"), valeur=D("80"))
    annee.dossiers["termine"] = termine

    en_cours = DossierFactory(campagne=campagne, etat=EtatDossier.EN_COURS, numero=f"CV-{ANNEE}-0002",
                              axes=[autre_axe], intitule="Aide aux devoirs", date_debut=debut,
                              date_fin=fin)  # fmt: skip
    l_ville = _ligne(en_cours, ville, "6000", "5000")
    _ligne(en_cours, bailleur, "1500", "1500")
    _verse(l_ville, TypeVersement.AVANCE, "4000", jour)
    VersementFactory(ligne=l_ville, type=TypeVersement.SOLDE, montant_prevu=D("1000"), date_prevue=None)
    BilanFactory(dossier=en_cours, public_femmes=99)  # a draft, due in two months: neither late nor counted
    annee.dossiers["en_cours"] = en_cours

    annulee = DossierFactory(campagne=campagne, etat=EtatDossier.CONVENTIONNE, numero=f"CV-{ANNEE}-0003", axes=[axe],
                             intitule="Chantier d'été", date_debut=debut, date_fin=fin)  # fmt: skip
    _ligne(annulee, etat, "2500", "2000")
    SuiviActionFactory(dossier=annulee, annulee_le=jour, motif_annulation="Local fermé.")
    annee.dossiers["annulee"] = annulee

    en_retard = DossierFactory(campagne=campagne, etat=EtatDossier.RETENU, numero=f"CV-{ANNEE}-0004", axes=[axe],
                               intitule="Permanences juridiques", date_debut=debut,
                               date_fin=datetime.date(ANNEE, 3, 31))  # fmt: skip
    _ligne(en_retard, ville, "1200", "1000")
    annee.dossiers["en_retard"] = en_retard

    refuse = DossierFactory(campagne=campagne, etat=EtatDossier.NON_RETENU, numero=f"CV-{ANNEE}-0005", axes=[axe])
    _ligne(refuse, etat, "9000", "0")
    passe = DossierFactory(campagne=CampagneFactory(contrat=contrat, annee=ANNEE - 1), etat=EtatDossier.TERMINE,
                           numero=f"CV-{ANNEE - 1}-0001", axes=[axe])  # fmt: skip
    _verse(_ligne(passe, etat, "7000", "7000"), TypeVersement.AVANCE, "7000", datetime.date(ANNEE - 1, 3, 1))
    return annee
