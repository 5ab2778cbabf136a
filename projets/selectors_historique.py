"""The history timeline of a dossier for the staff page: who changed what, when, from what to what.

It merges the django-simple-history records of the dossier and of what the instruction adds to it (financing
lines, grille d'analyse, recevabilité, compléments) with the log of state changes (TransitionDossier).
Consecutive records of one object are compared with `diff_against`; values are shown the way the pages show
them (choice labels, euros, dates, people by name). Changes made while the porteur was drafting, before the
first dépôt, are left out: the dépôt itself froze that content.

Queries are bounded: one per model for its records (with their author), one per many-to-many field, then
one per kind of related object named in a change (people, quartiers…), whatever the number of records.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.utils import get_m2m_reverse_field_name

from contratville.formatting import format_euros
from projets.enums import ElementComplement, EtatDossier
from projets.models import (
    ControleRecevabilite,
    DemandeComplements,
    Dossier,
    LigneFinancement,
    NoteCritere,
    TransitionDossier,
)

VIDE = "—"
AUTEUR_INCONNU = "auteur non enregistré"


@dataclass(frozen=True)
class Difference:
    champ: str
    avant: str
    apres: str


@dataclass
class Evenement:
    le: datetime.datetime
    par: str
    objet: str  # "Dossier", "Financement – Ville", "Recevabilité"…
    action: str  # "modification", "création", "suppression", "changement d'état"
    changements: list[Difference] = field(default_factory=list)
    motif: str = ""


@dataclass(frozen=True)
class _Source:
    """How to read the history of one model: which records, which fields to show, how to name the object."""

    model: type[models.Model]
    filtre: str  # the lookup on the historical model that selects the dossier's records
    exclus: frozenset[str]  # technical fields, or fields that never change after creation
    objet: Callable[[models.Model], str]
    select_related: tuple[str, ...] = ()
    auteur: str | None = None  # a field of the model saying who wrote it, when the record has no history user


SOURCES = [
    _Source(
        Dossier,
        "id",
        frozenset(
            {"id", "campagne", "porteur", "numero", "etat", "version", "cree_le", "modifie_le", "depose_le"}
            | {"saisies_en_attente"}
        ),
        lambda record: "Dossier",
    ),
    _Source(
        LigneFinancement,
        "dossier_id",
        frozenset({"id", "dossier", "financeur", "version"}),
        lambda record: f"Financement – {record.financeur}" if record.financeur_id else "Financement",
        select_related=("financeur",),
    ),
    _Source(
        NoteCritere,
        "dossier_id",
        frozenset({"id", "dossier", "critere"}),
        lambda record: f"Grille d'analyse – {record.critere}" if record.critere_id else "Grille d'analyse",
        select_related=("critere",),
    ),
    _Source(
        ControleRecevabilite,
        "dossier_id",
        frozenset({"id", "dossier", "par", "le"}),
        lambda record: "Recevabilité",
        auteur="par",
    ),
    _Source(
        DemandeComplements,
        "dossier_id",
        frozenset({"id", "dossier", "demandee_par", "demandee_le", "depot_avant", "depot_reponse"}),
        lambda record: "Demande de compléments",
        auteur="demandee_par",
    ),
]


@dataclass
class _Brut:
    """An event before its values are made readable: (field, old, new) with raw ids for related objects."""

    le: datetime.datetime
    ordre: tuple
    par: object  # a user, a user id to look up, or None
    objet: str
    action: str
    changements: list[tuple[models.Field, object, object]]
    motif: str = ""


def historique_dossier(*, dossier: Dossier) -> list[Evenement]:
    """Every recorded change of the dossier since its first dépôt, newest first."""
    transitions = list(TransitionDossier.objects.filter(dossier=dossier).select_related("par").order_by("le", "pk"))
    premier_depot = min((t.le for t in transitions if t.de == EtatDossier.BROUILLON), default=None)
    bruts = [
        _Brut(
            le=t.le,
            ordre=(1, t.pk),
            par=t.par,
            objet="État du dossier",
            action="changement d'état",
            changements=[(TransitionDossier._meta.get_field("vers"), t.de, t.vers)],
            motif=t.motif,
        )
        for t in transitions
    ]
    for source in SOURCES:
        bruts.extend(_evenements_de(source, dossier, depuis=premier_depot))
    lisible = _Lisible(bruts)
    bruts.sort(key=lambda b: (b.le, b.ordre), reverse=True)
    return [
        Evenement(
            le=b.le,
            par=lisible.personne(b.par),
            objet=b.objet,
            action=b.action,
            changements=[
                Difference(
                    champ="État" if f.model is TransitionDossier else capfirst(str(f.verbose_name)),
                    avant=lisible.valeur(f, avant),
                    apres=lisible.valeur(f, apres),
                )
                for f, avant, apres in b.changements
            ],
            motif=b.motif,
        )
        for b in bruts
    ]


def _evenements_de(source: _Source, dossier: Dossier, *, depuis: datetime.datetime | None) -> list[_Brut]:
    historique = source.model.history
    records = list(
        historique.filter(**{source.filtre: dossier.pk})
        .select_related("history_user", *source.select_related)
        .order_by("id", "history_date", "history_id")
    )
    m2m = _m2m_par_record(source.model, [r.history_id for r in records])
    opts = source.model._meta
    champs = [
        f.name
        for f in historique.model.tracked_fields
        if f.editable and f.name not in source.exclus and not f.many_to_many
    ]

    def differences(record, base) -> list[tuple[models.Field, object, object]]:
        delta = record.diff_against(base, included_fields=champs)
        changements = [(opts.get_field(c.field), c.old, c.new) for c in delta.changes]
        for nom, par_record in m2m.items():
            avant, apres = par_record.get(base.history_id, set()), par_record.get(record.history_id, set())
            if avant != apres:
                changements.append((opts.get_field(nom), avant, apres))
        return changements

    bruts = []
    precedent = dernier = None  # the record before this one; the last event of this object, with its base record
    for record in records:
        if precedent is not None and precedent.id != record.id:
            precedent = dernier = None
        base, precedent = precedent, record
        if record.history_type == "+":
            action = "création"
            changements = [
                (opts.get_field(nom), None, getattr(record, opts.get_field(nom).attname))
                for nom in champs
                if getattr(record, opts.get_field(nom).attname) not in (None, "", [], {})
            ]
        elif record.history_type == "-":
            action, changements = "suppression", []
        elif base is None:
            continue  # the object's earlier records were not kept: nothing to compare with
        else:
            action, changements = "modification", differences(record, base)
        if depuis is not None and record.history_date < depuis:
            continue
        if action == "modification" and dernier is not None and _suite_m2m(dernier, record, changements):
            # A many-to-many change is recorded just after the save it belongs to, one record per removal and
            # addition: one event from the same person shows their net effect.
            brut, base_du_brut, _ = dernier
            brut.changements = differences(record, base_du_brut)
            dernier = (brut, base_du_brut, record)
            if not brut.changements:
                bruts = [b for b in bruts if b is not brut]
                dernier = None
            continue
        if action == "modification" and not changements:
            continue  # a save that changed nothing shown here (a version number, a technical field)
        par = record.history_user or (getattr(record, f"{source.auteur}_id") if source.auteur else None)
        brut = _Brut(
            le=record.history_date,
            ordre=(0, record.history_id),
            par=par,
            objet=source.objet(record),
            action=action,
            changements=changements,
        )
        bruts.append(brut)
        dernier = (brut, base, record) if action == "modification" else None
    return bruts


REGROUPEMENT_M2M = datetime.timedelta(seconds=5)


def _suite_m2m(dernier, record, changements) -> bool:
    """Whether `record` only changes many-to-many fields, right after the last event, by the same person."""
    _, _, record_precedent = dernier
    return (
        bool(changements)
        and all(f.many_to_many for f, _, _ in changements)
        and record.history_user_id == record_precedent.history_user_id
        and record.history_date - record_precedent.history_date <= REGROUPEMENT_M2M
    )


def _m2m_par_record(model, history_ids: list[int]) -> dict[str, dict[int, set]]:
    """For each tracked many-to-many field, the set of related ids in each history record (one query per field)."""
    resultat = {}
    historique = model.history.model
    for m2m_field in getattr(historique, "_history_m2m_fields", []):
        through = getattr(historique, m2m_field.name).model
        cible = get_m2m_reverse_field_name(m2m_field)
        par_record = defaultdict(set)
        if history_ids:
            lignes = through._default_manager.filter(history_id__in=history_ids).values_list(
                "history_id", f"{cible}_id"
            )
            for history_id, cible_id in lignes:
                par_record[history_id].add(cible_id)
        resultat[m2m_field.name] = par_record
    return resultat


class _Lisible:
    """Turns raw values into what people read; related objects are fetched once per model for all events."""

    def __init__(self, bruts: list[_Brut]):
        from comptes.models import User

        self.user_model = User
        ids = defaultdict(set)
        for brut in bruts:
            if isinstance(brut.par, int):
                ids[User].add(brut.par)
            for f, avant, apres in brut.changements:
                if f.is_relation and f.related_model is not None:
                    for valeur in (avant, apres):
                        if isinstance(valeur, set):
                            ids[f.related_model].update(valeur)
                        elif valeur is not None:
                            ids[f.related_model].add(valeur)
        self.objets = {
            model: {objet.pk: objet for objet in model._default_manager.filter(pk__in=pks)}
            for model, pks in ids.items()
            if pks
        }

    def personne(self, par) -> str:
        if isinstance(par, int):
            par = self.objets.get(self.user_model, {}).get(par)
        return str(par) if par is not None else AUTEUR_INCONNU

    def valeur(self, f: models.Field, valeur) -> str:
        if valeur in (None, "", [], {}) or valeur == set():
            return VIDE
        if f.is_relation:
            objets = self.objets.get(f.related_model, {})
            if isinstance(valeur, set):
                noms = sorted(str(objets.get(pk, "élément supprimé")) for pk in valeur)
                return ", ".join(noms)
            objet = objets.get(valeur)
            return str(objet) if objet is not None else "élément supprimé"
        if f.choices:
            return str(dict(f.flatchoices).get(valeur, valeur))
        if isinstance(f, models.BooleanField):
            return "oui" if valeur else "non"
        if isinstance(valeur, Decimal):
            return format_euros(valeur)
        if isinstance(valeur, datetime.datetime):
            return timezone.localtime(valeur).strftime("%d/%m/%Y à %H:%M")
        if isinstance(valeur, datetime.date):
            return valeur.strftime("%d/%m/%Y")
        if f.model is DemandeComplements and f.name == "elements":
            return ", ".join(ElementComplement(e).label if e in ElementComplement.values else str(e) for e in valeur)
        if isinstance(valeur, list):
            return ", ".join(str(v) for v in valeur)
        return str(valeur)
