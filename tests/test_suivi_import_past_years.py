"""Import of past years from a spreadsheet: every wrong row is reported in French with its number and nothing is
imported; a right file imports its actions, lines and payments, in CSV or XLSX."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from openpyxl import Workbook

from projets.enums import EtatDossier
from projets.factories import fake_siret
from projets.models import Dossier, LigneFinancement, Porteur
from suivi.models import Versement
from suivi.services.import_annees import importer_annees

pytestmark = pytest.mark.django_db

ENTETE = "année;numéro;structure;SIRET;intitulé;financeur;demandé;voté;versé"


def _bon(siret):
    return "\n".join([
        ENTETE,
        f"2019;CV-2019-0001;Maison de Bégon;{siret};Atelier d'écriture;État;10 000,00;8 000,00;8 000,00",
        f"2019;CV-2019-0001;Maison de Bégon;{siret};Atelier d'écriture;Ville de Blois;3000;3000;2500",
        "2020;CV-2020-0001;Repair café blésois;;Réparer plutôt que jeter;TDLH;1500;1500;0",
    ]).encode("utf-8")  # fmt: skip


def test_a_file_with_three_bad_rows_reports_all_three_and_imports_nothing(referentiel):
    contenu = "\n".join([
        ENTETE,
        "2019;CV-2019-0001;Maison de Bégon;;Atelier d'écriture;État;10000;8000;8000",
        "deux mille;CV-2019-0002;Alire;;Savoirs de base;État;5000;5000;0",
        "2019;CV-2019-0003;Alire;;Français langue étrangère;Financeur inconnu;5000;5000;0",
        "2019;CV-2019-0004;Alire;;Remise à niveau;Ville de Blois;5000;4000;4500",
    ]).encode("utf-8")  # fmt: skip
    avant = (Dossier.objects.count(), LigneFinancement.objects.count(), Porteur.objects.count())

    rapport = importer_annees(contenu=contenu, nom="annees.csv", contrat=referentiel, ecrire=True)

    assert [rang for rang, _ in rapport.erreurs] == [3, 4, 5]
    messages = dict(rapport.erreurs)
    assert "Année « deux mille »" in messages[3]
    assert "Financeur « Financeur inconnu » inconnu" in messages[4]
    assert "dépasse le montant voté" in messages[5]
    assert not rapport.importe
    assert (Dossier.objects.count(), LigneFinancement.objects.count(), Porteur.objects.count()) == avant


def test_a_right_csv_imports_actions_lines_and_payments(referentiel):
    siret = fake_siret()
    rapport = importer_annees(contenu=_bon(siret), nom="annees.csv", contrat=referentiel, ecrire=True)

    assert rapport.importe and rapport.erreurs == [] and rapport.dossiers == 2
    dossier = Dossier.objects.get(numero="CV-2019-0001")
    assert dossier.etat == EtatDossier.TERMINE and dossier.campagne.annee == 2019
    assert dossier.porteur.raison_sociale == "Maison de Bégon" and dossier.porteur.siret == siret
    lignes = LigneFinancement.objects.filter(dossier__numero__in=["CV-2019-0001", "CV-2020-0001"])
    assert lignes.count() == 3
    assert lignes.aggregate(d=Sum("montant_demande"), v=Sum("montant_vote")) == {
        "d": Decimal("14500.00"), "v": Decimal("12500.00")
    }  # fmt: skip
    assert Versement.objects.filter(ligne__in=lignes).aggregate(s=Sum("montant_verse"))["s"] == Decimal("10500.00")
    assert (
        Dossier.objects.get(numero="CV-2020-0001").lignes_financement.get().financeur.nom == "Terres de Loire Habitat"
    )


def test_the_dry_run_checks_and_imports_nothing(referentiel):
    rapport = importer_annees(contenu=_bon(fake_siret()), nom="annees.csv", contrat=referentiel, ecrire=False)
    assert rapport.valide and not rapport.importe and not Dossier.objects.filter(numero="CV-2019-0001").exists()


def test_an_xlsx_file_imports_the_same(referentiel):
    classeur = Workbook()
    feuille = classeur.active
    for ligne in _bon(fake_siret()).decode().split("\n"):
        feuille.append([float(x.replace(" ", "").replace(",", ".")) if x[:1].isdigit() and i > 5 else x
                        for i, x in enumerate(ligne.split(";"))])  # fmt: skip
    tampon = io.BytesIO()
    classeur.save(tampon)
    rapport = importer_annees(contenu=tampon.getvalue(), nom="annees.xlsx", contrat=referentiel, ecrire=True)
    assert rapport.importe, rapport.erreurs
    assert Dossier.objects.filter(numero__in=["CV-2019-0001", "CV-2020-0001"]).count() == 2


def test_importing_the_same_file_twice_is_refused(referentiel):
    contenu = _bon(fake_siret())
    importer_annees(contenu=contenu, nom="annees.csv", contrat=referentiel, ecrire=True)
    rapport = importer_annees(contenu=contenu, nom="annees.csv", contrat=referentiel, ecrire=True)
    assert not rapport.importe and "existe déjà" in rapport.erreurs[0][1]


def test_the_command_lists_the_errors_and_imports_nothing(referentiel, tmp_path):
    fichier = tmp_path / "annees.csv"
    fichier.write_text(ENTETE + "\n2019;;Alire;123;Savoirs;État;x;0;0\n", encoding="utf-8")
    sortie = io.StringIO()
    with pytest.raises(CommandError, match="rien n'est importé"):
        call_command("import_annees", str(fichier), stdout=sortie)
    assert "Ligne 2 : Indiquez la colonne « numéro »." in sortie.getvalue()
    assert "Ligne 2 : SIRET « 123 »" in sortie.getvalue() and "« x » n'est pas un montant" in sortie.getvalue()
    fichier.write_bytes(_bon(fake_siret()))
    call_command("import_annees", str(fichier), "--dry-run", stdout=sortie)
    assert "rien n'est importé" in sortie.getvalue() and not Dossier.objects.filter(numero="CV-2019-0001").exists()
    call_command("import_annees", str(fichier), stdout=sortie)
    assert Dossier.objects.filter(numero="CV-2019-0001").exists()


def _fichier(contenu, nom="annees.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(nom, contenu, content_type="text/csv")


def test_the_staff_page_lists_every_wrong_row_and_imports_nothing(client, instructeur, referentiel):
    client.force_login(instructeur)
    contenu = (ENTETE + "\n2019;;Alire;;Savoirs;État;x;0;0\n2019;CV-2019-0009;Alire;;Savoirs;Inconnu;1;1;0\n").encode()
    page = client.post("/suivi/import/", {"fichier": _fichier(contenu), "importer": ""}).content.decode()
    assert "3 erreurs : rien n'est importé" in page
    assert "Ligne 2 : Indiquez la colonne « numéro »." in page and "Ligne 3 : Financeur « Inconnu » inconnu" in page
    assert not Dossier.objects.filter(campagne__annee=2019).exists()


def test_the_staff_page_checks_then_imports(client, instructeur, referentiel):
    client.force_login(instructeur)
    contenu = _bon(fake_siret())
    page = client.post("/suivi/import/", {"fichier": _fichier(contenu), "verifier": ""}).content.decode()
    assert "Le fichier est correct : 3 lignes, 2 actions." in page and not Dossier.objects.filter(
        numero="CV-2019-0001"
    )
    response = client.post("/suivi/import/", {"fichier": _fichier(contenu), "importer": ""})
    assert response.status_code == 302 and Dossier.objects.filter(numero="CV-2019-0001").exists()


def test_a_file_of_another_kind_is_refused_next_to_the_field(client, instructeur, referentiel):
    client.force_login(instructeur)
    page = client.post("/suivi/import/", {"fichier": _fichier(b"%PDF", "annees.pdf")}).content.decode()
    assert 'id="erreur-fichier">Choisissez un fichier CSV ou XLSX' in page


@pytest.mark.parametrize("persona", ["porteur_a", "membre_copil", "partenaire_cotech", "conseil_citoyen"])
def test_only_the_service_imports(client, request, persona, referentiel):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/suivi/import/").status_code == 403
    assert client.post("/suivi/import/", {"fichier": _fichier(_bon(fake_siret())), "importer": ""}).status_code == 403
    assert not Dossier.objects.filter(numero="CV-2019-0001").exists()
