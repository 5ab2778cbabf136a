"""A national-scale data set in PostgreSQL, reproducible from a seed, loaded with COPY in about a minute.

Default: 100 000 dossiers over 10 campagnes (8 programmed, each with its closed COPIL; one in instruction whose
COPIL in preparation has 2 000 dossiers on its agenda; one open to porteurs), 250 000 financement lines with their
decisions, 5 000 porteurs, French texts; 50 porteur accounts with complete drafts in the open call and one
administrator (password in bench/commun.py). History tables are left empty: the data never went through the app.

    python bench/generate.py [--dossiers N] [--lignes N] [--porteurs N] [--campagnes N] [--seed S] [--force]

The database (DATABASE_URL when PostgreSQL, else contratville_bench on the local server) is dropped and rebuilt,
unless it already holds a data set made with the same parameters (--force rebuilds anyway).
"""

import argparse
import datetime
import io
import itertools
import json
import random
import sys
import time
from decimal import Decimal

if __package__ in (None, ""):
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))

from bench import commun  # noqa: E402

ACTIONS = [
    "Atelier sociolinguistique pour les parents",
    "Accompagnement vers l'emploi des femmes",
    "Chantier éducatif d'été avec les jeunes",
    "Permanence d'accès aux droits",
    "Médiation sociale de proximité en soirée",
    "Club de lecture et d'écriture au collège",
    "Jardin partagé au pied des immeubles",
    "Soutien scolaire et aide aux devoirs",
    "Sport au féminin : découverte du football",
    "Épicerie solidaire et ateliers cuisine",
    "Prévention santé : dépistage et nutrition",
    "Parcours citoyen des 16-25 ans",
    "Ateliers numériques pour les seniors",
    "Fête de quartier et animations culturelles",
    "Théâtre forum sur les discriminations",
    "Auto-école sociale",
    "Réussite éducative : parcours individualisés",
    "Accueil des nouveaux habitants",
    "Maraudes et aller-vers la jeunesse",
    "Orchestre à l'école",
]
PUBLICS = ["", " des familles", " des 11-15 ans", " des habitantes", " du quartier", " avec la CAF", " (reconduction)"]
PHRASES = [
    "L'action s'adresse en priorité aux habitantes et habitants des quartiers prioritaires.",
    "Les ateliers ont lieu deux fois par semaine au centre social, hors vacances scolaires.",
    "Une animatrice diplômée et deux bénévoles encadrent chaque séance.",
    "Les familles sont orientées par la réussite éducative, les écoles et la mission locale.",
    "Un bilan intermédiaire est présenté au comité technique en juin.",
    "Le projet favorise la mixité et la participation des jeunes filles.",
    "Les partenaires mettent à disposition des salles et du matériel pédagogique.",
    "La santé, l'emploi et la citoyenneté sont abordés à travers des activités concrètes.",
    "Une sortie culturelle clôt le cycle et réunit les participantes et participants.",
    "L'association mobilise son réseau de bénévoles issus du quartier.",
    "La lutte contre l'isolement des personnes âgées est au cœur de la démarche.",
    "Des permanences sans rendez-vous facilitent l'accès aux droits sociaux.",
    "Les jeunes sont associés à la conception et à l'évaluation de l'action.",
    "Le numérique sert de levier pour l'insertion professionnelle.",
]
FORMES = ["Association", "Centre social", "Comité de quartier", "Collectif", "Maison des jeunes et de la culture"]
NOMS = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
    "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
    "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Benali",
    "Diallo", "Nguyen", "Traoré", "Haddad", "Da Silva", "Kone", "Mendy", "Belkacem", "Camara",
]  # fmt: skip
VOLETS = [
    ("1", "Cohésion sociale", None),
    ("2", "Éducation et réussite", None),
    ("2.1", "Réussite éducative", "2"),
    ("2.2", "Accompagnement à la scolarité", "2"),
    ("3", "Emploi et développement économique", None),
    ("4", "Cadre de vie et renouvellement urbain", None),
    ("5", "Cité éducative", None),
]
ETATS_PROGRAMMES = (
    ["retenu"] * 30 + ["conventionne"] * 10 + ["en_cours"] * 10 + ["realise"] * 10 + ["termine"] * 10
    + ["bilan_valide"] * 15 + ["non_retenu"] * 12 + ["irrecevable"] * 2 + ["retire"] * 1
)  # fmt: skip
FINANCES = {"retenu", "conventionne", "en_cours", "realise", "termine", "bilan_depose", "bilan_valide"}
DOSSIERS_SEANCE = 2000  # agenda of the COPIL in preparation (the admin benchmark)
BROUILLONS_PAR_PORTEUR = 2


