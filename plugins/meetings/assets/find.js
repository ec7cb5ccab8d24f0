// The search page of search_engine: pagefind: start Pagefind's interface where the page
// has a #mt-find element (also after Material's instant navigation swaps the page in).
(function () {
  function setup() {
    var box = document.getElementById("mt-find");
    if (!box || box.dataset.ready || typeof PagefindUI === "undefined") return;
    box.dataset.ready = "1";
    new PagefindUI({ element: "#mt-find", showSubResults: true, resetStyles: false });
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
