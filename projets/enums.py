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
