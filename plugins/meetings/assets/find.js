// search_engine: pagefind. Every page gets a search button in the header (the theme's own
// search box is gone with its plugin) that opens the find/ page; there, Pagefind's
// interface starts in the #mt-find element, with the query of a "?q=" link if there is one.
// Runs again after Material's instant navigation swaps a page in.
(function () {
  // A magnifier drawn with filled shapes only: the theme fills header icons with the text colour.
  var ICON =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path fill-rule="evenodd" d="M10 3a7 7 0 1 0 0 14 ' +
    '7 7 0 1 0 0-14zm0 2a5 5 0 1 1 0 10 5 5 0 1 1 0-10z"/><path d="M15.5 14.1 21 19.6 19.6 21 14.1 15.5z"/></svg>';

  // The site's root, from this script's own address (known while it first runs; the
  // theme's base path is relative to the page that was loaded first, not the current one).
  var script = document.currentScript && document.currentScript.src;
  var root = script ? script.replace(/assets\/meetings\/find\.js(\?.*)?$/, "") : null;

  function findPage() {
    var page = /\.html$/.test(location.pathname) ? "find/index.html" : "find/";  // use_directory_urls: false
    return root ? root + page : new URL("/" + page, location.href).href;
  }

  function headerButton() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.querySelector(".md-search, .mt-find-button")) return;
    var button = document.createElement("a");
    button.className = "md-header__button md-icon mt-find-button";
    button.href = findPage();
    button.title = "Search";
    button.setAttribute("aria-label", "Search");
    button.innerHTML = ICON;
    header.appendChild(button);
  }

  function searchPage() {
    var box = document.getElementById("mt-find");
    if (!box || box.dataset.ready || typeof PagefindUI === "undefined") return;
    box.dataset.ready = "1";
    var ui = new PagefindUI({
      element: "#mt-find", showSubResults: true, showImages: false, resetStyles: false, debounceTimeoutMs: 100,
      autofocus: true,
    });
    var query = new URLSearchParams(location.search).get("q");
    if (query) ui.triggerSearch(query);
    // Load Pagefind's engine and index entry now rather than on the first keystroke: the
    // interface imports the same module from the same address, so it finds it ready.
    var bundle = document.querySelector('script[src*="pagefind/pagefind-ui.js"]');
    if (bundle && window.Promise) {
      import(bundle.src.replace(/pagefind-ui\.js(\?.*)?$/, "pagefind.js")).then(function (pagefind) {
        return pagefind.init();
      }).catch(function () {});  // the interface loads it itself if this fails
    }
  }

  function setup() {
    headerButton();
    searchPage();
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
