"""Reads of the compléments round trip: the pending request, the steps it reopens, and what changed between
the dépôt the request was made on and the dépôt that answered it."""

import datetime
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import capfirst

from contratville.formatting import format_euros
from projets.enums import EtatDossier
from projets.etapes import ETAPES
from projets.models import DemandeComplements, Dossier, Porteur
from projets.rules import etapes_rouvertes
from projets.workflows import ETATS_MODIFIABLES

# --- The pending request and the steps it reopens ----------------------------------------------------------


def _marquer_retard(demande: DemandeComplements | None, today: datetime.date) -> DemandeComplements | None:
    if demande is not None:
        demande.en_retard = demande.repondue_le is None and demande.date_limite < today
    return demande


def demande_complements_en_cours(*, dossier: Dossier) -> DemandeComplements | None:
    """The request the porteur has to answer (the latest unanswered one, while the dossier is `compléments
    demandés`), with `en_retard` set when its deadline is past; None otherwise."""
    demande = (
        DemandeComplements.objects.filter(
            dossier=dossier, dossier__etat=EtatDossier.COMPLEMENTS_DEMANDES, repondue_le__isnull=True
        )
        .select_related("demandee_par")
        .order_by("-demandee_le")
        .first()
    )
    return _marquer_retard(demande, timezone.localdate())


def etapes_modifiables(*, dossier: Dossier, etat: str | None = None) -> list[str]:
    """The wizard steps the porteur may change now, in wizard order: every step of a draft; while compléments
    are asked, only the steps the request reopened (rules.etapes_rouvertes); none in any other state.

    `etat` lets a service pass the state it has just read under a row lock.
    """
    etat = etat or dossier.etat
    if etat in ETATS_MODIFIABLES:
        return [etape.slug for etape in ETAPES]
    if etat == EtatDossier.COMPLEMENTS_DEMANDES:
        demande = demande_complements_en_cours(dossier=dossier)
        rouvertes = etapes_rouvertes(demande.elements) if demande else set()
        return [etape.slug for etape in ETAPES if etape.slug in rouvertes]
    return []


def demandes_complements_du_porteur(*, user) -> list[DemandeComplements]:
    """For the porteur space: the pending requests on the dossiers of the user's structures, oldest deadline first."""
    demandes = (
        DemandeComplements.objects.filter(
            dossier__porteur__membres__user=user,
            dossier__etat=EtatDossier.COMPLEMENTS_DEMANDES,
            repondue_le__isnull=True,
        )
        .select_related("dossier__porteur")
        .order_by("date_limite", "pk")
        .distinct()
    )
    today = timezone.localdate()
    return [_marquer_retard(demande, today) for demande in demandes]


def complements_du_dossier(*, dossier: Dossier) -> list[DemandeComplements]:
    """For the staff page: every request, newest first, each with `en_retard` and `differences` (the changes
    between the dépôt it was made on and the dépôt that answered it; None while it is not answered)."""
    demandes = list(
        dossier.demandes_complements.select_related("demandee_par", "depot_avant", "depot_reponse").order_by(
            "-demandee_le"
        )
    )
    today = timezone.localdate()
    for demande in demandes:
        _marquer_retard(demande, today)
        avant, apres = demande.depot_avant, demande.depot_reponse
        demande.differences = depots_differences(avant=avant.contenu, apres=apres.contenu) if avant and apres else None
    return demandes


# --- What changed between two dépôts -----------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One change between two snapshots, in words: "L'action", "Objectifs de l'action", before, after ("" = none)."""

    section: str
    champ: str
    avant: str
    apres: str

    @property
    def nature(self) -> str:
        if not self.avant:
            return "ajout"
        if not self.apres:
            return "retrait"
        return "modification"

    @property
    def morceaux_avant(self) -> list[tuple[str, bool]]:
        """The text before, cut into (piece, removed?) so that a long text shows which words went."""
        return _morceaux(self.avant, self.apres)[0]

    @property
    def morceaux_apres(self) -> list[tuple[str, bool]]:
        """The text after, cut into (piece, added?)."""
        return _morceaux(self.avant, self.apres)[1]


