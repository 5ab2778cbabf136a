"""Backup and restore of everything the application keeps: the PostgreSQL database (pg_dump in its custom format,
restored by pg_restore) and the stored files (one tar archive per folder), with the SHA-256 of every file so that
a restore checks what it unpacked. docs/sauvegarde-et-restauration.md gives the same steps as plain commands.
"""

import hashlib
import os
import pathlib
import subprocess
import tarfile

from django.conf import settings
from django.db import connection

BASE = "base.dump"
EMPREINTES = "SHA256SUMS"


class ErreurSauvegarde(Exception):
    """A backup or restore that cannot go on, explained in French."""


def _dossiers_de_fichiers() -> dict[str, pathlib.Path]:
    """Each folder of stored files, by the name of its archive in the backup."""
    return {"media": pathlib.Path(settings.MEDIA_ROOT), "private-media": pathlib.Path(settings.PRIVATE_MEDIA_ROOT)}


def _postgresql() -> tuple[list[str], dict[str, str]]:
    """Connection arguments of pg_dump / pg_restore for the database Django uses, and their environment."""
    if connection.vendor != "postgresql":
        raise ErreurSauvegarde(
            "La sauvegarde par pg_dump suppose PostgreSQL (DATABASE_URL=postgres://…). Avec SQLite, en développement, "
            "copiez simplement le fichier de la base."
        )
    reglages = connection.settings_dict
    arguments = ["--dbname", reglages["NAME"]]
    for option, cle in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if reglages.get(cle):
            arguments += [option, str(reglages[cle])]
    environnement = dict(os.environ)
    if reglages.get("PASSWORD"):
        environnement["PGPASSWORD"] = reglages["PASSWORD"]
    return arguments, environnement


def _lancer(commande: list[str], environnement: dict[str, str]) -> None:
    resultat = subprocess.run(commande, env=environnement, capture_output=True, text=True)
    if resultat.returncode:
        raise ErreurSauvegarde(f"{commande[0]} a échoué : {resultat.stderr.strip()}")


def _sha256(chemin: pathlib.Path) -> str:
    empreinte = hashlib.sha256()
    with chemin.open("rb") as fichier:
        for bloc in iter(lambda: fichier.read(1 << 20), b""):
            empreinte.update(bloc)
    return empreinte.hexdigest()


def empreintes_des_fichiers() -> dict[str, str]:
    """SHA-256 of every stored file, keyed « media/… » or « private-media/… »."""
    resultat = {}
    for nom, racine in _dossiers_de_fichiers().items():
        if racine.is_dir():
            for chemin in sorted(p for p in racine.rglob("*") if p.is_file()):
                resultat[f"{nom}/{chemin.relative_to(racine).as_posix()}"] = _sha256(chemin)
    return resultat


def sauvegarder(dossier: pathlib.Path) -> list[pathlib.Path]:
    """Write base.dump, media.tar.gz, private-media.tar.gz and SHA256SUMS into `dossier`; return their paths."""
    arguments, environnement = _postgresql()
    dossier.mkdir(parents=True, exist_ok=True)
    base = dossier / BASE
    _lancer(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(base), *arguments], environnement
    )
    produits = [base]
    for nom, racine in _dossiers_de_fichiers().items():
        archive = dossier / f"{nom}.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            if racine.is_dir():
                tar.add(racine, arcname=".")
        produits.append(archive)
    empreintes = dossier / EMPREINTES
    empreintes.write_text("".join(f"{h}  {nom}\n" for nom, h in empreintes_des_fichiers().items()), encoding="utf-8")
    produits.append(empreintes)
    return produits


def _base_vide() -> bool:
    with connection.cursor() as curseur:
        curseur.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        return curseur.fetchone()[0] == 0


def restaurer(dossier: pathlib.Path) -> int:
    """Restore `dossier` into the configured database and file folders, which must be empty; check every file
    against SHA256SUMS. Returns the number of files restored."""
    arguments, environnement = _postgresql()
    manquants = [n for n in (BASE, EMPREINTES, "media.tar.gz", "private-media.tar.gz") if not (dossier / n).is_file()]
    if manquants:
        raise ErreurSauvegarde(f"Sauvegarde incomplète dans {dossier} : il manque {', '.join(manquants)}.")
    if not _base_vide():
        raise ErreurSauvegarde(
            f"La base « {connection.settings_dict['NAME']} » n'est pas vide : restaurez dans une base neuve "
            "(createdb), jamais par-dessus des données."
        )
    for racine in _dossiers_de_fichiers().values():
        if racine.is_dir() and any(racine.iterdir()):
            raise ErreurSauvegarde(
                f"Le dossier {racine} n'est pas vide : restaurez les fichiers dans un dossier vide."
            )
    _lancer(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", *arguments,
         str(dossier / BASE)],
        environnement,
    )  # fmt: skip
    for nom, racine in _dossiers_de_fichiers().items():
        racine.mkdir(parents=True, exist_ok=True)
        with tarfile.open(dossier / f"{nom}.tar.gz", "r:gz") as tar:
            tar.extractall(racine, filter="data")  # the "data" filter refuses absolute paths and links outside
    attendues = {}
    for ligne in (dossier / EMPREINTES).read_text(encoding="utf-8").splitlines():
        empreinte, nom = ligne.split("  ", 1)
        attendues[nom] = empreinte
    obtenues = empreintes_des_fichiers()
    differences = sorted(nom for nom in attendues.keys() | obtenues.keys() if attendues.get(nom) != obtenues.get(nom))
    if differences:
        raise ErreurSauvegarde(f"Fichiers restaurés différents de la sauvegarde : {', '.join(differences[:10])}.")
    return len(obtenues)
