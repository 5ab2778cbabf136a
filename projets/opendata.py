"""SCDL "subventions" 2.1.1 export: one row per attribution (published dossier × financeur with a voted amount).

Where each value comes from, and the choice made when we do not hold it (the file must validate, and never claim
what is unknown):
- nomAttribuant / idAttribuant: the financeur's name and SIRET (Financeur.siret, entered in the admin). No SIRET,
  no row: an invented identifier would attribute public money to the wrong body. Such attributions stay in the
  JSON API and the open data page lists them so that the service completes the SIRET.
- nomBeneficiaire: the structure's name recorded when the COPIL decided (Dossier.porteur_nom_decision), so that
  a later rename does not rewrite published data.
- idBeneficiaire / rnaBeneficiaire: the porteur's SIRET and RNA; the schema requires one of them (validata's
  one-of-required), so a porteur with neither is left out the same way. A SIRET stored before the INSEE rule
  (stdnum: the SIREN's key too) that fails it is never published: the row keeps the RNA if there is one, else it
  is left out and listed on the open data page ("ni SIRET ni RNA"), like a financeur's invalid SIRET.
- dateConvention: the signature date of the convention covering the dossier that year (suivi app); until it is
  signed, the date of the COPIL séance that granted the line, which the convention follows. A line with neither
  (imported history without a recorded decision) is left out.
- referenceDecision: "Convention <numéro>" when there is one, then "COPIL du JJ/MM/AAAA – <numéro du dossier>".
- nature "aide en numéraire"; lines of the TFPB abatement are not exported: it is a tax relief the bailleurs
  value themselves, not a grant (same rule as the COPIL documents).
- conditionsVersement / datesPeriodeVersement: from the payments scheduled on the line ("unique" and its date for
  one payment, "échelonné" and first/last dates for several); without any, "autre" and the period of the action,
  else the programmation's calendar year (the schema's form for an unknown date).
- notificationUE "non" (these are not de minimis aids to companies), pourcentageSubvention 1 (one beneficiary).
"""

import csv
import datetime
import functools
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, Min, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import In

from contratville.tableur import neutraliser
from projets.enums import Decision, NatureFinancement, StatutSeance, TypeInstance
from projets.models import DecisionLigne
from projets.selectors_public import lignes_votees_publiques
from projets.validators import siret_is_valid
from suivi.models import Convention, Versement  # what is signed and paid after the vote

URL_SCHEMA = "https://schema.data.gouv.fr/scdl/subventions/2.1.1/"
CHAMPS = [
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "rnaBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
    "dispositifAide",
]
RNA_SCDL = re.compile(r"^W\d{9}$")  # stricter than ours: the schema refuses Corsica's W2A/W2B
OBJET_MAX = 256
CHUNK = 2000

# The same few thousand SIRET come back on every line of a financeur or porteur.
_siret_valide = functools.lru_cache(maxsize=2048)(siret_is_valid)  # bounded: memory stays flat

MOTIF_SIRET_FINANCEUR = "SIRET du financeur non renseigné ou invalide"
MOTIF_IDENTIFIANT_PORTEUR = "ni SIRET valide ni RNA pour la structure"
MOTIF_DECISION = "ni convention signée ni décision du comité de pilotage"
MOTIF_TFPB = "abattement TFPB (allègement fiscal, pas une subvention)"


# Rows are read as tuples into the light objects below, not as five model instances each: at national scale
# (200 000 lines) building the models alone took longer than the whole export may (bench/RESULTS.md).
@dataclass(slots=True)
class Financeur:
    nom: str
    siret: str


@dataclass(slots=True)
class Porteur:
    raison_sociale: str
    siret: str
    rna: str


@dataclass(slots=True)
class Campagne:
    annee: int


@dataclass(slots=True)
class Dossier:
    pk: int
    numero: str | None
    intitule: str
    date_debut: datetime.date | None
    date_fin: datetime.date | None
    campagne: Campagne
    porteur: Porteur


