// Forms marked data-envoi-unique="<text>" are sent once: while the server works (a deposit renders its récépissé)
// the submit button says so (its text, aria-busy) and a second click sends nothing. No inline script (CSP).
(function (demarrer) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", demarrer);
  } else {
    demarrer();
  }
})(function () {
  "use strict";

  document.querySelectorAll("form[data-envoi-unique]").forEach(function (formulaire) {
    formulaire.addEventListener("submit", function (evenement) {
      if (formulaire.dataset.envoiEnCours === "1") {
        evenement.preventDefault();
        return;
      }
      formulaire.dataset.envoiEnCours = "1";
      // Not the disabled attribute: the button's name and value must still be sent with the form.
      const bouton = evenement.submitter || formulaire.querySelector("[type=submit]");
      if (bouton) {
        bouton.dataset.texteInitial = bouton.textContent;
        bouton.textContent = formulaire.dataset.envoiUnique;
        bouton.setAttribute("aria-busy", "true");
        bouton.setAttribute("aria-disabled", "true");
        bouton.classList.add("disabled");
      }
    });
  });

  // Back to a page kept in the browser's cache: the form can be sent again.
  window.addEventListener("pageshow", function (evenement) {
    if (!evenement.persisted) {
      return;
    }
    document.querySelectorAll("form[data-envoi-unique][data-envoi-en-cours]").forEach(function (formulaire) {
      delete formulaire.dataset.envoiEnCours;
      formulaire.querySelectorAll("[aria-busy=true]").forEach(function (bouton) {
        bouton.textContent = bouton.dataset.texteInitial;
        bouton.removeAttribute("aria-busy");
        bouton.removeAttribute("aria-disabled");
        bouton.classList.remove("disabled");
      });
    });
  });
});
