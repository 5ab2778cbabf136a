// COPIL vote grid: totals per financeur follow what is typed, with the enveloppe warning shown live.
(function () {
  "use strict";
  const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

  function montant(texte) {
    const propre = (texte || "").replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
    const valeur = parseFloat(propre);
    return Number.isFinite(valeur) ? valeur : 0;
  }

  function recalculer() {
    const saisis = {};
    document.querySelectorAll("tr.ligne-vote").forEach(function (ligne) {
      const choix = ligne.querySelector("select.vote-decision");
      const champ = ligne.querySelector("input.vote-montant");
      if (!choix || !champ || choix.value !== "accorde") return;
      const financeur = ligne.dataset.financeur;
      saisis[financeur] = (saisis[financeur] || 0) + montant(champ.value);
    });
    document.querySelectorAll("#totaux tr[data-hors-saisie]").forEach(function (ligne) {
      const financeur = ligne.dataset.financeur;
      const total = parseFloat(ligne.dataset.horsSaisie) + (saisis[financeur] || 0);
      ligne.querySelector(".total-vote").textContent = euros.format(total);
      const alerte = document.querySelector('tr[data-alerte="' + financeur + '"]');
      if (ligne.dataset.enveloppe === "") return;
      const reste = parseFloat(ligne.dataset.enveloppe) - total;
      ligne.querySelector(".total-reste").textContent = euros.format(reste);
      if (alerte) alerte.hidden = reste >= 0;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const formulaire = document.getElementById("vote-form");
    if (!formulaire) return;
    formulaire.addEventListener("input", recalculer);
    formulaire.addEventListener("change", recalculer);
  });
})();
