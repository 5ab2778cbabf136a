"""The COPIL's documents as PDF (WeasyPrint): programmation, procès-verbal, decision letters.

Each renderer takes the data from its selector (or reads it) and returns bytes; the jobs that store the files
and report progress are in projets/services/travaux.py.
"""

import contextlib
import gc
import io
import zipfile
from collections.abc import Callable, Iterator

from django.template.loader import render_to_string

from projets.models import Campagne, Seance
from projets.selectors_lettres import LettreDecision, lettres_de_seance
from projets.selectors_proces_verbal import ProcesVerbal, proces_verbal_de_seance
from projets.selectors_programmation import Programmation, programmation_campagne

# Tagged PDF (structure tree, language, title) for screen readers: PDF/UA-1 as WeasyPrint produces it.
PDF_VARIANT = "pdf/ua-1"

Avancement = Callable[[int, str], None]


def _references_des_pages(pdf) -> tuple:
    """pydyf rebuilds the tuple of every page reference at each call, and WeasyPrint's PDF/UA tagging calls it
    once per tagged box: quadratic in the pages (about 1.5 s for the programmation of 1 000 dossiers). The
    tuple is kept until a page is added."""
    enfants = pdf.pages["Kids"]
    cache = pdf.__dict__.get("_references_des_pages")
    if cache is None or len(cache) * 3 != len(enfants):
        cache = tuple(f"{numero} 0 R".encode("ascii") for numero in enfants[::3])
        pdf.__dict__["_references_des_pages"] = cache
    return cache


@contextlib.contextmanager
def _ramasse_miettes_espace() -> Iterator[None]:
    """WeasyPrint makes millions of small objects: at Python's default thresholds the cyclic garbage collector
    runs thousands of times and walks them all (about a third of the CPU of a 1 000-dossier programmation).
    Rarer collections while rendering keep most of that time, for a few dozen MB more at the peak."""
    seuils = gc.get_threshold()
    gc.set_threshold(20_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*seuils)


def _accelerer_pydyf() -> None:
    import pydyf

    if isinstance(getattr(pydyf.PDF, "page_references", None), property):
        pydyf.PDF.page_references = property(_references_des_pages)


def _sans_avancement(progression: int, etape: str) -> None:
    return None


def pdf_depuis_gabarit(gabarit: str, contexte: dict, *, avancer: Avancement = _sans_avancement) -> bytes:
    from contratville.pdf import mettre_en_page  # imported on use: loading Pango costs time at every start

    _accelerer_pydyf()
    html = render_to_string(gabarit, contexte)
    avancer(30, "Mise en page")
    with _ramasse_miettes_espace():
        document = mettre_en_page(html, pdf_variant=PDF_VARIANT)
        avancer(80, f"Écriture du PDF ({len(document.pages)} pages)")
        return document.write_pdf(pdf_variant=PDF_VARIANT)


def programmation_pdf(
    *,
    campagne: Campagne,
    programmation: Programmation | None = None,
    empreinte: str = "",
    avancer: Avancement = _sans_avancement,
) -> bytes:
    programmation = programmation or programmation_campagne(campagne=campagne)
    contexte = {"p": programmation, "contrat": programmation.contrat, "empreinte": empreinte}
    return pdf_depuis_gabarit("projets/pdf/programmation.html", contexte, avancer=avancer)


def proces_verbal_pdf(
    *,
    seance: Seance,
    proces_verbal: ProcesVerbal | None = None,
    empreinte: str = "",
    avancer: Avancement = _sans_avancement,
) -> bytes:
    pv = proces_verbal or proces_verbal_de_seance(seance=seance)
    contexte = {"pv": pv, "contrat": pv.contrat, "empreinte": empreinte}
    return pdf_depuis_gabarit("projets/pdf/proces_verbal.html", contexte, avancer=avancer)


def lettre_decision_pdf(*, seance: Seance, porteur=None, lettre: LettreDecision | None = None) -> bytes:
    """One porteur's letter: give the porteur (its letter is read) or the letter already read."""
    if lettre is None:
        lettre = next((x for x in lettres_de_seance(seance=seance) if x.porteur_id == porteur.pk), None)
        if lettre is None:
            raise LookupError(f"Aucune décision de la séance {seance} ne concerne {porteur}.")
    return pdf_depuis_gabarit("projets/pdf/lettre_decision.html", {"l": lettre, "contrat": lettre.contrat})


def nom_lettre(lettre: LettreDecision) -> str:
    """Name of a letter inside the job's zip; the porteur's id comes first so that its space finds it."""
    return f"lettre-{lettre.porteur_id}.pdf"


def lettres_zip(lettres: list[LettreDecision], *, avancer: Avancement = _sans_avancement) -> bytes:
    """Every letter of a séance in one zip (PDF are already compressed: stored as they are)."""
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", compression=zipfile.ZIP_STORED) as archive:
        for rang, lettre in enumerate(lettres, start=1):
            avancer(
                5 + 90 * (rang - 1) // max(len(lettres), 1), f"Lettre {rang} sur {len(lettres)} : {lettre.porteur}"
            )
            archive.writestr(nom_lettre(lettre), lettre_decision_pdf(seance=None, lettre=lettre))
    return tampon.getvalue()


def lettre_du_zip(contenu_zip, porteur_id: int) -> bytes | None:
    """A porteur's letter read back from a job's zip (a file object or bytes); None if it has none there."""
    with zipfile.ZipFile(contenu_zip if hasattr(contenu_zip, "read") else io.BytesIO(contenu_zip)) as archive:
        try:
            return archive.read(f"lettre-{porteur_id}.pdf")
        except KeyError:
            return None
