from django.db import models


class TypeCollege(models.TextChoices):
    HABITANTS = "habitants", "Collège « habitants »"
    ASSOCIATIONS = "associations", "Collège « associations et acteurs locaux »"


class Sexe(models.TextChoices):
    FEMME = "F", "Femme"
    HOMME = "H", "Homme"


class ModeDesignation(models.TextChoices):
    TIRE_AU_SORT = "tire_au_sort", "Tiré ou tirée au sort"
    VOLONTAIRE = "volontaire", "Volontaire"
    SIEGE_RESERVE = "siege_reserve", "Siège réservé"
    DE_DROIT = "de_droit", "Membre de droit"
    APPEL_A_CANDIDATURES = "appel_a_candidatures", "Appel à candidatures"


class StatutMembre(models.TextChoices):
    ACTIF = "actif", "Actif ou active"
    DEMISSIONNAIRE = "demissionnaire", "Démissionnaire"
    DEMISSION_OFFICE = "demission_office", "Démission d'office"
    NON_RENOUVELE = "non_renouvele", "Non renouvelé"


class TypeTirage(models.TextChoices):
    HABITANTS = "habitants", "Habitantes et habitants (listes des bailleurs)"
    VOLONTAIRES = "volontaires", "Volontaires, par sexe (candidatures en surnombre)"
    ASSOCIATIONS = "associations", "Associations et acteurs locaux (candidatures en surnombre)"


class QualiteTemoin(models.TextChoices):
    ELU_MAJORITE = "elu_majorite", "Élu ou élue de la majorité municipale"
    ELU_OPPOSITION = "elu_opposition", "Élu ou élue de l'opposition municipale"
    DELEGUE_PREFET = "delegue_prefet", "Délégué ou déléguée du préfet"
    AUTRE = "autre", "Autre témoin"


class Reponse(models.TextChoices):
    ACCEPTE = "accepte", "Accepte"
    REFUSE = "refuse", "Refuse"
    SANS_REPONSE = "sans_reponse", "Sans réponse"


class InstanceDesignation(models.TextChoices):
    COPIL = "copil", "Comité de pilotage"
    COTECH = "cotech", "Comité technique"


class RoleDesignation(models.TextChoices):
    TITULAIRE = "titulaire", "Titulaire"
    SUPPLEANT = "suppleant", "Suppléant ou suppléante"


class StatutDemandeFPH(models.TextChoices):
    DEPOSEE = "deposee", "Déposée"
    ACCORDEE = "accordee", "Accordée"
    REFUSEE = "refusee", "Refusée"
