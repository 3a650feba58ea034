/* The desk's "Sign out" button: ends this browser's session on the desk (a shared computer keeps nothing). */
(function () {
  'use strict';
  var b = document.getElementById('signout');
  if (!b) { return; }
  b.addEventListener('click', function () {
    b.disabled = true;
    window.MS.post('/api/signout', {}).then(function (j) { window.location.assign(j.next || '/signed-out'); });
  });
}());
