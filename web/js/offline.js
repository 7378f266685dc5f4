// Registers the service worker (../sw.js) once the page has loaded, so the site works offline
// after the first visit. Where service workers are unavailable (file://, some embeds) the
// page simply works online only.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js').catch(() => {});
  });
}
