// Links into a meeting page: a link to a transcript turn opens the folded transcript there,
// and a chat link of the old kind ("#chat-142", the note's line number) goes to the message
// that was on that line. Runs on load, on hash changes, and after instant navigation.
(function () {
  function target() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return null;
    var found = document.getElementById(id);
    var old = /^chat-(\d+)$/.exec(id);
    if (!found && old) {
      found = document.querySelector('.mt-msg[data-line="' + old[1] + '"]');
      if (found) history.replaceState(null, "", "#" + found.id);  // :target and copied links use the new anchor
    }
    return found;
  }
  function show() {
    var found = target();
    document.querySelectorAll(".mt-here").forEach(function (el) { el.classList.remove("mt-here"); });
    if (!found) return;
    var opened = false;
    for (var node = found.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; opened = true; }
    }
    found.classList.add("mt-here");
    if (opened || !found.matches(":target")) found.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", show);
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(show); }
  else { document.addEventListener("DOMContentLoaded", show); }
})();
