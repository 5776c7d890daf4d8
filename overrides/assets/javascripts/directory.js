/*
 * Filters and orders for the network directory (/networks/). Without this script the page shows
 * every network, in the order of their names; with it, a form filters and reorders the list at once
 * and keeps its choices in the page address, so a view can be shared. Text is matched without
 * diacritics: "shoqeri" finds "shoqëri".
 */
(function () {
  "use strict";

  var directory = document.querySelector("[data-directory]");
  if (!directory) return;

  var form = directory.querySelector(".kb-filters");
  var status = directory.querySelector(".kb-filters__status");
  var list = directory.querySelector(".kb-network-list");
  // The order the page came in, which is the order by name.
  var items = Array.prototype.slice.call(list.children);
  // What the text filter matches: the entry's name and acronym as shown, and data-search, the
  // names in the other languages and the secretariat's city, which the entry does not show.
  var texts = items.map(function (item) {
    var acronym = item.querySelector(".kb-network-list__acronym");
    return fold([item.querySelector(".kb-network-list__name").textContent,
                 acronym ? acronym.textContent : "", item.getAttribute("data-search")].join(" "));
  });
  var fields = {
    q: form.elements.q, country: form.elements.country, theme: form.elements.theme,
    status: form.elements.status, sort: form.elements.sort
  };

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function message(name, shown) {
    var one = directory.getAttribute("data-status-" + name + "-one");
    var text = (name === "all" ? items.length : shown) === 1 && one ? one
      : directory.getAttribute("data-status-" + name);
    return text.replace("{shown}", shown).replace("{total}", items.length);
  }

  function has(item, attribute, value) {
    return !value || item.getAttribute(attribute).split(" ").indexOf(value) >= 0;
  }

  // Each order compares two entries; equal ones keep the order by name.
  var orders = {
    founded: function (a, b) {
      var x = a.getAttribute("data-founded"), y = b.getAttribute("data-founded");
      return x < y ? -1 : x > y ? 1 : 0;
    },
    members: function (a, b) {
      // Networks without a known count come last.
      var x = a.getAttribute("data-members"), y = b.getAttribute("data-members");
      if (x === "" || y === "") return (x === "") - (y === "");
      return Number(y) - Number(x);
    }
  };

  var currentOrder = "";

  function reorder() {
    if (fields.sort.value === currentOrder) return;
    currentOrder = fields.sort.value;
    var compare = orders[currentOrder];
    var sorted = items.slice();
    if (compare) {
      sorted.sort(function (a, b) {
        return compare(a, b) || items.indexOf(a) - items.indexOf(b);
      });
    }
    sorted.forEach(function (item) { list.appendChild(item); });
  }

  function apply() {
    var words = fold(fields.q.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item, index) {
      var visible =
        has(item, "data-countries", fields.country.value) &&
        has(item, "data-themes", fields.theme.value) &&
        has(item, "data-status", fields.status.value) &&
        words.every(function (word) { return texts[index].indexOf(word) >= 0; });
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    reorder();
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
      // A value the select does not offer (an old or mistyped link) falls back to the first option.
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
    // The reset itself happens after this event: filter once the fields are back to their defaults.
    setTimeout(function () { apply(); saveToAddress(); }, 0);
  });
  loadFromAddress();
  apply();
})();
