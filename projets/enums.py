from django.db import models


class NatureFinancement(models.TextChoices):
    CREDITS_SPECIFIQUES = "credits_specifiques", "Crédits spécifiques politique de la ville"
    DROIT_COMMUN = "droit_commun", "Droit commun"
    ABATTEMENT_TFPB = "abattement_tfpb", "Abattement TFPB (bailleurs)"


class TypeFinanceur(models.TextChoices):
    ETAT = "etat", "État"
    COMMUNE = "commune", "Commune"
    EPCI = "epci", "Intercommunalité"
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"
    BAILLEUR = "bailleur", "Bailleur social"
    ORGANISME_SOCIAL = "organisme_social", "Organisme social (CAF, CPAM…)"
    EUROPE = "europe", "Fonds européens"
    AUTRE = "autre", "Autre"


class EtatCampagne(models.TextChoices):
    PREPARATION = "preparation", "En préparation"
    OUVERTE = "ouverte", "Ouverte aux dépôts"
    INSTRUCTION = "instruction", "En instruction"
    PROGRAMMEE = "programmee", "Programmation arrêtée"
    ARCHIVEE = "archivee", "Archivée"


class FormeJuridique(models.TextChoices):
    ASSOCIATION = "association", "Association"
    ETABLISSEMENT_PUBLIC = "etablissement_public", "Établissement public"
    COLLECTIVITE = "collectivite", "Collectivité territoriale"
    CHAMBRE_CONSULAIRE = "chambre_consulaire", "Chambre consulaire"
    BAILLEUR = "bailleur", "Bailleur social"
    ENTREPRISE = "entreprise", "Entreprise (dont ESS)"
    GROUPEMENT = "groupement", "Groupement (GIP, fédération, réseau)"
    AUTRE = "autre", "Autre"


class EtatDossier(models.TextChoices):
    """Every state a dossier goes through; the transitions are in projets/workflows.py."""

    BROUILLON = "brouillon", "Brouillon"
    DEPOSE = "depose", "Déposé"
    EN_INSTRUCTION = "en_instruction", "En instruction"
    COMPLEMENTS_DEMANDES = "complements_demandes", "Compléments demandés"
    INSTRUIT = "instruit", "Instruit (proposé au COPIL)"
    IRRECEVABLE = "irrecevable", "Irrecevable"
    RETIRE = "retire", "Retiré"
    RETENU = "retenu", "Retenu"
    NON_RETENU = "non_retenu", "Non retenu"
    CONVENTIONNE = "conventionne", "Conventionné"
    EN_COURS = "en_cours", "En cours"
    REALISE = "realise", "Réalisé"
    TERMINE = "termine", "Terminé"
    BILAN_DEPOSE = "bilan_depose", "Bilan déposé"
    BILAN_VALIDE = "bilan_valide", "Bilan validé"


# States reached once the COPIL has retained the dossier: the action is funded.
ETATS_FINANCES = [
    EtatDossier.RETENU,
    EtatDossier.CONVENTIONNE,
    EtatDossier.EN_COURS,
    EtatDossier.REALISE,
    EtatDossier.TERMINE,
    EtatDossier.BILAN_DEPOSE,
    EtatDossier.BILAN_VALIDE,
]


class TypeDocument(models.TextChoices):
    """Standing documents of a porteur, reused by every dossier until replaced."""

    STATUTS = "statuts", "Statuts"
    LISTE_DIRIGEANTS = "liste_dirigeants", "Liste des dirigeantes et dirigeants"
    RIB = "rib", "Relevé d'identité bancaire"
    COMPTES_APPROUVES = "comptes_approuves", "Derniers comptes approuvés"
    RAPPORT_ACTIVITE = "rapport_activite", "Dernier rapport d'activité"


class MomentQuestion(models.TextChoices):
    DOSSIER = "dossier", "Dépôt du dossier"
    BILAN = "bilan", "Bilan de l'action"


class SensBudget(models.TextChoices):
    CHARGE = "charge", "Charges"
    PRODUIT = "produit", "Produits"


