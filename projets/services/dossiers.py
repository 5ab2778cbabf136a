"""Writes on dossiers from the porteur space: creation, steps (partial saves), submission, withdrawal, renewal."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from projets.enums import EtatDossier
from projets.etapes import ETAPES_PAR_SLUG
from projets.models import (
    Campagne,
    Depot,
    Dossier,
    Financeur,
    LigneBudget,
    LigneFinancement,
    Porteur,
    QuestionEgalite,
    ReponseEgalite,
    TransitionDossier,
)
from projets.rules import campagne_accepte_depots
from projets.selectors_complements import etapes_modifiables
from projets.selectors_dossier import dossier_manques_pour_depot
from projets.services.depots import depot_create
from projets.workflows import Acteur, transition_allowed


def dossier_create(*, campagne: Campagne, porteur: Porteur, intitule: str) -> Dossier:
    dossier = Dossier.objects.create(campagne=campagne, porteur=porteur, intitule=intitule)
    return dossier


def _ensure_editable(dossier: Dossier, etape: str) -> None:
    """Checked against the database, locking the row: another tab may have submitted the dossier meanwhile.

    A draft is editable step by step; when compléments are asked, only the steps the request reopened are.
    """
    etat = Dossier.objects.select_for_update().values_list("etat", flat=True).get(pk=dossier.pk)
    if etape in etapes_modifiables(dossier=dossier, etat=etat):
        return
    if etat == EtatDossier.COMPLEMENTS_DEMANDES:
        raise ValidationError(
            f"L'étape « {ETAPES_PAR_SLUG[etape].titre} » n'est pas rouverte : le service politique de la ville "
            "ne demande de compléments que sur les étapes listées dans sa demande. Les autres restent telles "
            "que vous les avez déposées.",
            code="etape_non_rouverte",
        )
    raise ValidationError(
        f"Ce dossier est à l'état « {EtatDossier(etat).label} » : il ne peut plus être modifié.",
        code="non_modifiable",
    )


def _sans_caractere_nul(valeur):
    """PostgreSQL's JSON refuses the NUL character; a pasted one is dropped from the raw input kept for later."""
    if isinstance(valeur, str):
        return valeur.replace("\x00", "")
    if isinstance(valeur, dict):
        return {cle: _sans_caractere_nul(v) for cle, v in valeur.items()}
    if isinstance(valeur, list | tuple):
        return [_sans_caractere_nul(v) for v in valeur]
    return valeur


@transaction.atomic
def dossier_save_step(*, dossier: Dossier, etape: str, valeurs: dict, en_attente: dict) -> Dossier:
    """Save the valid fields of a step; keep the raw invalid ones so that nothing typed is lost.

    `valeurs` maps field names to cleaned values (many-to-many fields take iterables); `en_attente`
    maps field names to the raw input that did not validate, shown again with its error on reload.
    """
    _ensure_editable(dossier, etape)
    en_attente = _sans_caractere_nul(en_attente)
    m2m = {name: value for name, value in valeurs.items() if dossier._meta.get_field(name).many_to_many}
    for name, value in valeurs.items():
        if name not in m2m:
            setattr(dossier, name, value)
    pending = dict(dossier.saisies_en_attente)
    if en_attente:
        pending[etape] = en_attente
    else:
        pending.pop(etape, None)
    dossier.saisies_en_attente = pending
    dossier.save()
    for name, value in m2m.items():
        getattr(dossier, name).set(value)
    return dossier


@transaction.atomic
def dossier_save_budget(
    *, dossier: Dossier, comptes: dict[str, Decimal | None], financements: dict[Financeur, Decimal | None]
) -> None:
    """Replace the budget: one line per account, one financing line per financeur (empty or 0 = removed).

    Autosave calls this each time the porteur pauses: existing lines are read once and only the lines whose
    amount changed are written, each through save() or delete() so that the history records it.
    """
    _ensure_editable(dossier, "budget")
    _sync_lines(
        dossier.lignes_budget.all(),
        key="compte",
        amount="montant",
        wanted=comptes,
        build=lambda compte, montant: LigneBudget(dossier=dossier, compte=compte, montant=montant),
    )
    par_pk = {financeur.pk: financeur for financeur in financements}
    _sync_lines(
        dossier.lignes_financement.all(),
        key="financeur_id",
        amount="montant_demande",
        wanted={pk: financements[financeur] for pk, financeur in par_pk.items()},
        build=lambda pk, montant: LigneFinancement(
            dossier=dossier, financeur=par_pk[pk], nature=par_pk[pk].nature, montant_demande=montant
        ),
    )
    Dossier.objects.filter(pk=dossier.pk).update(modifie_le=timezone.now())


def _sync_lines(existing, *, key: str, amount: str, wanted: dict, build) -> None:
    """Bring `existing` lines to the `wanted` amounts: create, update or delete only the lines that differ."""
    lines = {getattr(line, key): line for line in existing}
    for k, montant in wanted.items():
        line = lines.get(k)
        if not montant:
            if line:
                line.delete()
        elif line is None:
            build(k, montant).save()
        elif getattr(line, amount) != montant:
            setattr(line, amount, montant)
            line.save(update_fields=[amount])


@transaction.atomic
def dossier_save_egalite(*, dossier: Dossier, reponses: dict[QuestionEgalite, tuple[list[str], str]]) -> None:
    _ensure_editable(dossier, "egalite")
    for question, (choix, precisions) in reponses.items():
        ReponseEgalite.objects.update_or_create(
            dossier=dossier, question=question, defaults={"choix": list(choix), "precisions": precisions}
        )
    Dossier.objects.filter(pk=dossier.pk).update(modifie_le=timezone.now())


