"""The tirage au sort of the collège habitants: source lists, the draw, answers, who joins, replacements,
volunteers by sex, and the purge of personal data once the draw is done."""

import csv
import io
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from conseil_citoyen.enums import ModeDesignation, Reponse, Sexe, StatutMembre, TypeCollege, TypeTirage
from conseil_citoyen.models import College, Membre, PersonneTiree, TirageAuSort
from conseil_citoyen.rules import fin_de_mandat_au_plus_tard, volontaires_par_sexe
from conseil_citoyen.verification_tirage import CHAMPS, classement, empreinte_liste, ligne_canonique


def _ligne(personne: PersonneTiree) -> str:
    return ligne_canonique(getattr(personne, champ) for champ in CHAMPS)


def _modifiable(tirage: TirageAuSort) -> None:
    if tirage.effectue_le:
        raise ValidationError("Le tirage a eu lieu : sa liste est figée.")


@transaction.atomic
def liste_importer(*, tirage: TirageAuSort, source: str, contenu: str) -> int:
    """Add the people of a CSV list (nom;prénom;adresse;sexe F/H;secteur, with or without header).
    Every line is checked first: one bad line and nothing is imported, each error named by its line."""
    _modifiable(tirage)
    if not source.strip():
        raise ValidationError({"source": "Indiquez d'où vient la liste (bailleur, fichier…)."})
    lecteur = csv.reader(io.StringIO(contenu.lstrip("\ufeff")), delimiter=";")
    personnes, erreurs = [], []
    for numero, colonnes in enumerate(lecteur, start=1):
        if not any(c.strip() for c in colonnes):
            continue
        if numero == 1 and colonnes[0].strip().lower() == "nom":
            continue
        colonnes = [c.strip() for c in colonnes] + [""] * (5 - len(colonnes))
        nom, prenom, adresse, sexe, secteur = colonnes[:5]
        if not nom:
            erreurs.append(f"ligne {numero} : le nom est vide")
        if sexe.upper() not in ("", Sexe.FEMME, Sexe.HOMME):
            erreurs.append(f"ligne {numero} : sexe « {sexe} » inconnu (F, H ou vide)")
        personnes.append(
            PersonneTiree(tirage=tirage, source=source.strip(), nom=nom, prenom=prenom, adresse=adresse,
                          sexe=sexe.upper(), secteur=secteur)
        )  # fmt: skip
    if erreurs:
        raise ValidationError({"contenu": "Rien n'a été importé. " + " ; ".join(erreurs) + "."})
    PersonneTiree.objects.bulk_create(personnes)
    return len(personnes)


def graine_nouvelle() -> str:
    """A seed nobody can predict, drawn at the meeting when the witnesses bring none."""
    return secrets.token_hex(16)


@transaction.atomic
def tirage_effectuer(*, tirage: TirageAuSort, graine: str, by) -> list[PersonneTiree]:
    """Rank the list with the seed (conseil_citoyen/verification_tirage.py) and keep the first `nombre`."""
    tirage = TirageAuSort.objects.select_for_update().get(pk=tirage.pk)
    _modifiable(tirage)
    graine = graine.strip()
    if not graine:
        raise ValidationError({"graine": "Indiquez la graine tirée en séance, ou laissez l'application la tirer."})
    if not tirage.temoins.exists():
        raise ValidationError("Enregistrez les témoins présents avant de tirer au sort.")
    personnes = list(tirage.personnes.all())
    if tirage.sexe:
        personnes = [p for p in personnes if p.sexe == tirage.sexe]
    par_ligne = {}
    for personne in personnes:
        ligne = _ligne(personne)
        if ligne in par_ligne:
            raise ValidationError(f"La liste contient deux fois la même personne : {ligne}. Retirez le doublon.")
        par_ligne[ligne] = personne
    if not par_ligne:
        raise ValidationError("La liste est vide.")
    tires = []
    for rang, ligne in enumerate(classement(par_ligne, graine)[: tirage.nombre], start=1):
        personne = par_ligne[ligne]
        personne.rang = rang
        tires.append(personne)
    PersonneTiree.objects.bulk_update(tires, ["rang"])
    tirage.graine = graine
    tirage.empreinte_liste = empreinte_liste(par_ligne)
    tirage.effectue_le = timezone.now()
    tirage.effectue_par = by
    tirage._history_user = by
    tirage.save(update_fields=["graine", "empreinte_liste", "effectue_le", "effectue_par"])
    return tires


def reponse_enregistrer(*, personne: PersonneTiree, reponse: str, le) -> PersonneTiree:
    if personne.rang is None:
        raise ValidationError("Cette personne n'a pas été tirée au sort.")
    if reponse not in Reponse.values:
        raise ValidationError({"reponse": "Réponse inconnue."})
    personne.reponse, personne.reponse_le = reponse, le
    personne.save(update_fields=["reponse", "reponse_le"])
    return personne


@dataclass(frozen=True)
class Selection:
    retenus: list[PersonneTiree]
    liste_complementaire: list[PersonneTiree]


def selection(*, tirage: TirageAuSort) -> Selection:
    """The first `tirage_retenus` people who accepted, in rank order, join; the others who accepted form the
    liste complémentaire, in rank order (people still without an answer may join it later). Volunteers applied:
    everyone a draw among them ranked joins (the draw was sized to the seats of their sex)."""
    classes = tirage.personnes.filter(rang__isnull=False).order_by("rang")
    if tirage.type == TypeTirage.VOLONTAIRES:
        return Selection(retenus=list(classes), liste_complementaire=[])
    acceptes = list(classes.filter(reponse=Reponse.ACCEPTE))
    places = tirage.conseil.tirage_retenus
    return Selection(retenus=acceptes[:places], liste_complementaire=acceptes[places:])


