/* mediascrub pages: shared helpers (plain JavaScript, no libraries, nothing from the network).
   Every page of the review station (and the desk built on it) loads this first; it defines window.MS:
   el() and post() for building nodes and sending changes with the page's CSRF token, announce() for
   screen readers, a keyboard-shortcut registry shown in the "?" dialog, and a confirm dialog. */
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
  function svgEl(tag, attrs) {
    var e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function answer(r) {
    return r.json().catch(function () { return { error: 'The station did not answer as expected (' + r.status + ').' }; })
      .then(function (j) { j._status = r.status; return j; });
  }
  /* POST a JSON body; resolves to the JSON answer with _status set (never rejects on HTTP errors). */
  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body || {})
    }).then(answer, function () { return { _status: 0, error: 'The station cannot be reached. Is it still running?' }; });
  }
  function getJSON(url) {
    return fetch(url, { credentials: 'same-origin', cache: 'no-store' }).then(answer,
      function () { return { _status: 0, error: 'The station cannot be reached. Is it still running?' }; });
  }
  var live = document.getElementById('announce');
  function announce(text) {
    if (!live) { return; }
    live.textContent = '';
    setTimeout(function () { live.textContent = text; }, 30);
  }

  /* ---- keyboard shortcuts: one registry, listed in the "?" dialog ---- */
  var keys = [];
  function typing(evt) {
    var t = evt.target;
    if (!t || !t.tagName) { return false; }
    var tag = t.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || t.isContentEditable;
  }
  function addKey(combo, label, fn, opts) { keys.push({ combo: combo, label: label, fn: fn, opts: opts || {} }); }
  function matches(k, evt) {
    var combos = Array.isArray(k.combo) ? k.combo : [k.combo];
    return combos.some(function (c) {
      var ctrl = c.indexOf('Ctrl+') === 0;
      var key = ctrl ? c.slice(5) : c;
      if (ctrl !== (evt.ctrlKey || evt.metaKey)) { return false; }
      if (!ctrl && evt.altKey) { return false; }
      return evt.key === key || (key.length === 1 && evt.key.toLowerCase() === key && !evt.shiftKey && key !== key.toUpperCase());
    });
  }
  document.addEventListener('keydown', function (evt) {
    if (evt.defaultPrevented || typing(evt)) { return; }
    if (document.querySelector('dialog[open]') && evt.key !== 'Escape') { return; }
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i];
      if (matches(k, evt) && (!k.opts.when || k.opts.when(evt))) {
        evt.preventDefault();
        k.fn(evt);
        return;
      }
    }
  });
  var keysDialog = document.getElementById('keys-dialog');
  function showKeys() {
    var list = document.getElementById('keys-list');
    list.textContent = '';
    keys.forEach(function (k) {
      if (k.opts.hidden) { return; }
      var combos = Array.isArray(k.combo) ? k.combo : [k.combo];
      var dt = el('dt');
      combos.forEach(function (c, i) {
        if (i) { dt.appendChild(document.createTextNode(' or ')); }
        dt.appendChild(el('kbd', {}, c === ' ' ? 'Space' : c));
      });
      list.appendChild(dt);
      list.appendChild(el('dd', {}, k.label));
    });
    if (keysDialog && !keysDialog.open) { keysDialog.showModal(); }
  }
  addKey('?', 'Show these shortcuts', showKeys);
  var keysOpen = document.getElementById('keys-open');
  if (keysOpen) { keysOpen.addEventListener('click', showKeys); }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  window.MS = { el: el, svgEl: svgEl, post: post, getJSON: getJSON, announce: announce, addKey: addKey, showKeys: showKeys,
                plural: plural, csrf: csrf };
}());
