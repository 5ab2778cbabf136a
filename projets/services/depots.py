"""Submissions frozen as JSON, their fingerprint, the récépissé PDF (WeasyPrint) and its e-mail."""

import hashlib
import json
import logging
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from contratville.outbox import envoyer_apres_commit
from projets.enums import COMPTES_PRODUITS, CompteBudget, TypeDocument
from projets.models import Depot, Dossier
from projets.rules import TotauxBudget, budget_totaux
from projets.selectors import documents_courants

logger = logging.getLogger(__name__)

CHAMPS_PORTEUR = [
    "raison_sociale", "sigle", "siret", "rna", "adresse", "code_postal", "commune", "email", "telephone", "site_web",
    "annee_creation", "objet_social", "representant_nom", "representant_qualite", "representant_email",
    "representant_telephone", "responsable_nom", "responsable_fonction", "responsable_email", "responsable_telephone",
    "agrements", "utilite_publique", "affiliations", "nombre_adherents", "nombre_benevoles", "nombre_volontaires",
    "nombre_salaries", "salaries_etpt", "budget_annuel", "budget_annuel_exercice",
]  # fmt: skip
CHAMPS_ACTION = [
    "intitule", "objectifs", "description", "date_debut", "date_fin", "lieux", "moyens_humains", "moyens_materiels",
    "partenaires", "evaluation",
]  # fmt: skip


def _plain(value):
    """JSON-friendly: Decimal and dates as strings, so that the snapshot reads back exactly as submitted."""
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value) if not hasattr(value, "isoformat") else value.isoformat()


def dossier_snapshot(*, dossier: Dossier) -> dict:
    porteur = dossier.porteur
    lignes = list(dossier.lignes_budget.all())
    courants = {t: d for t, d in documents_courants(porteur=porteur).items() if d is not None}
    return {
        "numero": dossier.numero,
        "campagne": {"annee": dossier.campagne.annee, "libelle": dossier.campagne.libelle},
        "porteur": {
            **{name: _plain(getattr(porteur, name)) for name in CHAMPS_PORTEUR},
            "forme_juridique": porteur.get_forme_juridique_display(),
        },
        "action": {name: _plain(getattr(dossier, name)) for name in CHAMPS_ACTION},
        "public": {
            "public_cible": dossier.public_cible,
            "public_nombre": dossier.public_nombre,
            "age_min": dossier.age_min,
            "age_max": dossier.age_max,
            "quartiers": [q.nom for q in dossier.quartiers.order_by("nom")],
        },
        "orientations": {
            "axes": [f"{a.code} {a.titre}" for a in dossier.axes.select_related("enjeu")],
            "objectifs_operationnels": [str(o) for o in dossier.objectifs_operationnels.select_related("axe__enjeu")],
            "priorites_operationnelles": [p.libelle for p in dossier.priorites_operationnelles.all()],
            "priorites_transversales": [p.libelle for p in dossier.priorites_transversales.all()],
        },
        "egalite": [
            {"numero": r.question.numero, "question": r.question.texte, "reponse": r.choix, "precisions": r.precisions}
            for r in dossier.reponses_egalite.select_related("question").order_by("question__numero")
        ],
        "budget": {
            "charges": [_ligne(ligne) for ligne in lignes if ligne.compte not in COMPTES_PRODUITS],
            "produits": [_ligne(ligne) for ligne in lignes if ligne.compte in COMPTES_PRODUITS],
            "subventions": [
                {"financeur": f.financeur.nom, "nature": f.get_nature_display(), "montant": _plain(f.montant_demande)}
                for f in dossier.lignes_financement.select_related("financeur")
            ],
        },
        "documents": [
            {
                "type": TypeDocument(d.type).label,
                "date": _plain(d.date_document),
                "nom": d.nom_original,
                "sha256": d.sha256,
            }
            for d in courants.values()
        ],
        "pieces": [
            {"libelle": p.libelle, "nom": p.nom_original, "taille": p.taille, "sha256": p.sha256}
            for p in dossier.pieces_jointes.all()
        ],
        "attestation": {
            "signataire_nom": dossier.signataire_nom,
            "signataire_qualite": dossier.signataire_qualite,
            "montant_atteste": _plain(dossier.montant_atteste),
            "declaration_sur_l_honneur": dossier.attestation_honneur,
        },
    }


def _ligne(ligne) -> dict:
    return {"compte": ligne.compte, "libelle": CompteBudget(ligne.compte).label, "montant": _plain(ligne.montant)}


def fingerprint(contenu: dict) -> str:
    canonical = json.dumps(contenu, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def depot_create(*, dossier: Dossier, by, moment) -> Depot:
    contenu = dossier_snapshot(dossier=dossier)
    contenu["depose_le"] = moment.isoformat()
    contenu["depose_par"] = {"nom": by.get_full_name(), "email": by.email}
    depot = Depot.objects.create(
        dossier=dossier,
        version=dossier.depots.count() + 1,
        depose_le=moment,
        depose_par=by,
        contenu=contenu,
        empreinte=fingerprint(contenu),
    )
    from projets.tasks import send_recepisse

    envoyer_apres_commit(send_recepisse, depot.pk)  # kept in the outbox if Redis is down
    return depot


def totaux_du_contenu(contenu: dict) -> TotauxBudget:
    budget = contenu["budget"]
    return budget_totaux(
        comptes=[(ligne["compte"], Decimal(ligne["montant"])) for ligne in budget["charges"] + budget["produits"]],
        subventions=[Decimal(s["montant"]) for s in budget["subventions"]],
    )


def depot_recepisse_pdf(*, depot: Depot) -> bytes:
    from contratville.pdf import rendre_pdf  # imported on use: loading Pango costs time at every start

    context = {"depot": depot, "c": depot.contenu, "totaux": totaux_du_contenu(depot.contenu)}
    html = render_to_string("projets/pdf/recepisse.html", context)
    return rendre_pdf(html)


def depot_ensure_recepisse(*, depot: Depot) -> Depot:
    """Render the récépissé once (the file then never changes); safe to call again."""
    if not depot.recepisse:
        pdf = depot_recepisse_pdf(depot=depot)
        depot.recepisse.save(f"recepisse-{depot.dossier.numero}-v{depot.version}.pdf", ContentFile(pdf), save=False)
        Depot.objects.filter(pk=depot.pk, recepisse="").update(recepisse=depot.recepisse.name)
    return depot


def depot_send_recepisse(*, depot: Depot) -> None:
    depot_ensure_recepisse(depot=depot)
    porteur_email = depot.contenu["porteur"].get("email")
    destinataires = sorted({depot.depose_par.email, *([porteur_email] if porteur_email else [])})
    message = EmailMessage(
        subject=f"Dossier {depot.dossier.numero} déposé : votre récépissé",
        body=render_to_string("projets/emails/recepisse.txt", {"depot": depot, "c": depot.contenu}),
        to=destinataires,
    )
    with depot.recepisse.open("rb") as pdf:
        message.attach(f"recepisse-{depot.dossier.numero}.pdf", pdf.read(), "application/pdf")
    message.send()
    logger.info("Récépissé %s envoyé à %s", depot.dossier.numero, ", ".join(destinataires))
