// All products: live filtering of the list by group, stars, region, month and producer.
// Without script the page lists every product and links to the group, star and region pages.
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("filters");
    var list = document.getElementById("product-list");
    if (!form || !list) return;
    var cards = Array.prototype.slice.call(list.querySelectorAll("li[data-group]"));
    var count = form.querySelector(".filter-count");
    function matches(card, name, value) {  // a card's facts are space-separated lists
      if (!value) return true;
      var facts = card.getAttribute("data-" + (name === "month" ? "months" : name)) || "";
      return (" " + facts + " ").indexOf(" " + value + " ") >= 0;
    }
    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var ok = ["group", "stars", "region", "month", "producer", "tags"].every(function (name) {
          return matches(card, name, form.elements[name] ? form.elements[name].value : "");
        });
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", cards.length);
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
