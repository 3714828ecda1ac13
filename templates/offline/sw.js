// The festival's service worker: the visitor's own ticket and the programme open without a
// connection. What it keeps and why: festival/sitewide/offline.py and README "Offline".
// It keeps only responses the server marked "X-Offline-Copy: keep; max-age=N".
"use strict";
var CONFIG = {{ config|safe }};
var HASHED = /\.[0-9a-f]{12}(\.[a-z0-9]+)$/;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CONFIG.static).then(function (cache) {
    return cache.addAll(CONFIG.assets);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil((async function () {
    // Caches of an older version go; static files of an older deploy too.
    var names = await caches.keys();
    await Promise.all(names.filter(function (name) {
      return name.indexOf("fpp-") === 0 && name !== CONFIG.pages && name !== CONFIG.static;
    }).map(function (name) { return caches.delete(name); }));
    var statics = await caches.open(CONFIG.static);
    await Promise.all((await statics.keys()).filter(function (request) {
      return CONFIG.assets.indexOf(new URL(request.url).pathname) < 0;
    }).map(function (request) { return statics.delete(request); }));
    var pages = await caches.open(CONFIG.pages);
    await Promise.all((await pages.keys()).map(function (request) { return kept(request.url); }));
    await self.clients.claim();
    // The page that installed the worker loaded without it: ask for it again and keep it
    // if the server marks it.
    var windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    await Promise.all(windows.map(function (client) {
      var url = client.url.split("#")[0];
      return fetch(url, { credentials: "same-origin" }).then(function (response) {
        return store(url, response);
      }).catch(function () {});
    }));
  })());
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || request.method !== "GET") { return; }
  if (request.mode === "navigate") {
    page(event);
  } else if (url.pathname.indexOf("/static/") === 0) {
    asset(event, url.pathname);
  }
});

// A page: the network first; the kept copy when the network fails, answers 5xx/429, or takes
// longer than CONFIG.timeout (the fresh page is still kept when it arrives).
function page(event) {
  var request = event.request;
  var url = request.url.split("#")[0];
  var network = fetch(request);
  event.waitUntil(network.then(function (response) {
    return store(url, response.clone());
  }).catch(function () {}));
  event.respondWith((async function () {
    var copy = await kept(url);
    if (!copy) { return network; }
    var late = new Promise(function (resolve) { setTimeout(resolve, CONFIG.timeout, null); });
    try {
      var response = await Promise.race([network, late]);
      if (response && response.status < 500 && response.status !== 429) { return response; }
    } catch (error) { /* offline: the copy below */ }
    return copy;
  })());
}

// The kept copy of `url`, or null; an expired copy is deleted.
async function kept(url) {
  var pages = await caches.open(CONFIG.pages);
  var copy = await pages.match(url, { ignoreVary: true });
  if (copy && !(Number(copy.headers.get("X-Offline-Expires")) > Date.now())) {
    await pages.delete(url);
    return null;
  }
  return copy || null;
}

// Keep a marked page, saying on it when it was saved; forget it when the server answers it
// unmarked (or 404/410: erased); forget everything when the visitor is logged in.
async function store(url, response) {
  var mark = response.headers.get(CONFIG.header) || "";
  if (mark === "forget-all") { return caches.delete(CONFIG.pages); }
  var pages = await caches.open(CONFIG.pages);
  var keep = /^keep; max-age=(\d+)$/.exec(mark);
  if (response.status === 200 && keep && Number(keep[1]) > 0) {
    var html = await response.text();
    var saved = new Date();
    var lang = (/<html lang="([a-z-]+)"/.exec(html) || [])[1] === "en" ? "en-GB" : "id-ID";
    html = html.replace(/<div class="wrap messages"[\s\S]*?<\/div>/, "")
      .replace("data-offline-notice hidden", "data-offline-notice")
      .replace("<time data-offline-saved></time>", "<time datetime=\"" + saved.toISOString() +
        "\" data-offline-saved>" + when(saved, lang) + "</time>");
    var headers = new Headers(response.headers);
    headers.delete("Content-Encoding");
    headers.delete("Content-Length");
    headers.set("X-Offline-Saved", String(saved.getTime()));
    headers.set("X-Offline-Expires", String(saved.getTime() + Number(keep[1]) * 1000));
    return pages.put(url, new Response(html, { status: 200, headers: headers }));
  }
  if (response.status >= 200 && response.status < 500 && response.status !== 429) {
    return pages.delete(url);
  }
}

function when(date, lang) {
  try {
    return new Intl.DateTimeFormat(lang, {
      day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
    }).format(date);
  } catch (error) {
    return date.toLocaleString();
  }
}

// Static files: hashed names never change, so the kept file first; otherwise the network
// first. Offline, a page kept under an older deploy gets the same file of this deploy.
function asset(event, path) {
  event.respondWith((async function () {
    var statics = await caches.open(CONFIG.static);
    var copy = await statics.match(event.request, { ignoreVary: true, ignoreSearch: true });
    if (copy && HASHED.test(path)) { return copy; }
    try {
      var response = await fetch(event.request);
      if (response.ok) { event.waitUntil(statics.put(event.request, response.clone())); }
      return response;
    } catch (error) {
      if (copy) { return copy; }
      var name = path.replace(HASHED, "$1");
      var requests = await statics.keys();
      for (var i = 0; i < requests.length; i += 1) {
        if (new URL(requests[i].url).pathname.replace(HASHED, "$1") === name) {
          return statics.match(requests[i]);
        }
      }
      return Response.error();
    }
  })());
}
