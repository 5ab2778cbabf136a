import datetime
import hashlib
import random
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from stdnum import luhn

from comptes.factories import UserFactory
from conseil_citoyen.models import AvisConseilCitoyen
from enjeux.factories import AxeStrategiqueFactory, ContratDeVilleFactory
from enjeux.models import AxeStrategique
from projets.enums import (
    Avis,
    CompteBudget,
    Decision,
    EtatCampagne,
    EtatDossier,
    FormeJuridique,
    MomentQuestion,
    NatureFinancement,
    RoleMembre,
    TypeDocument,
    TypeFinanceur,
    TypeInstance,
    TypeTravail,
)
from projets.models import (
    Amendement,
    Campagne,
    ControleRecevabilite,
    Convocation,
    CritereAnalyse,
    DecisionLigne,
    DemandeComplements,
    Depot,
    DocumentPorteur,
    Dossier,
    Enveloppe,
    Examen,
    Financeur,
    Instance,
    Invitation,
    LigneBudget,
    LigneFinancement,
    MembreInstance,
    Message,
    NoteCritere,
    NoteInterne,
    PieceJointe,
    PieceMessage,
    Porteur,
    PorteurMembre,
    PrioriteOperationnelle,
    PrioriteTransversaleCampagne,
    QuestionEgalite,
    Recusation,
    ReponseEgalite,
    Seance,
    StatistiqueCampagne,
    TransitionDossier,
    Travail,
    Volet,
)


def fake_siret(rng: random.Random | None = None) -> str:
    """A random SIRET valid under INSEE's rule (stdnum): a SIREN with its Luhn key, then an establishment number
    completing the SIRET's key. Never La Poste's SIREN (its SIRET follow another rule)."""
    rng = rng or random
    while (siren := _avec_cle("".join(str(rng.randint(0, 9)) for _ in range(8)))) == "356000000":
        pass
    return _avec_cle(siren + "".join(str(rng.randint(0, 9)) for _ in range(4)))


def _avec_cle(chiffres: str) -> str:
    return chiffres + luhn.calc_check_digit(chiffres)


class FinanceurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Financeur
        django_get_or_create = ["nom"]

    nom = factory.Sequence(lambda n: f"Financeur {n}")
    type = TypeFinanceur.AUTRE
    nature = NatureFinancement.CREDITS_SPECIFIQUES
    appel_a_projets = True


class CampagneFactory(factory.django.DjangoModelFactory):
    """An open call by default: it started ten days ago and closes in three weeks."""

    class Meta:
        model = Campagne

    contrat = factory.SubFactory(ContratDeVilleFactory)
    annee = factory.Sequence(lambda n: 2030 + n)
    libelle = factory.LazyAttribute(lambda o: f"Appel à projets {o.annee}")
    date_ouverture = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    date_cloture = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21))
    etat = EtatCampagne.OUVERTE


class PrioriteOperationnelleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrioriteOperationnelle

    campagne = factory.SubFactory(CampagneFactory)
    groupe = "emploi, insertion, formation"
    libelle = factory.Faker("sentence", nb_words=8, locale="fr_FR")


class PrioriteTransversaleCampagneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrioriteTransversaleCampagne

    campagne = factory.SubFactory(CampagneFactory)
    libelle = factory.Faker("sentence", nb_words=8, locale="fr_FR")


class VoletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volet

    campagne = factory.SubFactory(CampagneFactory)
    code = factory.Sequence(lambda n: str(n + 1))
    titre = factory.Faker("sentence", nb_words=4, locale="fr_FR")


class EnveloppeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enveloppe

    campagne = factory.SubFactory(CampagneFactory)
    financeur = factory.SubFactory(FinanceurFactory)
    montant = Decimal("100000.00")


class PorteurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Porteur

    raison_sociale = factory.Sequence(lambda n: f"Association des habitants n° {n}")
    forme_juridique = FormeJuridique.ASSOCIATION
    siret = factory.LazyFunction(fake_siret)
    rna = factory.Sequence(lambda n: f"W41{n:07d}")
    adresse = factory.Faker("street_address", locale="fr_FR")
    code_postal = "41000"
    commune = "Blois"
    email = factory.Sequence(lambda n: f"contact{n}@association.example")
    annee_creation = 1998
    presentation = factory.Faker("paragraph", nb_sentences=4, locale="fr_FR")


class PorteurMembreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PorteurMembre

    porteur = factory.SubFactory(PorteurFactory)
    user = factory.SubFactory(UserFactory)
    est_gestionnaire = True


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier
        skip_postgeneration_save = True

    campagne = factory.SubFactory(CampagneFactory)
    porteur = factory.SubFactory(PorteurFactory)
    intitule = factory.Faker("sentence", nb_words=5, locale="fr_FR")
    description = factory.Faker("paragraph", nb_sentences=5, locale="fr_FR")
    public_cible = "Habitantes et habitants du quartier"
    etat = EtatDossier.BROUILLON

    @factory.post_generation
    def axes(self, create, extracted, **kwargs):
        """Every dossier has at least one axe: the given ones, else one of the contract's (created if none)."""
        if not create:
            return
        contrat = self.campagne.contrat
        existing = AxeStrategique.objects.filter(enjeu__contrat=contrat).first()
        self.axes.set(extracted or [existing or AxeStrategiqueFactory(enjeu__contrat=contrat)])


class LigneFinancementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LigneFinancement

    dossier = factory.SubFactory(DossierFactory)
    financeur = factory.SubFactory(FinanceurFactory)
    nature = factory.LazyAttribute(lambda o: o.financeur.nature)
    montant_demande = Decimal("5000.00")


class StatistiqueCampagneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatistiqueCampagne

    campagne = factory.SubFactory(CampagneFactory)
    calcule_le = factory.LazyFunction(timezone.now)


# A minimal valid PDF, for file fields: one blank page with exact cross-reference offsets, since uploads are
# parsed (pypdf) to look for active content.
PDF_MINIMAL = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


