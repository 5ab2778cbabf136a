"""Active content in an uploaded PDF: what would run, launch or unpack something when the file is opened.

The PDF is parsed with pypdf rather than searched byte by byte: names may be written with escapes
(`/J#61vaScript` is `/JavaScript`) and objects may sit in compressed object streams, both invisible to a byte
search. Every object of the file is read, whether the document's tree reaches it or not (a reader that repairs
a damaged file may reach it), and every dictionary inside it is checked.
"""

from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Action types that run code, start a program, load or send data, or play embedded media.
ACTIONS_ACTIVES = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMedia", "/RichMediaExecute", "/GoToE", "/Movie"}
)
# Keys that carry a script, automatic actions (on open, close, focus, page view...), an embedded file, or an XFA
# form (scripted); whatever their value, they have no place in a document read by the instructeur·rice.
CLES_ACTIVES = frozenset({"/JS", "/JavaScript", "/AA", "/EmbeddedFile", "/EmbeddedFiles", "/EF", "/XFA"})
# Dictionary types and annotation subtypes of the same kinds.
TYPES_ACTIFS = frozenset({"/EmbeddedFile", "/RichMedia", "/FileAttachment", "/Movie", "/Sound", "/Screen", "/3D"})


class PdfIllisible(Exception):
    """pypdf cannot read the file: damaged, encrypted, or built to mislead a parser."""


def contenu_actif(fichier) -> bool:
    """True when the PDF carries active content; PdfIllisible when it cannot be read to tell."""
    fichier.seek(0)
    try:
        lecteur = PdfReader(fichier, strict=False)
        # Protected against editing only, a PDF opens without a password and is read like any other; one that
        # needs a password to open cannot be checked.
        if lecteur.is_encrypted and lecteur.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise PdfIllisible("encrypted")
        return any(_porte_du_code(objet) for objet in _objets(lecteur))
    except PdfIllisible:
        raise
    except Exception as erreur:  # untrusted input: whatever pypdf trips on means "cannot tell"
        raise PdfIllisible(str(erreur)) from erreur


def _objets(lecteur: PdfReader):
    """The trailer, then every numbered object, those inside compressed object streams included."""
    yield lecteur.trailer
    numeros = {(numero, generation) for generation, table in lecteur.xref.items() for numero in table}
    numeros |= {(numero, 0) for numero in lecteur.xref_objStm}
    for numero, generation in sorted(numeros):
        yield lecteur.get_object(IndirectObject(numero, generation, lecteur))


def _porte_du_code(objet) -> bool:
    """Walks the dictionaries and arrays written inside this object (references are visited on their own)."""
    a_voir = [objet]
    while a_voir:
        courant = a_voir.pop()
        if isinstance(courant, DictionaryObject):  # a stream is one too: its dictionary is checked
            if _dictionnaire_actif(courant):
                return True
            a_voir.extend(courant.values())
        elif isinstance(courant, ArrayObject):
            a_voir.extend(courant)
    return False


def _dictionnaire_actif(dictionnaire: DictionaryObject) -> bool:
    if CLES_ACTIVES.intersection(dictionnaire.keys()):
        return True
    if _nom(dictionnaire.get("/S")) in ACTIONS_ACTIVES:
        return True
    types = {_nom(dictionnaire.get("/Type")), _nom(dictionnaire.get("/Subtype"))}
    return bool(TYPES_ACTIFS.intersection(types))


def _nom(valeur) -> str | None:
    """A name's decoded text (pypdf has already turned /J#61vaScript into /JavaScript), None for anything else."""
    if isinstance(valeur, IndirectObject):
        valeur = valeur.get_object()
    return str(valeur) if isinstance(valeur, NameObject) else None
