"""The draw method (conseil_citoyen/verification_tirage.py): the same list and seed always give the same ranking,
whatever the order the list was typed in; over many seeds, no position of the list is favoured.

Tolerance of the bias test: for a uniformly random permutation of n entries, an entry's rank has standard
deviation sqrt((n² − 1) / 12) — 5.77 for n = 20. Over S = 4 000 seeds, its mean rank has standard error
5.77 / sqrt(4 000) = 0.091. We accept a deviation of 0.5 from (n + 1) / 2, that is 5.5 standard errors: a fair
method fails with a probability below 20 × 4·10⁻⁸, while a method that favours an entry by half a rank (for
instance by breaking ties in list order) fails every time."""

import statistics
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from conseil_citoyen.verification_tirage import classement, empreinte_liste, ligne_canonique

personnes = st.lists(
    st.tuples(st.text(min_size=1, max_size=20), st.text(max_size=20), st.sampled_from(["F", "H", ""])),
    min_size=1,
    max_size=60,
    unique_by=lambda p: p,
)
graines = st.text(min_size=1, max_size=64)


def _lignes(liste):
    return [ligne_canonique(("Bailleur", nom, prenom, "", sexe, "")) for nom, prenom, sexe in liste]


@given(liste=personnes, graine=graines, data=st.data())
@settings(max_examples=300, deadline=None)
def test_same_list_and_seed_give_the_same_ranking_whatever_the_order(liste, graine, data):
    lignes = _lignes(liste)
    melangees = data.draw(st.permutations(lignes))
    assert classement(lignes, graine) == classement(melangees, graine)
    assert sorted(classement(lignes, graine)) == sorted(set(lignes))  # a ranking of everyone, once
    assert empreinte_liste(lignes) == empreinte_liste(melangees)


@given(nom=st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_canonical_lines_ignore_spacing_and_unicode_form(nom):
    assert ligne_canonique([f"  {nom}  "]) == ligne_canonique([" ".join(nom.split())])
    assert ligne_canonique([unicodedata.normalize("NFD", nom)]) == ligne_canonique([unicodedata.normalize("NFC", nom)])


def test_no_position_of_the_list_is_favoured_over_many_seeds():
    lignes = [ligne_canonique(("Bailleur", f"Nom{i:02d}", "Prénom", "", "F", "")) for i in range(20)]
    rangs = {ligne: [] for ligne in lignes}
    for graine in range(4000):
        for rang, ligne in enumerate(classement(lignes, f"graine-{graine}"), start=1):
            rangs[ligne].append(rang)
    ecarts = {ligne: abs(statistics.fmean(r) - 10.5) for ligne, r in rangs.items()}
    assert max(ecarts.values()) < 0.5, ecarts
    premiers = [sum(1 for r in rangs[ligne] if r == 1) for ligne in lignes]
    assert min(premiers) > 100 and max(premiers) < 300  # 200 expected each (binomial sd 14)


def test_a_different_seed_gives_a_different_ranking():
    lignes = [ligne_canonique(("Bailleur", f"Nom{i}", "", "", "", "")) for i in range(32)]
    assert classement(lignes, "a1b2") != classement(lignes, "a1b3")
