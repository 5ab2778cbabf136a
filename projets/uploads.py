"""Checks on every uploaded file (porteurs' documents, attachments): type by content, size, fingerprint.

The name and the content type sent by the browser are never trusted: the first bytes of the file say what it
is (the `filetype` package), and the name's extension must agree with them. The original name is kept, cleaned,
for display and download only; on disk the file gets a random name (projets/storage.py).
"""

import hashlib
import math
import pathlib
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

from projets import antivirus, pdf_actif

SNIFF_BYTES = 8192
MAX_NAME_LENGTH = 255
FORMATS_ACCEPTES = "PDF, image JPEG ou PNG, document texte ou tableur"


@dataclass(frozen=True)
class Format:
    type_mime: str
    extension: str  # canonical, without the dot
    extensions: frozenset[str]  # accepted in the uploaded name
    libelle: str  # "un PDF", "une image PNG": reads after "est" / "n'est pas"


FORMATS = [
    Format("application/pdf", "pdf", frozenset({"pdf"}), "un PDF"),
    Format("image/jpeg", "jpg", frozenset({"jpg", "jpeg"}), "une image JPEG"),
    Format("image/png", "png", frozenset({"png"}), "une image PNG"),
    Format("application/vnd.oasis.opendocument.text", "odt", frozenset({"odt"}), "un document texte ODT"),
    Format("application/vnd.oasis.opendocument.spreadsheet", "ods", frozenset({"ods"}), "un tableur ODS"),
    Format(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        frozenset({"docx"}),
        "un document Word (DOCX)",
    ),
    Format(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        frozenset({"xlsx"}),
        "un tableur Excel (XLSX)",
    ),
]
FORMATS_PAR_MIME = {f.type_mime: f for f in FORMATS} | {"image/apng": FORMATS[2]}  # an animated PNG is a PNG
FORMATS_PAR_EXTENSION = {extension: f for f in FORMATS for extension in f.extensions}
# For the `accept` attribute of file inputs: a hint to the browser's file picker, never a check.
ACCEPT = ",".join(sorted(f".{extension}" for extension in FORMATS_PAR_EXTENSION))

# Programs are refused even when their name says ".pdf": Windows (PE, "MZ"), Linux (ELF), macOS (Mach-O, fat
# binaries) and scripts ("#!"). The allow-list would refuse them too; naming them makes the message clear.
SIGNATURES_PROGRAMMES = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)


@dataclass(frozen=True)
class UploadInfo:
    type_mime: str
    extension: str
    taille: int
    sha256: str
    nom_original: str  # cleaned, for display and download only