@dataclass(slots=True)
class Ligne:
    """A voted line as the export reads it; `completer` adds the decision, convention and payments."""

    pk: int
    montant_vote: Decimal
    nature: str
    dossier_id: int
    financeur: Financeur
    dossier: Dossier
    date_decision: datetime.date | None = None
    date_convention: datetime.date | None = None
    numero_convention: str | None = None
    nombre_versements: int | None = None
    premier_versement: datetime.date | None = None
    dernier_versement: datetime.date | None = None


# nomBeneficiaire: the structure's name when the COPIL decided (a later rename is not published), else its current
# one (history imported without a recorded name).
NOM_BENEFICIAIRE = Coalesce(NullIf("dossier__porteur_nom_decision", Value("")), "dossier__porteur__raison_sociale")
COLONNES = [
    "pk", "montant_vote", "nature", "dossier_id", "financeur__nom", "financeur__siret",
    "dossier__numero", "dossier__intitule", "dossier__date_debut", "dossier__date_fin", "dossier__campagne__annee",
    NOM_BENEFICIAIRE, "dossier__porteur__siret", "dossier__porteur__rna",
]  # fmt: skip


def attributions(*, annee: int | None = None):
    """Voted lines of published dossiers as tuples of COLONNES, in a stable order."""
    lignes = lignes_votees_publiques()
    if annee:
        lignes = lignes.filter(dossier__campagne__annee=annee)
    return lignes.order_by(
        "dossier__campagne__annee", "dossier__numero", "dossier_id", "financeur__ordre", "financeur__nom"
    ).values_list(*COLONNES)


def _lignes(rangees) -> Iterator[Ligne]:
    # New objects per row rather than shared ones: memory stays flat whatever the number of porteurs.
    for (pk, montant, nature, dossier_id, f_nom, f_siret, numero, intitule, debut, fin, annee,
         raison_sociale, p_siret, rna) in rangees:  # fmt: skip
        dossier = Dossier(
            dossier_id, numero, intitule, debut, fin, Campagne(annee), Porteur(raison_sociale, p_siret, rna)
        )
        yield Ligne(pk, montant, nature, dossier_id, Financeur(f_nom, f_siret), dossier)


class Parmi(In):
    """`column IN (ids)` as `column = ANY(%s)` on PostgreSQL: one array parameter instead of one per id. Preparing
    500 parameters per query, three queries per chunk, took more time than the rest of the export."""

    def get_prep_lookup(self):
        return list(self.rhs)  # integer ids read from the database: nothing to prepare

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, self.rhs)


def completer(lignes: list[Ligne]) -> None:
    """Set date_decision, date_convention, numero_convention and the payments (nombre_versements,
    premier_versement, dernier_versement) on a chunk of lines: three queries per chunk, where subqueries per row
    made the export of 200 000 lines take most of a minute."""
    ids = [ligne.pk for ligne in lignes]
    decisions = {}
    for ligne_id, date in (
        DecisionLigne.objects.filter(
            Parmi(F("ligne_id"), ids),
            decision=Decision.ACCORDE,
            seance__statut=StatutSeance.CLOSE,
            seance__comite__type=TypeInstance.COPIL,
        )
        .order_by("ligne_id", "-seance__date", "-pk")
        .values_list("ligne_id", "seance__date")
    ):
        decisions.setdefault(ligne_id, date)  # the latest séance that granted it
    conventions = {}
    for dossier_id, debut, fin, signature, numero in (
        Convention.dossiers.through.objects.filter(
            Parmi(F("dossier_id"), list({ligne.dossier_id for ligne in lignes})),
            convention__date_signature__isnull=False,
        )
        .order_by("-convention__date_signature", "-convention_id")
        .values_list(
            "dossier_id",
            "convention__annee_debut",
            "convention__annee_fin",
            "convention__date_signature",
            "convention__numero",
        )
    ):
        conventions.setdefault(dossier_id, []).append((debut, fin, signature, numero))
    date = Coalesce("date_versement", "date_prevue")
    versements = {
        v["ligne"]: v
        for v in Versement.objects.filter(Parmi(F("ligne_id"), ids))
        .values("ligne")
        .annotate(nombre=Count("pk"), premier=Min(date), dernier=Max(date))
        .order_by()
    }
    for ligne in lignes:
        annee = ligne.dossier.campagne.annee
        signee = next(
            ((s, n) for d, f, s, n in conventions.get(ligne.dossier_id, []) if d <= annee <= f), (None, None)
        )
        versement = versements.get(ligne.pk, {})
        ligne.date_decision = decisions.get(ligne.pk)
        ligne.date_convention, ligne.numero_convention = signee
        ligne.nombre_versements = versement.get("nombre")
        ligne.premier_versement = versement.get("premier")
        ligne.dernier_versement = versement.get("dernier")


