/* mediascrub review station: plain JavaScript, no libraries, nothing from the network. */
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs || {}) { e.setAttribute(k, attrs[k]); }
    return e;
  }
  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return { error: r.statusText }; }).then(function (j) { j._status = r.status; return j; });
    });
  }

  /* ---- queue page: tell tests (and people) when every thumbnail is in ---- */
  function initQueue() {
    var imgs = Array.prototype.slice.call(document.querySelectorAll('img.thumb, img.mini'));
    var left = imgs.length;
    function done() { left -= 1; if (left <= 0) { document.body.setAttribute('data-thumbs-loaded', String(imgs.length)); } }
    if (!left) { document.body.setAttribute('data-thumbs-loaded', '0'); }
    imgs.forEach(function (img) {
      if (img.complete) { done(); } else { img.addEventListener('load', done); img.addEventListener('error', done); }
    });
    /* a watcher keeps adding files: say so when the queue differs from what is shown */
    var shown = Array.prototype.map.call(document.querySelectorAll('#queue li'), function (li) { return li.getAttribute('data-id'); }).sort().join(',');
    function check() {
      fetch('/api/queue', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (j) {
        if (j.ids.slice().sort().join(',') !== shown) { document.getElementById('news').hidden = false; document.body.setAttribute('data-queue-changed', '1'); }
        else { setTimeout(check, 3000); }
      }).catch(function () { setTimeout(check, 10000); });
    }
    setTimeout(check, 3000);
  }

  /* ---- one file ---- */
  function initFile() {
    var editor = document.getElementById('editor');
    var id = editor.getAttribute('data-id');
    var svg = document.getElementById('overlay');
    var statusEl = document.getElementById('status');
    var listEl = document.getElementById('findings');
    var marksEl = document.getElementById('marks');
    var resultEl = document.getElementById('result');
    var publishBtn = document.getElementById('publish');
    var rejectBtn = document.getElementById('reject');
    var state = { findings: [], decisions: {}, marks: [], tool: 'rect', sha: null, key: null, w: 0, h: 0, done: false };

    function verdictsFor(f) {
      return f.kind === 'face' ? [['hide', 'Hide'], ['not-a-face', 'Not a face']] : [['hide', 'Hide'], ['not-sensitive', 'Not sensitive']];
    }
    function effective(f) {
      var v = state.decisions[f.index];
      if (v === 'hide') { return 'hide'; }
      if (v) { return 'kept'; }
      if (f.action === 'anonymised' || f.action === 'redacted') { return 'hide'; }
      if (f.action === 'review') { return 'review'; }
      if (f.action === 'visible') { return 'visible'; }
      return 'kept';
    }
    function describe(f) {
      var what = f.kind === 'face' ? (f.track !== undefined ? 'Face track ' + f.track : 'Face') : 'Text (' + f.label + ')';
      if (state.clip && f.first_frame !== undefined) { what += ', frames ' + f.first_frame + '-' + f.last_frame; }
      var eff = effective(f);
      var now = { hide: 'will be hidden', review: 'uncertain: hidden unless you decide', visible: 'visible: consent on file for ' + (f.person || 'a person'), kept: 'left as it is' }[eff];
      var v = state.decisions[f.index];
      if (v) { now += ' (your decision: ' + v.replace(/-/g, ' ') + ')'; }
      return what + ' #' + (f.index + 1) + ': ' + now;
    }
    function draw() {
      while (svg.firstChild) { svg.removeChild(svg.firstChild); }
      var show = document.getElementById('show-marks').checked;
      var stroke = Math.max(2, Math.round(Math.max(state.w, state.h) / 300));
      var fontSize = Math.max(12, Math.round(Math.max(state.w, state.h) / 45));
      if (show) {
        state.findings.forEach(function (f) {
          if (!f.box || f.frame !== 0) { return; }
          var b = f.box;
          var g = svgEl('g', { 'class': 'finding ' + effective(f), 'data-index': String(f.index) });
          g.appendChild(svgEl('rect', { x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1], 'stroke-width': stroke }));
          var t = svgEl('text', { x: b[0], y: Math.max(fontSize, b[1] - stroke), 'font-size': fontSize });
          t.textContent = String(f.index + 1);
          g.appendChild(t);
          var title = svgEl('title', {}); title.textContent = describe(f) + (f.reason ? ' - ' + f.reason : '');
          g.appendChild(title);
          svg.appendChild(g);
        });
      }
      state.marks.forEach(function (m, i) {
        var b = m.box, shape;
        if (m.shape === 'ellipse') {
          shape = svgEl('ellipse', { cx: (b[0] + b[2]) / 2, cy: (b[1] + b[3]) / 2, rx: (b[2] - b[0]) / 2, ry: (b[3] - b[1]) / 2 });
        } else {
          shape = svgEl('rect', { x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1] });
        }
        shape.setAttribute('class', 'mark');
        shape.setAttribute('stroke-width', stroke);
        shape.setAttribute('data-mark', String(i));
        svg.appendChild(shape);
      });
    }
    function list() {
      listEl.textContent = '';
      if (!state.findings.length) { listEl.appendChild(el('li', { 'class': 'none' }, 'No faces or text found.')); }
      state.findings.forEach(function (f) {
        var li = el('li', { 'class': 'item ' + effective(f), 'data-index': String(f.index), 'data-kind': f.kind });
        if (state.clip) {
          li.setAttribute('data-track', f.track !== undefined ? f.track : '');
          li.appendChild(el('img', { 'class': 'crop', src: '/crop/' + id + '/' + f.index, alt: 'where it is seen' }));
        }
        li.appendChild(el('span', { 'class': 'desc' }, describe(f)));
        if (f.reason) { li.appendChild(el('span', { 'class': 'why' }, f.reason)); }
        if (f.consent) { li.appendChild(el('span', { 'class': 'why' }, 'consent: ' + f.consent)); }
        var btns = el('span', { 'class': 'btns' });
        verdictsFor(f).forEach(function (pair) {
          var b = el('button', { type: 'button', 'data-verdict': pair[0], 'class': state.decisions[f.index] === pair[0] ? 'chosen' : '' }, pair[1]);
          b.addEventListener('click', function () {
            if (state.decisions[f.index] === pair[0]) { delete state.decisions[f.index]; } else { state.decisions[f.index] = pair[0]; }
            refresh();
          });
          btns.appendChild(b);
        });
        li.appendChild(btns);
        listEl.appendChild(li);
      });
      marksEl.textContent = '';
      if (!state.marks.length) { marksEl.appendChild(el('li', { 'class': 'none' }, 'Nothing yet: drag on the photo to hide an area.')); }
      state.marks.forEach(function (m, i) {
        var li = el('li', { 'class': 'item mark', 'data-mark': String(i) });
        var range = state.clip ? ' in frames ' + m.frame + '-' + m.last_frame : '';
        li.appendChild(el('span', { 'class': 'desc' }, (m.shape === 'ellipse' ? 'Ellipse' : 'Box') + ' at ' + m.box.map(Math.round).join(', ') + range + ': will be hidden'));
        var rm = el('button', { type: 'button', 'class': 'remove' }, 'Remove');
        rm.addEventListener('click', function () { state.marks.splice(i, 1); refresh(); });
        li.appendChild(rm);
        marksEl.appendChild(li);
      });
      var uncertain = state.findings.filter(function (f) { return effective(f) === 'review'; }).length;
      statusEl.textContent = state.findings.length + ' found' + (uncertain ? '; ' + uncertain + ' uncertain (hidden unless you decide)' : '') + '.';
    }
    function refresh() { draw(); list(); }

    /* drawing */
    var start = null, temp = null;
    function toImage(evt) {
      var r = svg.getBoundingClientRect();
      var x = (evt.clientX - r.left) / r.width * state.w, y = (evt.clientY - r.top) / r.height * state.h;
      return [Math.min(Math.max(x, 0), state.w), Math.min(Math.max(y, 0), state.h)];
    }
    function boxOf(a, b) { return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])]; }
    svg.addEventListener('pointerdown', function (evt) {
      if (!state.sha || state.done) { return; }
      evt.preventDefault();
      start = toImage(evt);
      if (svg.setPointerCapture) { try { svg.setPointerCapture(evt.pointerId); } catch (e) { /* synthetic events */ } }
      temp = svgEl(state.tool === 'ellipse' ? 'ellipse' : 'rect', { 'class': 'mark drawing' });
      svg.appendChild(temp);
    });
    svg.addEventListener('pointermove', function (evt) {
      if (!start || !temp) { return; }
      var b = boxOf(start, toImage(evt));
      if (state.tool === 'ellipse') {
        temp.setAttribute('cx', (b[0] + b[2]) / 2); temp.setAttribute('cy', (b[1] + b[3]) / 2);
        temp.setAttribute('rx', (b[2] - b[0]) / 2); temp.setAttribute('ry', (b[3] - b[1]) / 2);
      } else {
        temp.setAttribute('x', b[0]); temp.setAttribute('y', b[1]);
        temp.setAttribute('width', b[2] - b[0]); temp.setAttribute('height', b[3] - b[1]);
      }
    });
    svg.addEventListener('pointerup', function (evt) {
      if (!start) { return; }
      var b = boxOf(start, toImage(evt));
      start = null; temp = null;
      if (b[2] - b[0] >= 3 && b[3] - b[1] >= 3) {
        var mark = { box: b.map(function (v) { return Math.round(v * 10) / 10; }), shape: state.tool };
        if (state.clip) {
          var last = state.frames - 1;
          var first = Math.min(Math.max(parseInt(document.getElementById('mark-first').value, 10) || 0, 0), last);
          mark.frame = first;
          mark.last_frame = Math.min(Math.max(parseInt(document.getElementById('mark-last').value, 10) || last, first), last);
        }
        state.marks.push(mark);
      }
      refresh();
    });
    Array.prototype.forEach.call(document.querySelectorAll('button.tool'), function (b) {
      b.addEventListener('click', function () {
        state.tool = b.getAttribute('data-tool');
        Array.prototype.forEach.call(document.querySelectorAll('button.tool'), function (o) { o.classList.toggle('active', o === b); });
      });
    });
    document.getElementById('show-marks').addEventListener('change', draw);

    function finish(text, cls) {
      state.done = true;
      publishBtn.disabled = true; rejectBtn.disabled = true;
      resultEl.textContent = text; resultEl.className = 'result ' + cls;
      document.body.setAttribute('data-state', cls);
    }
    publishBtn.addEventListener('click', function () {
      publishBtn.disabled = true;
      resultEl.textContent = 'Publishing...';
      var decisions = Object.keys(state.decisions).map(function (k) { return { index: Number(k), verdict: state.decisions[k] }; });
      post('/api/file/' + id + '/publish', { sha256: state.sha, key: state.key, marks: state.marks, decisions: decisions }).then(function (j) {
        if (j.state === 'published') {
          finish('Published as ' + j.output + ' (sha256 ' + j.output_sha256.slice(0, 12) + '...). It has left the queue.', 'published');
        } else {
          publishBtn.disabled = false;
          resultEl.textContent = 'Not published: ' + (j.error || 'unknown error'); resultEl.className = 'result error';
        }
      });
    });
    rejectBtn.addEventListener('click', function () {
      var reason = document.getElementById('reject-reason').value.trim();
      if (!reason) { resultEl.textContent = 'Say why it must not be published.'; resultEl.className = 'result error'; return; }
      post('/api/file/' + id + '/reject', { sha256: state.sha, reason: reason }).then(function (j) {
        if (j.state === 'rejected') { finish('Rejected: it will not be published. It has left the queue.', 'rejected'); } else {
          resultEl.textContent = 'Not rejected: ' + (j.error || 'unknown error'); resultEl.className = 'result error';
        }
      });
    });

    function poll() {
      fetch('/api/file/' + id, { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (j) {
        if (j.state === 'detecting') { setTimeout(poll, 500); return; }
        if (j.state !== 'ready') {
          statusEl.textContent = 'Cannot be reviewed here: ' + (j.error || 'unknown error');
          statusEl.className = 'status error';
          state.sha = j.sha256 || null;
          rejectBtn.disabled = !state.sha;
          return;
        }
        state.sha = j.sha256; state.key = j.key; state.w = j.width; state.h = j.height; state.findings = j.findings;
        state.clip = !!j.clip; state.frames = j.frames;
        if (state.clip) {
          document.getElementById('clip-range').hidden = false;
          document.getElementById('mark-first').max = j.frames - 1;
          document.getElementById('mark-last').max = j.frames - 1;
          document.getElementById('mark-last').value = j.frames - 1;
          document.getElementById('photo').alt = 'the first frame of the held clip';
        }
        svg.setAttribute('viewBox', '0 0 ' + j.width + ' ' + j.height);
        var meta = document.getElementById('metadata');
        if (j.metadata && j.metadata.length) {
          meta.appendChild(el('h2', {}, 'Hidden data removed on publishing'));
          var ul = el('ul', { 'class': 'meta-list' });
          j.metadata.forEach(function (m) { ul.appendChild(el('li', {}, m)); });
          meta.appendChild(ul);
        }
        publishBtn.disabled = false; rejectBtn.disabled = false;
        refresh();
        document.body.setAttribute('data-state', 'ready');
      }).catch(function () { setTimeout(poll, 1000); });
    }
    poll();
  }

  var page = document.body.getAttribute('data-page');
  if (page === 'queue') { initQueue(); }
  if (page === 'file') { initFile(); }
}());