class CompteBudget(models.TextChoices):
    """Accounts of the budget prévisionnel of the CERFA 12156; 74 (subventions) is split per financeur instead."""

    ACHATS = "60", "60 – Achats"
    SERVICES_EXTERIEURS = "61", "61 – Services extérieurs"
    AUTRES_SERVICES_EXTERIEURS = "62", "62 – Autres services extérieurs"
    IMPOTS_TAXES = "63", "63 – Impôts et taxes"
    CHARGES_PERSONNEL = "64", "64 – Charges de personnel"
    AUTRES_CHARGES = "65", "65 – Autres charges de gestion courante"
    CHARGES_FINANCIERES = "66", "66 – Charges financières"
    CHARGES_EXCEPTIONNELLES = "67", "67 – Charges exceptionnelles"
    DOTATIONS = "68", "68 – Dotations aux amortissements et provisions"
    EMPLOI_CONTRIBUTIONS = "86", "86 – Emplois des contributions volontaires en nature"
    VENTES = "70", "70 – Ventes, prestations de services"
    DOTATIONS_TARIFICATION = "73", "73 – Dotations et produits de tarification"
    AUTRES_SUBVENTIONS = "74a", "74 – Autres subventions (hors financeurs de l'appel)"
    AUTRES_PRODUITS = "75", "75 – Autres produits de gestion courante (cotisations, dons…)"
    PRODUITS_FINANCIERS = "76", "76 – Produits financiers"
    REPRISES = "78", "78 – Reprises sur amortissements et provisions"
    FONDS_DEDIES = "79", "79 – Transferts de charges, fonds dédiés"
    CONTRIBUTIONS_VOLONTAIRES = "87", "87 – Contributions volontaires en nature"


COMPTES_PRODUITS = {"70", "73", "74a", "75", "76", "78", "79", "87"}


def sens_du_compte(compte: str) -> str:
    return SensBudget.PRODUIT if compte in COMPTES_PRODUITS else SensBudget.CHARGE


class Avis(models.TextChoices):
    """An avis on a dossier or on one financeur line (instruction, COTECH, conseil citoyen)."""

    FAVORABLE = "favorable", "Favorable"
    RESERVE = "reserve", "Réservé"
    DEFAVORABLE = "defavorable", "Défavorable"


class ElementComplement(models.TextChoices):
    """What the instruction may ask the porteur to complete: a step of the dossier, or the structure profile."""

    ACTION = "action", "L'action (description, objectifs, dates, moyens)"
    PUBLIC = "public", "Public et territoire"
    ORIENTATIONS = "orientations", "Orientations (axes et priorités)"
    EGALITE = "egalite", "Égalité femmes-hommes"
    BUDGET = "budget", "Budget prévisionnel et financements demandés"
    PIECES = "pieces", "Pièces jointes"


class TypeInstance(models.TextChoices):
    COPIL = "copil", "Comité de pilotage (COPIL)"
    COTECH = "cotech", "Comité technique (COTECH)"


class RoleMembre(models.TextChoices):
    TITULAIRE = "titulaire", "Titulaire"
    SUPPLEANT = "suppleant", "Suppléant ou suppléante"


class StatutSeance(models.TextChoices):
    PREPARATION = "preparation", "En préparation"
    CLOSE = "close", "Close (décisions arrêtées)"


class Decision(models.TextChoices):
    ACCORDE = "accorde", "Accordé"
    REFUSE = "refuse", "Refusé"
    AJOURNE = "ajourne", "Ajourné"


class TypeTravail(models.TextChoices):
    PROGRAMMATION = "programmation", "Programmation (PDF)"
    PROCES_VERBAL = "proces_verbal", "Procès-verbal de séance (PDF)"
    LETTRES = "lettres", "Lettres de décision"


class StatutTravail(models.TextChoices):
    EN_ATTENTE = "en_attente", "En attente"
    EN_COURS = "en_cours", "En cours"
    REUSSI = "reussi", "Terminé"
    ECHOUE = "echoue", "Échoué"
