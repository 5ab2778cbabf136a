"""Demo data of the conseil citoyen: a draw done before witnesses, members of both collèges, a meeting with its
avis and designations, and the year's FPH. Names are invented; the source list is deterministic (seeded)."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from faker import Faker

from comptes.models import User
from conseil_citoyen.enums import (
    ModeDesignation,
    QualiteTemoin,
    Reponse,
    Sexe,
    StatutDemandeFPH,
    TypeCollege,
    TypeTirage,
)
from conseil_citoyen.models import (
    ConseilCitoyen,
    DemandeFPH,
    FondsParticipation,
    Membre,
    Reunion,
    Temoin,
    TirageAuSort,
)
from conseil_citoyen.rules import fin_de_mandat_au_plus_tard
from conseil_citoyen.services import fph, reunions, tirage
from projets.enums import EtatDossier
from projets.models import Dossier

SEED = 41000
BAILLEURS = ["Terres de Loire Habitat", "Loir-et-Cher Logement", "Immobilière Centre-Loire — groupe 3F"]
SECTEURS = ["Bégon", "Croix Chevalier", "Kennedy", "Coty"]


@transaction.atomic
def demo_conseil_citoyen(*, today: datetime.date) -> ConseilCitoyen | None:
    conseil = ConseilCitoyen.objects.select_related("contrat").first()
    if conseil is None or conseil.membres.exists():
        return conseil
    admin = User.objects.filter(is_superuser=True).first()
    fake = Faker("fr_FR")
    fake.seed_instance(SEED)
    rng = random.Random(SEED)
    debut = today - datetime.timedelta(days=120)
    draw = TirageAuSort.objects.create(
        conseil=conseil,
        type=TypeTirage.HABITANTS,
        date=debut - datetime.timedelta(days=30),
        lieu="Espace du projet et de la citoyenneté",
        nombre=conseil.tirage_nombre,
    )
    for nom, qualite in [
        ("Claire Moreau", QualiteTemoin.ELU_MAJORITE),
        ("Yves Perrin", QualiteTemoin.ELU_OPPOSITION),
        ("Paul Girard", QualiteTemoin.DELEGUE_PREFET),
    ]:
        Temoin.objects.create(tirage=draw, nom=nom, qualite=qualite)
    lignes = []
    for i in range(120):
        sexe = rng.choice([Sexe.FEMME, Sexe.HOMME])
        prenom = fake.first_name_female() if sexe == Sexe.FEMME else fake.first_name_male()
        lignes.append(f"{fake.last_name()};{prenom};{i + 1} rue {fake.street_name()};{sexe};{rng.choice(SECTEURS)}")
    tirage.liste_importer(tirage=draw, source=BAILLEURS[0], contenu="\n".join(lignes))
    tirage.tirage_effectuer(tirage=draw, graine="4f1c9e2a7b", by=admin)
    for personne in draw.personnes.filter(rang__isnull=False).order_by("rang"):
        reponse = Reponse.ACCEPTE if personne.rang % 3 else Reponse.REFUSE
        if personne.rang > 20:
            reponse = Reponse.SANS_REPONSE
        tirage.reponse_enregistrer(personne=personne, reponse=reponse, le=debut - datetime.timedelta(days=5))
    tirage.retenus_installer(tirage=draw, debut=debut)
    habitants = conseil.colleges.get(type=TypeCollege.HABITANTS)
    associations = conseil.colleges.get(type=TypeCollege.ASSOCIATIONS)
    fin = fin_de_mandat_au_plus_tard(debut, conseil.mandat_mois)
    commun = {"conseil": conseil, "debut_mandat": debut, "fin_mandat": fin}
    for sexe, nombre in tirage.volontaires_a_retenir(conseil=conseil).items():
        for _ in range(min(nombre, 3)):
            prenom = fake.first_name_female() if sexe == Sexe.FEMME else fake.first_name_male()
            Membre.objects.create(
                college=habitants,
                nom=fake.last_name(),
                prenom=prenom,
                sexe=sexe,
                reside_qpv=True,
                mode=ModeDesignation.VOLONTAIRE,
                publication_consentie=True,
                **commun,
            )
    porteurs = {d.porteur for d in Dossier.objects.filter(campagne__contrat=conseil.contrat).select_related("porteur")}
    for porteur in sorted(porteurs, key=str)[:5]:
        Membre.objects.create(
            college=associations,
            nom=str(porteur),
            est_organisation=True,
            structure=porteur,
            mode=ModeDesignation.APPEL_A_CANDIDATURES,
            publication_consentie=True,
            **commun,
        )
    Membre.objects.filter(conseil=conseil, mode=ModeDesignation.TIRE_AU_SORT).update(publication_consentie=True)
    reunion = Reunion.objects.create(
        conseil=conseil,
        date=today - datetime.timedelta(days=10),
        lieu="Maison de Bégon",
        ordre_du_jour="Avis sur les dossiers de l'appel ; désignations ; FPH",
        garde_enfants=True,
    )
    reunion.presents.set(conseil.membres.all())
    dossier = (
        Dossier.objects.filter(campagne__contrat=conseil.contrat, etat=EtatDossier.INSTRUIT).order_by("numero").last()
    )
    if dossier:
        reunions.avis_adopter(
            reunion=reunion,
            dossier=dossier,
            avis="favorable",
            by=admin,
            texte="Action attendue par les familles ; le conseil souhaite être associé au bilan.",
        )
    actifs = list(conseil.membres.filter(college=habitants, mode=ModeDesignation.TIRE_AU_SORT)[:3])
    for membre, organe, role in [
        (actifs[0], "copil", "titulaire"),
        (actifs[1], "copil", "suppleant"),
        (actifs[2], "cotech", "titulaire"),
    ]:
        reunions.designation_enregistrer(
            reunion=reunion, membre=membre, organe=organe, role=role, annee=today.year, by=admin
        )
    fonds = FondsParticipation.objects.create(conseil=conseil, annee=today.year, montant=Decimal("5000"))
    fete = DemandeFPH.objects.create(
        fonds=fonds,
        titre="Fête des voisins de la rue Jean-Moulin",
        description="Un repas partagé au pied des immeubles, avec des jeux pour les enfants.",
        porteurs="Amina, Jean-Pierre et Lucie",
        email="fete.voisins@exemple.fr",
        montant_demande=Decimal("450"),
    )
    fph.fph_decider(
        demande=fete, reunion=reunion, statut=StatutDemandeFPH.ACCORDEE, montant=Decimal("450"), motif="", by=admin
    )
    DemandeFPH.objects.create(
        fonds=fonds,
        titre="Atelier vélo du samedi",
        porteurs="Karim et Sophie",
        description="Réparer ensemble les vélos des enfants du quartier.",
        email="atelier.velo@exemple.fr",
        montant_demande=Decimal("800"),
    )
    conseil.presentation = (
        "Le conseil citoyen réunit des habitantes et habitants des Quartiers Nord, dont une partie tirée au sort, "
        "et des associations du quartier. Il siège au comité de pilotage et au comité technique du contrat de "
        "ville, donne son avis sur les projets et gère le fonds de participation des habitants."
    )
    conseil.mis_en_place_le = debut
    conseil.save(update_fields=["presentation", "mis_en_place_le"])
    return conseil