@dataclass
class Attribution:
    ligne: Ligne
    motif_exclusion: str | None

    @property
    def exportable(self) -> bool:
        return self.motif_exclusion is None


def _versement(ligne: Ligne) -> tuple[str, str]:
    """(conditionsVersement, datesPeriodeVersement)."""
    if ligne.nombre_versements == 1 and ligne.premier_versement:
        return "unique", ligne.premier_versement.isoformat()
    if ligne.nombre_versements and ligne.premier_versement:
        return "échelonné", f"{ligne.premier_versement.isoformat()}/{ligne.dernier_versement.isoformat()}"
    return "autre", _periode(ligne)


def _periode(ligne: Ligne) -> str:
    dossier = ligne.dossier
    debut = dossier.date_debut or datetime.date(dossier.campagne.annee, 1, 1)
    fin = dossier.date_fin or datetime.date(dossier.campagne.annee, 12, 31)
    return f"{debut.isoformat()}/{fin.isoformat()}"


def _objet(ligne: Ligne) -> str:
    texte = " ".join(f"Contrat de ville {ligne.dossier.campagne.annee} : {ligne.dossier.intitule}".split())
    return texte if len(texte) <= OBJET_MAX else texte[: OBJET_MAX - 1] + "…"


def motif_exclusion(ligne: Ligne) -> str | None:
    porteur = ligne.dossier.porteur
    if ligne.nature == NatureFinancement.ABATTEMENT_TFPB:
        return MOTIF_TFPB
    if not _siret_valide(ligne.financeur.siret or ""):
        return MOTIF_SIRET_FINANCEUR
    if not _siret_valide(porteur.siret or "") and not RNA_SCDL.fullmatch(porteur.rna or ""):
        return MOTIF_IDENTIFIANT_PORTEUR
    if ligne.date_decision is None and ligne.date_convention is None:
        return MOTIF_DECISION
    return None


def ligne_scdl(ligne: Ligne) -> dict[str, str]:
    """The SCDL row as text, exactly as written in the CSV (the JSON export types a few of these)."""
    dossier, porteur = ligne.dossier, ligne.dossier.porteur
    conditions, periode = _versement(ligne)
    reference = [f"Convention {ligne.numero_convention}"] if ligne.numero_convention else []
    if ligne.date_decision:
        reference.append(f"COPIL du {ligne.date_decision:%d/%m/%Y}")
    return {
        "nomAttribuant": ligne.financeur.nom,
        "idAttribuant": ligne.financeur.siret,
        "dateConvention": (ligne.date_convention or ligne.date_decision).isoformat(),
        "referenceDecision": f"{' ; '.join(reference)} – {dossier.numero or f'dossier {dossier.pk}'}",
        "nomBeneficiaire": porteur.raison_sociale,
        "idBeneficiaire": porteur.siret if _siret_valide(porteur.siret or "") else "",
        "rnaBeneficiaire": porteur.rna if RNA_SCDL.fullmatch(porteur.rna or "") else "",
        "objet": _objet(ligne),
        "montant": f"{ligne.montant_vote:.2f}",
        "nature": "aide en numéraire",
        "conditionsVersement": conditions,
        "datesPeriodeVersement": periode,
        "idRAE": "",
        "notificationUE": "non",
        "pourcentageSubvention": "1",
        "dispositifAide": "",
    }


