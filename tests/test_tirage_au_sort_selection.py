"""The tirage au sort of the collège habitants, end to end: list import, draw before witnesses, the published
seed checked by the stand-alone script, the first 8 acceptances join, the liste complémentaire replaces
resignations, a new draw when it is exhausted or after three years, volunteers by sex, and the purge."""

import datetime
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError

import conseil_citoyen.verification_tirage as verification
from conseil_citoyen.enums import ModeDesignation, Reponse, Sexe, StatutMembre
from conseil_citoyen.factories import (
    ConseilCitoyenFactory,
    MembreFactory,
    PersonneTireeFactory,
    TemoinFactory,
    TirageAuSortFactory,
)
from conseil_citoyen.models import PersonneTiree
from conseil_citoyen.services import tirage as service

pytestmark = pytest.mark.django_db
LE = datetime.date(2031, 2, 1)


@pytest.fixture
def tirage(administrateur):
    tirage = TirageAuSortFactory(conseil=ConseilCitoyenFactory())
    TemoinFactory(tirage=tirage)
    PersonneTireeFactory.create_batch(60, tirage=tirage)
    return tirage


def test_a_list_with_bad_lines_reports_them_all_and_imports_nothing(tirage):
    contenu = "nom;prénom;adresse;sexe;secteur\nMartin;Léa;1 rue A;F;Nord\n;Paul;2 rue B;H;\nDurand;Ali;3 rue C;X;\n"
    with pytest.raises(ValidationError) as refus:
        service.liste_importer(tirage=tirage, source="Bailleur", contenu=contenu)
    assert refus.value.message_dict["contenu"] == [
        "Rien n'a été importé. ligne 3 : le nom est vide ; ligne 4 : sexe « X » inconnu (F, H ou vide)."
    ]
    assert tirage.personnes.count() == 60
    assert service.liste_importer(tirage=tirage, source="Bailleur", contenu="Martin;Léa;1 rue A;f;Nord\n") == 1


def test_the_draw_needs_witnesses(administrateur):
    tirage = TirageAuSortFactory()
    PersonneTireeFactory.create_batch(3, tirage=tirage)
    with pytest.raises(ValidationError, match="témoins"):
        service.tirage_effectuer(tirage=tirage, graine="abc", by=administrateur)


