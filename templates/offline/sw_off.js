// OFFLINE_PAGES is off (the kill switch): this worker deletes every copy the festival's
// worker kept on this device, then unregisters itself. Pages go to the network as before.
"use strict";
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("fpp-") === 0;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.registration.unregister(); }));
});
