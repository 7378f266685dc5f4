/*
 * VI Lab embed script for course pages. Put a placeholder where the lab should go and load
 * this script from the VI Lab site (the same folder as lab.html):
 *
 *   <div data-vilab-src="https://labs.example.edu/vilab/lab.html?lab=moons&embed=1&autoheight=1"
 *        data-vilab-title="VI Lab — Two moons"></div>
 *   <script src="https://labs.example.edu/vilab/embed.js" defer></script>
 *
 * It replaces each placeholder with an iframe (full width) and keeps the iframe as tall as the
 * lab's content: the lab page posts {type: 'vilab:height', height} to its parent. Existing
 * iframes marked with a data-vilab attribute follow their height too. Only messages from the
 * frames this script manages, from their own origin, in exactly that form, are used.
 */
(function () {
  'use strict';
  if (window.__vilabEmbed) return;
  window.__vilabEmbed = true;
  var frames = [];

  function manage(iframe) {
    var origin;
    try {
      origin = new URL(iframe.src, document.baseURI).origin;
    } catch (error) {
      return;
    }
    frames.push({ iframe: iframe, origin: origin });
  }

  function upgrade(placeholder) {
    var iframe = document.createElement('iframe');
    iframe.src = new URL(placeholder.getAttribute('data-vilab-src'), document.baseURI).href;
    iframe.title = placeholder.getAttribute('data-vilab-title') || 'VI Lab';
    iframe.loading = 'lazy';
    iframe.setAttribute('data-vilab', '');
    iframe.style.cssText = 'display:block;width:100%;height:600px;border:0';
    placeholder.replaceWith(iframe);
    manage(iframe);
  }

  function scan() {
    var placeholders = document.querySelectorAll('[data-vilab-src]');
    for (var i = 0; i < placeholders.length; i++) upgrade(placeholders[i]);
    var marked = document.querySelectorAll('iframe[data-vilab]');
    for (var j = 0; j < marked.length; j++) {
      var known = frames.some(function (f) {
        return f.iframe === marked[j];
      });
      if (!known) manage(marked[j]);
    }
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'vilab:height') return;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height) || height <= 0 || height > 100000) return;
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (event.source === frame.iframe.contentWindow && event.origin === frame.origin) {
        frame.iframe.style.height = Math.ceil(height) + 'px';
        return;
      }
    }
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
