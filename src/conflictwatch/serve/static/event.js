/* An event or document page: a link to a piece of evidence lights up every part of it in the text. */
(function () {
  "use strict";
  function focus(anchor) {
    document.querySelectorAll(".focus").forEach(function (n) { n.classList.remove("focus"); });
    var hits = Array.prototype.filter.call(document.querySelectorAll("[data-spans]"), function (n) {
      return n.dataset.spans.split(" ").indexOf(anchor) >= 0;
    });
    hits.forEach(function (n) { n.classList.add("focus"); });
    if (hits.length) hits[0].scrollIntoView({block: "center"});
    return hits.length;
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a.show-evidence") : null;
    if (!a) return;
    e.preventDefault();
    history.replaceState(null, "", "#" + a.dataset.target);
    focus(a.dataset.target);
  });
  if (location.hash.length > 1) focus(decodeURIComponent(location.hash.slice(1)));
})();
