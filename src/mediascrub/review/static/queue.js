/* The list of held files: say when every thumbnail is in (tests wait for it), and notice
   when the list changes under the page (a watcher holds more files, someone else finishes one). */
(function () {
  'use strict';
  var MS = window.MS;
  var imgs = Array.prototype.slice.call(document.querySelectorAll('img.thumb, img.mini'));
  var left = imgs.length;
  function done() { left -= 1; if (left <= 0) { document.body.setAttribute('data-thumbs-loaded', String(imgs.length)); } }
  if (!left) { document.body.setAttribute('data-thumbs-loaded', '0'); }
  imgs.forEach(function (img) {
    if (img.complete) { done(); } else { img.addEventListener('load', done); img.addEventListener('error', done); }
  });
  var links = Array.prototype.slice.call(document.querySelectorAll('#queue a.name'));
  MS.addKey(['j', 'ArrowDown'], 'Next file in the list', function () { move(1); });
  MS.addKey(['k', 'ArrowUp'], 'Previous file in the list', function () { move(-1); });
  function move(step) {
    if (!links.length) { return; }
    var i = links.indexOf(document.activeElement);
    links[Math.min(Math.max(i + step, 0), links.length - 1)].focus();
  }
  var shown = Array.prototype.map.call(document.querySelectorAll('#queue li'), function (li) { return li.getAttribute('data-id'); }).sort().join(',');
  function check() {
    MS.getJSON('/api/queue').then(function (j) {
      if (!j.ids) { setTimeout(check, 10000); return; }
      if (j.ids.slice().sort().join(',') !== shown) {
        document.getElementById('news').hidden = false;
        document.body.setAttribute('data-queue-changed', '1');
      } else { setTimeout(check, 3000); }
    });
  }
  setTimeout(check, 3000);
}());
