"""Filters of the instruction queue (django-filter): shareable URLs, the same form without JavaScript."""

import django_filters
from django import forms
from django.db.models import Q

from comptes.models import User
from enjeux.models import AxeStrategique, Enjeu, Quartier
from projets.enums import EtatDossier
from projets.models import Dossier, Financeur
from projets.recherche import contient_sans_accents
from projets.selectors import sert_le_quartier

TRIS = [
    ("numero", "Numéro"),
    ("-depose_le", "Dépôt le plus récent"),
    ("porteur__raison_sociale", "Structure"),
    ("-montant_demande", "Montant demandé décroissant"),
]


class FileInstructionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Recherche (intitulé, numéro, structure)")
    etat = django_filters.ChoiceFilter(choices=EtatDossier.choices, label="État", empty_label="Tous")
    enjeu = django_filters.ModelChoiceFilter(
        field_name="axes__enjeu", queryset=Enjeu.objects.none(), label="Enjeu", empty_label="Tous", distinct=True
    )
    axe = django_filters.ModelChoiceFilter(
        field_name="axes", queryset=AxeStrategique.objects.none(), label="Axe", empty_label="Tous", distinct=True
    )
    quartier = django_filters.ModelChoiceFilter(
        queryset=Quartier.objects.none(), method="filter_quartier", label="Quartier", empty_label="Tous"
    )
    financeur = django_filters.ModelChoiceFilter(
        field_name="lignes_financement__financeur",
        queryset=Financeur.objects.all(),
        label="Financeur sollicité",
        empty_label="Tous",
        distinct=True,
    )
    reconduction = django_filters.BooleanFilter(
        field_name="reconduit_de",
        lookup_expr="isnull",
        exclude=True,
        label="Type de demande",
        widget=forms.Select(choices=[("", "Toutes"), ("true", "Reconduction"), ("false", "Nouvelle action")]),
    )
    instructeur = django_filters.ModelChoiceFilter(
        queryset=None, method="filter_instructeur", label="Référent", empty_label="Tous", null_label="Sans référent"
    )
    en_retard = django_filters.BooleanFilter(
        method="filter_en_retard",
        label="Délais",
        widget=forms.Select(choices=[("", "Tous"), ("true", "En retard"), ("false", "Dans les temps")]),
    )
    tri = django_filters.OrderingFilter(
        fields={name.lstrip("-"): name.lstrip("-") for name, _ in TRIS}, choices=TRIS, label="Trier par",
        empty_label="Numéro",
    )  # fmt: skip

    class Meta:
        model = Dossier
        fields = []

    def __init__(self, *args, campagne, **kwargs):
        super().__init__(*args, **kwargs)
        contrat = campagne.contrat
        self.filters["enjeu"].queryset = Enjeu.objects.filter(contrat=contrat)
        self.filters["axe"].queryset = AxeStrategique.objects.filter(enjeu__contrat=contrat).select_related("enjeu")
        self.filters["quartier"].queryset = Quartier.objects.filter(contrat=contrat)
        self.filters["instructeur"].queryset = User.objects.filter(
            Q(dossiers_suivis__campagne=campagne) | Q(lignes_suivies__dossier__campagne=campagne)
        ).distinct()

    def filter_instructeur(self, queryset, name, value):
        if value == "null":
            return queryset.filter(referent__isnull=True)
        return queryset.filter(Q(referent=value) | Q(lignes_financement__referent=value)).distinct()

    def filter_quartier(self, queryset, name, value):
        return queryset.filter(sert_le_quartier(value.pk))

    def filter_en_retard(self, queryset, name, value):
        return queryset.filter(en_retard=value)

    def search(self, queryset, name, value):
        return queryset.filter(  # « sante » finds « Santé », as on the public site
            Q(contient_sans_accents("intitule", value))
            | Q(numero__icontains=value)
            | Q(contient_sans_accents("porteur__raison_sociale", value))
        )
