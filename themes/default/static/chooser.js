// Root page: send the visitor to the language they chose before, or to the best match
// for their browser's languages. Without script the page is a plain list of links.
(function () {
  "use strict";
  var KEY = "catalogue-language";
  var links = {};
  function collect() {
    var anchors = document.querySelectorAll("a[data-lang]");
    for (var i = 0; i < anchors.length; i++) {
      links[anchors[i].getAttribute("data-lang").toLowerCase()] = anchors[i].href;
    }
  }
  function best(preferred) {
    for (var i = 0; i < preferred.length; i++) {
      var tag = preferred[i].toLowerCase();
      if (links[tag]) return links[tag];
      if (tag === "zh-tw" || tag === "zh-hk" || tag === "zh-mo") tag = "zh-hant";
      else if (tag === "zh-cn" || tag === "zh-sg" || tag === "zh") tag = "zh-hans";
      if (links[tag]) return links[tag];
      var base = tag.split("-")[0];
      if (links[base]) return links[base];
    }
    return null;
  }
  document.addEventListener("DOMContentLoaded", function () {
    collect();
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-lang]");
      if (link) {
        try { localStorage.setItem(KEY, link.getAttribute("data-lang")); } catch (e) { /* storage off */ }
      }
    });
    var saved = null;
    try { saved = localStorage.getItem(KEY); } catch (e) { /* storage off */ }
    var target = (saved && links[saved.toLowerCase()]) || best(navigator.languages || [navigator.language || ""]);
    if (target && !document.body.hasAttribute("data-no-redirect")) {
      window.location.replace(target);
    }
  });
})();
