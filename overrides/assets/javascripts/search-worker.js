/*
 * The search worker: Material's own, loaded only when the search index arrives, plus one change.
 * Words are compared without their diacritics, so a reader who types "shoqeri" or "ceshtje" on a
 * keyboard without ë and ç finds "shoqëri" and "çështje", and the other way round. The page gives
 * the address of Material's worker in the `material` parameter (kb/search_index.py writes it), so
 * no file name is repeated here.
 *
 * Material starts this worker on every page, but sends it the index only once the reader starts
 * to search (overrides/main.html holds the index back until then). Material's worker, which
 * carries the search engine, is fetched with that first message, not before.
 */
var queued = [];

function loadMaterialWorker() {
  self.removeEventListener("message", hold);
  importScripts(new URL(self.location).searchParams.get("material"));
  foldDiacritics(self.lunr);
  // Material's worker has added its own listener: give it what arrived before it was there.
  queued.forEach(function (data) {
    self.dispatchEvent(new MessageEvent("message", { data: data }));
  });
}

function hold(event) {
  queued.push(event.data);
  if (queued.length === 1) loadMaterialWorker();
}
self.addEventListener("message", hold);

function foldDiacritics(lunr) {
  "use strict";
  if (!lunr) return;

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Every word of the index, and every word of a query, goes through a pipeline: fold it first.
  var run = lunr.Pipeline.prototype.run;
  lunr.Pipeline.prototype.run = function (tokens) {
    tokens.forEach(function (token) { token.update(fold); });
    return run.call(this, tokens);
  };

  // Words of a query that end in a wildcard skip the pipeline: fold the whole query as well.
  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    return search.call(this, fold(query));
  };
}
