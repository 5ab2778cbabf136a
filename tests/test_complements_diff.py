"""What changed between two dépôts, in words: section, field, before, after; lists compared item by item."""

import copy

import pytest

from contratville.formatting import format_euros
from projets.selectors_complements import Difference, depots_differences

AVANT = {
    "numero": "CV-2031-0001",
    "campagne": {"annee": 2031, "libelle": "Appel à projets 2031"},
    "porteur": {"raison_sociale": "Association A", "budget_annuel": "120000.00", "forme_juridique": "Association"},
    "action": {
        "intitule": "Atelier vers l'emploi",
        "objectifs": "Lever les freins à l'emploi des femmes du quartier.",
        "date_debut": "2031-01-01",
        "date_fin": "2031-12-31",
    },
    "public": {
        "public_cible": "Femmes du quartier",
        "public_nombre": 40,
        "age_min": None,
        "age_max": None,
        "quartiers": ["Coty", "Kennedy"],
    },
    "orientations": {
        "axes": ["1.1 Emploi"],
        "objectifs_operationnels": [],
        "priorites_operationnelles": [],
        "priorites_transversales": [],
    },
    "egalite": [{"numero": 1, "question": "Besoins spécifiques ?", "reponse": ["femmes"], "precisions": ""}],
    "budget": {
        "charges": [{"compte": "64", "libelle": "64 – Charges de personnel", "montant": "15000.00"}],
        "produits": [{"compte": "75", "libelle": "75 – Autres produits", "montant": "7500.00"}],
        "subventions": [{"financeur": "Ville", "nature": "Droit commun", "montant": "7500.00"}],
    },
    "documents": [{"type": "Statuts", "date": "2020-06-01", "nom": "statuts.pdf", "sha256": "a" * 64}],
    "pieces": [
        {"libelle": "Devis", "nom": "devis.pdf", "taille": 1200, "sha256": "b" * 64},
        {"libelle": "Soutien", "nom": "lettre.pdf", "taille": 900, "sha256": "c" * 64},
    ],
    "attestation": {
        "signataire_nom": "Camille Martin",
        "signataire_qualite": "Présidente",
        "montant_atteste": "7500.00",
        "declaration_sur_l_honneur": True,
    },
    "depose_le": "2031-01-10T10:00:00+01:00",
    "depose_par": {"nom": "Camille Martin", "email": "camille@asso.example"},
}


@pytest.fixture
def apres():
    contenu = copy.deepcopy(AVANT)
    contenu["depose_le"] = "2031-02-01T09:00:00+01:00"  # a new dépôt is not a change of content
    return contenu


def test_two_identical_snapshots_have_no_difference(apres):
    assert depots_differences(avant=AVANT, apres=apres) == []


def test_a_text_change_is_labelled_and_shows_the_words_that_changed(apres):
    apres["action"]["objectifs"] = "Lever les freins à l'emploi et à la mobilité des femmes du quartier."
    (difference,) = depots_differences(avant=AVANT, apres=apres)
    assert (difference.section, difference.champ, difference.nature) == (
        "L'action",
        "Objectifs de l'action",
        "modification",
    )
    assert difference.avant == AVANT["action"]["objectifs"] and difference.apres == apres["action"]["objectifs"]
    assert [morceau for morceau, ajoute in difference.morceaux_apres if ajoute] == ["et à la mobilité"]
    assert not any(retire for _, retire in difference.morceaux_avant)
    assert "".join(morceau for morceau, _ in difference.morceaux_apres) == difference.apres


def test_dates_amounts_and_booleans_read_as_french(apres):
    apres["action"]["date_fin"] = "2032-06-30"
    apres["attestation"]["montant_atteste"] = "9000.00"
    apres["attestation"]["declaration_sur_l_honneur"] = False
    apres["porteur"]["budget_annuel"] = "125000.00"
    differences = depots_differences(avant=AVANT, apres=apres)
    assert [(d.section, d.champ, d.avant, d.apres) for d in differences] == [
        ("La structure", "Budget annuel de la structure", format_euros(120000), format_euros(125000)),
        ("L'action", "Fin de l'action", "31/12/2031", "30/06/2032"),
        ("Attestation", "Montant total demandé, tel qu'attesté", format_euros(7500), format_euros(9000)),
        ("Attestation", "Déclaration sur l'honneur", "Oui", "Non"),
    ]
    assert [morceau for morceau, change in differences[1].morceaux_apres if change] == ["30/06/2032"]


def test_lists_are_compared_item_by_item(apres):
    apres["public"]["quartiers"] = ["Bégon", "Kennedy"]
    apres["orientations"]["axes"] = ["1.1 Emploi", "2.3 Mobilité"]
    apres["egalite"][0]["reponse"] = []
    assert depots_differences(avant=AVANT, apres=apres) == [
        Difference("Public et territoire", "Quartiers", "", "Bégon"),
        Difference("Public et territoire", "Quartiers", "Coty", ""),
        Difference("Orientations", "Axes stratégiques", "", "2.3 Mobilité"),
        Difference("Égalité femmes-hommes", "Question 1 : Besoins spécifiques ?", "femmes", "aucune case cochée"),
    ]


def test_budget_lines_change_by_account_and_financeur_with_the_totals(apres):
    apres["budget"]["charges"][0]["montant"] = "18000.00"
    apres["budget"]["subventions"].append({"financeur": "Département", "nature": "Droit commun", "montant": "3000"})
    differences = [(d.champ, d.avant, d.apres, d.nature) for d in depots_differences(avant=AVANT, apres=apres)]
    assert differences == [
        ("Charges – 64 – Charges de personnel", format_euros(15000), format_euros(18000), "modification"),
        ("Subvention demandée – Département", "", format_euros(3000), "ajout"),
        ("Total des charges", format_euros(15000), format_euros(18000), "modification"),
        ("Total des produits", format_euros(15000), format_euros(18000), "modification"),
        ("Total des subventions demandées", format_euros(7500), format_euros(10500), "modification"),
    ]


def test_pieces_removed_added_or_replaced_by_another_file(apres):
    apres["pieces"][0]["sha256"] = "d" * 64  # same name, other content
    del apres["pieces"][1]
    apres["documents"][0].update(nom="statuts-2031.pdf", date="2031-01-05", sha256="e" * 64)
    differences = [(d.section, d.avant, d.apres) for d in depots_differences(avant=AVANT, apres=apres)]
    assert differences == [
        ("Documents de la structure", "statuts.pdf, daté du 01/06/2020", "statuts-2031.pdf, daté du 05/01/2031"),
        ("Pièces jointes", "Devis : devis.pdf (1,2\xa0Kio)", "Devis : devis.pdf (1,2\xa0Kio) (fichier remplacé)"),
        ("Pièces jointes", "Soutien : lettre.pdf (900\xa0octets)", ""),
    ]


def test_an_older_snapshot_missing_sections_does_not_break_the_comparison(apres):
    differences = depots_differences(avant={"intitule": "Atelier"}, apres=apres)
    assert ("L'action", "Intitulé de l'action", "", "Atelier vers l'emploi") in [
        (d.section, d.champ, d.avant, d.apres) for d in differences
    ]
    assert all(d.nature == "ajout" for d in differences)
