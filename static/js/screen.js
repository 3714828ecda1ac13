// The venue's screens (templates/screens/base.html): fetch the page every few seconds with
// If-None-Match, swap the content on a 200, do nothing on a 304 (the page cache answers it
// without the database). On a network failure the last state stays; after a minute without
// an answer a notice says it may be out of date. Without this script, a meta refresh inside
// <noscript> reloads the page instead.
(function () {
  "use strict";
  var INTERVAL = 5000;
  var STALE_AFTER = 60000;
  var screen = document.querySelector("[data-screen]");
  var staleNotice = document.querySelector("[data-screen-stale]");
  if (!screen || !window.fetch || !window.DOMParser) {
    return;
  }
  var etag = null;
  var lastAnswer = Date.now();
  // Server time minus this device's time, from the Date header: a TV's own clock may be wrong.
  var offset = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tickClock() {
    var clock = document.querySelector("[data-screen-clock]");
    if (!clock || offset === null) {
      return;
    }
    // WIB is UTC+7 all year (no daylight saving).
    var wib = new Date(Date.now() + offset + 7 * 3600 * 1000);
    var text = pad(wib.getUTCHours()) + "." + pad(wib.getUTCMinutes());
    if (clock.textContent !== text) {
      clock.textContent = text;
    }
  }

  function markStale() {
    var stale = Date.now() - lastAnswer > STALE_AFTER;
    if (staleNotice && staleNotice.hidden === stale) {
      staleNotice.hidden = !stale;
    }
    document.body.classList.toggle("screen--stale", stale);
  }

  function refresh() {
    var headers = etag ? { "If-None-Match": etag } : {};
    window.fetch(window.location.href, { headers: headers, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (response.status !== 200 && response.status !== 304) {
          throw new Error("status " + response.status);
        }
        lastAnswer = Date.now();
        var date = Date.parse(response.headers.get("Date") || "");
        if (!isNaN(date)) {
          offset = date - Date.now();
        }
        if (response.status === 304) {
          return null;
        }
        etag = response.headers.get("ETag");
        return response.text();
      })
      .then(function (html) {
        if (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-screen]");
          if (fresh && fresh.innerHTML !== screen.innerHTML) {
            screen.innerHTML = fresh.innerHTML;
          }
        }
      })
      .catch(function () { /* keep the last state; markStale tells when it is old */ })
      .then(function () {
        tickClock();
        markStale();
        window.setTimeout(refresh, INTERVAL);
      });
  }

  window.setInterval(function () { tickClock(); markStale(); }, 1000);
  window.setTimeout(refresh, INTERVAL);
})();
