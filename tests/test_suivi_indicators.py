"""Indicators: declared on an objectif opérationnel or a funded action, one value and target per year, typed by
the service on its page or by the porteur in the bilan; every refusal in French next to the field."""

from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from enjeux.factories import ObjectifOperationnelFactory
from projets.enums import EtatDossier
from projets.factories import DossierFactory
from projets.models import QuestionEgalite
from suivi.enums import EtatBilan, TypeIndicateur
from suivi.models import Bilan, Indicateur, ValeurIndicateur
from suivi.services.bilans import bilan_open
from suivi.services.indicateurs import indicateur_create, valeur_record
from tests.helpers.suivi import dossier_en_cours

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(membre_copil, instructeur, porteur_a):
    return dossier_en_cours(membre_copil=membre_copil, instructeur=instructeur, porteuse=porteur_a)


@pytest.fixture
def objectif(dossier):
    return ObjectifOperationnelFactory(axe__enjeu__contrat=dossier.campagne.contrat, annee=dossier.campagne.annee)


def _messages(error: ValidationError) -> dict:
    return error.value.message_dict


# The service's rules.


def test_an_indicator_measures_an_objectif_or_an_action_not_both_nor_nothing(dossier, objectif):
    with pytest.raises(ValidationError) as aucun:
        indicateur_create(libelle="Places ouvertes")
    assert "l'un des deux" in _messages(aucun)["rattachement"][0]
    with pytest.raises(ValidationError) as deux:
        indicateur_create(libelle="Places ouvertes", objectif=objectif, dossier=dossier)
    assert "l'un des deux" in _messages(deux)["rattachement"][0]
    indicateur = indicateur_create(libelle="Places ouvertes", objectif=objectif)
    assert indicateur.contrat == dossier.campagne.contrat and indicateur.dossier is None


def test_only_a_funded_action_carries_indicators(dossier):
    refuse = DossierFactory(campagne=dossier.campagne, etat=EtatDossier.NON_RETENU)
    with pytest.raises(ValidationError) as erreur:
        indicateur_create(libelle="Séances réalisées", dossier=refuse)
    assert "n'est pas une action financée" in _messages(erreur)["rattachement"][0]
    assert indicateur_create(libelle="Séances réalisées", dossier=dossier).dossier == dossier


def test_the_label_is_required_and_not_twice_on_the_same_action(dossier):
    with pytest.raises(ValidationError) as vide:
        indicateur_create(libelle="  ", dossier=dossier)
    assert _messages(vide)["libelle"] == ["Indiquez ce que mesure l'indicateur."]
    indicateur_create(libelle="Séances réalisées", dossier=dossier)
    with pytest.raises(ValidationError) as doublon:
        indicateur_create(libelle="séances réalisées", dossier=dossier)
    assert "existe déjà" in _messages(doublon)["libelle"][0]


def test_a_year_needs_a_value_or_a_target_and_a_new_entry_replaces_the_old(dossier, objectif, instructeur):
    indicateur = indicateur_create(libelle="Places ouvertes", objectif=objectif)
    annee = objectif.annee
    with pytest.raises(ValidationError) as rien:
        valeur_record(indicateur=indicateur, annee=annee, valeur=None, cible=None, by=instructeur)
    assert "la valeur atteinte, la cible, ou les deux" in _messages(rien)["valeur"][0]
    valeur_record(indicateur=indicateur, annee=annee, valeur=None, cible=Decimal("40"), by=instructeur)
    valeur_record(indicateur=indicateur, annee=annee, valeur=Decimal("36"), cible=Decimal("40"), by=instructeur)
    ligne = ValeurIndicateur.objects.get(indicateur=indicateur)
    assert (ligne.valeur, ligne.cible, ligne.taux_atteinte) == (Decimal("36"), Decimal("40"), 90)


