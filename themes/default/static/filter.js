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
    function matches(card, name, value) {
      if (!value) return true;
      if (name === "month") return (" " + card.getAttribute("data-months") + " ").indexOf(" " + value + " ") >= 0;
      return card.getAttribute("data-" + name) === value;
    }
    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var ok = ["group", "stars", "region", "month", "producer"].every(function (name) {
          return matches(card, name, form.elements[name].value);
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
