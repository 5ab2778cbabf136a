"""The convention as PDF, drawn from its data with the COPIL documents' layout (projets/templates/pdf)."""

from django.core.files.base import ContentFile
from django.utils import timezone

from projets.services.documents import pdf_depuis_gabarit
from suivi.models import Convention
from suivi.selectors_documents import convention_contenu


def convention_pdf(*, convention: Convention) -> bytes:
    contenu = convention_contenu(convention=convention)
    return pdf_depuis_gabarit("suivi/pdf/convention.html", {"c": contenu, "contrat": contenu.contrat})


def convention_store_pdf(*, convention: Convention) -> str:
    """Render and store the convention's PDF (replacing the previous one); returns the stored name."""
    ancien = convention.fichier.name if convention.fichier else None
    convention.fichier.save(
        f"convention-{convention.numero}-{timezone.now():%Y%m%d%H%M%S}.pdf",
        ContentFile(convention_pdf(convention=convention)),
        save=False,
    )
    Convention.objects.filter(pk=convention.pk).update(fichier=convention.fichier.name)
    if ancien and ancien != convention.fichier.name:
        convention.fichier.storage.delete(ancien)
    return convention.fichier.name
