"""« de » and « à » before a name follow French elision and contraction (contratville/formatting.py)."""

import pytest
from django.template import Context, Template

from contratville.formatting import a, de


@pytest.mark.parametrize(
    ("nom", "avec_de", "avec_a"),
    [
        ("État", "de l'État", "à l'État"),
        ("l'État", "de l'État", "à l'État"),
        ("Ville de Blois", "de la Ville de Blois", "à la Ville de Blois"),
        ("la Ville", "de la Ville", "à la Ville"),
        ("Les Jardins de Bégon", "des Jardins de Bégon", "aux Jardins de Bégon"),
        ("les Jardins", "des Jardins", "aux Jardins"),
        ("Le Conseil citoyen", "du Conseil citoyen", "au Conseil citoyen"),
        ("Conseil départemental de Loir-et-Cher", "du Conseil départemental de Loir-et-Cher",
         "au Conseil départemental de Loir-et-Cher"),
        ("Département", "du Département", "au Département"),
        ("Région Centre-Val de Loire", "de la Région Centre-Val de Loire", "à la Région Centre-Val de Loire"),
        ("Agglopolys", "d'Agglopolys", "à Agglopolys"),
        ("Blois", "de Blois", "à Blois"),
        ("BGE Ismer", "de BGE Ismer", "à BGE Ismer"),
        ("Habitat et Humanisme", "d'Habitat et Humanisme", "à Habitat et Humanisme"),
        ("Hall’couture", "de Hall’couture", "à Hall’couture"),
        ("Le Hall", "du Hall", "au Hall"),
        ("Association de lutte contre l’illettrisme", "de l'Association de lutte contre l’illettrisme",
         "à l'Association de lutte contre l’illettrisme"),
        ("Maison de Bégon", "de la Maison de Bégon", "à la Maison de Bégon"),
        ("Centre d’information", "du Centre d’information", "au Centre d’information"),
        ("L'Atelier", "de l'Atelier", "à l'Atelier"),
        ("Fonds européens (FEDER / FSE / IEJ)", "des Fonds européens (FEDER / FSE / IEJ)",
         "aux Fonds européens (FEDER / FSE / IEJ)"),
        ("CAF de Loir-et-Cher", "de la CAF de Loir-et-Cher", "à la CAF de Loir-et-Cher"),
        ("ARS Centre-Val de Loire", "de l'ARS Centre-Val de Loire", "à l'ARS Centre-Val de Loire"),
        ("Terres de Loire Habitat", "de Terres de Loire Habitat", "à Terres de Loire Habitat"),
        ("  Quartiers   proximité ", "de Quartiers proximité", "à Quartiers proximité"),
        ("", "", ""),
    ],
)  # fmt: skip
def test_de_and_a_elide_and_contract_before_a_name(nom, avec_de, avec_a):
    assert de(nom) == avec_de
    assert a(nom) == avec_a


def test_template_filters_elide_and_escape():
    rendu = Template("{% load formats_fr %}agents {{ nom|de }}, envoyé {{ autre|a }}").render(
        Context({"nom": "État", "autre": "Les <b>Jardins</b>"})
    )
    assert rendu == "agents de l&#x27;État, envoyé aux &lt;b&gt;Jardins&lt;/b&gt;"
