// A classic script (not a module), so that it runs even where the page's ES modules are
// blocked: browsers refuse modules and fetch() from file:// pages. It explains what to do.
(function () {
  'use strict';
  if (window.location.protocol !== 'file:') return;
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('fatal');
    var status = document.getElementById('status');
    if (status) status.textContent = '';
    if (!box) return;
    function line(tag, text) {
      var e = document.createElement(tag);
      e.textContent = text;
      box.appendChild(e);
      return e;
    }
    line('h2', 'This page has to be served over HTTP');
    line('p', 'Browsers do not run its scripts or load its data from a file:// address. '
      + 'Serve this folder with any static web server and open the address it prints. In this folder:');
    line('pre', 'python3 -m http.server 8000');
    line('p', 'then open http://127.0.0.1:8000/. Or serve the project the map came from:');
    line('pre', 'taskspace serve --out PROJECT');
    line('p', 'Any static host (GitHub Pages, a bucket, nginx) serves this folder as it is.');
    box.hidden = false;
  });
})();