def sanitize_filename(name: str) -> str:
    """The uploaded name without folders, control or invisible formatting characters, at most 255 characters."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    # Cc: control characters; Cf: invisible formatting, e.g. U+202E which displays "fdp.exe" as "exe.pdf".
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")).strip().strip(".")
    name = " ".join(name.split())
    if not name:
        return "fichier"
    if len(name) > MAX_NAME_LENGTH:
        suffix = pathlib.PurePosixPath(name).suffix
        suffix = suffix if len(suffix) <= 10 else ""
        name = name[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return name


def taille_lisible(octets: int, *, arrondi_superieur: bool = False) -> str:
    """Sizes as people read them ("12,3 Mo", "850 ko", "10 Mo"): French decimal comma, units of 1024."""
    for unite, facteur in (("Mo", 1024 * 1024), ("ko", 1024)):
        if octets >= facteur:
            valeur = octets / facteur
            if valeur == int(valeur):
                return f"{int(valeur)} {unite}"
            valeur = math.ceil(valeur * 10) / 10 if arrondi_superieur else round(valeur, 1)
            return f"{valeur:.1f}".replace(".", ",").removesuffix(",0") + f" {unite}"
    return f"{octets} octet{'s' if octets > 1 else ''}"


def validate_upload(uploaded_file) -> UploadInfo:
    """What the file really is, or a ValidationError in French saying why it is refused and what to do."""
    nom = sanitize_filename(getattr(uploaded_file, "name", ""))
    taille = uploaded_file.size
    if not taille:
        raise ValidationError(
            f"Le fichier « {nom} » est vide : vérifiez que vous avez choisi le bon fichier, "
            f"puis déposez-le de nouveau.",
            code="vide",
        )
    limite = settings.FILE_UPLOAD_MAX_SIZE
    if taille > limite:
        raise ValidationError(
            f"Le fichier pèse {taille_lisible(taille, arrondi_superieur=True)} ; la limite est de "
            f"{taille_lisible(limite)}. Réduisez-le (export PDF « taille réduite », images moins lourdes) ou "
            f"découpez-le en plusieurs fichiers.",
            code="trop_lourd",
        )
    uploaded_file.seek(0)
    debut = uploaded_file.read(SNIFF_BYTES)
    uploaded_file.seek(0)
    extension = _declared_extension(nom)
    sujet = f"Le fichier « {nom} » " + (
        f"n'est pas {FORMATS_PAR_EXTENSION[extension].libelle}" if extension in FORMATS_PAR_EXTENSION else "est refusé"
    )
    if debut.startswith(SIGNATURES_PROGRAMMES):
        raise ValidationError(
            f"{sujet} : c'est un programme, refusé par sécurité. Vérifiez que vous avez choisi le bon fichier "
            f"(formats acceptés : {FORMATS_ACCEPTES}).",
            code="programme",
        )
    format_detecte = _sniff(debut, uploaded_file)
    if format_detecte is None:
        raise ValidationError(
            f"{sujet} : son contenu ne correspond à aucun format accepté ({FORMATS_ACCEPTES}). Enregistrez ou "
            f"exportez le document en PDF depuis votre logiciel, puis déposez-le de nouveau.",
            code="format_refuse",
        )
    _check_extension_agrees(nom, extension, format_detecte)
    _check_contenu_actif(nom, format_detecte, uploaded_file)
    _check_antivirus(nom, uploaded_file)

    empreinte = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        empreinte.update(chunk)
    uploaded_file.seek(0)

    if not extension:
        nom = sanitize_filename(f"{nom}.{format_detecte.extension}")
    return UploadInfo(
        type_mime=format_detecte.type_mime,
        extension=format_detecte.extension,
        taille=taille,
        sha256=empreinte.hexdigest(),
        nom_original=nom,
    )


def _sniff(debut: bytes, uploaded_file) -> Format | None:
    kind = filetype.guess(debut)
    if kind is not None and kind.mime == "application/zip":
        return _sniff_zip(uploaded_file)
    return FORMATS_PAR_MIME.get(kind.mime) if kind is not None else None


def _sniff_zip(uploaded_file) -> Format | None:
    """Office files are ZIP archives; when their first entries do not say which one, the directory does."""
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            noms = set(archive.namelist())
            if "mimetype" in noms:
                with archive.open("mimetype") as entree:
                    mime = entree.read(100).decode("ascii", "replace").strip()
                return FORMATS_PAR_MIME.get(mime) if mime.startswith("application/vnd.oasis") else None
            if "[Content_Types].xml" in noms and "word/document.xml" in noms:
                return FORMATS_PAR_EXTENSION["docx"]
            if "[Content_Types].xml" in noms and "xl/workbook.xml" in noms:
                return FORMATS_PAR_EXTENSION["xlsx"]
            return None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None
    finally:
        uploaded_file.seek(0)


# An office document decompresses to a few megabytes; far more is an archive built to exhaust the server.
ZIP_MAX_DECOMPRESSE = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100


def _check_contenu_actif(nom: str, format_detecte: Format, uploaded_file) -> None:
    """Refuse zip bombs dressed as office documents and PDFs that carry scripts or launch actions."""
    if format_detecte.extension == "pdf":
        _check_pdf(nom, uploaded_file)
    elif format_detecte.type_mime != "image/png" and zipfile.is_zipfile(uploaded_file):
        try:
            with zipfile.ZipFile(uploaded_file) as archive:
                decompresse = sum(entree.file_size for entree in archive.infolist())
        finally:
            uploaded_file.seek(0)
        if decompresse > ZIP_MAX_DECOMPRESSE or decompresse > ZIP_MAX_RATIO * uploaded_file.size:
            raise ValidationError(
                f"Le fichier « {nom} » se décompresse en {taille_lisible(decompresse)} : un document de "
                f"{taille_lisible(uploaded_file.size)} ne peut pas contenir autant, il est refusé par sécurité. "
                "Enregistrez-le de nouveau depuis votre logiciel ou exportez-le en PDF.",
                code="archive_piegee",
            )


def _check_pdf(nom: str, uploaded_file) -> None:
    try:
        actif = pdf_actif.contenu_actif(uploaded_file)
    except pdf_actif.PdfIllisible:
        raise ValidationError(
            f"Le PDF « {nom} » ne peut pas être lu (fichier abîmé, ou protégé par un mot de passe) : il est refusé "
            "par sécurité. Ouvrez-le, réimprimez-le en PDF depuis votre logiciel (« Enregistrer au format PDF »), "
            "puis déposez-le de nouveau.",
            code="pdf_illisible",
        ) from None
    finally:
        uploaded_file.seek(0)
    if actif:
        raise ValidationError(
            f"Le PDF « {nom} » contient du code (JavaScript, lancement d'un programme ou fichier caché) : "
            "il est refusé par sécurité. Réimprimez-le en PDF depuis votre logiciel (« Enregistrer au "
            "format PDF »), puis déposez-le de nouveau.",
            code="pdf_actif",
        )


def _check_antivirus(nom: str, uploaded_file) -> None:
    try:
        menace = antivirus.analyser(uploaded_file)
    except antivirus.AntivirusIndisponible:
        raise ValidationError(
            "L'analyse antivirus est momentanément indisponible : le fichier n'a pas été enregistré. Réessayez "
            "dans quelques minutes ; le reste de votre saisie est conservé.",
            code="antivirus_indisponible",
        ) from None
    if menace:
        raise ValidationError(
            f"L'antivirus a détecté une menace dans « {nom} » ({menace}) : le fichier est refusé. Analysez votre "
            "ordinateur, puis déposez une copie saine du document.",
            code="virus",
        )


def _declared_extension(nom: str) -> str:
    """The extension the name claims ("pdf" for "Statuts.PDF"), none for "Statuts AG 12.05.2023" or "Statuts"."""
    extension = pathlib.PurePosixPath(nom).suffix.lower().removeprefix(".")
    return extension if len(extension) <= 5 and any(c.isalpha() for c in extension) else ""


def _check_extension_agrees(nom: str, extension: str, format_detecte: Format) -> None:
    declare = FORMATS_PAR_EXTENSION.get(extension)
    if extension and extension not in format_detecte.extensions:
        renomme = f"{nom.removesuffix(pathlib.PurePosixPath(nom).suffix)}.{format_detecte.extension}"
        if declare:
            message = (
                f"Le fichier « {nom} » est {format_detecte.libelle}, pas {declare.libelle} : renommez-le "
                f"« {renomme} » ou enregistrez-le au format {extension.upper()}, puis déposez-le de nouveau."
            )
        else:
            message = (
                f"Le fichier « {nom} » est {format_detecte.libelle}, mais son nom se termine par « .{extension} » : "
                f"renommez-le « {renomme} », puis déposez-le de nouveau."
            )
        raise ValidationError(message, code="extension_incoherente")
