/* mediascrub pages: shared helpers (plain JavaScript, no libraries, nothing from the network).
   Defines window.MS: el() and post()/getJSON() for building nodes and talking to the server with the
   page's CSRF token, announce() for screen readers, a keyboard-shortcut registry ("?" lists them). */
(function () {
  'use strict';
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) { e.setAttribute(k, attrs[k] === true ? '' : attrs[k]); }
    });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function answer(r) {
    return r.json().catch(function () { return { error: 'The page did not get the answer it expected (' + r.status + ').' }; })
      .then(function (j) { j._status = r.status; return j; });
  }
  var unreachable = function () { return { _status: 0, error: 'The desk cannot be reached. Is it still running?' }; };
  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body || {})
    }).then(answer, unreachable);
  }
  function getJSON(url) { return fetch(url, { credentials: 'same-origin', cache: 'no-store' }).then(answer, unreachable); }
  var live = document.getElementById('announce');
  function announce(text) {
    if (!live) { return; }
    live.textContent = '';
    setTimeout(function () { live.textContent = text; }, 30);
  }
  var keys = [];
  function typing(evt) {
    var t = evt.target, tag = t && t.tagName ? t.tagName.toLowerCase() : '';
    return tag === 'input' || tag === 'textarea' || tag === 'select' || (t && t.isContentEditable);
  }
  function addKey(combo, label, fn) { keys.push({ combo: Array.isArray(combo) ? combo : [combo], label: label, fn: fn }); }
  document.addEventListener('keydown', function (evt) {
    if (evt.defaultPrevented || typing(evt) || evt.ctrlKey || evt.metaKey || evt.altKey) { return; }
    if (document.querySelector('dialog[open]')) { return; }
    for (var i = 0; i < keys.length; i++) {
      if (keys[i].combo.indexOf(evt.key) >= 0) { evt.preventDefault(); keys[i].fn(evt); return; }
    }
  });
  function showKeys() {
    var list = document.getElementById('keys-list'), dlg = document.getElementById('keys-dialog');
    if (!list || !dlg) { return; }
    list.textContent = '';
    keys.forEach(function (k) {
      var dt = el('dt');
      k.combo.forEach(function (c, i) { if (i) { dt.appendChild(document.createTextNode(' or ')); } dt.appendChild(el('kbd', {}, c)); });
      list.appendChild(dt);
      list.appendChild(el('dd', {}, k.label));
    });
    dlg.showModal();
  }
  addKey('?', 'Show these shortcuts', showKeys);
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }
  window.MS = { el: el, post: post, getJSON: getJSON, announce: announce, addKey: addKey, showKeys: showKeys, plural: plural, csrf: csrf };
}());
