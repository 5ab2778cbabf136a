#!/usr/bin/env python3
"""Tirage au sort du conseil citoyen : la méthode, et de quoi la vérifier soi-même.

Méthode (publiée dans le procès-verbal) :
1. chaque personne de la liste est écrite sur une ligne « liste;nom;prénom;adresse;sexe;secteur », espaces
   superflus retirés et texte normalisé (Unicode NFC) ; la liste est triée et son empreinte SHA-256 publiée ;
2. la graine est tirée en séance devant les témoins, puis publiée ;
3. chaque ligne reçoit la note HMAC-SHA256(clé = graine, message = ligne) ; les personnes sont classées par
   note croissante (à note égale, impossible en pratique, par ordre de la ligne) ; les premières sont tirées.

Même liste et même graine donnent toujours le même classement ; sans connaître la graine avant la séance,
personne ne peut prévoir le classement. Ce fichier n'utilise que la bibliothèque standard de Python.

Vérifier un tirage : python3 verification_tirage.py liste.csv GRAINE [NOMBRE]
(liste.csv : une personne par ligne, colonnes séparées par « ; », dans l'ordre ci-dessus, sans en-tête.)
"""

import hashlib
import hmac
import sys
import unicodedata

CHAMPS = ("source", "nom", "prenom", "adresse", "sexe", "secteur")


def ligne_canonique(valeurs) -> str:
    """One person as the line that is hashed: fields stripped, inner spaces collapsed, NFC, « ; » removed."""
    propres = []
    for valeur in valeurs:
        texte = unicodedata.normalize("NFC", str(valeur or "")).replace(";", ",")
        propres.append(" ".join(texte.split()))
    return ";".join(propres)


def empreinte_liste(lignes) -> str:
    return hashlib.sha256("\n".join(sorted(lignes)).encode("utf-8")).hexdigest()


def note(graine: str, ligne: str) -> str:
    return hmac.new(graine.encode("utf-8"), ligne.encode("utf-8"), hashlib.sha256).hexdigest()


def classement(lignes, graine: str) -> list[str]:
    """Every line, ranked by its keyed hash: a uniformly random order for a secret seed, the same for anyone."""
    if not graine:
        raise ValueError("La graine est vide.")
    return sorted(set(lignes), key=lambda ligne: (note(graine, ligne), ligne))


def main(argv) -> int:
    if len(argv) not in (3, 4):
        print(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as fichier:
        lignes = [ligne_canonique(brute.rstrip("\n").split(";")) for brute in fichier if brute.strip()]
    nombre = int(argv[3]) if len(argv) == 4 else len(lignes)
    print(f"Empreinte de la liste : {empreinte_liste(lignes)}")
    for rang, ligne in enumerate(classement(lignes, argv[2])[:nombre], start=1):
        print(f"{rang:>3}. {ligne}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
