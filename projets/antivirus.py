"""The antivirus hook of every upload: clamd's INSTREAM command, when CLAMD_ADDRESS is set
("unix:///run/clamav/clamd.ctl" or "tcp://clamav:3310"). The protocol is six lines; the Python clients on PyPI
are unmaintained, hence these few lines of our own."""

import socket
import struct
from urllib.parse import urlparse

from django.conf import settings

TAILLE_BLOC = 64 * 1024


class AntivirusIndisponible(Exception):
    pass


def _connexion(adresse: str) -> socket.socket:
    url = urlparse(adresse)
    if url.scheme == "unix":
        connexion = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        cible = url.path
    else:
        connexion = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        cible = (url.hostname, url.port or 3310)
    connexion.settimeout(settings.CLAMD_TIMEOUT)
    try:
        connexion.connect(cible)
    except OSError:
        connexion.close()
        raise
    return connexion


def analyser(fichier) -> str | None:
    """The name of the threat clamd found in the file, None when clean; AntivirusIndisponible if it can't say."""
    adresse = settings.CLAMD_ADDRESS
    if not adresse:
        return None
    try:
        with _connexion(adresse) as connexion:
            connexion.sendall(b"zINSTREAM\0")
            fichier.seek(0)
            for bloc in iter(lambda: fichier.read(TAILLE_BLOC), b""):
                connexion.sendall(struct.pack("!L", len(bloc)) + bloc)
            connexion.sendall(struct.pack("!L", 0))
            reponse = b"".join(iter(lambda: connexion.recv(4096), b"")).rstrip(b"\0").decode("utf-8", "replace")
    except OSError as erreur:
        raise AntivirusIndisponible(str(erreur)) from erreur
    finally:
        fichier.seek(0)
    if reponse.endswith("FOUND"):
        return reponse.removeprefix("stream:").removesuffix("FOUND").strip()
    if not reponse.endswith("OK"):
        raise AntivirusIndisponible(reponse)
    return None
