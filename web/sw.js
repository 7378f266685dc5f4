// The service worker: keeps the whole site (pages, scripts, styles, fonts and the WebAssembly
// module) in a cache so a lab opens offline after the first visit. Online it fetches from the
// network first (so a new build shows at once) and refreshes the cache; offline, or when the
// host does not answer, it answers from the cache. scripts/build_web.mjs fills in the version
// (a hash of the files) and the list of files; this source copy caches nothing up front.
const version = 'dev';
const files = [];
const cacheName = `vilab-${version}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(files))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('vilab-') && name !== cacheName)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    // Kept without the query: the pages' state lives there and is read by their scripts.
    const url = new URL(request.url);
    url.search = '';
    if (response.ok && response.type === 'basic') cache.put(url.href, response.clone());
    return response;
  } catch (error) {
    // Pages carry their state in the query (lab.html?lab=moons…): any query finds the page.
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});
