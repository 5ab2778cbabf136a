"""Locust scenario: porteurs, already signed in, fill in their drafts (the wizard's automatic saves while they
type, then the attestation) and submit them. Driven by bench/bench_porteurs.py, which gives each simulated user
its account's session and draft numbers in BENCH_PORTEURS (JSON)."""

import itertools
import json
import os

from locust import HttpUser, between, task

COMPTES = json.loads(os.environ.get("BENCH_PORTEURS", "[]"))
_suivant = itertools.count()
SAISIES = 4  # automatic saves of the "action" step per draft, a few seconds apart as while typing


class Porteur(HttpUser):
    wait_time = between(2, 5)  # dossier.js saves 1.2 s after the last keystroke: typing, with pauses

    def on_start(self):
        compte = COMPTES[next(_suivant) % len(COMPTES)]
        self.client.cookies.set("sessionid", compte["session"])
        self.brouillons = list(compte["brouillons"])
        self.etapes = self._parcours()

    def _parcours(self):
        for pk in self.brouillons:
            base = f"/espace-porteur/dossiers/{pk}"
            self.client.get(f"{base}/action/", name="étape : page")
            for rang in range(SAISIES):
                yield self._enregistrer(f"{base}/action/", self._action(rang))
            yield self._enregistrer(f"{base}/attestation/", self._attestation())
            yield self._deposer(pk)

    def _csrf(self) -> dict:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}

    @staticmethod
    def _action(rang: int) -> dict:
        return {
            "intitule": "Atelier sociolinguistique pour les parents",
            "objectifs": "Lever les freins à l'emploi des femmes du quartier." + " Et plus encore." * rang,
            "description": "Des ateliers deux fois par semaine au centre social, hors vacances scolaires.",
            "date_debut": "01/01/2027",
            "date_fin": "31/12/2027",
            "lieux": "Centre social",
            "moyens_humains": "Une animatrice",
            "moyens_materiels": "Une salle",
            "partenaires": "CAF, Ville",
            "evaluation": "Nombre de participantes",
        }

    @staticmethod
    def _attestation() -> dict:
        return {
            "signataire_nom": "Camille Martin",
            "signataire_qualite": "Présidente",
            "montant_atteste": "12500",
            "attestation_honneur": "on",
            "contact_public": "",
        }

    def _enregistrer(self, chemin: str, donnees: dict):
        with self.client.post(
            chemin,
            donnees,
            headers={"X-Autosave": "1", **self._csrf()},
            name="étape : enregistrement automatique",
            catch_response=True,
        ) as reponse:
            if reponse.status_code != 200 or reponse.json().get("erreurs"):
                reponse.failure(f"{reponse.status_code} {reponse.text[:200]}")

    def _deposer(self, pk: int):
        with self.client.post(
            f"/espace-porteur/dossiers/{pk}/deposer/",
            headers=self._csrf(),
            name="dépôt",
            catch_response=True,
            allow_redirects=False,
        ) as reponse:
            # Success redirects to the porteur space; a refusal back to the attestation step with its messages.
            if reponse.status_code != 302 or not reponse.headers.get("Location", "").endswith("/espace-porteur/"):
                reponse.failure(f"{reponse.status_code} vers {reponse.headers.get('Location')}")

    @task
    def continuer(self):
        if next(self.etapes, StopIteration) is StopIteration:
            self.client.get("/espace-porteur/", name="espace porteur")