def _college_habitants(conseil) -> College:
    return conseil.colleges.get(type=TypeCollege.HABITANTS)


def _nouveau_membre(personne: PersonneTiree, *, debut, mode) -> Membre:
    conseil = personne.tirage.conseil
    membre = Membre(
        conseil=conseil,
        college=_college_habitants(conseil),
        nom=personne.nom,
        prenom=personne.prenom,
        sexe=personne.sexe,
        secteur=personne.secteur,
        reside_qpv=True,  # the source lists are those of the quartier prioritaire
        mode=mode,
        debut_mandat=debut,
        fin_mandat=fin_de_mandat_au_plus_tard(debut, conseil.mandat_mois),
        personne_tiree=personne,
    )
    membre.full_clean()
    membre.save()
    return membre


@transaction.atomic
def retenus_installer(*, tirage: TirageAuSort, debut) -> list[Membre]:
    """Make members of the people the selection retains (those not members yet)."""
    mode = ModeDesignation.TIRE_AU_SORT if tirage.type == TypeTirage.HABITANTS else ModeDesignation.VOLONTAIRE
    return [
        _nouveau_membre(personne, debut=debut, mode=mode)
        for personne in selection(tirage=tirage).retenus
        if not hasattr(personne, "membre")
    ]


@transaction.atomic
def membre_quitter(*, membre: Membre, statut: str, le) -> Membre | None:
    """A member resigns, is resigned d'office or not renewed; a drawn member is replaced by the first person of
    the liste complémentaire. Returns the replacement, or None when the list is exhausted (a new draw is due)."""
    if statut not in (StatutMembre.DEMISSIONNAIRE, StatutMembre.DEMISSION_OFFICE, StatutMembre.NON_RENOUVELE):
        raise ValidationError({"statut": "Choisissez démission, démission d'office ou non-renouvellement."})
    membre.statut, membre.statut_le = statut, le
    membre.save(update_fields=["statut", "statut_le"])
    if membre.mode != ModeDesignation.TIRE_AU_SORT or membre.personne_tiree is None:
        return None
    suivant = next(
        (p for p in selection(tirage=membre.personne_tiree.tirage).liste_complementaire if not hasattr(p, "membre")),
        None,
    )
    return _nouveau_membre(suivant, debut=le, mode=ModeDesignation.TIRE_AU_SORT) if suivant else None


def nouveau_tirage_necessaire(*, conseil, aujourd_hui) -> str:
    """Why a new draw is due (empty when it is not): the liste complémentaire is exhausted, or three years."""
    dernier = conseil.tirages.filter(type=TypeTirage.HABITANTS, effectue_le__isnull=False).order_by("-date").first()
    if dernier is None:
        return "Aucun tirage au sort n'a encore eu lieu."
    if aujourd_hui >= fin_de_mandat_au_plus_tard(dernier.date, 12 * conseil.annees_avant_nouveau_tirage):
        return f"Le dernier tirage date de plus de {conseil.annees_avant_nouveau_tirage} ans."
    reste = [p for p in selection(tirage=dernier).liste_complementaire if not hasattr(p, "membre")]
    sans_reponse = dernier.personnes.filter(rang__isnull=False, reponse="").exists()
    if not reste and not sans_reponse:
        return "La liste complémentaire est épuisée."
    return ""


def volontaires_a_retenir(*, conseil) -> dict[str, int]:
    """Volunteers' seats of the collège habitants per sex: 6 by default, plus the drawn seats left empty, shared
    out to restore parity with the members already seated."""
    college = _college_habitants(conseil)
    actifs = list(college.membres.filter(statut=StatutMembre.ACTIF).values_list("mode", "sexe"))
    tires = sum(1 for mode, _ in actifs if mode == ModeDesignation.TIRE_AU_SORT)
    volontaires = sum(1 for mode, _ in actifs if mode == ModeDesignation.VOLONTAIRE)
    sieges = max(0, conseil.volontaires_sieges - volontaires) + max(0, conseil.tirage_retenus - tires)
    sieges = min(sieges, college.sieges - len(actifs))
    return volontaires_par_sexe(
        sieges=sieges,
        femmes_deja=sum(1 for _, sexe in actifs if sexe == Sexe.FEMME),
        hommes_deja=sum(1 for _, sexe in actifs if sexe == Sexe.HOMME),
    )


def mandat_renouveler(*, membre: Membre) -> Membre:
    """Renew a mandate for the same length, within the number of renewals the conseil allows."""
    conseil = membre.conseil
    membre.debut_mandat = membre.fin_mandat
    membre.fin_mandat = fin_de_mandat_au_plus_tard(membre.debut_mandat, conseil.mandat_mois)
    membre.renouvellements += 1
    membre.full_clean()  # more renewals than allowed: a French message on `renouvellements`
    membre.save(update_fields=["debut_mandat", "fin_mandat", "renouvellements"])
    return membre


@transaction.atomic
def tirage_purger(*, tirage: TirageAuSort) -> int:
    """Delete the personal data of the source list once the draw is over, except the people who answered."""
    tirage = TirageAuSort.objects.select_for_update().get(pk=tirage.pk)
    if not tirage.effectue_le:
        raise ValidationError("Le tirage n'a pas eu lieu : la liste est encore nécessaire.")
    supprimees, _ = tirage.personnes.exclude(reponse__in=[Reponse.ACCEPTE, Reponse.REFUSE]).delete()
    tirage.purge_le = timezone.now()
    tirage.save(update_fields=["purge_le"])
    return supprimees