def parcourir(*, annee: int | None = None) -> Iterator[Attribution]:
    """Every attribution with why it is not exported, if so; reads by chunks so that memory stays flat."""
    lignes = _lignes(attributions(annee=annee).iterator(chunk_size=CHUNK))
    morceau: list[Ligne] = []
    while True:
        morceau.clear()  # the previous chunk goes before the next is read: one chunk in memory, never two
        morceau.extend(itertools.islice(lignes, CHUNK))
        if not morceau:
            return
        completer(morceau)
        for ligne in morceau:
            yield Attribution(ligne, motif_exclusion(ligne))


def lignes_scdl(*, annee: int | None = None) -> Iterator[dict[str, str]]:
    return (ligne_scdl(a.ligne) for a in parcourir(annee=annee) if a.exportable)


def exclusions(*, annee: int | None = None) -> list[tuple[str, str, int]]:
    """(motif, financeur or structure concerned, number of attributions) for the open data page."""
    compte = Counter()
    for attribution in parcourir(annee=annee):
        motif = attribution.motif_exclusion
        if motif in (MOTIF_SIRET_FINANCEUR, MOTIF_TFPB):
            compte[(motif, attribution.ligne.financeur.nom)] += 1
        elif motif:
            compte[(motif, attribution.ligne.dossier.porteur.raison_sociale)] += 1
    return sorted((motif, nom, nombre) for (motif, nom), nombre in compte.items())


# Streaming writers.


class _Tampon:
    """csv.writer writes into this and we hand the text over at once (Django's streaming CSV recipe)."""

    def write(self, value):
        return value


# The schema's numbers keep their sign (a negative amount stays a valid decimal); every other column is text that
# a spreadsheet must not take for a formula.
NOMBRES = {"montant", "pourcentageSubvention"}
_TEXTES = [(champ, champ not in NOMBRES) for champ in CHAMPS]


def csv_en_flux(lignes: Iterable[dict[str, str]]) -> Iterator[str]:
    writer = csv.writer(_Tampon(), lineterminator="\r\n")
    yield writer.writerow(CHAMPS)
    for ligne in lignes:
        yield writer.writerow([neutraliser(ligne[champ]) if texte else ligne[champ] for champ, texte in _TEXTES])


def _type_json(ligne: dict[str, str]) -> dict:
    """Numbers as numbers, oui/non as booleans, empty values as null: what JSON consumers expect."""
    typee = {champ: (ligne[champ] or None) for champ in CHAMPS}
    typee["montant"] = float(Decimal(ligne["montant"]))
    typee["pourcentageSubvention"] = float(Decimal(ligne["pourcentageSubvention"]))
    typee["notificationUE"] = ligne["notificationUE"] == "oui"
    return typee


def json_en_flux(lignes: Iterable[dict[str, str]]) -> Iterator[str]:
    yield '{"schema": ' + json.dumps(URL_SCHEMA) + ', "data": ['
    for rang, ligne in enumerate(lignes):
        yield ("," if rang else "") + "\n" + json.dumps(_type_json(ligne), ensure_ascii=False)
    yield "\n]}\n"


def ligne_depuis_json(objet: dict) -> dict[str, str]:
    """Back to the CSV text of a row, to validate the JSON export against the same Table Schema."""
    texte = {}
    for champ in CHAMPS:
        valeur = objet.get(champ)
        if valeur is None:
            texte[champ] = ""
        elif isinstance(valeur, bool):
            texte[champ] = "oui" if valeur else "non"
        elif isinstance(valeur, float):
            texte[champ] = format(Decimal(str(valeur)).normalize(), "f")
        else:
            texte[champ] = str(valeur)
    return texte
