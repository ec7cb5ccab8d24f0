// The home page's next meetings: of the dates the build listed for each series (announced
// in the notes, or the series' usual rhythm), the first one still to come by the reader's
// clock, with its weekday and time in the series' zone and in the reader's own.
(function () {
  // The instant (ms) of a wall-clock time in an IANA zone.
  function zoned(day, time, zone) {
    var d = day.split("-").map(Number), t = (time || "00:00").split(":").map(Number);
    var wall = Date.UTC(d[0], d[1] - 1, d[2], t[0], t[1]);
    function offset(instant) {
      var parts = {};
      new Intl.DateTimeFormat("en-US", {
        timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric",
      }).formatToParts(new Date(instant)).forEach(function (p) { parts[p.type] = p.value; });
      return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute) - instant;
    }
    var guess = wall - offset(wall);
    return wall - offset(guess);
  }
  function format(instant, zone, withDate) {
    var options = { hour: "numeric", minute: "2-digit", timeZoneName: "short" };
    if (withDate) { options.weekday = "long"; options.year = "numeric"; options.month = "long"; options.day = "numeric"; }
    if (zone) options.timeZone = zone;
    return new Intl.DateTimeFormat(undefined, options).format(new Date(instant));
  }
  function setup() {
    document.querySelectorAll(".mt-next").forEach(function (list) {
      var zone = list.dataset.zone || "UTC";
      try { new Intl.DateTimeFormat("en-US", { timeZone: zone }); } catch (e) { zone = "UTC"; }
      var now = Date.now();
      list.querySelectorAll("li[data-dates]").forEach(function (item) {
        var time = item.dataset.time;
        var chosen = null;
        item.dataset.dates.split(" ").some(function (entry) {
          var parts = entry.split(":");
          if (!parts[0]) return false;
          // without a known time, the day counts until it ends
          var start = time ? zoned(parts[0], time, zone) : zoned(parts[0], "23:59", zone);
          if (start > now) { chosen = { day: parts[0], how: parts[1], start: start }; return true; }
          return false;
        });
        var when = item.querySelector(".mt-next-when");
        if (!when) return;
        if (!chosen) { when.textContent = "not announced yet"; item.dataset.next = ""; return; }
        item.dataset.next = chosen.day;
        var text;
        if (time) {
          text = format(chosen.start, zone, true);
          var local = format(chosen.start, undefined, false);
          var localDay = new Intl.DateTimeFormat(undefined, { weekday: "long" }).format(new Date(chosen.start));
          var zoneDay = new Intl.DateTimeFormat(undefined, { weekday: "long", timeZone: zone }).format(new Date(chosen.start));
          text += " (your time: " + (localDay !== zoneDay ? localDay + " " : "") + local + ")";
        } else {
          text = new Intl.DateTimeFormat(undefined, {
            weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: zone,
          }).format(new Date(chosen.start));
        }
        text += chosen.how === "announced" ? ", as announced in the notes" :
          ", expected from the usual rhythm (" + item.dataset.rhythm + "); not announced yet";
        when.textContent = text;
      });
    });
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
