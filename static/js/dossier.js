/* Dossier wizard: autosave while typing, a local copy that survives an expired session or a lost
   connection, errors shown next to their field, and live budget totals. Works without it: every step
   also has ordinary "Enregistrer" buttons. */
// Runs once the page is parsed, wherever the tag sits (deferred or not, e.g. the admin's Media in <head>).
(function (demarrer) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", demarrer);
  } else {
    demarrer();
  }
})(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var status = document.getElementById("etat-sauvegarde");
  var key = "contratville:brouillon:" + form.dataset.autosave;
  var version = form.dataset.version; // server's last modification, as seen when the page was built
  var timer = null;
  var inflight = false;
  var again = false;

  function say(text, warning) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("alert", !!warning);
    status.classList.toggle("alert-warning", !!warning);
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "submit" && el.type !== "file";
    });
  }

  function snapshot() {
    var data = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name] = data[el.name] || [];
        if (el.checked) data[el.name].push(el.value);
      } else {
        data[el.name] = [el.value];
      }
    });
    return data;
  }

  function keepLocally() {
    try {
      localStorage.setItem(key, JSON.stringify({ version: version, data: snapshot() }));
    } catch (e) { /* private browsing: the server copy is enough */ }
  }

  function restoreLocally() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (!saved) return;
    // Only if nobody saved on the server since this copy was taken; otherwise the server is newer.
    if (saved.version !== version) { localStorage.removeItem(key); return; }
    fields().forEach(function (el) {
      var values = saved.data[el.name];
      if (!values) return;
      if (el.type === "checkbox" || el.type === "radio") el.checked = values.indexOf(el.value) !== -1;
      else el.value = values[0];
    });
    say("Votre dernière saisie, pas encore enregistrée, a été restaurée depuis cet appareil. Enregistrement…");
    updateTotals();
    schedule();
  }

  function showErrors(errors) {
    form.querySelectorAll("[data-erreur-auto]").forEach(function (node) { node.remove(); });
    fields().forEach(function (el) {
      if (el.dataset.erreurServeur === undefined) el.removeAttribute("aria-invalid");
    });
    Object.keys(errors || {}).forEach(function (name) {
      var el = form.querySelector("[name='" + name + "']");
      if (!el) return;
      var id = "erreur-auto-" + name;
      var message = document.createElement("div");
      message.className = "invalid-feedback d-block";
      message.id = id;
      message.dataset.erreurAuto = "";
      message.textContent = errors[name].join(" ");
      el.setAttribute("aria-invalid", "true");
      el.setAttribute("aria-describedby", ((el.getAttribute("aria-describedby") || "") + " " + id).trim());
      (el.closest(".mb-3, td, fieldset") || el.parentNode).appendChild(message);
    });
  }

  /* What the step still lacks before submission, as the server says after each save. */
  function showMissing(manques) {
    var box = document.getElementById("manques-etape");
    if (!box || !manques) return;
    document.getElementById("manques-etape-titre").textContent = "Étape enregistrée, mais pas complète\u00a0:";
    var list = box.querySelector("ul");
    list.textContent = "";
    manques.forEach(function (manque) {
      var item = document.createElement("li");
      item.textContent = manque;
      list.appendChild(item);
    });
    box.hidden = manques.length === 0;
    var skip = document.getElementById("continuer-incomplete");
    if (skip) skip.hidden = manques.length === 0;
  }

  function send() {
    if (inflight) { again = true; return; }
    inflight = true;
    say("Enregistrement…");
    fetch(form.getAttribute("action") || window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Autosave": "1" },
      credentials: "same-origin",
      redirect: "manual"
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
        say("Votre session a expiré : reconnectez-vous dans un autre onglet puis revenez ici. " +
            "Votre saisie est conservée sur cet appareil.", true);
        return null;
      }
      return response.json().then(function (body) {
        if (!response.ok) { say(body.message || "Enregistrement impossible.", true); return; }
        showErrors(body.erreurs);
        showMissing(body.manques);
        try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
        version = body.version;
        say(Object.keys(body.erreurs).length
          ? "Enregistré à " + body.heure + ", sauf les champs signalés à corriger."
          : "Enregistré à " + body.heure + ".");
      });
    }).catch(function () {
      say("Connexion perdue : votre saisie est conservée sur cet appareil et sera envoyée dès que possible.", true);
    }).then(function () {
      inflight = false;
      if (again) { again = false; schedule(); }
    });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(send, 1200);
  }

  /* Budget: totals recomputed as the porteur types, the same rule as on the server. */
  var euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

  function amount(el) {
    var text = (el.value || "").replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
    var value = parseFloat(text);
    return isNaN(value) || value < 0 ? 0 : value;
  }

  function sum(selector) {
    var total = 0;
    form.querySelectorAll(selector).forEach(function (el) { total += Math.round(amount(el) * 100); });
    return total / 100;
  }

  function updateTotals() {
    var out = document.getElementById("totaux-budget");
    if (!out) return;
    var charges = sum("[data-sens='charge']");
    var produits = sum("[data-sens='produit']");
    var ecart = Math.round((charges - produits) * 100) / 100;
    document.getElementById("total-charges").textContent = euros.format(charges);
    document.getElementById("total-produits").textContent = euros.format(produits);
    var verdict = document.getElementById("equilibre");
    if (charges === 0) verdict.textContent = "Budget vide : saisissez les charges et les produits.";
    else if (ecart === 0) verdict.textContent = "Budget équilibré.";
    else if (ecart > 0) verdict.textContent = "Déséquilibre : il manque " + euros.format(ecart) + " de produits.";
    else verdict.textContent = "Déséquilibre : les produits dépassent les charges de " + euros.format(-ecart) + ".";
    verdict.className = charges > 0 && ecart === 0 ? "fw-bold text-success-emphasis" : "fw-bold text-danger-emphasis";
  }

  form.addEventListener("input", function () { keepLocally(); updateTotals(); schedule(); });
  form.addEventListener("change", function () { keepLocally(); schedule(); });
  restoreLocally();
  updateTotals();
});
