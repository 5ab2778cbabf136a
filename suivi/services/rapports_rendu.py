"""The reports as files: PDF (WeasyPrint, the COPIL documents' layout), XLSX (openpyxl: amounts as numbers in a
euro format, totals as values so that any reader sees them) and CSV (« ; », comma decimals and a BOM, for
French spreadsheets). They take the data read by the selectors and read no database. Every cell goes through
contratville.tableur, so that no text becomes a formula."""

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from contratville import tableur
from projets.services.documents import Avancement, pdf_depuis_gabarit
from suivi.enums import FormatRapport, TypeRapport

FORMAT_EUROS = '#,##0.00 "€"'
GRAS = Font(bold=True)


def _sans_avancement(progression: int, etape: str) -> None:
    return None


def rendre(*, type: str, format: str, donnees, avancer: Avancement = _sans_avancement) -> bytes:
    if format == FormatRapport.PDF:
        return pdf_depuis_gabarit(
            f"suivi/pdf/{type}.html", {"r": donnees, "contrat": donnees.contrat}, avancer=avancer
        )
    if format == FormatRapport.CSV:
        return actions_etat_csv(donnees)
    return XLSX[type](donnees)


# XLSX.


class Feuille:
    """A sheet written row by row: a bold header, amounts in euros, sensible widths."""

    def __init__(self, classeur: Workbook, titre: str, entetes: list[str]):
        self.feuille = classeur.create_sheet(titre[:31])
        self.feuille.append([tableur.cellule(e) for e in entetes])
        for cellule in self.feuille[1]:
            cellule.font = GRAS
        self.feuille.freeze_panes = "A2"
        self.largeurs = [len(e) for e in entetes]

    def ligne(self, valeurs: list, *, gras: bool = False) -> None:
        self.feuille.append([float(v) if isinstance(v, Decimal) else tableur.cellule(v) for v in valeurs])
        for rang, (cellule, valeur) in enumerate(zip(self.feuille[self.feuille.max_row], valeurs, strict=False)):
            if isinstance(valeur, Decimal):
                cellule.number_format = FORMAT_EUROS
            if gras:
                cellule.font = GRAS
            self.largeurs[rang] = max(self.largeurs[rang], min(len(str(valeur or "")), 60))

    def fermer(self) -> None:
        for rang, largeur in enumerate(self.largeurs, start=1):
            self.feuille.column_dimensions[get_column_letter(rang)].width = largeur + 3


def _classeur() -> Workbook:
    classeur = Workbook()
    classeur.remove(classeur.active)
    return classeur


def _octets(classeur: Workbook) -> bytes:
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def etat_annexe_xlsx(r) -> bytes:
    classeur = _classeur()
    f = Feuille(classeur, "Par financeur", ["Nature des crédits", "Financeur", "Actions", "Demandé", "Voté", "Versé"])
    for groupe in r.natures:
        for ligne in groupe.financeurs:
            m = ligne.montants
            f.ligne([groupe.libelle, ligne.financeur, ligne.actions, m.demande, m.vote, m.verse])
        t = groupe.total
        f.ligne([f"Sous-total {groupe.libelle}", "", "", t.demande, t.vote, t.verse], gras=True)
    f.ligne(["Total général", "", r.nombre_actions, r.total.demande, r.total.vote, r.total.verse], gras=True)
    f.fermer()
    libelles = [libelle for _, libelle in r.natures_libelles]
    f = Feuille(classeur, "Par action", ["Numéro", "Structure", "Action", *[f"Voté – {x}" for x in libelles], "Total"])
    for action in r.actions:
        f.ligne([action.numero, action.porteur, action.intitule,
                 *[action.par_nature[n] for n, _ in r.natures_libelles], action.total])  # fmt: skip
    f.ligne(["Total", "", "", *[g.total.vote for g in r.natures], r.total.vote], gras=True)
    f.fermer()
    return _octets(classeur)


def _indicateurs_texte(indicateurs) -> str:
    return "\n".join(
        f"{i.libelle} : {_nombre(i.valeur)} / cible {_nombre(i.cible)}{' ' + i.unite if i.unite else ''}"
        for i in indicateurs
    )


def _droit_commun_texte(droit_commun) -> str:
    return "\n".join(f"{nom} : {montant:.2f} €".replace(".", ",") for nom, montant in droit_commun)


def _nombre(valeur) -> str:
    if valeur is None:
        return "—"
    return f"{valeur:n}".replace(".", ",") if valeur != int(valeur) else str(int(valeur))


def objectifs_xlsx(r) -> bytes:
    classeur = _classeur()
    f = Feuille(
        classeur,
        f"Objectifs {r.annee}",
        [
            "Enjeu", "Axe", "Objectif opérationnel", "Référent", "Analyse", "Institution porteuse",
            "Droit commun et ressources mobilisables", "Définition de l'action politique de la ville",
            "Crédits spécifiques votés", "Total voté", "Indicateurs de suivi",
        ],
    )  # fmt: skip
    for enjeu in r.enjeux:
        for axe in enjeu.axes:
            for objectif in axe.objectifs:
                libelle = f"{axe.code}.{objectif.numero} {objectif.libelle}" if objectif.numero else objectif.libelle
                tete = [f"{enjeu.numero}. {enjeu.titre}", f"{axe.code} {axe.titre}", libelle, objectif.referent,
                        objectif.analyse]  # fmt: skip
                if not objectif.actions:
                    f.ligne([*tete, "", "", "", None, None, _indicateurs_texte(objectif.indicateurs)])
                for action in objectif.actions:
                    f.ligne([
                        *tete, action.porteur,
                        _droit_commun_texte(action.droit_commun),
                        f"{action.numero} {action.intitule}", action.specifiques, action.total,
                        _indicateurs_texte(objectif.indicateurs + action.indicateurs),
                    ])  # fmt: skip
    for action in r.sans_axe:
        f.ligne(["", "", "Actions sans axe", "", "", action.porteur, "", f"{action.numero} {action.intitule}",
                 action.specifiques, action.total, ""])  # fmt: skip
    f.ligne(["Total", "", "", "", "", "", "", "", None, r.total, ""], gras=True)
    f.fermer()
    return _octets(classeur)


