import re
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"


def format_euros(value, decimals: int = 2) -> str:
    """French money: format_euros(Decimal("12500")) == "12 500,00 €" (no-break spaces)."""
    if value in (None, ""):
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    amount = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    integer, _, fraction = f"{abs(amount):.{decimals}f}".partition(".")
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    text = NBSP.join(groups)
    if fraction:
        text += "," + fraction
    return f"{sign}{text}{NBSP}€"


# French elision and contraction before a name: « de l'État », « du Conseil départemental », « aux Jardins ».

# Common nouns that open an organisation's name and take the definite article in a sentence (« la Ville de Blois »,
# « le Conseil départemental », « l'État »); a name opening with anything else is a proper noun (« de Blois »,
# « d'Agglopolys »). Acronyms read as their expansion: « la CAF », « l'ARS ».
_ARTICLES = {
    **dict.fromkeys(
        "ville région commune mairie préfecture caisse direction délégation agence association fondation fédération "
        "ligue maison mission compagnie communauté métropole justice bibliothèque médiathèque école université "
        "régie société coopérative entreprise structure cité "
        "caf cpam drac dsden ddcspp ddets ddsp dreets direccte mjc mdph".split(),
        "la",
    ),
    **dict.fromkeys(
        "conseil département centre comité collectif club foyer service secours groupement théâtre réseau "
        "syndicat bailleur cias ccas".split(),
        "le",
    ),
    **dict.fromkeys("fonds".split(), "les"),
    **dict.fromkeys("état ars ut union office atelier espace institut".split(), "l'"),
}
# Words opening with an aspirated h keep « de », « le »: « du Hall », « de Hambourg » (mute h elides: « d'Habitat »).
_H_ASPIRE = {"hall", "halle", "halte", "hameau", "handicap", "hangar", "haut", "haute", "hauts", "hautes", "héros"}
_VOYELLES = "aàâäeéèêëiîïoôöuùûüyœæ"


def _elide(mot: str) -> bool:
    """Whether a word elides the article or preposition before it (vowel or mute h)."""
    mot = re.split(r"[^\w]", mot.lower(), maxsplit=1)[0]
    if not mot:
        return False
    if mot[0] == "h":
        return mot not in _H_ASPIRE and len(mot) > 1 and mot[1] in _VOYELLES
    return mot[0] in _VOYELLES


def _article_et_reste(nom: str) -> tuple[str, str]:
    """(« le », « Conseil départemental ») for the name as written or as it reads in a sentence."""
    nom = " ".join(str(nom).split())
    minuscule = nom.lower()
    for article in ("les ", "le ", "la "):
        if minuscule.startswith(article):
            return article.strip(), nom[len(article) :]
    if minuscule[:2] in ("l'", "l’"):
        return "l'", nom[2:]
    premier_mot = re.split(r"[\s'’]", minuscule, maxsplit=1)[0]
    return _ARTICLES.get(premier_mot, ""), nom


def _avec_article(article: str, reste: str) -> str:
    if article in ("le", "la") and _elide(reste):
        article = "l'"
    return f"{article}{reste}" if article == "l'" else f"{article} {reste}"


def de(nom) -> str:
    """« de » before a name: de("État") == "de l'État", de("Les Jardins") == "des Jardins",
    de("Agglopolys") == "d'Agglopolys", de("Blois") == "de Blois"."""
    if not str(nom).strip():
        return ""
    article, reste = _article_et_reste(nom)
    if article == "le" and not _elide(reste):
        return f"du {reste}"
    if article == "les":
        return f"des {reste}"
    if article:
        return f"de {_avec_article(article, reste)}"
    return f"d'{reste}" if _elide(reste) else f"de {reste}"


def a(nom) -> str:
    """« à » before a name: a("Département") == "au Département", a("les Jardins") == "aux Jardins",
    a("État") == "à l'État", a("Blois") == "à Blois"."""
    if not str(nom).strip():
        return ""
    article, reste = _article_et_reste(nom)
    if article == "le" and not _elide(reste):
        return f"au {reste}"
    if article == "les":
        return f"aux {reste}"
    if article:
        return f"à {_avec_article(article, reste)}"
    return f"à {reste}"


def effectif(nombre, singulier: str, pluriel: str) -> str:
    """effectif(1, "salarié·e", "salarié·es") == "1 salarié·e", "2,5 salarié·es"; "" when not filled in, never a
    made-up 0. French singular below 2 (« 0,8 ETPT », « 1,5 salarié·e »)."""
    if nombre in (None, ""):
        return ""
    valeur = Decimal(str(nombre))
    texte = f"{valeur:f}".rstrip("0").rstrip(".") if "." in f"{valeur:f}" else f"{valeur:f}"
    return f"{texte.replace('.', ',')} {singulier if valeur < 2 else pluriel}"
