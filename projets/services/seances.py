"""Writes shared by the instances (COTECH and COPIL): each contract has one of each, created on first use."""

from enjeux.models import ContratDeVille
from projets.enums import TypeInstance
from projets.models import Instance

NOMS = {TypeInstance.COPIL: "Comité de pilotage", TypeInstance.COTECH: "Comité technique"}


def instance_du_contrat(*, contrat: ContratDeVille, type: TypeInstance) -> Instance:
    instance, _ = Instance.objects.get_or_create(contrat=contrat, type=type, defaults={"nom": NOMS[type]})
    return instance