def _morceaux(avant: str, apres: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Word by word for texts of several words; a short value (an amount, a date, a name) changes as a whole."""
    if len(avant.split()) <= 3 or len(apres.split()) <= 3:
        return [(avant, True)] if avant else [], [(apres, True)] if apres else []
    # Each word keeps the spaces that follow it, so that the pieces put back together give the text exactly.
    mots_avant, mots_apres = re.findall(r"\S+\s*|\s+", avant), re.findall(r"\S+\s*|\s+", apres)
    matcher = difflib.SequenceMatcher(
        a=[mot.strip() for mot in mots_avant], b=[mot.strip() for mot in mots_apres], autojunk=False
    )
    gauche, droite = [], []
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        change = operation != "equal"
        _ajouter(gauche, "".join(mots_avant[a1:a2]), change)
        _ajouter(droite, "".join(mots_apres[b1:b2]), change)
    return gauche, droite


def _ajouter(morceaux: list[tuple[str, bool]], texte: str, change: bool) -> None:
    """Append a piece; the spaces after a changed passage are left out of its highlighting."""
    if not texte:
        return
    mots = texte.rstrip()
    espaces = texte[len(mots) :]
    for piece, marque in ((mots, change), (espaces, False)):
        if not piece:
            continue
        if morceaux and morceaux[-1][1] == marque:
            morceaux[-1] = (morceaux[-1][0] + piece, marque)
        else:
            morceaux.append((piece, marque))


@dataclass(frozen=True)
class _Entree:
    texte: str
    empreinte: str = ""  # files: same name, different content is still a change


# (section, champ, item): the item tells apart the entries of a list shown under one label (quartiers, pièces…).
Cle = tuple[str, str, str]

SECTIONS = [
    "La structure",
    "L'action",
    "Public et territoire",
    "Orientations",
    "Égalité femmes-hommes",
    "Budget prévisionnel",
    "Documents de la structure",
    "Pièces jointes",
    "Attestation",
]


def depots_differences(*, avant: dict, apres: dict) -> list[Difference]:
    """The changes from snapshot `avant` to snapshot `apres` (Depot.contenu), section by section in wizard
    order; lists (quartiers, axes, budget lines, financeurs, pièces…) are compared item by item."""
    plat_avant, plat_apres = dict(_aplatir(avant)), dict(_aplatir(apres))
    cles, precedente = list(plat_avant), None
    for cle in plat_apres:  # a new entry goes right after the one it follows in `apres`
        if cle not in plat_avant:
            cles.insert(cles.index(precedente) + 1 if precedente else 0, cle)
        precedente = cle
    cles.sort(key=lambda cle: SECTIONS.index(cle[0]))  # stable: the order within a section is kept
    differences = []
    for cle in cles:
        ancien, nouveau = plat_avant.get(cle), plat_apres.get(cle)
        if ancien == nouveau:
            continue
        texte_avant, texte_apres = (ancien.texte if ancien else ""), (nouveau.texte if nouveau else "")
        if texte_avant == texte_apres:
            if not texte_avant:
                continue  # None then "": nothing a reader would see
            texte_apres += " (fichier remplacé)"
        differences.append(Difference(cle[0], cle[1], texte_avant, texte_apres))
    return differences


def _aplatir(contenu: dict) -> Iterator[tuple[Cle, _Entree]]:
    """A snapshot as ((section, champ, item), text) pairs; tolerant of older snapshots missing some keys."""
    porteur = contenu.get("porteur") or {}
    section = "La structure"
    yield (section, "Forme juridique", ""), _Entree(_texte(porteur.get("forme_juridique")))
    for nom, valeur in porteur.items():
        if nom != "forme_juridique":
            yield (section, _libelle(Porteur, nom), ""), _Entree(_valeur(Porteur, nom, valeur))

    section = "L'action"
    for nom, valeur in (contenu.get("action") or {}).items():
        yield (section, _libelle(Dossier, nom), ""), _Entree(_valeur(Dossier, nom, valeur))

    public = contenu.get("public") or {}
    section = "Public et territoire"
    for nom in ("public_cible", "public_nombre", "age_min", "age_max"):
        if nom in public:
            yield (section, _libelle(Dossier, nom), ""), _Entree(_valeur(Dossier, nom, public[nom]))
    yield from _elements(section, _libelle(Dossier, "quartiers"), public.get("quartiers"))

    orientations = contenu.get("orientations") or {}
    for nom in ("axes", "objectifs_operationnels", "priorites_operationnelles", "priorites_transversales"):
        yield from _elements("Orientations", _libelle(Dossier, nom), orientations.get(nom))

    section = "Égalité femmes-hommes"
    for reponse in contenu.get("egalite") or []:
        question = f"Question {reponse.get('numero')} : {reponse.get('question', '')}"
        cochees = _texte(reponse.get("reponse")) or "aucune case cochée"
        yield (section, question, ""), _Entree(cochees)
        yield (section, f"{question} – précisions", ""), _Entree(_texte(reponse.get("precisions")))

    budget = contenu.get("budget") or {}
    section = "Budget prévisionnel"
    totaux = {}
    for cle, titre in (("charges", "Charges"), ("produits", "Produits"), ("subventions", "Subvention demandée")):
        total = Decimal("0")
        for ligne in budget.get(cle) or []:
            libelle = ligne.get("financeur") or ligne.get("libelle") or ligne.get("compte", "")
            total += _decimal(ligne.get("montant")) or 0
            yield (section, f"{titre} – {libelle}", ""), _Entree(format_euros(_decimal(ligne.get("montant"))))
        totaux[cle] = total
    if budget:
        for champ, montant in (
            ("Total des charges", totaux["charges"]),
            ("Total des produits", totaux["produits"] + totaux["subventions"]),
            ("Total des subventions demandées", totaux["subventions"]),
        ):
            yield (section, champ, ""), _Entree(format_euros(montant))

    for document in contenu.get("documents") or []:
        texte = f"{document.get('nom', '')}, daté du {_date(document.get('date'))}"
        cle = ("Documents de la structure", document.get("type", ""), "")
        yield cle, _Entree(texte, document.get("sha256", ""))

    for piece in contenu.get("pieces") or []:
        nom = piece.get("nom", "")
        texte = f"{piece.get('libelle', '')} : {nom} ({filesizeformat(piece.get('taille') or 0)})"
        cle = ("Pièces jointes", "Pièce jointe", f"{piece.get('libelle')}|{nom}")
        yield cle, _Entree(texte, piece.get("sha256", ""))

    attestation = contenu.get("attestation") or {}
    section = "Attestation"
    for nom, champ in (
        ("signataire_nom", "signataire_nom"),
        ("signataire_qualite", "signataire_qualite"),
        ("montant_atteste", "montant_atteste"),
        ("declaration_sur_l_honneur", "attestation_honneur"),
    ):
        if nom in attestation:
            yield (section, _libelle(Dossier, champ), ""), _Entree(_valeur(Dossier, champ, attestation[nom]))


def _elements(section: str, champ: str, items) -> Iterator[tuple[Cle, _Entree]]:
    for item in items or []:
        yield (section, champ, str(item)), _Entree(str(item))


def _libelle(model, nom: str) -> str:
    try:
        return capfirst(str(model._meta.get_field(nom).verbose_name))
    except Exception:  # a field renamed since the snapshot was taken
        return capfirst(nom.replace("_", " "))


def _valeur(model, nom: str, valeur) -> str:
    try:
        field = model._meta.get_field(nom)
    except Exception:
        return _texte(valeur)
    if valeur in (None, ""):
        return ""
    kind = field.get_internal_type()
    if kind == "BooleanField":
        return "Oui" if valeur else "Non"
    if kind == "DateField":
        return _date(valeur)
    if kind == "DecimalField":
        montant = _decimal(valeur)
        if nom.startswith(("montant", "budget")):
            return format_euros(montant)
        return str(montant).replace(".", ",") if montant is not None else _texte(valeur)
    return _texte(valeur)


def _texte(valeur) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "Oui" if valeur else "Non"
    if isinstance(valeur, list):
        return ", ".join(str(v) for v in valeur)
    return str(valeur).strip()


def _date(valeur) -> str:
    if not valeur:
        return ""
    try:
        return datetime.date.fromisoformat(str(valeur)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(valeur)


def _decimal(valeur) -> Decimal | None:
    if valeur in (None, ""):
        return None
    try:
        return Decimal(str(valeur))
    except InvalidOperation:
        return None
