// Reloads a page while work goes on in the background (a report being produced): the element marked
// data-actualiser="<seconds>" is only there while a job runs. No inline script (CSP). The reload is a plain GET
// of the page's address, never a form re-posted, and it stops as soon as someone starts typing in a form.
// Runs once the page is parsed, wherever the tag sits (deferred or not, e.g. the admin's Media in <head>).
(function (demarrer) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", demarrer);
  } else {
    demarrer();
  }
})(function () {
  "use strict";

  const marque = document.querySelector("[data-actualiser]");
  if (!marque) {
    return;
  }
  const secondes = Math.max(2, parseInt(marque.dataset.actualiser, 10) || 5);
  let minuterie = window.setTimeout(function () {
    window.location.assign(window.location.pathname);
  }, secondes * 1000);

  function arreter() {
    if (minuterie !== null) {
      window.clearTimeout(minuterie);
      minuterie = null;
      marque.textContent = "Actualisation automatique suspendue pendant votre saisie : actualisez la page pour voir l'avancement.";
    }
  }

  document.querySelectorAll("form").forEach(function (formulaire) {
    formulaire.addEventListener("input", arreter);
    formulaire.addEventListener("change", arreter);
  });
});
