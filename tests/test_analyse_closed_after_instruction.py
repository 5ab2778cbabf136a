"""Once the dossier is proposed to the COPIL, the grille and the synthesis are read, no longer written."""

import pytest
from django.core.exceptions import ValidationError

from projets.enums import EtatDossier
from projets.factories import CritereAnalyseFactory, NoteCritereFactory, dossier_depose
from projets.models import Dossier
from projets.services.instruction import analyse_save

pytestmark = pytest.mark.django_db


def test_the_analysis_is_read_only_once_instruit(client, instructeur):
    dossier = dossier_depose()
    note = NoteCritereFactory(
        critere=CritereAnalyseFactory(campagne=dossier.campagne, libelle="Ancrage"), dossier=dossier
    )
    Dossier.objects.filter(pk=dossier.pk).update(etat=EtatDossier.INSTRUIT, synthese="À soutenir.")
    dossier.refresh_from_db()
    with pytest.raises(ValidationError, match="close"):
        analyse_save(dossier=dossier, by=instructeur, version=dossier.version, notes={}, synthese="Autre chose")
    client.force_login(instructeur)
    response = client.get(dossier.get_instruction_url())
    html = response.content.decode()
    assert f'action="{dossier.get_instruction_url()}analyse/"' not in html
    assert "2 / 3" in html and "À soutenir." in html and "Ancrage" in html
    assert note.note == 2


def test_the_analysis_is_open_while_in_instruction(client, instructeur):
    dossier = dossier_depose()
    client.force_login(instructeur)
    assert (
        f'action="{dossier.get_instruction_url()}analyse/"'
        in client.get(dossier.get_instruction_url()).content.decode()
    )
