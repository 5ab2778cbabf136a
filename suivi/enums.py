from django.db import models


class TypeConvention(models.TextChoices):
    ANNUELLE = "annuelle", "Annuelle"
    PLURIANNUELLE = "pluriannuelle", "Pluriannuelle (jusqu'à 4 ans)"


class TypeVersement(models.TextChoices):
    AVANCE = "avance", "Avance"
    ACOMPTE = "acompte", "Acompte"
    SOLDE = "solde", "Solde (après le bilan)"


class EtatBilan(models.TextChoices):
    BROUILLON = "brouillon", "En cours de saisie"
    DEPOSE = "depose", "Déposé"
    A_CORRIGER = "a_corriger", "À compléter"
    VALIDE = "valide", "Validé"


class StatutAction(models.TextChoices):
    """The action's life as the city's mid-term bilan names it; derived from the dossier, except annulé."""

    A_VENIR = "a_venir", "À venir"
    EN_COURS = "en_cours", "En cours"
    REALISE = "realise", "Réalisé"
    TERMINE = "termine", "Terminé"
    ANNULE = "annule", "Annulé"


class PalierRelance(models.TextChoices):
    """When a porteur is reminded of its bilan, relative to the due date."""

    AVANT_30 = "avant_30", "30 jours avant l'échéance"
    AVANT_7 = "avant_7", "7 jours avant l'échéance"
    APRES_1 = "apres_1", "Le lendemain de l'échéance"
    APRES_15 = "apres_15", "15 jours après l'échéance"
    APRES_30 = "apres_30", "30 jours après l'échéance"


class TypeIndicateur(models.TextChoices):
    NOMBRE = "nombre", "Nombre"
    PART = "part", "Part (%)"
    TAUX = "taux", "Taux (%)"


class TypeRapport(models.TextChoices):
    ETAT_ANNEXE = "etat_annexe", "État annexé au budget"
    OBJECTIFS = "objectifs", "Tableau annuel des objectifs opérationnels"
    BILAN_ANNUEL = "bilan_annuel", "Bilan annuel pour le COPIL"
    ACTIONS_ETAT = "actions_etat", "Actions pour le compte rendu à l'État (CSV)"
    CONVENTIONNEES = "conventionnees", "Associations conventionnées"


class FormatRapport(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Tableur (XLSX)"
    CSV = "csv", "CSV"
