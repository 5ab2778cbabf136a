"""The SCDL "subventions" export validates against the official schema (a copy in projets/data/), CSV and JSON."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from projets.enums import TypeInstance
from projets.factories import fake_siret
from projets.models import Convocation, Financeur, Seance
from projets.opendata import CHAMPS, ligne_depuis_json
from projets.services import copil
from projets.services.publication import dossiers_publier
from projets.tableschema import charger_schema, valider_csv, valider_lignes
from tests.helpers.copil_clos import copil_clos
from tests.helpers.scdl import FICHIER_EXEMPLE, erreurs_frictionless, erreurs_validata

pytestmark = pytest.mark.django_db
DONNEES = Path(__file__).parent / "data"  # the official example, copied from the SCDL repository (tag v2.1.1)


def exporter_csv(client, query=""):
    response = client.get(f"/donnees/subventions.csv{query}")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content).decode("utf-8")


def exporter_json(client, query=""):
    response = client.get(f"/donnees/subventions.json{query}")
    assert response.status_code == 200 and response.streaming
    return json.loads(b"".join(response.streaming_content).decode("utf-8"))


def valider_json(document) -> list[str]:
    return valider_lignes([ligne_depuis_json(objet) for objet in document["data"]], CHAMPS, charger_schema())


@pytest.fixture
def publie(instructeur):
    seance = copil_clos()
    for financeur in seance.financeurs.values():
        financeur.siret = fake_siret()
        financeur.save()
    assert dossiers_publier(campagne=seance.campagne, by=instructeur) == 2
    return seance


def test_the_schema_copy_is_the_official_2_1_1(settings):
    schema = charger_schema()
    assert schema["name"] == "subventions" and schema["version"] == "2.1.1"
    assert [field["name"] for field in schema["fields"]] == CHAMPS


def test_the_validator_accepts_the_official_example_and_catches_errors():
    exemple = (DONNEES / FICHIER_EXEMPLE).read_text(encoding="utf-8")
    en_tete, premiere, *_ = exemple.splitlines()
    assert valider_csv(f"{en_tete}\n{premiere}\n") == []
    mauvaise = premiere.replace("21060004500392", "2106000450039").replace("aide en numéraire", "virement")
    erreurs = valider_csv(f"{en_tete}\n{mauvaise}\n")
    assert any("idAttribuant" in e and "motif" in e for e in erreurs)
    assert any("nature" in e for e in erreurs)


def test_one_row_per_granted_line_of_published_dossiers_and_it_validates(client, publie):
    texte = exporter_csv(client)
    assert valider_csv(texte) == []
    lignes = texte.strip().splitlines()[1:]
    # Atelier emploi × Ville and × CAF, Parents et école × Ville; the TFPB abatement is no grant; the refused
    # and adjourned dossiers are not published.
    assert len(lignes) == 3
    assert any("Atelier emploi" in ligne and ",9000.00," in ligne for ligne in lignes)
    assert not any("Jardin" in ligne or "Club lecture" in ligne or "Terres de Loire" in ligne for ligne in lignes)
    assert all(",2031-03-12," in ligne and "COPIL du 12/03/2031" in ligne for ligne in lignes)


def test_the_json_export_has_the_same_rows_typed_and_validates(client, publie):
    document = exporter_json(client)
    assert document["schema"].startswith("https://schema.data.gouv.fr/scdl/subventions/2.1.1")
    assert valider_json(document) == []
    assert len(document["data"]) == 3
    assert {ligne["montant"] for ligne in document["data"]} == {9000.0, 4000.0, 2500.0}
    assert all(ligne["notificationUE"] is False and ligne["idRAE"] is None for ligne in document["data"])


def test_a_financeur_without_siret_is_left_out_and_listed_rather_than_given_a_false_identifier(client, publie):
    Financeur.objects.filter(nom="CAF de Loir-et-Cher").update(siret="")
    texte = exporter_csv(client)
    assert valider_csv(texte) == []
    assert "CAF de Loir-et-Cher" not in texte and len(texte.strip().splitlines()) == 3
    page = client.get("/donnees/").content.decode()
    assert "SIRET du financeur non renseigné" in page and "CAF de Loir-et-Cher" in page


def test_a_porteur_with_neither_siret_nor_rna_is_left_out(client, publie):
    publie.porteurs["a"].__class__.objects.filter(pk=publie.porteurs["a"].pk).update(siret="", rna="")
    texte = exporter_csv(client)
    assert valider_csv(texte) == [] and len(texte.strip().splitlines()) == 1
    assert "Ni SIRET valide ni RNA pour la structure" in client.get("/donnees/").content.decode()


def test_the_year_filter(client, publie):
    assert len(exporter_csv(client, "?annee=2030").strip().splitlines()) == 1
    assert len(exporter_csv(client, "?annee=2031").strip().splitlines()) == 4
    assert client.get("/donnees/subventions.csv?annee=deux").status_code == 404


def test_the_demo_data_after_its_copil_validates_with_zero_errors(client, referentiel, settings, membre_copil,
                                                                   instructeur):  # fmt: skip
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    # The COPIL of the demo's open call sits: everyone present, the proposals validated, the séance closed.
    seance = Seance.objects.get(comite__type=TypeInstance.COPIL)
    Convocation.objects.filter(seance=seance).update(present=True)
    copil.propositions_valider(seance=seance, dossiers=seance.examens.values("dossier"), by=membre_copil)
    copil.seance_clore(seance=seance, by=membre_copil, confirmer_depassement=True)
    assert dossiers_publier(campagne=seance.campagne, by=instructeur) > 0
    texte = exporter_csv(client)
    assert valider_csv(texte) == [], valider_csv(texte)[:10]
    assert len(texte.strip().splitlines()) > 1
    assert valider_json(exporter_json(client)) == []


def test_frictionless_and_validata_rules_agree(client, publie, tmp_path):
    texte = exporter_csv(client)
    assert erreurs_frictionless(texte, tmp_path) == []
    assert erreurs_validata(list(csv.DictReader(io.StringIO(texte)))) == []


def test_frictionless_accepts_the_official_example_and_refuses_a_broken_row(tmp_path):
    exemple = (DONNEES / FICHIER_EXEMPLE).read_text(encoding="utf-8")
    assert erreurs_frictionless(exemple, tmp_path) == []
    assert erreurs_frictionless(exemple.replace(",aide en numéraire,", ",virement,", 1), tmp_path) != []


def test_the_signed_convention_and_the_payments_fill_their_columns(client, publie):
    import datetime

    from suivi.enums import TypeVersement
    from suivi.factories import ConventionFactory, VersementFactory

    retenu = publie.dossiers["retenu"]
    convention = ConventionFactory(numero="CONV-2031-0007", porteur=retenu.porteur,
                                   date_signature=datetime.date(2031, 4, 2))  # fmt: skip
    convention.dossiers.add(retenu)
    ville = retenu.lignes_financement.get(financeur__nom="Ville de Blois")
    VersementFactory(ligne=ville, type=TypeVersement.AVANCE, montant_prevu=7200, date_prevue=datetime.date(2031, 5, 1))
    VersementFactory(ligne=ville, type=TypeVersement.SOLDE, montant_prevu=1800, date_prevue=datetime.date(2032, 2, 1))
    caf = retenu.lignes_financement.get(financeur__nom="CAF de Loir-et-Cher")
    VersementFactory(ligne=caf, montant_prevu=4000, date_prevue=datetime.date(2031, 6, 1),
                     montant_verse=4000, date_versement=datetime.date(2031, 6, 3))  # fmt: skip
    texte = exporter_csv(client)
    assert valider_csv(texte) == []
    lignes = {ligne.split(",")[0]: ligne for ligne in texte.strip().splitlines()[1:] if "Atelier emploi" in ligne}
    assert ",2031-04-02,Convention CONV-2031-0007 ; COPIL du 12/03/2031 – CV-2031-0001," in lignes["Ville de Blois"]
    assert ",échelonné,2031-05-01/2032-02-01," in lignes["Ville de Blois"]
    assert ",unique,2031-06-03," in lignes["CAF de Loir-et-Cher"]


# A SIRET stored before the INSEE rule (stdnum: the SIREN's key too) that fails it: its 14-digit key is right.
SIRET_ANCIEN_INVALIDE = "36075983867565"


def test_a_stored_siret_failing_the_insee_rule_is_never_published_the_rna_is_kept(client, publie):
    porteur = publie.porteurs["a"]
    porteur.__class__.objects.filter(pk=porteur.pk).update(siret=SIRET_ANCIEN_INVALIDE, rna="W412001234")
    texte = exporter_csv(client)
    assert valider_csv(texte) == [] and SIRET_ANCIEN_INVALIDE not in texte
    lignes = [ligne for ligne in csv.DictReader(io.StringIO(texte)) if ligne["nomBeneficiaire"] == "Association A"]
    assert lignes
    assert all(ligne["idBeneficiaire"] == "" and ligne["rnaBeneficiaire"] == "W412001234" for ligne in lignes)
    assert SIRET_ANCIEN_INVALIDE not in json.dumps(exporter_json(client))


def test_a_stored_siret_failing_the_insee_rule_without_rna_leaves_the_row_out_and_listed(client, publie):
    porteur = publie.porteurs["a"]
    porteur.__class__.objects.filter(pk=porteur.pk).update(siret=SIRET_ANCIEN_INVALIDE, rna="")
    Financeur.objects.filter(nom="CAF de Loir-et-Cher").update(siret="00000009100018")  # SIRET key wrong
    texte = exporter_csv(client)
    assert valider_csv(texte) == [] and len(texte.strip().splitlines()) == 1
    page = client.get("/donnees/").content.decode()
    assert "Ni SIRET valide ni RNA pour la structure" in page
    assert "SIRET du financeur non renseigné ou invalide" in page


def test_pages_showing_a_stored_siret_failing_the_insee_rule_still_open(client, publie, administrateur):
    porteur = publie.porteurs["a"]
    porteur.__class__.objects.filter(pk=porteur.pk).update(siret=SIRET_ANCIEN_INVALIDE)
    assert client.get(f"/projets-finances/structures/{porteur.pk}/").status_code == 200
    assert client.get(f"/api/v1/structures/{porteur.pk}").status_code == 200
    client.force_login(administrateur)
    page = client.get(f"/admin/projets/porteur/{porteur.pk}/change/")
    assert page.status_code == 200 and SIRET_ANCIEN_INVALIDE in page.content.decode()
