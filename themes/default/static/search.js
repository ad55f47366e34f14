// The search page: Pagefind's own interface over this language's index. Queries are
// normalised to NFC (Vietnamese typed on some keyboards arrives decomposed), and the folded
// copy of each page's key words (no diacritics, đ -> d) is weighted so "dong" finds "Đồng".
(function () {
  "use strict";
  function start() {
    var element = document.getElementById("search");
    if (!element || typeof PagefindUI === "undefined") return;
    var ui = new PagefindUI({
      element: "#search",
      bundlePath: element.getAttribute("data-bundle"),
      showSubResults: false,
      showImages: false,
      resetStyles: false,
      translations: { placeholder: element.getAttribute("data-placeholder") },
      processTerm: function (term) { return term.normalize("NFC"); },
      ranking: { pageLength: 0.2, metaWeights: { fold: 5 } }
    });
    var input = element.querySelector("input");
    if (input) input.setAttribute("aria-label", document.querySelector("h1").textContent);
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query.normalize("NFC"));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