@transaction.atomic
def dossier_transition(*, dossier: Dossier, vers: str, acteur: Acteur, by, motif: str = "") -> Dossier:
    """The only writer of `etat`: a conditional UPDATE (a concurrent change makes it fail) and a log row."""
    de = dossier.etat
    if not transition_allowed(de, vers, acteur):
        raise ValidationError(
            f"Impossible de passer de « {EtatDossier(de).label} » à « {EtatDossier(vers).label} ».",
            code="transition_interdite",
        )
    updated = Dossier.objects.filter(pk=dossier.pk, etat=de, version=dossier.version).update(
        etat=vers, version=F("version") + 1, modifie_le=timezone.now()
    )
    if not updated:
        raise ValidationError(
            "Le dossier vient d'être modifié par quelqu'un d'autre : rechargez la page.", code="concurrent"
        )
    TransitionDossier.objects.create(dossier=dossier, de=de, vers=vers, par=by, le=timezone.now(), motif=motif)
    dossier.refresh_from_db()
    return dossier


def _next_numero(campagne: Campagne) -> str:
    # Row-locking UPDATE: two simultaneous submissions get two different numbers.
    Campagne.objects.filter(pk=campagne.pk).update(dernier_numero=F("dernier_numero") + 1)
    numero = Campagne.objects.values_list("dernier_numero", flat=True).get(pk=campagne.pk)
    return f"CV-{campagne.annee}-{numero:04d}"


@transaction.atomic
def dossier_submit(*, dossier: Dossier, by, moment: datetime.datetime | None = None) -> Depot:
    """Submit the dossier: checks, number, state `déposé`, frozen snapshot; the récépissé follows by mail."""

    moment = moment or timezone.now()
    # The dossier's row only: locking its campagne too would queue every porteur's submission behind each other
    # (the number below still takes the campagne's row, for the end of the transaction only).
    dossier = Dossier.objects.select_for_update(of=("self",)).select_related("campagne__contrat").get(pk=dossier.pk)
    if not campagne_accepte_depots(dossier.campagne, moment):
        raise ValidationError(
            "L'appel à projets est clos : le dossier ne peut plus être déposé. Votre brouillon est conservé ; "
            "contactez le service politique de la ville si vous pensez qu'il s'agit d'une erreur.",
            code="campagne_close",
        )
    manques = dossier_manques_pour_depot(dossier=dossier)
    if manques:
        raise ValidationError([ValidationError(m, code="incomplet") for m in manques])
    if not dossier.numero:
        dossier.numero = _next_numero(dossier.campagne)
    dossier.depose_le = moment
    dossier.save(update_fields=["numero", "depose_le"])
    dossier = dossier_transition(dossier=dossier, vers=EtatDossier.DEPOSE, acteur=Acteur.PORTEUR, by=by)
    return depot_create(dossier=dossier, by=by, moment=moment)


def dossier_withdraw(*, dossier: Dossier, by, motif: str) -> Dossier:
    if not motif.strip():
        raise ValidationError("Indiquez pourquoi vous retirez ce dossier.", code="motif_requis")
    if dossier.etat not in (EtatDossier.DEPOSE, EtatDossier.COMPLEMENTS_DEMANDES):
        raise ValidationError(
            "Ce dossier est déjà en cours d'instruction : contactez le service politique de la ville pour le retirer.",
            code="trop_tard",
        )
    return dossier_transition(dossier=dossier, vers=EtatDossier.RETIRE, acteur=Acteur.PORTEUR, by=by, motif=motif)


# What a renewal copies: the description of the action, not anything decided or year-specific.
CHAMPS_RECONDUITS = [
    "intitule",
    "description",
    "objectifs",
    "public_cible",
    "public_nombre",
    "age_min",
    "age_max",
    "lieux",
    "moyens_humains",
    "moyens_materiels",
    "partenaires",
    "evaluation",
]


@transaction.atomic
def dossier_renew(*, source: Dossier, campagne: Campagne) -> Dossier:
    """A new draft in `campagne` pre-filled from `source`: action text, public, axes, quartiers, budget, financeurs.

    Not copied: number, state, dates, amounts proposed or voted, attachments, attestation, the previous
    year's priorities and objectifs opérationnels (they belong to that year's call).
    """
    ecart = campagne.annee - source.campagne.annee
    dossier = Dossier.objects.create(
        campagne=campagne,
        porteur=source.porteur,
        reconduit_de=source,
        date_debut=_shift_years(source.date_debut, ecart),
        date_fin=_shift_years(source.date_fin, ecart),
        **{name: getattr(source, name) for name in CHAMPS_RECONDUITS},
    )
    if source.campagne.contrat_id == campagne.contrat_id:
        dossier.axes.set(source.axes.all())
        dossier.quartiers.set(source.quartiers.filter(actif=True))
    LigneBudget.objects.bulk_create(
        LigneBudget(dossier=dossier, compte=ligne.compte, montant=ligne.montant, precisions=ligne.precisions)
        for ligne in source.lignes_budget.all()
    )
    LigneFinancement.objects.bulk_create(
        LigneFinancement(dossier=dossier, financeur=f.financeur, nature=f.nature, montant_demande=f.montant_demande)
        for f in source.lignes_financement.filter(financeur__actif=True).select_related("financeur")
    )
    ReponseEgalite.objects.bulk_create(
        ReponseEgalite(dossier=dossier, question_id=r.question_id, choix=r.choix, precisions=r.precisions)
        for r in source.reponses_egalite.all()
    )
    return dossier


def _shift_years(day: datetime.date | None, years: int) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