def bilan_annuel_xlsx(r) -> bytes:
    classeur = _classeur()
    f = Feuille(classeur, "Actions", ["Numéro", "Structure", "Action", "Statut", "Voté", "Versé", "Bilan",
                                      "Femmes", "Hommes", "Q6 : impact sur les inégalités"])  # fmt: skip
    for a in r.actions:
        f.ligne([a.numero, a.porteur, a.intitule, a.statut, a.vote, a.verse, a.bilan, a.femmes, a.hommes, a.q6])
    f.ligne(["Total", "", f"{r.nombre_actions} actions", "", r.montants.vote, r.montants.verse, "",
             r.publics.femmes, r.publics.hommes, ""], gras=True)  # fmt: skip
    f.fermer()
    f = Feuille(classeur, "Par financeur", ["Financeur", "Actions", "Demandé", "Voté", "Versé", "Reste à verser"])
    for ligne in r.par_financeur:
        m = ligne.montants
        f.ligne([ligne.financeur, ligne.actions, m.demande, m.vote, m.verse, m.reste])
    m = r.montants
    f.ligne(["Total", r.nombre_actions, m.demande, m.vote, m.verse, m.reste], gras=True)
    f.fermer()
    f = Feuille(classeur, "Publics", ["Public touché (bilans déposés)", "Personnes"])
    p = r.publics
    sexes = [("Femmes et filles", p.femmes), ("Hommes et garçons", p.hommes)]
    for libelle, nombre in [*sexes, *p.ages, *p.quartiers, ("Hors quartiers", p.hors_quartiers)]:
        f.ligne([libelle, nombre])
    f.fermer()
    f = Feuille(classeur, "Égalité femmes-hommes", ["Question", "Réponse", "Actions"])
    for q in r.egalite:
        for choix, nombre in q.reponses.items():
            f.ligne([f"Q{q.numero}. {q.texte}", choix, nombre])
        f.ligne([f"Q{q.numero}. {q.texte}", "sans réponse", q.sans_reponse])
    f.fermer()
    f = Feuille(classeur, "Indicateurs", ["Indicateur", "Rattachement", "Unité", "Cible", "Valeur", "Atteinte (%)"])
    for i in r.indicateurs:
        f.ligne([i.libelle, i.rattachement, i.unite, i.cible, i.valeur, i.taux])
    f.fermer()
    return _octets(classeur)


def _colonnes_etat(r) -> list[str]:
    colonnes = ["Année", "Numéro", "Structure porteuse", "SIRET", "Intitulé de l'action", "Quartiers",
                "Codes QPV", "Enjeu", "Axe stratégique", "Début", "Fin", "Statut"]  # fmt: skip
    for nom in r.financeurs:
        colonnes += [f"{nom} – demandé", f"{nom} – voté", f"{nom} – versé"]
    return colonnes + ["Total demandé", "Total voté", "Total versé"]


def _lignes_etat(r):
    for a in r.actions:
        montants = []
        for nom in r.financeurs:
            m = a.par_financeur[nom]
            montants += [m.demande, m.vote, m.verse]
        yield [a.annee, a.numero, a.porteur, a.siret, a.intitule, a.quartiers, a.codes_qpv, a.enjeu, a.axe, a.debut,
               a.fin, a.statut, *montants, a.total.demande, a.total.vote, a.total.verse]  # fmt: skip


def actions_etat_csv(r) -> bytes:
    colonnes = _colonnes_etat(r)
    return tableur.en_csv(colonnes, (dict(zip(colonnes, ligne, strict=True)) for ligne in _lignes_etat(r)))


def actions_etat_xlsx(r) -> bytes:
    classeur = _classeur()
    f = Feuille(classeur, f"Actions {r.annee}", _colonnes_etat(r))
    for ligne in _lignes_etat(r):
        f.ligne(ligne)
    f.fermer()
    return _octets(classeur)


def conventionnees_xlsx(r) -> bytes:
    classeur = _classeur()
    entetes = ["Numéro", "Structure", "SIRET", "Type", "Période", "Signée le", "Actions", "Financeur",
               "Montant de l'année"]  # fmt: skip
    f = Feuille(classeur, f"Conventions {r.annee}", entetes)
    for c in r.conventions:
        for financeur, montant in c.montants or [("", None)]:
            f.ligne([c.numero, c.porteur, c.siret, c.type, c.periode, c.signee_le, c.actions, financeur, montant])
    f.ligne(["Total", f"{r.nombre_structures} structures", "", "", "", "", "", "", r.total], gras=True)
    f.fermer()
    return _octets(classeur)


XLSX = {
    TypeRapport.ETAT_ANNEXE: etat_annexe_xlsx,
    TypeRapport.OBJECTIFS: objectifs_xlsx,
    TypeRapport.BILAN_ANNUEL: bilan_annuel_xlsx,
    TypeRapport.ACTIONS_ETAT: actions_etat_xlsx,
    TypeRapport.CONVENTIONNEES: conventionnees_xlsx,
}