def analyseur(description: str) -> argparse.ArgumentParser:
    """The data set's options, shared with bench/run.py."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--campagnes", type=int, default=10)
    parser.add_argument("--lignes", type=int, default=250_000)
    parser.add_argument("--porteurs", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2031)
    parser.add_argument("--force", action="store_true", help="rebuild even if the same data set is there")
    return parser


def parametres() -> argparse.Namespace:
    return analyseur(__doc__).parse_args()


def signature(args) -> dict:
    return {"version": 1, **{k: getattr(args, k) for k in ("dossiers", "campagnes", "lignes", "porteurs", "seed")}}


def _base_a_jour(url: str, attendu: dict) -> bool:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            ligne = conn.execute("SELECT valeur FROM bench_jeu_de_donnees").fetchone()
    except psycopg.Error:
        return False
    return ligne is not None and json.loads(ligne[0]) == attendu


def _recreer_base(url: str) -> None:
    import psycopg

    nom = commun.nom_base(url)
    with psycopg.connect(commun.url_maintenance(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{nom}"')


# COPY of model rows: each row gives the columns it knows, the others take the field's default.


def _defauts(model, maintenant) -> dict:
    defauts = {}
    for champ in model._meta.concrete_fields:
        if champ.primary_key:
            continue
        if getattr(champ, "auto_now", False) or getattr(champ, "auto_now_add", False):
            valeur = maintenant
        else:
            valeur = champ.get_default()
        if isinstance(valeur, dict | list):
            valeur = json.dumps(valeur)
        defauts[champ.column] = valeur
    return defauts


def copier(model, lignes, *, maintenant) -> int:
    """COPY rows (dicts keyed by column) into the model's table; returns how many."""
    from django.db import connection

    defauts = _defauts(model, maintenant)
    lignes = iter(lignes)
    premiere = next(lignes, None)
    if premiere is None:
        return 0
    colonnes = ([model._meta.pk.column] if model._meta.pk.column in premiere else []) + list(defauts)
    nombre = 0
    with connection.cursor() as cursor:
        noms = ", ".join(f'"{c}"' for c in colonnes)
        with cursor.copy(f'COPY "{model._meta.db_table}" ({noms}) FROM STDIN') as copie:
            for rangee in itertools.chain([premiere], lignes):
                copie.write_row([rangee.get(c, defauts.get(c)) for c in colonnes])
                nombre += 1
    return nombre


def _prochain_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _reinitialiser_sequences(models) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def _texte(rng: random.Random, phrases: int) -> str:
    return " ".join(rng.sample(PHRASES, k=phrases))


def _rna(rang: int) -> str:
    return f"W41{rang:07d}"


