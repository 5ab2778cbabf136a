// Funded projects: the filters work as a plain GET form; this only avoids reloading the page.
// The results are fetched as a fragment and swapped in, the address bar keeps the shareable URL,
// and a status region tells screen reader users how many projects match.
// Runs once the page is parsed, wherever the tag sits (deferred or not, e.g. the admin's Media in <head>).
(function (demarrer) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", demarrer);
  } else {
    demarrer();
  }
})(function () {
  "use strict";

  var form = document.getElementById("filtres-projets");
  var resultats = document.getElementById("resultats");
  var annonce = document.getElementById("annonce-resultats");
  if (!form || !resultats || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var anneeChargee = form.elements.annee ? form.elements.annee.value : "";

  function urlDuFormulaire() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (valeur, nom) {
      if (String(valeur).trim() !== "") {
        params.append(nom, valeur);
      }
    });
    var requete = params.toString();
    return form.action + (requete ? "?" + requete : "");
  }

  function charger(url, focaliser) {
    resultats.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { "X-Fragment": "resultats" }, credentials: "same-origin" })
      .then(function (reponse) {
        if (!reponse.ok) {
          throw new Error(reponse.status);
        }
        return reponse.text();
      })
      .then(function (html) {
        resultats.innerHTML = html;
        resultats.removeAttribute("aria-busy");
        window.history.replaceState(null, "", url);
        var titre = document.getElementById("titre-resultats");
        if (titre && annonce) {
          annonce.textContent = titre.textContent.replace(/\s+/g, " ").trim();
        }
        if (titre && focaliser) {
          titre.focus();
          titre.scrollIntoView({ block: "start" });
        }
      })
      .catch(function () {
        window.location.assign(url); // the page works without us: fall back to it
      });
  }

  form.addEventListener("submit", function (event) {
    // Another year has other volets and quartiers: let the whole page reload.
    if (form.elements.annee && form.elements.annee.value !== anneeChargee) {
      return;
    }
    event.preventDefault();
    charger(urlDuFormulaire(), false);
  });

  resultats.addEventListener("click", function (event) {
    var lien = event.target.closest(".pagination a");
    if (!lien || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    charger(lien.href, true);
  });
});