def test_values_are_not_negative_and_a_share_is_at_most_100(dossier, objectif, instructeur):
    part = indicateur_create(libelle="Part de femmes", type=TypeIndicateur.PART, objectif=objectif)
    with pytest.raises(ValidationError) as erreurs:
        valeur_record(indicateur=part, annee=objectif.annee, valeur=Decimal("120"), cible=Decimal("-1"),
                      by=instructeur)  # fmt: skip
    assert "entre 0 et 100" in _messages(erreurs)["valeur"][0]
    assert "ne peut pas être négative" in _messages(erreurs)["cible"][0]
    assert not ValeurIndicateur.objects.exists()


def test_a_year_outside_the_contract_or_before_the_action_is_refused(dossier, instructeur):
    indicateur = indicateur_create(libelle="Séances réalisées", dossier=dossier)
    with pytest.raises(ValidationError) as erreur:
        valeur_record(indicateur=indicateur, annee=dossier.campagne.annee - 1, valeur=Decimal("3"), cible=None,
                      by=instructeur)  # fmt: skip
    assert "Choisissez une année entre" in _messages(erreur)["annee"][0]


def test_an_indicator_no_longer_followed_takes_no_value(dossier, instructeur):
    indicateur = indicateur_create(libelle="Séances réalisées", dossier=dossier)
    Indicateur.objects.filter(pk=indicateur.pk).update(actif=False)
    indicateur.refresh_from_db()
    with pytest.raises(ValidationError, match="n'est plus suivi"):
        valeur_record(indicateur=indicateur, annee=dossier.campagne.annee, valeur=Decimal("3"), cible=None,
                      by=instructeur)  # fmt: skip


# The service's page.


def test_the_service_adds_an_indicator_to_an_objectif_and_records_a_year(client, instructeur, dossier, objectif):
    client.force_login(instructeur)
    url = reverse("suivi_indicateurs")
    page = unescape(client.get(url, {"annee": objectif.annee}).content.decode())
    assert objectif.libelle in page and dossier.intitule in page
    reponse = client.post(
        f"{url}?annee={objectif.annee}",
        {"libelle": "Places de crèche ouvertes", "type": "nombre", "unite": "places",
         "rattachement": f"objectif-{objectif.pk}"},
    )  # fmt: skip
    indicateur = Indicateur.objects.get(libelle="Places de crèche ouvertes")
    assert reponse.status_code == 302 and indicateur.objectif == objectif
    fiche = reverse("suivi_indicateur", args=[indicateur.pk])
    reponse = client.post(fiche, {"annee": objectif.annee, "cible": "12", "valeur": "9,5", "commentaire": ""})
    assert reponse.status_code == 302
    assert ValeurIndicateur.objects.get(indicateur=indicateur).valeur == Decimal("9.50")
    assert "9,5" in client.get(url, {"annee": objectif.annee}).content.decode()


def test_the_page_shows_errors_next_to_the_fields_and_keeps_the_input(client, instructeur, dossier, objectif):
    client.force_login(instructeur)
    url = f"{reverse('suivi_indicateurs')}?annee={objectif.annee}"
    page = unescape(client.post(url, {"libelle": "Places ouvertes", "type": "nombre"}).content.decode())
    assert "Choisissez l'objectif opérationnel ou l'action que l'indicateur mesure." in page
    assert 'value="Places ouvertes"' in page and not Indicateur.objects.exists()
    indicateur = indicateur_create(libelle="Part de femmes", type=TypeIndicateur.PART, objectif=objectif)
    fiche = reverse("suivi_indicateur", args=[indicateur.pk])
    page = client.post(fiche, {"annee": objectif.annee, "cible": "50", "valeur": "140", "commentaire": "À revoir"})
    texte = unescape(page.content.decode())
    assert page.status_code == 200 and "entre 0 et 100" in texte and 'value="140"' in texte and "À revoir" in texte
    texte = unescape(client.post(fiche, {"annee": "deux mille", "valeur": "dix"}).content.decode())
    assert "Saisissez une année" in texte and "Saisissez un nombre" in texte
    assert not ValeurIndicateur.objects.exists()