def test_the_published_seed_gives_the_same_ranking_with_the_verification_script(tirage, administrateur, tmp_path):
    tires = service.tirage_effectuer(tirage=tirage, graine="7f3a9c", by=administrateur)

    assert [p.rang for p in tires] == list(range(1, 33))
    tirage.refresh_from_db()
    assert tirage.graine == "7f3a9c" and len(tirage.empreinte_liste) == 64
    # What the witnesses get: the list (one person per line) and the seed, and a script of their own.
    liste = tmp_path / "liste.csv"
    liste.write_text(
        "\n".join(";".join(getattr(p, c) for c in verification.CHAMPS) for p in tirage.personnes.order_by("?")),
        encoding="utf-8",
    )
    sortie = subprocess.run(
        [sys.executable, verification.__file__, str(liste), "7f3a9c", "32"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert sortie[0] == f"Empreinte de la liste : {tirage.empreinte_liste}"
    attendu = [
        f"{p.rang:>3}. {verification.ligne_canonique(getattr(p, c) for c in verification.CHAMPS)}" for p in tires
    ]
    assert sortie[1:] == attendu
    with pytest.raises(ValidationError, match="figée"):
        service.tirage_effectuer(tirage=tirage, graine="autre", by=administrateur)


def _repondre(tirage, reponses):
    for rang, reponse in reponses.items():
        service.reponse_enregistrer(personne=tirage.personnes.get(rang=rang), reponse=reponse, le=LE)


def test_the_first_eight_acceptances_join_and_the_rest_is_the_complementary_list(tirage, administrateur):
    service.tirage_effectuer(tirage=tirage, graine="seance-2031", by=administrateur)
    refus = {2, 5, 9}
    _repondre(tirage, {rang: Reponse.REFUSE if rang in refus else Reponse.ACCEPTE for rang in range(1, 15)})

    selection = service.selection(tirage=tirage)
    assert [p.rang for p in selection.retenus] == [1, 3, 4, 6, 7, 8, 10, 11]
    assert [p.rang for p in selection.liste_complementaire] == [12, 13, 14]

    membres = service.retenus_installer(tirage=tirage, debut=LE)
    assert len(membres) == 8
    assert {m.mode for m in membres} == {ModeDesignation.TIRE_AU_SORT}
    assert all(m.fin_mandat == datetime.date(2032, 2, 1) for m in membres)
    assert service.retenus_installer(tirage=tirage, debut=LE) == []  # idempotent


def test_a_resignation_is_replaced_from_the_top_of_the_list_until_it_is_exhausted(tirage, administrateur):
    service.tirage_effectuer(tirage=tirage, graine="seance-2031", by=administrateur)
    _repondre(tirage, {rang: Reponse.ACCEPTE for rang in range(1, 10)})
    _repondre(tirage, {rang: Reponse.REFUSE for rang in range(10, 33)})
    premier, *_ = service.retenus_installer(tirage=tirage, debut=LE)
    conseil = tirage.conseil
    assert service.nouveau_tirage_necessaire(conseil=conseil, aujourd_hui=LE) == ""

    remplacant = service.membre_quitter(membre=premier, statut=StatutMembre.DEMISSIONNAIRE, le=LE)
    assert remplacant.personne_tiree.rang == 9
    assert service.nouveau_tirage_necessaire(conseil=conseil, aujourd_hui=LE) == "La liste complémentaire est épuisée."
    assert service.membre_quitter(membre=remplacant, statut=StatutMembre.DEMISSION_OFFICE, le=LE) is None


def test_a_new_draw_after_three_years(tirage, administrateur):
    service.tirage_effectuer(tirage=tirage, graine="g", by=administrateur)
    conseil = tirage.conseil
    assert service.nouveau_tirage_necessaire(conseil=conseil, aujourd_hui=datetime.date(2034, 1, 9)) == ""
    assert service.nouveau_tirage_necessaire(conseil=conseil, aujourd_hui=datetime.date(2034, 1, 10)) == (
        "Le dernier tirage date de plus de 3 ans."
    )


@pytest.mark.parametrize(
    ("femmes", "hommes", "attendu"),
    [(3, 5, {"F": 4, "H": 2}), (6, 2, {"F": 1, "H": 5}), (8, 0, {"F": 0, "H": 6}), (2, 3, {"F": 5, "H": 4})],
)
def test_volunteers_seats_restore_parity(femmes, hommes, attendu):
    conseil = ConseilCitoyenFactory()
    MembreFactory.create_batch(femmes, conseil=conseil, sexe=Sexe.FEMME)
    MembreFactory.create_batch(hommes, conseil=conseil, sexe=Sexe.HOMME)
    # 8 drawn people seated: the 6 volunteers' seats; fewer drawn: more volunteers (14 seats in all).
    assert service.volontaires_a_retenir(conseil=conseil) == attendu


def test_the_purge_keeps_only_the_people_who_answered(tirage, administrateur):
    service.tirage_effectuer(tirage=tirage, graine="g", by=administrateur)
    _repondre(tirage, {1: Reponse.ACCEPTE, 2: Reponse.REFUSE, 3: Reponse.SANS_REPONSE})

    assert service.tirage_purger(tirage=tirage) == 58
    assert set(PersonneTiree.objects.filter(tirage=tirage).values_list("rang", flat=True)) == {1, 2}
    tirage.refresh_from_db()
    assert tirage.purge_le is not None


def test_oversubscribed_volunteers_are_drawn_by_sex(administrateur):
    conseil = ConseilCitoyenFactory()
    MembreFactory.create_batch(5, conseil=conseil, sexe=Sexe.HOMME)
    MembreFactory.create_batch(3, conseil=conseil, sexe=Sexe.FEMME)
    places = service.volontaires_a_retenir(conseil=conseil)
    assert places == {"F": 4, "H": 2}
    for sexe, nombre in places.items():
        tirage = TirageAuSortFactory(conseil=conseil, type="volontaires", sexe=sexe, nombre=nombre)
        TemoinFactory(tirage=tirage)
        PersonneTireeFactory.create_batch(7, tirage=tirage, source="Candidatures", sexe=sexe)
        PersonneTireeFactory.create_batch(2, tirage=tirage, source="Candidatures", sexe="H" if sexe == "F" else "F")
        tires = service.tirage_effectuer(tirage=tirage, graine=f"volontaires-{sexe}", by=administrateur)
        assert len(tires) == nombre and {p.sexe for p in tires} == {sexe}
        membres = service.retenus_installer(tirage=tirage, debut=LE)
        assert {(m.mode, m.sexe) for m in membres} == {(ModeDesignation.VOLONTAIRE, sexe)}
    sexes = list(conseil.membres.filter(statut=StatutMembre.ACTIF).values_list("sexe", flat=True))
    assert sexes.count("F") == sexes.count("H") == 7


def test_a_mandate_is_renewed_twice_then_refused():
    membre = MembreFactory(debut_mandat=datetime.date(2031, 1, 15), fin_mandat=datetime.date(2032, 1, 15))
    service.mandat_renouveler(membre=membre)
    service.mandat_renouveler(membre=membre)
    assert (membre.fin_mandat, membre.renouvellements) == (datetime.date(2034, 1, 15), 2)
    with pytest.raises(ValidationError) as refus:
        service.mandat_renouveler(membre=membre)
    assert "renouvellements" in refus.value.message_dict
