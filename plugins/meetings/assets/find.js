// The search page of search_engine: pagefind: start Pagefind's interface where the page
// has a #mt-find element (also after Material's instant navigation swaps the page in).
(function () {
  function setup() {
    var box = document.getElementById("mt-find");
    if (!box || box.dataset.ready || typeof PagefindUI === "undefined") return;
    box.dataset.ready = "1";
    new PagefindUI({ element: "#mt-find", showSubResults: true, resetStyles: false, debounceTimeoutMs: 100 });
    // Load Pagefind's engine and index entry now rather than on the first keystroke: the
    // interface imports the same module from the same address, so it finds it ready.
    var ui = document.querySelector('script[src*="pagefind/pagefind-ui.js"]');
    if (ui && window.Promise) {
      import(ui.src.replace(/pagefind-ui\.js(\?.*)?$/, "pagefind.js")).then(function (pagefind) {
        return pagefind.init();
      }).catch(function () {});  // the interface loads it itself if this fails
    }
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
