// The search page: this language's Pagefind index, read through Pagefind's JavaScript API and
// shown with the page's own words (so every language, Traditional Chinese too, reads right).
// Only a result's title and excerpt are shown, never its metadata. Queries are normalised to
// NFC; the folded copy of each page's key words (Latin diacritics off, đ -> d) is weighted so
// "dong" finds "Đồng". The filters are Pagefind filters: group, stars, region, month, tag.
// Ranking: a page whose title is the query first; then pages whose title holds it, products
// first and the more stars the sooner; then the rest by Pagefind's score, weighted up for
// products. A query that no page holds all the words of (a name mixing scripts) also looks
// for pages holding any of them.
(function () {
  "use strict";
  var FILTERS = ["group", "stars", "region", "month", "tag"];
  var OPTIONS = { ranking: { pageLength: 0.2, termFrequency: 0.6, metaWeights: { fold: 5 } } };
  function key(value) {  // compare titles and queries without case, spaces, marks on Latin letters
    return (value || "").normalize("NFD").replace(/([A-Za-z])[\u0300-\u036f]+/g, "$1").normalize("NFC")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "");
  }
  function rank(data, score, query) {  // [tier, product, stars, score]: compared in that order
    var title = key(data.meta.title), wanted = key(query), group = data.filters && data.filters.group;
    var stars = group && data.filters.stars ? Number(data.filters.stars[0]) : 0;
    var tier = wanted && title === wanted ? 2 : wanted && title.indexOf(wanted) >= 0 ? 1 : 0;
    return tier ? [tier, group ? 1 : 0, stars, score] : [0, 0, 0, score * (group ? 3 * (1 + stars / 5) : 1)];
  }
  function before(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
    return 0;
  }
  async function anyWord(pagefind, query, chosen) {
    var words = query.split(/[\s\p{P}\p{S}]+/u).filter(Boolean), merged = {};
    for (var i = 0; i < words.length; i++) {
      var found = await pagefind.search(words[i], { filters: chosen });
      found.results.forEach(function (result) {
        var seen = merged[result.id];
        if (seen) seen.score += result.score;
        else merged[result.id] = { id: result.id, score: result.score, data: result.data };
      });
    }
    return Object.keys(merged).map(function (id) { return merged[id]; }).sort(function (a, b) { return b.score - a.score; });
  }
  async function ranked(pagefind, query, chosen) {
    var found = await pagefind.search(query || null, { filters: chosen }), results = found.results.slice(0, 30);
    var data = await Promise.all(results.map(function (r) { return r.data(); }));
    if (query && !data.some(function (item) { return key(item.meta.title) === key(query); })) {
      var seen = {};  // no page is named so: also pages that hold any of the words (names that mix scripts)
      results.forEach(function (r) { seen[r.id] = true; });
      var more = (await anyWord(pagefind, query, chosen)).filter(function (r) { return !seen[r.id]; }).slice(0, 30 - results.length);
      results = results.concat(more);
      data = data.concat(await Promise.all(more.map(function (r) { return r.data(); })));
    }
    var top = results;
    var scored = data.map(function (item, i) { return { data: item, rank: rank(item, top[i].score || 0, query) }; });
    scored.sort(function (a, b) { return before(a.rank, b.rank); });
    return scored.map(function (item) { return item.data; });
  }
  function text(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }
  function start() {
    var form = document.getElementById("search");
    if (!form) return;
    var input = form.elements.q, status = document.getElementById("search-status");
    var list = document.getElementById("search-results"), pagefind = null, latest = 0;
    async function load() {
      if (!pagefind) {
        pagefind = await import(form.getAttribute("data-bundle") + "pagefind.js");
        await pagefind.options(OPTIONS);
      }
      return pagefind;
    }
    // The page's ranking, for other scripts and tests: the URLs a query finds, best first.
    window.catalogueSearch = async function (query) {
      return (await ranked(await load(), query.normalize("NFC").trim(), {})).map(function (data) { return data.url; });
    };
    function filters() {
      var chosen = {};
      FILTERS.forEach(function (name) { if (form.elements[name] && form.elements[name].value) chosen[name] = form.elements[name].value; });
      return chosen;
    }
    function show(results, query, chosen) {
      list.textContent = "";
      results.forEach(function (data) {
        var item = document.createElement("li"), link = document.createElement("a"), title = document.createElement("h2");
        link.href = data.url;
        link.textContent = data.meta.title || data.url;
        title.appendChild(link);
        item.appendChild(title);
        var excerpt = document.createElement("p");
        excerpt.innerHTML = data.excerpt; // Pagefind escapes the page text and adds only <mark>
        item.appendChild(excerpt);
        list.appendChild(item);
      });
      var count = String(results.length);
      if (!results.length) status.textContent = text(form.getAttribute("data-none"), { query: query });
      else if (query) status.textContent = text(form.getAttribute("data-found"), { query: query, count: count });
      else status.textContent = text(form.getAttribute("data-filtered"), { count: count });
    }
    async function run() {
      var query = (input.value || "").normalize("NFC").trim(), chosen = filters(), ticket = ++latest;
      var params = new URLSearchParams();
      if (query) params.set("q", query);
      Object.keys(chosen).forEach(function (name) { params.set(name, chosen[name]); });
      history.replaceState(null, "", "?" + params.toString());
      if (!query && !Object.keys(chosen).length) { list.textContent = ""; status.textContent = ""; return; }
      try {
        var data = await ranked(await load(), query, chosen);
        if (ticket === latest) show(data, query, chosen);
      } catch (error) {
        status.textContent = form.getAttribute("data-error");
      }
    }
    var params = new URLSearchParams(window.location.search);
    input.value = (params.get("q") || "").normalize("NFC");
    FILTERS.forEach(function (name) { if (params.get(name) && form.elements[name]) form.elements[name].value = params.get(name); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    form.addEventListener("change", run);
    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
    run();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