def test_the_copil_reads_the_indicators_but_does_not_change_them(client, membre_copil, porteur_a, dossier, objectif):
    indicateur = indicateur_create(libelle="Places ouvertes", objectif=objectif)
    client.force_login(membre_copil)
    assert client.get(reverse("suivi_indicateurs")).status_code == 200
    fiche = reverse("suivi_indicateur", args=[indicateur.pk])
    assert client.get(fiche).status_code == 200
    assert client.post(fiche, {"annee": objectif.annee, "cible": "3"}).status_code == 403
    client.force_login(porteur_a)
    assert client.get(fiche).status_code == 403


# The porteur's bilan.


def _bilan_complet(bilan, **changes):
    donnees = {
        "version": bilan.version,
        "realisation": "Douze ateliers.",
        "date_debut_reelle": "05/01/2031",
        "date_fin_reelle": "15/12/2031",
        "public_femmes": "20",
        "public_hommes": "10",
        "public_hors_quartiers": "30",
        f"egalite_{QuestionEgalite.objects.get(numero=6).pk}": "non",
    }
    for ligne in bilan.lignes_budget.all():
        donnees[f"realise_{ligne.pk}"] = f"{ligne.prevu}".replace(".", ",")
    return donnees | changes


def test_the_porteur_types_its_indicators_in_the_bilan(client, porteur_a, instructeur, dossier):
    seances = indicateur_create(libelle="Séances réalisées", unite="séances", dossier=dossier)
    part = indicateur_create(libelle="Part de femmes", type=TypeIndicateur.PART, dossier=dossier)
    valeur_record(indicateur=seances, annee=dossier.campagne.annee, valeur=None, cible=Decimal("30"), by=instructeur)
    client.force_login(porteur_a)
    url = reverse("suivi_bilan", args=[dossier.pk])
    page = unescape(client.get(url).content.decode())
    assert "Séances réalisées (séances)" in page and "Cible : 30" in page
    bilan = Bilan.objects.get(dossier=dossier)

    donnees = _bilan_complet(bilan, **{f"indicateur_{seances.pk}": "vingt", f"indicateur_{part.pk}": "120"})
    texte = unescape(client.post(url, donnees).content.decode())
    assert "Saisissez un nombre, par exemple 12 ou 12,5." in texte and "entre 0 et 100" in texte
    assert 'value="vingt"' in texte and 'value="120"' in texte and "Douze ateliers." in texte
    bilan.refresh_from_db()
    assert bilan.realisation == "" and ValeurIndicateur.objects.get(indicateur=seances).valeur is None

    texte = client.post(url, _bilan_complet(bilan, **{f"indicateur_{seances.pk}": "28"}) | {"deposer": ""})
    assert "indiquez la valeur atteinte pour « Part de femmes »" in unescape(texte.content.decode())
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.BROUILLON and bilan.realisation == "Douze ateliers."
    assert ValeurIndicateur.objects.get(indicateur=seances).valeur == Decimal("28")

    donnees = _bilan_complet(bilan, **{f"indicateur_{seances.pk}": "28", f"indicateur_{part.pk}": "62,5"})
    assert client.post(url, donnees | {"deposer": ""}).status_code == 302
    seances_2031 = ValeurIndicateur.objects.get(indicateur=seances)
    assert (seances_2031.valeur, seances_2031.cible) == (Decimal("28"), Decimal("30"))
    assert seances_2031.saisie_par == porteur_a
    assert ValeurIndicateur.objects.get(indicateur=part).valeur == Decimal("62.50")
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.DEPOSE


def test_the_service_sees_the_indicators_of_the_bilan(client, instructeur, dossier):
    indicateur = indicateur_create(libelle="Séances réalisées", dossier=dossier)
    valeur_record(indicateur=indicateur, annee=dossier.campagne.annee, valeur=Decimal("28"), cible=Decimal("30"),
                  by=instructeur)  # fmt: skip
    bilan = bilan_open(dossier=dossier)
    client.force_login(instructeur)
    page = unescape(client.get(reverse("suivi_bilan_examen", args=[bilan.pk])).content.decode())
    assert "Séances réalisées" in page and "28" in page