class _FichierFactoryMixin(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    fichier = factory.LazyFunction(lambda: ContentFile(PDF_MINIMAL, name="document.pdf"))
    nom_original = "document.pdf"
    type_mime = "application/pdf"
    taille = len(PDF_MINIMAL)
    sha256 = hashlib.sha256(PDF_MINIMAL).hexdigest()


class DocumentPorteurFactory(_FichierFactoryMixin):
    class Meta:
        model = DocumentPorteur

    porteur = factory.SubFactory(PorteurFactory)
    type = TypeDocument.STATUTS
    date_document = datetime.date(2020, 6, 1)


class PieceJointeFactory(_FichierFactoryMixin):
    class Meta:
        model = PieceJointe

    dossier = factory.SubFactory(DossierFactory)
    libelle = "Devis"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    porteur = factory.SubFactory(PorteurFactory)
    email = factory.Sequence(lambda n: f"collegue{n}@association.example")
    invite_par = factory.SubFactory(UserFactory)


class LigneBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LigneBudget

    dossier = factory.SubFactory(DossierFactory)
    compte = CompteBudget.CHARGES_PERSONNEL
    montant = Decimal("10000.00")


class QuestionEgaliteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionEgalite
        django_get_or_create = ["numero"]

    numero = factory.Sequence(lambda n: n + 1)
    moment = MomentQuestion.DOSSIER
    texte = "Votre action prend-elle en compte des besoins spécifiques des femmes, des hommes ?"
    choix = ["femmes", "hommes"]


class ReponseEgaliteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReponseEgalite

    dossier = factory.SubFactory(DossierFactory)
    question = factory.SubFactory(QuestionEgaliteFactory)
    choix = ["femmes"]


class DepotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Depot

    dossier = factory.SubFactory(DossierFactory, etat=EtatDossier.DEPOSE)
    version = 1
    depose_le = factory.LazyFunction(timezone.now)
    depose_par = factory.SubFactory(UserFactory)
    contenu = factory.LazyAttribute(lambda o: {"intitule": o.dossier.intitule})
    empreinte = "0" * 64


class TransitionDossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransitionDossier

    dossier = factory.SubFactory(DossierFactory, etat=EtatDossier.DEPOSE)
    de = EtatDossier.BROUILLON
    vers = EtatDossier.DEPOSE
    par = factory.SubFactory(UserFactory)
    le = factory.LazyFunction(timezone.now)


class MessageFactory(factory.django.DjangoModelFactory):
    """A message of the instruction by default; pass de_l_instruction=False (and a member) for the porteur's."""

    class Meta:
        model = Message

    dossier = factory.SubFactory(DossierFactory, etat=EtatDossier.DEPOSE)
    auteur = factory.SubFactory(UserFactory, is_staff=True)
    de_l_instruction = True
    texte = "Pouvez-vous préciser le nombre de séances prévues ?"


class PieceMessageFactory(_FichierFactoryMixin):
    class Meta:
        model = PieceMessage

    message = factory.SubFactory(MessageFactory)


class NoteInterneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoteInterne

    dossier = factory.SubFactory(DossierFactory, etat=EtatDossier.DEPOSE)
    auteur = factory.SubFactory(UserFactory, is_staff=True)
    texte = "Structure connue, bilan 2024 satisfaisant."


def dossier_pret_a_deposer(**kwargs) -> Dossier:
    """A draft with every step complete and a balanced budget (12 500 € asked from two financeurs)."""
    from enjeux.factories import QuartierFactory

    dossier = DossierFactory(
        objectifs="Lever les freins à l'emploi des femmes du quartier.",
        date_debut=datetime.date(2031, 1, 1),
        date_fin=datetime.date(2031, 12, 31),
        evaluation="Nombre de participantes, sorties vers l'emploi ou la formation.",
        public_nombre=40,
        signataire_nom="Camille Martin",
        signataire_qualite="Présidente",
        attestation_honneur=True,
        montant_atteste=Decimal("12500.00"),
        **kwargs,
    )
    dossier.quartiers.add(QuartierFactory(contrat=dossier.campagne.contrat))
    for question in (QuestionEgaliteFactory(numero=n) for n in range(1, 6)):
        ReponseEgaliteFactory(dossier=dossier, question=question, choix=["femmes"])
    LigneBudgetFactory(dossier=dossier, compte=CompteBudget.CHARGES_PERSONNEL, montant=Decimal("15000.00"))
    LigneBudgetFactory(dossier=dossier, compte=CompteBudget.ACHATS, montant=Decimal("2500.00"))
    LigneBudgetFactory(dossier=dossier, compte=CompteBudget.AUTRES_PRODUITS, montant=Decimal("5000.00"))
    LigneFinancementFactory(dossier=dossier, financeur=FinanceurFactory(nom="Ville"), montant_demande=Decimal("7500"))
    LigneFinancementFactory(dossier=dossier, financeur=FinanceurFactory(nom="État"), montant_demande=Decimal("5000"))
    DocumentPorteurFactory(porteur=dossier.porteur, type=TypeDocument.STATUTS)
    return dossier


def dossier_depose(**kwargs) -> Dossier:
    """A complete dossier submitted by a member of its porteur: numbered, `déposé`, with its first Depot."""
    from projets.services.dossiers import dossier_submit

    dossier = dossier_pret_a_deposer(**kwargs)
    membre = PorteurMembreFactory(porteur=dossier.porteur, est_gestionnaire=True)
    dossier_submit(dossier=dossier, by=membre.user)
    dossier.refresh_from_db()
    return dossier


class DemandeComplementsFactory(factory.django.DjangoModelFactory):
    """A pending request reopening the "action" step, due in a fortnight (no dépôt of reference unless given)."""

    class Meta:
        model = DemandeComplements

    dossier = factory.SubFactory(DossierFactory, etat=EtatDossier.COMPLEMENTS_DEMANDES)
    elements = factory.LazyFunction(lambda: ["action"])
    message = "Précisez les objectifs de l'action et le nombre de séances prévues."
    date_limite = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=15))
    demandee_par = factory.SubFactory(UserFactory, is_staff=True)
    demandee_le = factory.LazyFunction(timezone.now)


class InstanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instance
        django_get_or_create = ["contrat", "type"]

    contrat = factory.SubFactory(ContratDeVilleFactory)
    type = TypeInstance.COTECH
    nom = factory.LazyAttribute(lambda o: TypeInstance(o.type).label)


class MembreInstanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembreInstance

    comite = factory.SubFactory(InstanceFactory, type=TypeInstance.COPIL)
    user = factory.SubFactory(UserFactory, is_staff=True)
    nom = factory.LazyAttribute(lambda o: str(o.user) if o.user else "Membre sans compte")
    organisation = "Ville"
    role = RoleMembre.TITULAIRE


class SeanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seance

    campagne = factory.SubFactory(CampagneFactory)
    comite = factory.SubFactory(
        InstanceFactory, contrat=factory.SelfAttribute("..campagne.contrat"), type=TypeInstance.COTECH
    )
    date = datetime.date(2031, 3, 12)
    lieu = "Hôtel de ville, salle du conseil"


class ExamenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Examen

    seance = factory.SubFactory(SeanceFactory)
    dossier = factory.SubFactory(
        DossierFactory, campagne=factory.SelfAttribute("..seance.campagne"), etat=EtatDossier.EN_INSTRUCTION
    )


class AvisConseilCitoyenFactory(factory.django.DjangoModelFactory):
    """Declared here rather than in conseil_citoyen/ so that the consistency test finds it."""

    class Meta:
        model = AvisConseilCitoyen

    dossier = factory.SubFactory(DossierFactory, etat=EtatDossier.EN_INSTRUCTION)
    avis = Avis.FAVORABLE
    texte = "Action utile aux familles du quartier ; le conseil citoyen souhaite être associé au bilan."
    rendu_le = datetime.date(2031, 3, 1)


class ControleRecevabiliteFactory(factory.django.DjangoModelFactory):
    """A checklist with every criterion checked."""

    class Meta:
        model = ControleRecevabilite

    dossier = factory.SubFactory(DossierFactory, etat=EtatDossier.DEPOSE)
    pieces_completes = territoire_eligible = public_eligible = cofinancement_present = priorites_annee = True
    par = factory.SubFactory(UserFactory, is_staff=True)
    le = factory.LazyFunction(timezone.now)


class CritereAnalyseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CritereAnalyse

    campagne = factory.SubFactory(CampagneFactory)
    libelle = factory.Sequence(lambda n: f"Critère {n}")
    ordre = factory.Sequence(int)


class NoteCritereFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoteCritere

    critere = factory.SubFactory(CritereAnalyseFactory)
    dossier = factory.SubFactory(DossierFactory, campagne=factory.SelfAttribute("..critere.campagne"))
    note = 2


class ConvocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convocation

    seance = factory.SubFactory(SeanceFactory, comite__type=TypeInstance.COPIL)
    membre = factory.SubFactory(MembreInstanceFactory, comite=factory.SelfAttribute("..seance.comite"))
    present = True


class RecusationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recusation

    seance = factory.SubFactory(SeanceFactory, comite__type=TypeInstance.COPIL)
    dossier = factory.SubFactory(DossierFactory, campagne=factory.SelfAttribute("..seance.campagne"))
    membre = factory.SubFactory(MembreInstanceFactory, comite=factory.SelfAttribute("..seance.comite"))
    motif = "Membre du conseil d'administration de la structure."


class DecisionLigneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionLigne

    seance = factory.SubFactory(SeanceFactory, comite__type=TypeInstance.COPIL)
    ligne = factory.SubFactory(
        LigneFinancementFactory,
        dossier__campagne=factory.SelfAttribute("...seance.campagne"),
        dossier__etat=EtatDossier.INSTRUIT,
    )
    decision = Decision.ACCORDE
    montant_vote = factory.LazyAttribute(lambda o: o.ligne.montant_demande)


class AmendementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Amendement

    decision = factory.SubFactory(DecisionLigneFactory, verrouillee=True)
    motif = "Erreur de saisie du montant en séance."
    avant = factory.LazyFunction(lambda: {"decision": "accorde", "montant_vote": "5000.00"})
    apres = factory.LazyFunction(lambda: {"decision": "accorde", "montant_vote": "4500.00"})
    par = factory.SubFactory(UserFactory, is_staff=True)
    le = factory.LazyFunction(timezone.now)


class TravailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Travail

    type = TypeTravail.PROGRAMMATION
    campagne = factory.SubFactory(CampagneFactory)
    empreinte = factory.Sequence(lambda n: hashlib.sha256(str(n).encode()).hexdigest())
