"""A PDF's active content (scripts, program launches, embedded files, automatic actions) is found by parsing the
file with pypdf: escaped names (/J#61vaScript is /JavaScript) and compressed object streams hide nothing. A PDF
that cannot be parsed is refused with a French message; ordinary PDFs pass."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from weasyprint import HTML

from projets.factories import PDF_MINIMAL
from projets.uploads import validate_upload

CATALOGUE = b"<</Type/Catalog/Pages 2 0 R%s>>"
PAGES = b"<</Type/Pages/Kids[3 0 R]/Count 1>>"
PAGE = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]%s>>"


def _pdf(objets: dict[int, bytes], compresses: dict[int, bytes] | None = None) -> bytes:
    """A well-formed PDF 1.5 written by hand: `objets` in the file, `compresses` inside one Flate-compressed
    object stream, found through a cross-reference stream (what a byte search cannot read)."""
    compresses = compresses or {}
    objets = dict(objets)
    flux = max([*objets, *compresses]) + 1
    if compresses:
        corps, entetes = b"", []
        for numero, contenu in compresses.items():
            entetes.append(b"%d %d" % (numero, len(corps)))
            corps += contenu + b"\n"
        entete = b" ".join(entetes)
        donnees = zlib.compress(entete + b"\n" + corps)
        objets[flux] = b"<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>stream\n%s\nendstream" % (
            len(compresses),
            len(entete) + 1,
            len(donnees),
            donnees,
        )
    sortie, positions = b"%PDF-1.5\n", {}
    for numero, contenu in sorted(objets.items()):
        positions[numero] = len(sortie)
        sortie += b"%d 0 obj\n%s\nendobj\n" % (numero, contenu)
    xref = flux + 1
    positions[xref] = len(sortie)
    lignes = b""
    for numero in range(xref + 1):
        if numero in positions:
            lignes += b"\x01" + positions[numero].to_bytes(4, "big") + b"\x00\x00"
        elif numero in compresses:
            lignes += b"\x02" + flux.to_bytes(4, "big") + list(compresses).index(numero).to_bytes(2, "big")
        else:
            lignes += b"\x00" + b"\x00\x00\x00\x00" + b"\xff\xff"
    sortie += b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root 1 0 R/Length %d>>stream\n%s\nendstream\nendobj\n" % (
        xref,
        xref + 1,
        len(lignes),
        lignes,
    )
    return sortie + b"startxref\n%d\n%%%%EOF\n" % positions[xref]


def _document(catalogue: bytes = b"", page: bytes = b"", autres: dict[int, bytes] | None = None, **options) -> bytes:
    objets = {1: CATALOGUE % catalogue, 2: PAGES, 3: PAGE % page} | (autres or {})
    return _pdf(objets, **options)


def _refus(contenu: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as refus:
        validate_upload(SimpleUploadedFile("statuts.pdf", contenu))
    return refus.value


PDF_ACTIFS = {
    "JavaScript au nom échappé à l'ouverture": _document(b"/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>"),
    "lancement d'un programme au nom échappé": _document(b"/OpenAction<</S/L#61unch/F(cmd.exe)>>"),
    "JavaScript dans un flux d'objets compressé": _document(
        b"/OpenAction 4 0 R", compresses={4: b"<</S/JavaScript/JS(app.alert(1))>>"}
    ),
    "fichier joint": _document(
        b"/Names<</E#6dbeddedFiles<</Names[(facture.exe)4 0 R]>>>>",
        autres={
            4: b"<</Type/Filespec/F(facture.exe)/E#46<</F 5 0 R>>>>",
            5: b"<</Type/E#6dbeddedFile/Length 2>>stream\nMZ\nendstream",
        },
    ),
    "action automatique à l'affichage de la page": _document(page=b"/AA<</O<</S/SubmitForm/F(https://x.test)>>>>"),
    "script dans un champ de formulaire": _document(
        b"/AcroForm<</Fields[4 0 R]>>",
        page=b"/Annots[4 0 R]",
        autres={4: b"<</Type/Annot/Subtype/Widget/FT/Tx/T(nom)/Rect[0 0 9 9]/A<</S/J#61vaScript/J#53(1)>>>>"},
    ),
}


@pytest.mark.parametrize("cas", list(PDF_ACTIFS))
def test_active_content_is_refused_however_it_is_written(cas):
    refus = _refus(PDF_ACTIFS[cas])
    assert refus.code == "pdf_actif"
    assert "contient du code" in refus.messages[0] and "Réimprimez-le en PDF" in refus.messages[0]


@pytest.mark.parametrize(
    "contenu",
    [b"%PDF-1.4\n" + b"\x00\xff garbage " * 50, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"],
    ids=["octets quelconques", "sans table de renvois ni catalogue"],
)
def test_a_pdf_that_cannot_be_parsed_is_refused_with_a_french_message(contenu):
    refus = _refus(contenu)
    assert refus.code == "pdf_illisible"
    assert refus.messages[0].startswith("Le PDF « statuts.pdf » ne peut pas être lu")


def _pypdf(algorithm="RC4-128", **chiffrement) -> bytes:
    ecrivain = PdfWriter()
    ecrivain.add_blank_page(595, 842)
    if chiffrement:
        ecrivain.encrypt(algorithm=algorithm, **chiffrement)
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()


def test_a_pdf_that_needs_a_password_to_open_is_refused():
    assert _refus(_pypdf(user_password="secret", owner_password="secret")).code == "pdf_illisible"


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_protected_against_editing_only_is_accepted(algorithm):
    """Banks protect statements (RIB) against editing, often with AES: pypdf reads them with `cryptography`."""
    contenu = _pypdf(algorithm, user_password="", owner_password="x")
    assert validate_upload(SimpleUploadedFile("releve.pdf", contenu))


def test_ordinary_pdfs_are_accepted_links_and_compressed_objects_included():
    html = '<h1>Statuts</h1><p><a href="https://exemple.fr">site</a> <a href="#fin">fin</a></p><p id="fin">.</p>'
    for contenu in (
        PDF_MINIMAL,
        _pypdf(),
        HTML(string=html).write_pdf(),
        _document(b"/OpenAction 4 0 R", compresses={4: b"[3 0 R/Fit]"}),
    ):
        assert validate_upload(SimpleUploadedFile("statuts.pdf", contenu)).type_mime == "application/pdf"
