"""Hostile input for any page: read its POST forms as a browser would (fields with their current values, submit
buttons), then let hypothesis replace some values with hostile ones, post, and check the answer.

Used by the tests that drive the staff pages and the admin with hypothesis; the porteur's wizard has its own
(tests/test_wizard_survives_hostile_input.py)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

from django.apps import apps
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st

VALEURS_HOSTILES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x01\x07\x1b[31m\x7f",
    "-1",
    "0",
    "-0.001",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "-Infinity",
    "9" * 40,
    "99999999999999999999",  # beyond bigint
    "-99999999999999999999",
    "9223372036854775808",  # bigint + 1
    "2147483648",  # integer + 1
    "1 000 000 000 000,999 €",
    "12,5,3",
    "2026-02-30",
    "30/02/2026",
    "0000-00-00",
    "31/12/99999",
    "'; DROP TABLE projets_dossier; --",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ request }}{% debug %}",
    "\u202e\ufeff\U0001f600",
    "\ud7ff\uffff",
    "x" * 20_000,
]
HOSTILES = st.one_of(st.sampled_from(VALEURS_HOSTILES), st.text(max_size=200))

# Django's English messages (and the admin's): French only here, so none of them may appear.
ANGLAIS = (
    "This field",
    "Enter a",
    "Ensure this",
    "Select a valid",
    "is not a valid",
    "Please correct",
    "ManagementForm data",
    "Null characters are not allowed",
    "Server Error",
)
MARQUES_D_ERREUR = ("invalid-feedback", "errorlist", "errornote", "alert-danger", "is-invalid")


@dataclass
class Formulaire:
    action: str
    champs: list[tuple[str, str]] = field(default_factory=list)  # what a browser sends unchanged
    boutons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons, one sent at a time
    noms: list[str] = field(default_factory=list)  # every field name, hidden ones included
    caches: set[str] = field(default_factory=set)  # hidden fields: no one types there, no place for a message


class _Lecteur(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.formulaires: list[Formulaire] = []
        self._courant: Formulaire | None = None
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._texte: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self._courant = Formulaire(action=urljoin(self.url, a.get("action") or self.url))
            return
        f = self._courant
        if f is None:
            return
        nom = a.get("name")
        if tag == "input" and nom:
            genre = a.get("type", "text").lower()
            if nom == "csrfmiddlewaretoken":
                return
            if genre in ("submit", "image"):
                f.boutons.append((nom, a.get("value", "")))
                return
            if genre == "file":
                return
            if nom not in f.noms:
                f.noms.append(nom)
            if genre == "hidden":
                f.caches.add(nom)
            if genre in ("checkbox", "radio"):
                if "checked" in a:
                    f.champs.append((nom, a.get("value", "on")))
            else:
                f.champs.append((nom, a.get("value", "")))
        elif tag == "button" and nom and a.get("type", "submit").lower() == "submit":
            f.boutons.append((nom, a.get("value", "")))
        elif tag == "select" and nom:
            self._select, self._options = (nom, "multiple" in a), []
            if nom not in f.noms:
                f.noms.append(nom)
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and nom:
            self._textarea, self._texte = nom, []
            if nom not in f.noms:
                f.noms.append(nom)

    def handle_data(self, data):
        if self._textarea is not None:
            self._texte.append(data)

    def handle_endtag(self, tag):
        f = self._courant
        if tag == "form" and f is not None:
            self.formulaires.append(f)
            self._courant = None
        elif tag == "select" and self._select and f is not None:
            nom, multiple = self._select
            choisies = [v for v, selected in self._options if selected]
            if not choisies and not multiple and self._options:
                choisies = [self._options[0][0]]
            f.champs.extend((nom, v) for v in choisies)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and f is not None:
            f.champs.append((self._textarea, "".join(self._texte).removeprefix("\n")))
            self._textarea = None


def formulaires_de(reponse, url: str) -> list[Formulaire]:
    lecteur = _Lecteur(url)
    lecteur.feed(reponse.content.decode())
    return lecteur.formulaires


def saisie_hostile(data, formulaire: Formulaire) -> tuple[dict[str, list[str]], bool]:
    """The form as the browser would send it, with some fields (at least one) replaced by hostile values; and
    whether only visible fields were (a refusal must then show its message; a tampered hidden field, such as the
    operation a page dispatches on, may leave nothing to show it next to)."""
    envoi: dict[str, list[str]] = {}
    cibles = []
    for nom, valeur in formulaire.champs:
        envoi.setdefault(nom, []).append(valeur)
    if formulaire.noms:
        cibles = data.draw(
            st.lists(st.sampled_from(formulaire.noms), min_size=1, max_size=min(4, len(formulaire.noms)), unique=True),
            label="champs",
        )
        for nom in cibles:
            envoi[nom] = [data.draw(HOSTILES, label=nom)]
    if formulaire.boutons:
        nom, valeur = data.draw(st.sampled_from(formulaire.boutons), label="bouton")
        envoi[nom] = [valeur]
    return envoi, bool(cibles) and not any(nom in formulaire.caches for nom in cibles)


def verifier_reponse(reponse) -> str:
    """Never a 5xx, never an English message; a form shown again says what is wrong."""
    assert reponse.status_code < 500, reponse.status_code
    texte = reponse.content.decode(errors="replace") if not getattr(reponse, "streaming", False) else ""
    anglais = [mot for mot in ANGLAIS if mot in texte]
    assert not anglais, (anglais, texte[:2000])
    return texte


# Hypothesis settings of the hostile-input tests: each example posts to a page set up by a fixture; no shrinking, the
# failing example is printed as found.
EXPLORATION = {
    "deadline": None,
    "phases": [Phase.explicit, Phase.generate],
    "suppress_health_check": [HealthCheck.function_scoped_fixture],
}


def photo(modeles: list[str]) -> dict:
    """Every row of these models ("app.Model"): compared before and after a refused form, nothing may change."""
    return {nom: list(apps.get_model(nom).objects.order_by("pk").values()) for nom in modeles}
