/*
 * Filters for the network directory (/networks/). Without this script the page shows every
 * network; with it, a form filters the list at once and keeps the filters in the page address, so
 * a filtered view can be shared. Text is matched without diacritics: "shoqeri" finds "shoqëri".
 */
(function () {
  "use strict";

  var directory = document.querySelector("[data-directory]");
  if (!directory) return;

  var form = directory.querySelector(".kb-filters");
  var status = directory.querySelector(".kb-filters__status");
  var items = Array.prototype.slice.call(directory.querySelectorAll(".kb-network-list > li"));
  var fields = { q: form.elements.q, country: form.elements.country, theme: form.elements.theme };

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function message(name, shown) {
    return directory.getAttribute("data-status-" + name)
      .replace("{shown}", shown).replace("{total}", items.length);
  }

  function apply() {
    var words = fold(fields.q.value).split(/\s+/).filter(Boolean);
    var country = fields.country.value;
    var theme = fields.theme.value;
    var shown = 0;
    items.forEach(function (item) {
      var visible =
        (!country || item.getAttribute("data-countries").split(" ").indexOf(country) >= 0) &&
        (!theme || item.getAttribute("data-themes").split(" ").indexOf(theme) >= 0) &&
        words.every(function (word) { return item.getAttribute("data-search").indexOf(word) >= 0; });
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    status.textContent = shown === items.length ? message("all", shown)
      : shown === 0 ? message("none", shown) : message("some", shown);
  }

  function saveToAddress() {
    var params = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      if (fields[name].value) params.set(name, fields[name].value);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function loadFromAddress() {
    var params = new URLSearchParams(location.search);
    Object.keys(fields).forEach(function (name) {
      var value = params.get(name) || "";
      var field = fields[name];
      // A value the select does not offer (an old or mistyped link) falls back to "all".
      if (field.tagName === "SELECT" && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        value = "";
      }
      field.value = value;
    });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", function () { apply(); saveToAddress(); });
  form.addEventListener("change", function () { apply(); saveToAddress(); });
  form.addEventListener("reset", function () {
    // The reset itself happens after this event: filter once the fields are empty.
    setTimeout(function () { apply(); saveToAddress(); }, 0);
  });
  loadFromAddress();
  apply();
})();
