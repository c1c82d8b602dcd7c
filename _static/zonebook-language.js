// The language switch (zonebook/sphinx_languages.py): go to the same page, at the same section, in the other
// edition, and remember the reader's choice for the book's front door (index.html at the root).
(function () {
  "use strict";
  function sections() {
    return Array.from(document.querySelectorAll("article section[id]"));
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.zb-language");
    if (!link) return;
    try { localStorage.setItem("zonebook-language", link.dataset.zbLanguage); } catch (e) { /* private mode */ }
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var section = target && target.closest("section[id]");
    var index = section ? sections().indexOf(section) : -1;
    if (index >= 0) {
      event.preventDefault();
      location.href = link.getAttribute("href") + "#zb-section-" + index;
    }
  });
  function arrive() {
    var match = /^#zb-section-(\d+)$/.exec(location.hash);
    if (!match) return;
    var section = sections()[Number(match[1])];
    if (!section) return;
    history.replaceState(null, "", "#" + section.id);
    section.scrollIntoView();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", arrive);
  else arrive();
})();
