// Every page: remember the language a visitor picks in the switcher, so the root
// address and the short QR addresses open that language next time.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-lang]");
    if (link) {
      try { localStorage.setItem("catalogue-language", link.getAttribute("data-lang")); } catch (e) { /* storage off */ }
    }
  });
})();
