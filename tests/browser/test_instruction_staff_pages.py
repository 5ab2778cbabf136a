"""Every staff page of the instruction, with content in each section, passes axe (no serious or critical
violation), for the city's instructrice and for a COTECH partner; the conflict message too."""

import pytest

from conseil_citoyen.models import AvisConseilCitoyen
from projets.factories import (
    AvisConseilCitoyenFactory,
    CritereAnalyseFactory,
    EnveloppeFactory,
    ExamenFactory,
    dossier_depose,
)
from projets.services.echanges import message_instruction_send, note_interne_add
from projets.services.instruction import dossier_assign, ligne_avis_save
from tests.browser.conftest import assert_accessible, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_pages_are_accessible(page, instructeur, partenaire_cotech):
    dossier = dossier_depose(intitule="Jardin partagé au pied des immeubles")
    campagne = dossier.campagne
    campagne.partenaires_invites.add(partenaire_cotech)
    etat = dossier.lignes_financement.get(financeur__nom="État")
    etat.financeur.agents.add(partenaire_cotech)
    EnveloppeFactory(campagne=campagne, financeur=etat.financeur, montant=3000)
    CritereAnalyseFactory(campagne=campagne, libelle="Ancrage dans les quartiers", aide="Public des quartiers.")
    dossier_assign(dossier=dossier, referent=instructeur, by=instructeur)
    ligne_avis_save(ligne=etat, by=partenaire_cotech, version=1, avis="favorable", commentaire="Utile.",
                    montant_propose=4000)  # fmt: skip
    message_instruction_send(dossier=dossier, by=instructeur, texte="Pouvez-vous préciser les horaires ?")
    note_interne_add(dossier=dossier, by=instructeur, texte="Porteur fiable, à accompagner sur le budget.")
    examen = ExamenFactory(seance__campagne=campagne, dossier=dossier, avis="favorable", commentaire="Unanime.")
    AvisConseilCitoyenFactory(dossier=dossier)
    assert AvisConseilCitoyen.objects.count() == 1

    login(page, instructeur.email, dossier.get_instruction_url())
    page.get_by_role("heading", name="Jardin partagé au pied des immeubles").wait_for()
    assert_accessible(page)
    screenshot(page, "instruction-dossier")
    for url, titre in [
        ("/instruction/mes-dossiers/", "Mes dossiers"),
        (f"/instruction/campagnes/{campagne.pk}/cotech/", None),
        (f"/instruction/cotech/{examen.seance_id}/", None),
    ]:
        page.goto(url)
        if titre:
            page.get_by_role("heading", name=titre, exact=True).wait_for()
        assert_accessible(page)

    # A partner: its own line is editable, the Ville line is read; a conflicting save shows what changed.
    page.context.clear_cookies()
    login(page, partenaire_cotech.email, dossier.get_instruction_url())
    formulaire = page.get_by_role("form", name="Avis de l'État")
    ligne_avis_save(ligne=etat, by=partenaire_cotech, version=2, avis="reserve", commentaire="", montant_propose=3000)
    formulaire.get_by_label("Montant proposé").fill("3 500")
    formulaire.get_by_role("button", name="Enregistrer l'avis").click()
    page.get_by_text("Votre saisie n'a pas été enregistrée.", exact=True).wait_for()
    assert formulaire.get_by_label("Montant proposé").input_value() == "3 500"
    assert_accessible(page)
    screenshot(page, "instruction-conflit")
