"""A COPIL séance ready to vote: an instance with titulaires present, and dossiers proposed to the COPIL."""

from dataclasses import dataclass, field
from decimal import Decimal

from enjeux.factories import AxeStrategiqueFactory
from projets.enums import Avis, EtatDossier, TypeInstance
from projets.factories import (
    CampagneFactory,
    ConvocationFactory,
    DossierFactory,
    EnveloppeFactory,
    FinanceurFactory,
    InstanceFactory,
    LigneFinancementFactory,
    MembreInstanceFactory,
    PorteurFactory,
    SeanceFactory,
)
from projets.models import DecisionLigne, Dossier, Examen, LigneFinancement, Seance
from projets.services import copil


@dataclass
class SeanceCopil:
    seance: Seance
    financeurs: list
    dossiers: list = field(default_factory=list)
    membres: list = field(default_factory=list)


def seance_copil(*, secretaire, titulaires: int = 3, presents: int = 3, dossiers: int = 2, enveloppe="100000"):
    """`dossiers` dossiers instruit, each asking 10 000 € to the État (proposed 8 000 €, favorable) and 5 000 € to
    the Ville (défavorable); `presents` of the `titulaires` seats attend; the agenda is prepared by `secretaire`."""
    campagne = CampagneFactory()
    instance = InstanceFactory(contrat=campagne.contrat, type=TypeInstance.COPIL, nom="Comité de pilotage")
    seance = SeanceFactory(campagne=campagne, comite=instance)
    etat = FinanceurFactory(nom="État", ordre=1)
    ville = FinanceurFactory(nom="Ville", ordre=2)
    for financeur in (etat, ville):
        EnveloppeFactory(campagne=campagne, financeur=financeur, montant=Decimal(enveloppe))
    membres = [MembreInstanceFactory(comite=instance, organisation=f"Organisation {i}") for i in range(titulaires)]
    for i, membre in enumerate(membres):
        ConvocationFactory(seance=seance, membre=membre, present=i < presents)
    axe = AxeStrategiqueFactory(enjeu__contrat=campagne.contrat)
    scenario = SeanceCopil(seance=seance, financeurs=[etat, ville], membres=membres)
    for _ in range(dossiers):
        scenario.dossiers.append(dossier_instruit(campagne=campagne, etat=etat, ville=ville, axe=axe))
    copil.ordre_du_jour_preparer(seance=seance, by=secretaire)
    return scenario


def dossier_instruit(*, campagne, etat, ville, axe=None, porteur=None):
    extra = {"porteur": porteur} if porteur else {}
    dossier = DossierFactory(campagne=campagne, etat=EtatDossier.INSTRUIT, axes=[axe] if axe else None, **extra)
    dossier.numero = f"CV-{campagne.annee}-{dossier.pk:04d}"
    dossier.save(update_fields=["numero"])
    LigneFinancementFactory(
        dossier=dossier,
        financeur=etat,
        montant_demande=Decimal("10000"),
        montant_propose=Decimal("8000"),
        avis=Avis.FAVORABLE,
    )
    LigneFinancementFactory(
        dossier=dossier,
        financeur=ville,
        montant_demande=Decimal("5000"),
        montant_propose=Decimal("0"),
        avis=Avis.DEFAVORABLE,
        commentaire_avis="Action hors des priorités de la Ville cette année.",
    )
    return dossier


def allonger_ordre_du_jour(*, seance, nombre: int, financeur=None) -> list:
    """`nombre` more dossiers at the end of the séance's agenda, bulk-created: a long agenda fast enough for tests.
    With a `financeur`, each asks it 1 000 € and has its undecided line on the vote grid."""
    porteur = PorteurFactory()
    premier = (seance.examens.order_by("-rang").values_list("rang", flat=True).first() or 0) + 1
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            campagne=seance.campagne,
            porteur=porteur,
            intitule=f"Action {n}",
            numero=f"CV-L{seance.pk}-{n:04d}",
            etat=EtatDossier.INSTRUIT,
        )
        for n in range(premier, premier + nombre)
    )
    if financeur is not None:
        lignes = LigneFinancement.objects.bulk_create(
            LigneFinancement(dossier=d, financeur=financeur, nature=financeur.nature, montant_demande=Decimal("1000"))
            for d in dossiers
        )
        DecisionLigne.objects.bulk_create(DecisionLigne(seance=seance, ligne=ligne) for ligne in lignes)
    return Examen.objects.bulk_create(
        Examen(seance=seance, dossier=dossier, rang=premier + i) for i, dossier in enumerate(dossiers)
    )
