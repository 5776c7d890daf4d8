/*
 * The search worker: Material's own, plus one change. Words are compared without their diacritics,
 * so a reader who types "shoqeri" or "ceshtje" on a keyboard without ë and ç finds "shoqëri" and
 * "çështje", and the other way round. The page gives the address of Material's worker in the
 * `material` parameter (kb/search_index.py writes it), so no file name is repeated here.
 */
importScripts(new URL(self.location).searchParams.get("material"));

(function (lunr) {
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
})(self.lunr);
