// Narrow the table after a .mt-filters box: by the choices of its <select data-filter="x">
// (rows carry data-x) and by the letters typed in its <input data-filter="text"> (matched
// against the row's first cell). No reload; works with Material's instant navigation.
(function () {
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  function apply(form, table) {
    var controls = form.querySelectorAll("[data-filter]");
    var rows = table.tBodies[0].rows;
    var shown = 0;
    Array.prototype.forEach.call(rows, function (row) {
      var keep = Array.prototype.every.call(controls, function (control) {
        var wanted = control.value;
        if (!wanted) return true;
        if (control.dataset.filter === "text") return fold(row.cells[0].textContent).indexOf(fold(wanted)) >= 0;
        return row.dataset[control.dataset.filter] === wanted;
      });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    var output = form.querySelector(".mt-shown");
    if (output) output.textContent = shown === rows.length ? "" : shown + " of " + rows.length + " shown";
  }
  function setup() {
    document.querySelectorAll(".mt-filters").forEach(function (form) {
      var next = form.nextElementSibling;
      while (next && !next.querySelector("table") && next.tagName !== "TABLE") next = next.nextElementSibling;
      var table = next && (next.tagName === "TABLE" ? next : next.querySelector("table"));
      if (!table || form.dataset.ready) return;
      form.dataset.ready = "1";
      form.hidden = false;
      form.addEventListener("input", function () { apply(form, table); });
      form.addEventListener("change", function () { apply(form, table); });
      apply(form, table);
    });
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
