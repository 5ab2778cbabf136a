"""A COPIL séance closed the way projets/services/copil.py leaves it, built with factories only (the documents' tests
do not depend on the vote service).

Lines accordé carry their voted amount, refusé 0 and ajourné None; dossiers are retenu, non retenu or stay
instruit; decisions are locked and the séance is closed.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from comptes.factories import UserFactory
from enjeux.factories import AxeStrategiqueFactory, EnjeuFactory, QuartierFactory
from projets.enums import Decision, EtatDossier, NatureFinancement, RoleMembre, StatutSeance, TypeInstance
from projets.factories import (
    AmendementFactory,
    CampagneFactory,
    ConvocationFactory,
    DecisionLigneFactory,
    DossierFactory,
    ExamenFactory,
    FinanceurFactory,
    InstanceFactory,
    LigneFinancementFactory,
    MembreInstanceFactory,
    PorteurFactory,
    RecusationFactory,
    SeanceFactory,
)


@dataclass
class CopilClos:
    campagne: object
    seance: object
    financeurs: dict
    porteurs: dict
    dossiers: dict = field(default_factory=dict)


def _decider(seance, dossier, decisions, rang):
    """decisions: [(financeur, nature, demandé, proposé, décision, voté, motif)]."""
    ExamenFactory(seance=seance, dossier=dossier, rang=rang)
    for financeur, demande, propose, decision, vote, motif in decisions:
        ligne = LigneFinancementFactory(
            dossier=dossier,
            financeur=financeur,
            montant_demande=Decimal(demande),
            montant_propose=Decimal(propose),
            montant_vote={Decision.ACCORDE: Decimal(vote or 0), Decision.REFUSE: Decimal("0")}.get(decision),
        )
        DecisionLigneFactory(
            seance=seance,
            ligne=ligne,
            decision=decision,
            montant_vote=Decimal(vote) if decision == Decision.ACCORDE else None,
            motif=motif,
            verrouillee=True,
        )


def copil_clos(*, porteur_a=None, porteur_b=None) -> CopilClos:
    """Two enjeux, three axes, two quartiers, three financeurs (one of each nature), two porteurs, four dossiers:
    retenu with two lines, retenu under two axes, non retenu, ajourné (instruit)."""
    campagne = CampagneFactory(annee=2031, libelle="Appel à projets 2031")
    contrat = campagne.contrat
    enjeu_emploi = EnjeuFactory(contrat=contrat, numero=2, titre="Emploi et insertion")
    enjeu_education = EnjeuFactory(contrat=contrat, numero=4, titre="Réussite éducative")
    axe_21 = AxeStrategiqueFactory(enjeu=enjeu_emploi, numero=1, titre="Lever les freins à l'emploi")
    axe_43 = AxeStrategiqueFactory(enjeu=enjeu_education, numero=3, titre="Accompagner les familles")
    axe_22 = AxeStrategiqueFactory(enjeu=enjeu_emploi, numero=2, titre="Développer la formation")
    bourg = QuartierFactory(contrat=contrat, nom="Bourg-Neuf")
    kennedy = QuartierFactory(contrat=contrat, nom="Kennedy")
    financeurs = {
        "ville": FinanceurFactory(nom="Ville de Blois", nature=NatureFinancement.CREDITS_SPECIFIQUES, ordre=1),
        "caf": FinanceurFactory(nom="CAF de Loir-et-Cher", nature=NatureFinancement.DROIT_COMMUN, ordre=5),
        "bailleur": FinanceurFactory(nom="Terres de Loire Habitat", nature=NatureFinancement.ABATTEMENT_TFPB, ordre=3),
    }
    porteurs = {
        "a": porteur_a or PorteurFactory(raison_sociale="Association A"),
        "b": porteur_b or PorteurFactory(raison_sociale="Association B"),
    }
    comite = InstanceFactory(contrat=contrat, type=TypeInstance.COPIL, nom="Comité de pilotage")
    seance = SeanceFactory(campagne=campagne, comite=comite, date=datetime.date(2031, 3, 12), lieu="Hôtel de ville")
    copil = CopilClos(campagne, seance, financeurs, porteurs)

    def dossier(cle, porteur, etat, axes, quartiers, numero, intitule):
        d = DossierFactory(campagne=campagne, porteur=porteur, etat=etat, axes=axes, numero=numero, intitule=intitule)
        d.quartiers.set(quartiers)
        copil.dossiers[cle] = d
        return d

    f = financeurs
    _decider(
        seance,
        dossier("retenu", porteurs["a"], EtatDossier.RETENU, [axe_21], [bourg], "CV-2031-0001", "Atelier emploi"),
        [
            (f["ville"], "12500", "10000", Decision.ACCORDE, "9000", ""),
            (f["caf"], "4000", "4000", Decision.ACCORDE, "4000", ""),
        ],
        1,
    )
    _decider(
        seance,
        dossier(
            "deux_axes",
            porteurs["a"],
            EtatDossier.RETENU,
            [axe_43, axe_22],
            [bourg, kennedy],
            "CV-2031-0002",
            "Parents et école",
        ),  # fmt: skip
        [
            (f["ville"], "3000", "2500", Decision.ACCORDE, "2500", ""),
            (f["bailleur"], "2000", "2000", Decision.ACCORDE, "1800", ""),
        ],
        2,
    )
    _decider(
        seance,
        dossier("refuse", porteurs["b"], EtatDossier.NON_RETENU, [axe_21], [kennedy], "CV-2031-0003", "Jardin"),
        [(f["ville"], "6000", "0", Decision.REFUSE, None, "Action hors des priorités de l'année.")],
        3,
    )
    _decider(
        seance,
        dossier("ajourne", porteurs["b"], EtatDossier.INSTRUIT, [axe_43], [], "CV-2031-0004", "Club lecture"),
        [(f["caf"], "1500", "1500", Decision.AJOURNE, None, "Budget à préciser.")],
        4,
    )
    titulaires = [
        MembreInstanceFactory(comite=comite, nom=nom, organisation=org, role=RoleMembre.TITULAIRE)
        for nom, org in [("Claire Martin", "Ville"), ("Paul Durand", "Préfecture"), ("Inès Roux", "CAF")]
    ]
    suppleante = MembreInstanceFactory(
        comite=comite, nom="Léa Petit", organisation="Préfecture", role=RoleMembre.SUPPLEANT,
        suppleant_de=titulaires[1],
    )  # fmt: skip
    for membre, present in [(titulaires[0], True), (titulaires[1], False), (titulaires[2], True), (suppleante, True)]:
        ConvocationFactory(seance=seance, membre=membre, present=present)
    RecusationFactory(
        seance=seance,
        dossier=copil.dossiers["refuse"],
        membre=titulaires[2],
        motif="Membre du bureau de l'Association B.",
        automatique=True,
    )
    AmendementFactory(
        decision=copil.dossiers["retenu"].lignes_financement.get(financeur=f["ville"]).decisions.get(),
        motif="Erreur de saisie du montant en séance.",
        avant={"decision": "accorde", "montant_vote": "9500.00"},
        apres={"decision": "accorde", "montant_vote": "9000.00"},
        par=UserFactory(first_name="Claire", last_name="Martin", is_staff=True),
    )
    seance.statut = StatutSeance.CLOSE
    seance.close_le = timezone.make_aware(datetime.datetime(2031, 3, 12, 18, 30))
    seance.close_par = UserFactory(first_name="Claire", last_name="Martin", is_staff=True)
    seance.save()
    return copil
