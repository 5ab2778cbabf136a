// Progress of the document generation jobs in the admin: polls each job's JSON status while it is queued or
// running, updates its bar and step, and reloads the page once one is over (download link, timings, error).
// No inline script: the URL comes from the data-travail-statut attribute.
// Runs once the page is parsed, wherever the tag sits (deferred or not, e.g. the admin's Media in <head>).
(function (demarrer) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", demarrer);
  } else {
    demarrer();
  }
})(function () {
  "use strict";

  const PAUSE_MS = 1500;
  const PAUSE_MAX_MS = 20000;

  function suivre(bloc) {
    const barre = bloc.querySelector("progress");
    const texte = bloc.querySelector("[data-travail-texte]");
    let pause = PAUSE_MS;

    async function rafraichir() {
      try {
        const reponse = await fetch(bloc.dataset.travailStatut, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!reponse.ok) {
          throw new Error(`statut ${reponse.status}`);
        }
        const etat = await reponse.json();
        barre.value = etat.progression;
        barre.textContent = `${etat.progression} %`;
        texte.textContent = etat.texte;
        if (!etat.actif) {
          window.location.reload();
          return;
        }
        pause = PAUSE_MS;
      } catch (erreur) {
        // Server busy or restarting: try again, less often.
        pause = Math.min(pause * 2, PAUSE_MAX_MS);
      }
      window.setTimeout(rafraichir, pause);
    }

    window.setTimeout(rafraichir, pause);
  }

  document.querySelectorAll("[data-travail-statut][data-actif='1']").forEach(suivre);
});
