"""The documents of the tirage au sort: its procès-verbal (seed, list fingerprint, witnesses, ranking) and the
invitation letters co-signed by the Maire and the Préfet, one page per person drawn."""

from collections import Counter

from conseil_citoyen.models import TirageAuSort
from projets.services.documents import pdf_depuis_gabarit


def _contexte(tirage: TirageAuSort) -> dict:
    conseil = tirage.conseil
    return {
        "tirage": tirage,
        "conseil": conseil,
        "contrat": conseil.contrat,
        "tires": list(tirage.personnes.filter(rang__isnull=False).order_by("rang")),
    }


def proces_verbal_tirage_pdf(*, tirage: TirageAuSort) -> bytes:
    personnes = tirage.personnes.all()
    if tirage.sexe:
        personnes = personnes.filter(sexe=tirage.sexe)
    contexte = _contexte(tirage) | {
        "temoins": list(tirage.temoins.all()),
        "sources": sorted(Counter(personnes.values_list("source", flat=True)).items()),
        "nombre_liste": personnes.count(),
    }
    return pdf_depuis_gabarit("conseil_citoyen/pdf/proces_verbal_tirage.html", contexte)


def lettres_invitation_pdf(*, tirage: TirageAuSort) -> bytes:
    return pdf_depuis_gabarit("conseil_citoyen/pdf/lettres_invitation.html", _contexte(tirage))
