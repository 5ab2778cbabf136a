"""The steps of the dossier wizard, one per section of the CERFA 12156 (n° 12156*06)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Etape:
    slug: str
    titre: str
    aide: str


ETAPES = [
    Etape("action", "L'action", "Intitulé, objectifs, description, dates, moyens et évaluation."),
    Etape("public", "Public et territoire", "À qui s'adresse l'action, combien de personnes, dans quels quartiers."),
    Etape("orientations", "Orientations", "Axes du contrat de ville et priorités de l'année visés par l'action."),
    Etape("egalite", "Égalité femmes-hommes", "Les questions de l'appel à projets sur l'égalité femmes-hommes."),
    Etape("budget", "Budget prévisionnel", "Charges et produits de l'action, subventions demandées."),
    Etape("pieces", "Pièces", "Documents de la structure et pièces propres à l'action."),
    Etape("attestation", "Attestation et dépôt", "Déclaration sur l'honneur, montant, signataire, puis dépôt."),
]
ETAPES_PAR_SLUG = {etape.slug: etape for etape in ETAPES}