def generer(args) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from enjeux.models import AxeStrategique, ContratDeVille, Quartier
    from projets.enums import (
        Avis,
        CompteBudget,
        EtatCampagne,
        NatureFinancement,
        StatutSeance,
        TypeDocument,
        TypeInstance,
    )
    from projets.factories import PDF_MINIMAL, fake_siret
    from projets.models import (
        Campagne,
        Convocation,
        DecisionLigne,
        DocumentPorteur,
        Dossier,
        Examen,
        Financeur,
        Instance,
        LigneBudget,
        LigneFinancement,
        MembreInstance,
        Porteur,
        PorteurMembre,
        QuestionEgalite,
        ReponseEgalite,
        Seance,
        Volet,
    )

    rng = random.Random(args.seed)
    maintenant = timezone.now()
    mesures = {}

    def etape(nom, debut):
        mesures[nom] = time.perf_counter() - debut
        print(f"  {nom} : {mesures[nom]:.1f} s", flush=True)

    debut = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_referentiel", commun.RACINE / "enjeux/referentiels/blois.yaml", stdout=io.StringIO())
    etape("migrations et référentiel", debut)

    debut = time.perf_counter()
    contrat = ContratDeVille.objects.get()
    axes = list(AxeStrategique.objects.filter(enjeu__contrat=contrat).values_list("pk", flat=True))
    quartiers = list(Quartier.objects.filter(contrat=contrat, actif=True).values_list("pk", flat=True))
    financeurs = list(Financeur.objects.exclude(nature=NatureFinancement.ABATTEMENT_TFPB).order_by("ordre", "nom"))
    for financeur in Financeur.objects.all():  # a SIRET each, so that their lines reach the SCDL export
        financeur.siret = fake_siret(rng)
        financeur.save(update_fields=["siret"])
    financeurs = financeurs[:10]

    annee_ouverte = maintenant.year + 1
    annees = list(range(annee_ouverte - args.campagnes + 1, annee_ouverte + 1))
    campagnes = []
    for annee in annees:
        ouverte = annee == annee_ouverte
        en_instruction = annee == annee_ouverte - 1
        ouverture = (
            maintenant - datetime.timedelta(days=10)
            if ouverte
            else datetime.datetime(annee - 1, 10, 1, tzinfo=datetime.UTC)
        )
        campagnes.append(
            Campagne.objects.update_or_create(  # the référentiel may already hold a year (Blois: 2021)
                contrat=contrat,
                annee=annee,
                defaults=dict(
                    libelle=f"Appel à projets {annee}",
                    date_ouverture=ouverture,
                    date_cloture=ouverture + datetime.timedelta(days=40),
                    etat=EtatCampagne.OUVERTE
                    if ouverte
                    else EtatCampagne.INSTRUCTION
                    if en_instruction
                    else EtatCampagne.PROGRAMMEE,
                    presentation=_texte(rng, 3),
                ),
            )[0]
        )
    volets = {}
    for campagne in campagnes:
        parents = {}
        for code, titre, parent in VOLETS:
            volet = Volet.objects.update_or_create(
                campagne=campagne, code=code, defaults={"titre": titre, "parent": parents.get(parent)}
            )[0]
            parents[code] = volet
            if code not in ("2", "5"):  # sub-volets carry the actions of volet 2; volet 5 stays empty
                volets.setdefault(campagne.pk, []).append(volet.pk)
    copil = Instance.objects.get_or_create(
        contrat=contrat, type=TypeInstance.COPIL, defaults={"nom": "Comité de pilotage"}
    )[0]
    membres = [
        MembreInstance.objects.create(comite=copil, nom=f"{rng.choice(NOMS)} {rang}", organisation=f.nom)
        for rang, f in enumerate(financeurs)
    ]
    etape("campagnes, volets, instance", debut)

    # Porteurs.
    debut = time.perf_counter()
    premier_porteur = _prochain_id(Porteur)
    porteur_ids = list(range(premier_porteur, premier_porteur + args.porteurs))
    formes = ["association"] * 8 + ["etablissement_public", "collectivite", "entreprise", "groupement"]
    copier(
        Porteur,
        (
            {
                "id": pk,
                "raison_sociale": f"{rng.choice(FORMES)} {rng.choice(NOMS)} {rang}",
                "forme_juridique": rng.choice(formes),
                "siret": fake_siret(rng) if rang % 3 else "",
                "rna": _rna(rang),
                "adresse": f"{rng.randint(1, 120)} rue {rng.choice(NOMS)}",
                "code_postal": "41000",
                "commune": "Blois",
                "email": f"contact{rang}@structure.example",
                "presentation": _texte(rng, 2),
                "alias": "[]",
            }
            for rang, pk in enumerate(porteur_ids)
        ),
        maintenant=maintenant,
    )
    etape(f"{args.porteurs} porteurs", debut)

    # Dossiers: the open call has drafts, the call in instruction 2 000 dossiers proposed to its COPIL, the
    # programmed years the rest, decided.
    debut = time.perf_counter()
    ouverte, instruction, programmees = campagnes[-1], campagnes[-2], campagnes[:-2]
    n_brouillons = max(args.dossiers // 100, 1)
    n_seance = min(DOSSIERS_SEANCE, args.dossiers // 10)
    n_programmes = args.dossiers - n_brouillons - n_seance
    repartition = [(ouverte, "brouillon", n_brouillons), (instruction, "instruit", n_seance)]
    par_annee = n_programmes // len(programmees)
    for rang, campagne in enumerate(programmees):
        reste = n_programmes - par_annee * len(programmees) if rang == len(programmees) - 1 else 0
        repartition.append((campagne, None, par_annee + reste))

    premier_dossier = _prochain_id(Dossier)
    dossiers = []  # (pk, campagne, etat)
    pk = premier_dossier
    for campagne, etat, nombre in repartition:
        for _ in range(nombre):
            dossiers.append((pk, campagne, etat or rng.choice(ETATS_PROGRAMMES)))
            pk += 1
    numeros = {}

    def rangee_dossier(pk, campagne, etat):
        numeros[campagne.pk] = numeros.get(campagne.pk, 0) + 1
        depose = etat != "brouillon"
        debut_action = datetime.date(campagne.annee, rng.randint(1, 6), 1)
        return {
            "id": pk,
            "campagne_id": campagne.pk,
            "porteur_id": rng.choice(porteur_ids),
            "numero": f"CV-{campagne.annee}-{numeros[campagne.pk]:05d}" if depose else None,
            "intitule": rng.choice(ACTIONS) + rng.choice(PUBLICS),
            "description": _texte(rng, 4),
            "objectifs": _texte(rng, 2),
            "public_cible": rng.choice(["Jeunes de 11 à 25 ans", "Familles", "Femmes", "Seniors", "Tout public"]),
            "public_nombre": rng.randint(10, 300),
            "date_debut": debut_action,
            "date_fin": datetime.date(campagne.annee, 12, 31),
            "lieux": "Centre social, écoles et espaces publics du quartier",
            "volet_id": rng.choice(volets[campagne.pk]) if etat in FINANCES else None,
            "etat": etat,
            "publie": etat in FINANCES and rng.random() < 0.95,
            "saisies_en_attente": "{}",
            "depose_le": maintenant if depose else None,
            "synthese": _texte(rng, 1) if depose else "",
        }

    copier(Dossier, (rangee_dossier(*d) for d in dossiers), maintenant=maintenant)
    for campagne in campagnes:
        Campagne.objects.filter(pk=campagne.pk).update(dernier_numero=numeros.get(campagne.pk, 0))
    etape(f"{len(dossiers)} dossiers", debut)

    debut = time.perf_counter()
    through_axes, through_quartiers = Dossier.axes.through, Dossier.quartiers.through
    copier(
        through_axes,
        (
            {"dossier_id": d[0], "axestrategique_id": axe}
            for d in dossiers
            for axe in rng.sample(axes, k=rng.choice([1, 1, 2]))
        ),
        maintenant=maintenant,
    )
    copier(
        through_quartiers,
        ({"dossier_id": d[0], "quartier_id": q} for d in dossiers for q in rng.sample(quartiers, k=rng.randint(1, 2))),
        maintenant=maintenant,
    )
    etape("axes et quartiers", debut)

    # Financement lines: two per dossier, and the rest of the requested number spread at random.
    debut = time.perf_counter()
    nombres = [min(2, len(financeurs))] * len(dossiers)
    for _ in range(max(args.lignes - sum(nombres), 0)):
        rang = rng.randrange(len(dossiers))
        if nombres[rang] < len(financeurs):
            nombres[rang] += 1
    premiere_ligne = _prochain_id(LigneFinancement)
    lignes = []  # (pk, dossier, financeur, etat, campagne, montant_vote)

    def rangees_lignes():
        pk = premiere_ligne
        for (dossier_pk, campagne, etat), nombre in zip(dossiers, nombres, strict=True):
            for financeur in rng.sample(financeurs, k=nombre):
                demande = Decimal(rng.randrange(1_000, 40_000, 250))
                propose = None if etat == "brouillon" else (demande * Decimal("0.8")).quantize(Decimal("1"))
                vote = propose if etat in FINANCES else Decimal("0") if etat == "non_retenu" else None
                lignes.append((pk, dossier_pk, etat, campagne, vote))
                yield {
                    "id": pk,
                    "dossier_id": dossier_pk,
                    "financeur_id": financeur.pk,
                    "nature": financeur.nature,
                    "montant_demande": demande,
                    "montant_propose": propose,
                    "montant_vote": vote,
                    "avis": "" if etat == "brouillon" else Avis.FAVORABLE,
                }
                pk += 1

    copier(LigneFinancement, rangees_lignes(), maintenant=maintenant)
    etape(f"{len(lignes)} lignes de financement", debut)

    # COPIL: a closed séance per programmed year deciding every line of its examined dossiers; the séance in
    # preparation of the year in instruction with its 2 000 dossiers, lines still to decide.
    debut = time.perf_counter()
    seances = {}
    for campagne in campagnes[:-1]:
        close = campagne is not instruction
        seances[campagne.pk] = Seance.objects.create(
            comite=copil,
            campagne=campagne,
            date=datetime.date(campagne.annee, 3, 15) if close else maintenant.date() + datetime.timedelta(days=7),
            lieu="Hôtel de ville, salle du conseil",
            statut=StatutSeance.CLOSE if close else StatutSeance.PREPARATION,
            close_le=maintenant if close else None,
        )
        Convocation.objects.bulk_create(
            Convocation(seance=seances[campagne.pk], membre=m, present=close) for m in membres
        )
    examines = {d[0]: d for d in dossiers if d[2] in FINANCES or d[2] in ("non_retenu", "instruit")}
    rangs = {}

    def rangees_examens():
        for dossier_pk, campagne, _etat in examines.values():
            rangs[campagne.pk] = rangs.get(campagne.pk, 0) + 1
            yield {
                "seance_id": seances[campagne.pk].pk,
                "dossier_id": dossier_pk,
                "rang": min(rangs[campagne.pk], 32_767),
                "avis": Avis.FAVORABLE,
            }

    copier(Examen, rangees_examens(), maintenant=maintenant)

    def rangees_decisions():
        for pk, dossier_pk, etat, campagne, vote in lignes:
            if dossier_pk not in examines:
                continue
            decide = etat != "instruit"
            yield {
                "seance_id": seances[campagne.pk].pk,
                "ligne_id": pk,
                "decision": ("accorde" if etat in FINANCES else "refuse") if decide else "",
                "montant_vote": vote if decide and etat in FINANCES else None,
                "motif": "" if etat in FINANCES or not decide else "Action hors des priorités de l'année.",
                "verrouillee": decide,
            }

    decisions = copier(DecisionLigne, rangees_decisions(), maintenant=maintenant)
    _reinitialiser_sequences([Porteur, Dossier, LigneFinancement, Examen, DecisionLigne])
    _reinitialiser_sequences([through_axes, through_quartiers])
    etape(f"séances, {len(examines)} examens, {decisions} décisions", debut)

    # Accounts: one administrator, 50 porteurs each with its structure's statuts and complete drafts.
    debut = time.perf_counter()
    User = get_user_model()
    empreinte = make_password(commun.MOT_DE_PASSE)  # hashed once: PBKDF2 is slow by design
    admin = User.objects.create(
        email=commun.ADMIN, password=empreinte, is_staff=True, is_superuser=True, first_name="Admin"
    )
    questions = list(QuestionEgalite.objects.filter(moment="dossier").order_by("numero"))
    with transaction.atomic():
        for rang in range(commun.PORTEURS_COMPTES):
            user = User.objects.create(email=commun.email_porteur(rang), password=empreinte, first_name=f"P{rang}")
            porteur = Porteur.objects.get(pk=porteur_ids[rang])
            PorteurMembre.objects.create(porteur=porteur, user=user, est_gestionnaire=True)
            DocumentPorteur.objects.create(
                porteur=porteur,
                type=TypeDocument.STATUTS,
                fichier=ContentFile(PDF_MINIMAL, name="statuts.pdf"),
                nom_original="statuts.pdf",
                type_mime="application/pdf",
                taille=len(PDF_MINIMAL),
                date_document=datetime.date(2020, 6, 1),
            )
            for numero in range(BROUILLONS_PAR_PORTEUR):
                dossier = Dossier.objects.create(
                    campagne=ouverte,
                    porteur=porteur,
                    intitule=f"{rng.choice(ACTIONS)} – brouillon {numero + 1}",
                    description=_texte(rng, 3),
                    objectifs=_texte(rng, 1),
                    public_cible="Habitantes et habitants du quartier",
                    public_nombre=40,
                    date_debut=datetime.date(ouverte.annee, 1, 1),
                    date_fin=datetime.date(ouverte.annee, 12, 31),
                    signataire_nom=f"Camille {rng.choice(NOMS)}",
                    signataire_qualite="Présidente",
                    attestation_honneur=True,
                    montant_atteste=Decimal("12500.00"),
                )
                dossier.axes.add(rng.choice(axes))
                dossier.quartiers.add(rng.choice(quartiers))
                ReponseEgalite.objects.bulk_create(
                    ReponseEgalite(dossier=dossier, question=q, choix=["femmes"]) for q in questions
                )
                LigneBudget.objects.bulk_create(
                    [
                        LigneBudget(dossier=dossier, compte=CompteBudget.CHARGES_PERSONNEL, montant=15000),
                        LigneBudget(dossier=dossier, compte=CompteBudget.ACHATS, montant=2500),
                        LigneBudget(dossier=dossier, compte=CompteBudget.AUTRES_PRODUITS, montant=5000),
                    ]
                )
                LigneFinancement.objects.bulk_create(
                    LigneFinancement(dossier=dossier, financeur=f, nature=f.nature, montant_demande=m)
                    for f, m in zip(financeurs[:2], (Decimal("7500"), Decimal("5000")), strict=True)
                )
    etape(f"comptes : 1 administrateur, {commun.PORTEURS_COMPTES} porteurs et leurs brouillons", debut)

    debut = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("CREATE TABLE bench_jeu_de_donnees (valeur text)")
        cursor.execute("INSERT INTO bench_jeu_de_donnees VALUES (%s)", [json.dumps(signature(args))])
    etape("séquences et statistiques (ANALYZE)", debut)
    return {"admin": admin.email, "dossiers": len(dossiers), "lignes": len(lignes), "decisions": decisions}


def assurer_jeu_de_donnees(args=None, *, url: str | None = None) -> bool:
    """Build the data set unless the database already has this one; True if it was built."""
    args = args or parametres()
    url = url or commun.url_base()
    commun.verifier_postgresql(url)
    attendu = signature(args)
    if not getattr(args, "force", False) and _base_a_jour(url, attendu):
        print(f"Jeu de données déjà présent dans {commun.nom_base(url)} ({attendu}) : --force pour le refaire.")
        return False
    debut = time.perf_counter()
    print(f"Génération dans {commun.nom_base(url)} : {attendu}", flush=True)
    _recreer_base(url)
    commun.preparer_django(url)
    resultat = generer(args)
    print(f"Jeu de données prêt en {time.perf_counter() - debut:.0f} s : {resultat}")
    return True


if __name__ == "__main__":
    assurer_jeu_de_donnees(parametres())
