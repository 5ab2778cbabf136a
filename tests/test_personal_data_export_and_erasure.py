"""RGPD: a person gets everything held about them as JSON; erasure anonymises them everywhere, history
included, and keeps the dossiers and decisions (financial and legal records)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from comptes.models import User
from comptes.rgpd import ANONYME
from conseil_citoyen.factories import DemandeFPHFactory
from projets.factories import DossierFactory, MessageFactory
from projets.models import Dossier, PorteurMembre

pytestmark = pytest.mark.django_db


def _export(email) -> dict:
    sortie = io.StringIO()
    call_command("donnees_personnelles", email, stdout=sortie)
    return json.loads(sortie.getvalue())


def test_the_export_lists_the_account_and_every_record_naming_it(porteur_a):
    porteur_a.first_name = "Léa"
    porteur_a.save()
    MessageFactory(auteur=porteur_a, texte="Voici le budget corrigé.")

    export = _export(porteur_a.email.upper())

    assert export["compte"]["adresse électronique"] == porteur_a.email
    assert "mot de passe" not in export["compte"] and "password" not in json.dumps(export)
    assert any("Voici le budget corrigé." in json.dumps(v, ensure_ascii=False) for v in export.values())
    assert any("personnes habilitées" in cle for cle in export)


def test_erasure_anonymises_the_person_and_keeps_the_records(porteur_a):
    porteur = PorteurMembre.objects.get(user=porteur_a).porteur
    dossier = DossierFactory(porteur=porteur, intitule="Atelier vélo")
    DemandeFPHFactory(email=porteur_a.email)
    ancien = porteur_a.email

    with pytest.raises(CommandError, match="--confirmer"):
        call_command("anonymiser_personne", ancien, stdout=io.StringIO())
    call_command("anonymiser_personne", ancien, "--confirmer", stdout=io.StringIO())

    user = User.objects.get(pk=porteur_a.pk)
    assert (user.get_full_name(), user.is_active, user.has_usable_password()) == (ANONYME, False, False)
    assert not User.objects.filter(email=ancien).exists()
    assert not user.history.filter(email=ancien).exists()  # past versions too
    assert not PorteurMembre.objects.filter(user=user).exists()
    assert Dossier.objects.get(pk=dossier.pk).intitule == "Atelier vélo"
    assert ancien not in json.dumps(_export(user.email), ensure_ascii=False)
