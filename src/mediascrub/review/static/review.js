/* One held file: the things to decide first (a close-up and a plain question each), everything already
   hidden as one layer (shown or not) and a compact list, drawing more areas to hide, the original or the
   cleaned copy, and the bar that finishes the file (publish, reject, undo, take back, next file).

   Every change is saved on the station as a draft as it is made (a reload, a second window or a restart
   of the station keeps it); the words on the page come from the station (review/words.py), never the
   machine's internal names. */
(function () {
  'use strict';
  var MS = window.MS, el = MS.el, svgEl = MS.svgEl;
  var editor = document.getElementById('editor');
  if (!editor) { return; }
  var id = editor.getAttribute('data-id');
  var $ = function (sel) { return document.getElementById(sel); };
  var svg = $('overlay'), photo = $('photo'), after = $('after');
  var statusEl = $('status'), resultEl = $('result'), progressEl = $('progress');
  var publishBtn = $('publish'), publishAsBtn = $('publish-as'), rejectBtn = $('reject'), undoBtn = $('undo'), takeBackBtn = $('take-back');
  var nextLink = $('next');

  var state = {
    findings: [], byIndex: {}, decisions: {}, marks: [], sha: null, key: null, w: 0, h: 0,
    clip: false, frames: 1, fps: 0, frame: 0, version: 0, saved: 0, done: false, view: 'before', layer: true,
    undo: [], focus: null, published: null
  };

  /* ---- what each finding looks like now ---- */
  function effective(f) {
    var v = state.decisions[f.index];
    if (v === 'hide') { return 'hide'; }
    if (v) { return 'kept'; }
    if (f.action === 'anonymised' || f.action === 'redacted') { return 'hide'; }
    if (f.action === 'review') { return 'review'; }
    if (f.action === 'visible') { return 'visible'; }
    return 'kept';
  }
  function toDecide() { return state.findings.filter(function (f) { return f.action === 'review'; }); }
  function number(f) { return state.numbers[f.index]; }
  function itemName(f) { return f.plain.what + ' ' + number(f); }
  function when(frame) {
    if (!state.fps) { return 'moment ' + (frame + 1); }
    var t = frame / state.fps, m = Math.floor(t / 60), s = t - m * 60;
    return m + ':' + (s < 10 ? '0' : '') + s.toFixed(1);
  }
  function span(f) {
    if (!state.clip || f.first_frame === undefined) { return ''; }
    return 'seen from ' + when(f.first_frame) + ' to ' + when(f.last_frame);
  }
  function verdictFor(f, yes) {
    if (yes) { return 'hide'; }
    return f.kind === 'face' ? 'not-a-face' : 'not-sensitive';
  }
  function nowSays(f) {
    var v = state.decisions[f.index];
    if (v === 'hide') { return 'Hidden: you chose to hide it.'; }
    if (v === 'not-a-face') { return 'Left as it is: you said it is not a face.'; }
    if (v === 'not-sensitive') { return 'Left as it is: you said it is not private.'; }
    return f.plain.state + ': ' + f.plain.why;
  }

  /* ---- the overlay ---- */
  function drawOverlay() {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var label = Math.max(12, 18 / viewer.s);
    if (state.view === 'before' && state.layer) {
      state.findings.forEach(function (f) {
        if (!f.box || f.action === 'review') { return; }
        if (state.clip ? !(f.first_frame <= state.frame && state.frame <= f.last_frame && f.frame === state.frame) : f.frame !== 0) { return; }
        var b = f.box, g = svgEl('g', { 'class': 'finding ' + effective(f) + (state.focus === f.index ? ' focus' : '') });
        g.appendChild(svgEl('rect', { x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1] }));
        svg.appendChild(g);
      });
    }
    if (state.view === 'before') {
      toDecide().forEach(function (f) {
        if (!f.box || (state.clip && f.frame !== state.frame)) { return; }
        var b = f.box, g = svgEl('g', { 'class': 'finding ask ' + effective(f) + (state.focus === f.index ? ' focus' : '') });
        g.appendChild(svgEl('rect', { x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1] }));
        var t = svgEl('text', { x: b[0], y: Math.max(label, b[1] - 4 / viewer.s), 'font-size': label });
        t.textContent = String(number(f));
        g.appendChild(t);
        svg.appendChild(g);
      });
    }
    state.marks.forEach(function (m, i) {
      if (state.clip && !(m.frame <= state.frame && state.frame <= m.last_frame)) { return; }
      var b = m.box, shape = m.shape === 'ellipse'
        ? svgEl('ellipse', { cx: (b[0] + b[2]) / 2, cy: (b[1] + b[3]) / 2, rx: (b[2] - b[0]) / 2, ry: (b[3] - b[1]) / 2 })
        : svgEl('rect', { x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1] });
      shape.setAttribute('class', 'mark' + (state.view === 'after' ? ' faint' : ''));
      shape.setAttribute('data-mark', String(i));
      svg.appendChild(shape);
    });
  }

  /* ---- the questions ---- */
  function crop(f) {
    return el('img', { 'class': 'crop', src: '/crop/' + id + '/' + f.index + '?k=' + encodeURIComponent(state.key), alt: 'Close-up of ' + itemName(f).toLowerCase(), width: 96, height: 96 });
  }
  function renderQuestions() {
    var list = $('questions');
    list.textContent = '';
    var asks = toDecide();
    var open = asks.filter(function (f) { return !state.decisions[f.index]; }).length;
    $('decide-title').textContent = !asks.length ? 'Nothing to decide' : open ? MS.plural(open, 'thing to decide', 'things to decide')
      : 'All decided';
    $('help-answer').hidden = !asks.length;  /* no questions: the help line does not ask for answers */
    $('help-check').hidden = !!asks.length;
    if (!asks.length) {
      list.appendChild(el('li', { 'class': 'none' }, 'The machine was sure about everything it found. Check the cleaned copy, then publish it.'));
    }
    asks.forEach(function (f) {
      var li = el('li', { 'class': 'question' + (state.decisions[f.index] ? ' answered' : ''), 'data-index': String(f.index), 'data-kind': f.kind });
      var fig = el('button', { type: 'button', 'class': 'crop-btn', 'aria-label': 'Show ' + itemName(f).toLowerCase() + ' on the picture' });
      fig.appendChild(crop(f));
      fig.appendChild(el('span', { 'class': 'num', 'aria-hidden': 'true' }, String(number(f))));
      fig.addEventListener('click', function () { focusOn(f); });
      li.appendChild(fig);
      var body = el('div', { 'class': 'q-body' });
      var qid = 'q-' + f.index;
      body.appendChild(el('p', { 'class': 'q', id: qid }, f.plain.question));
      body.appendChild(el('p', { 'class': 'why' }, f.plain.why + (span(f) ? ' (' + span(f) + ')' : '')));
      var answers = el('div', { 'class': 'answers', role: 'group', 'aria-labelledby': qid });
      [[true, f.plain.yes], [false, f.plain.no]].forEach(function (pair) {
        var verdict = verdictFor(f, pair[0]);
        var b = el('button', { type: 'button', 'class': 'btn answer ' + (pair[0] ? 'yes' : 'no'), 'data-verdict': verdict,
                               'aria-pressed': state.decisions[f.index] === verdict ? 'true' : 'false' }, pair[1]);
        b.disabled = state.done;
        b.addEventListener('click', function () { decide(f, verdict, true); });
        answers.appendChild(b);
      });
      body.appendChild(answers);
      li.appendChild(body);
      list.appendChild(li);
    });
  }

  /* ---- everything else: one layer, a compact filterable list ---- */
  function renderFound() {
    var others = state.findings.filter(function (f) { return f.action !== 'review'; });
    var faces = others.filter(function (f) { return f.kind === 'face' && effective(f) === 'hide'; }).length;
    var text = others.filter(function (f) { return f.kind === 'text' && effective(f) === 'hide'; }).length;
    var shown = others.filter(function (f) { return effective(f) === 'visible'; }).length;
    var parts = [];
    if (faces) { parts.push(MS.plural(faces, 'face', 'faces')); }
    if (text) { parts.push(MS.plural(text, 'piece of writing', 'pieces of writing')); }
    var summary = parts.length ? parts.join(' and ') + (faces + text === 1 ? ' is hidden.' : ' are hidden.') : 'Nothing else needed hiding.';
    if (shown) { summary += ' ' + MS.plural(shown, 'person is', 'people are').replace(' is', ' is').replace(' are', ' are') + ' shown: they agreed to it.'; }
    $('found-summary').textContent = summary;
    $('found-details').hidden = !others.length;
    var filter = $('filter').value;
    var list = $('findings');
    list.textContent = '';
    others.forEach(function (f) {
      var eff = effective(f);
      if (filter === 'face' && f.kind !== 'face') { return; }
      if (filter === 'text' && f.kind !== 'text') { return; }
      if (filter === 'shown' && (eff === 'hide')) { return; }
      var li = el('li', { 'class': 'item ' + eff, 'data-index': String(f.index), 'data-kind': f.kind });
      var show = el('button', { type: 'button', 'class': 'link', 'aria-label': 'Show ' + itemName(f).toLowerCase() + ' on the picture' }, itemName(f));
      show.addEventListener('click', function () { focusOn(f); });
      li.appendChild(show);
      li.appendChild(el('span', { 'class': 'why' }, nowSays(f) + (span(f) ? ' (' + span(f) + ')' : '')));
      if (!state.done && f.action !== 'visible') {
        var change;
        if (eff === 'hide') {
          change = el('button', { type: 'button', 'class': 'btn small', 'data-verdict': verdictFor(f, false) }, f.kind === 'face' ? 'Not a face' : 'Not private');
          change.addEventListener('click', function () { decide(f, verdictFor(f, false)); });
        } else if (eff === 'kept') {
          change = el('button', { type: 'button', 'class': 'btn small', 'data-verdict': 'hide' }, 'Hide it');
          change.addEventListener('click', function () { decide(f, 'hide'); });
        }
        if (state.decisions[f.index]) {
          change = el('button', { type: 'button', 'class': 'btn small', 'data-verdict': 'undo' }, 'As the machine decided');
          change.addEventListener('click', function () { decide(f, null); });
        }
        if (change) { li.appendChild(change); }
      }
      list.appendChild(li);
    });
    $('layer').hidden = !others.length;
    var marks = $('marks');
    marks.textContent = '';
    $('marks-title').hidden = !state.marks.length;
    state.marks.forEach(function (m, i) {
      var li = el('li', { 'class': 'item mark', 'data-mark': String(i) });
      var where = state.clip ? ' (from ' + when(m.frame) + ' to ' + when(m.last_frame) + ')' : '';
      li.appendChild(el('span', { 'class': 'what' }, (m.shape === 'ellipse' ? 'Oval ' : 'Box ') + (i + 1) + where));
      if (!state.done) {
        var rm = el('button', { type: 'button', 'class': 'btn small remove' }, 'Remove');
        rm.setAttribute('aria-label', 'Remove ' + (m.shape === 'ellipse' ? 'oval ' : 'box ') + (i + 1));
        rm.addEventListener('click', function () { change(function () { state.marks.splice(i, 1); }); MS.announce('Area removed.'); });
        li.appendChild(rm);
      }
      marks.appendChild(li);
    });
  }

  function renderBar() {
    var asks = toDecide(), open = asks.filter(function (f) { return !state.decisions[f.index]; }).length;
    if (state.done) { progressEl.textContent = ''; }
    else if (!state.sha) { progressEl.textContent = ''; }
    else if (open) {
      progressEl.textContent = MS.plural(open, 'question', 'questions') + ' left. What you leave unanswered is hidden.';
    } else { progressEl.textContent = 'Ready to publish.'; }
    undoBtn.disabled = state.done || !state.undo.length;
    publishBtn.disabled = state.done || !state.sha || !state.key;
    rejectBtn.disabled = state.done || !state.sha;
  }
  function refresh() { drawOverlay(); renderQuestions(); renderFound(); renderBar(); }

  /* ---- changes: undo, the draft on the station ---- */
  function snapshot() { return JSON.stringify({ d: state.decisions, m: state.marks }); }
  function change(fn) {
    if (state.done) { return; }
    state.undo.push(snapshot());
    if (state.undo.length > 200) { state.undo.shift(); }
    fn();
    state.version += 1;
    afterChange();
  }
  function afterChange() {
    refresh();
    saveDraft();
  }
  function undo() {
    if (state.done || !state.undo.length) { return; }
    var s = JSON.parse(state.undo.pop());
    state.decisions = s.d; state.marks = s.m;
    state.version += 1;
    afterChange();
    MS.announce('Undone.');
  }
  function decide(f, verdict, fromQuestion) {
    change(function () {
      if (verdict === null || state.decisions[f.index] === verdict) { delete state.decisions[f.index]; } else { state.decisions[f.index] = verdict; }
    });
    MS.announce(itemName(f) + ': ' + nowSays(f));
    if (fromQuestion) {
      var next = toDecide().filter(function (g) { return !state.decisions[g.index]; })[0];
      var target = next ? document.querySelector('#questions li[data-index="' + next.index + '"] button.answer.yes') : publishBtn;
      if (target) { target.focus(); }
    }
  }
  var saving = null, saveAgain = false;
  function draftBody() {
    return {
      sha256: state.sha, key: state.key, base: state.saved,
      decisions: Object.keys(state.decisions).map(function (k) { return { index: Number(k), verdict: state.decisions[k] }; }),
      marks: state.marks
    };
  }
  function saveDraft() {
    if (!state.sha || state.done) { return; }
    if (saving) { saveAgain = true; return; }
    saving = MS.post('/api/file/' + id + '/draft', draftBody()).then(function (j) {
      saving = null;
      if (j._status === 200) {
        state.saved = j.version;
        document.body.setAttribute('data-draft', String(j.version));
      } else if (j._status === 409 && j.draft) {
        adopt(j.draft, 'Someone changed this file in another window: showing their choices.');
        saveAgain = false;
      } else {
        statusEl.textContent = 'Your last change could not be saved on the station: ' + (j.why || j.error || 'unknown problem');
        statusEl.className = 'status error';
      }
      if (saveAgain) { saveAgain = false; saveDraft(); } else if (state.view === 'after') { showAfter(); }
    });
  }
  function adopt(draft, message) {
    if (message) { state.undo.push(snapshot()); } // another window's change can be undone here too
    var decisions = {};
    (draft.decisions || []).forEach(function (d) { if (state.byIndex[d.index]) { decisions[d.index] = d.verdict; } });
    state.decisions = decisions;
    state.marks = (draft.marks || []).slice();
    state.saved = draft.version || 0;
    state.version += 1;
    document.body.setAttribute('data-draft', String(state.saved));
    if (state.view === 'after') { showAfter(); }
    refresh();
    if (message) { MS.announce(message); statusEl.textContent = message; statusEl.className = 'status'; }
  }
  /* a second window: pick up what it saved */
  var draftAsk = null;  /* the check below while it is on its way: publishing or rejecting waits for it */
  var leaving = false;  /* publishing or rejecting: no check then (the file is about to leave the list) */
  function afterDraftAsk(go) { if (draftAsk) { draftAsk.then(go); } else { go(); } }
  function watchDraft() {
    if (state.done) { return; }
    if (saving || leaving) { setTimeout(watchDraft, 3000); return; }
    draftAsk = MS.getJSON('/api/file/' + id + '/draft').then(function (j) {
      draftAsk = null;
      if (j._status === 200 && j.version > state.saved && !saving && !state.done) {
        adopt(j, 'Updated with the choices made in another window.');
      } else if (j._status === 404 && !state.done) {
        gone();
        return;
      }
      setTimeout(watchDraft, 3000);
    });
  }
  function gone() {
    finish('This file has left the list (someone published or rejected it).', 'gone');
  }

  /* ---- drawing ---- */
  var drawing = null;
  function boxOf(a, b) { return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])]; }
  function onDraw(phase, p) {
    if (state.done || !state.sha) { return; }
    if (phase === 'start') {
      drawing = { start: p, shape: svgEl(viewer.tool === 'ellipse' ? 'ellipse' : 'rect', { 'class': 'mark drawing' }) };
      svg.appendChild(drawing.shape);
      return;
    }
    if (!drawing) { return; }
    var b = boxOf(drawing.start, p), s = drawing.shape;
    if (phase === 'move') {
      if (viewer.tool === 'ellipse') {
        s.setAttribute('cx', (b[0] + b[2]) / 2); s.setAttribute('cy', (b[1] + b[3]) / 2);
        s.setAttribute('rx', (b[2] - b[0]) / 2); s.setAttribute('ry', (b[3] - b[1]) / 2);
      } else {
        s.setAttribute('x', b[0]); s.setAttribute('y', b[1]); s.setAttribute('width', b[2] - b[0]); s.setAttribute('height', b[3] - b[1]);
      }
      return;
    }
    drawing = null;
    var min = 3 / viewer.s;
    if (phase === 'end' && b[2] - b[0] >= Math.max(min, 1) && b[3] - b[1] >= Math.max(min, 1)) {
      var mark = { box: b.map(function (v) { return Math.round(v * 10) / 10; }), shape: viewer.tool === 'ellipse' ? 'ellipse' : 'rect' };
      if (state.clip) {
        var last = state.frames - 1;
        var first = Math.min(Math.max(parseInt($('mark-first').value, 10) || 0, 0), last);
        mark.frame = first;
        mark.last_frame = Math.min(Math.max(parseInt($('mark-last').value, 10) || last, first), last);
      }
      change(function () { state.marks.push(mark); });
      MS.announce('Area added: it will be hidden.');
    } else {
      drawOverlay();
    }
  }
  function setTool(tool) {
    viewer.setTool(tool);
    Array.prototype.forEach.call(document.querySelectorAll('button.tool'), function (b) {
      b.setAttribute('aria-pressed', b.getAttribute('data-tool') === tool ? 'true' : 'false');
    });
    $('draw-hint').hidden = tool === 'move';
    if (tool !== 'move' && state.view === 'after') { setView('before'); }
  }

  /* ---- the picture: original or cleaned copy; zoom ---- */
  var viewer = new MS.Viewer($('viewport'), $('canvas'), {
    onDraw: onDraw,
    onChange: function (v) {
      $('zoom-level').textContent = Math.round(v.s * 100) + '%';
      var label = Math.max(12, 18 / v.s);
      Array.prototype.forEach.call(svg.querySelectorAll('text'), function (t) { t.setAttribute('font-size', label); });
      svg.style.setProperty('--stroke', String(Math.max(2, 3 / v.s)));
    }
  });
  function frameParam() { return state.clip ? '&frame=' + state.frame : ''; }
  function showAfter() {
    if (saving || saveAgain) { return; } // shown once the draft it shows is saved (saveDraft calls back)
    var note = $('view-note');
    note.hidden = false;
    note.textContent = 'Preparing the cleaned copy\u2026';
    document.body.removeAttribute('data-after');
    after.onload = function () {
      note.hidden = true;
      document.body.setAttribute('data-after', 'shown');
    };
    after.onerror = function () { note.textContent = 'The cleaned copy cannot be shown right now.'; };
    after.src = '/preview/' + id + '?v=' + state.saved + frameParam();
  }
  function setView(which) {
    state.view = which;
    $('show-before').setAttribute('aria-pressed', which === 'before' ? 'true' : 'false');
    $('show-after').setAttribute('aria-pressed', which === 'after' ? 'true' : 'false');
    photo.hidden = which === 'after';
    after.hidden = which !== 'after';
    if (which === 'after') { showAfter(); } else { $('view-note').hidden = true; document.body.removeAttribute('data-after'); }
    drawOverlay();
    MS.announce(which === 'after' ? 'Showing the cleaned copy.' : 'Showing the original.');
  }
  function setLayer(on) {
    state.layer = on;
    $('layer').setAttribute('aria-pressed', on ? 'true' : 'false');
    drawOverlay();
  }
  function focusOn(f) {
    state.focus = f.index;
    if (state.clip && f.frame !== state.frame) { setFrame(f.frame); }
    if (f.box) { viewer.show(f.box); }
    drawOverlay();
    $('viewport').focus({ preventScroll: true });
    var r = $('viewport').getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) { $('viewport').scrollIntoView({ block: 'nearest' }); }
  }

  /* ---- clips: the moment shown ---- */
  function setFrame(n) {
    state.frame = Math.min(Math.max(n, 0), state.frames - 1);
    $('frame').value = String(state.frame);
    $('frame-time').textContent = when(state.frame) + ' of ' + when(state.frames - 1);
    $('frame').setAttribute('aria-valuetext', when(state.frame));
    photo.src = '/frame/' + id + '/' + state.frame;
    if (state.view === 'after') { showAfter(); }
    drawOverlay();
  }
  function drawRanges() {
    var box = $('ranges');
    box.textContent = '';
    state.findings.forEach(function (f) {
      if (f.first_frame === undefined || state.frames < 2) { return; }
      var left = f.first_frame / (state.frames - 1) * 100, width = Math.max((f.last_frame - f.first_frame) / (state.frames - 1) * 100, 0.8);
      var bar = el('span', { 'class': 'range ' + effective(f), 'data-index': String(f.index) });
      bar.style.left = left + '%';
      bar.style.width = width + '%';
      box.appendChild(bar);
    });
  }

  /* ---- finishing ---- */
  function finish(text, cls) {
    state.done = true;
    resultEl.textContent = text;
    resultEl.className = 'result ' + cls;
    document.body.setAttribute('data-state', cls);
    publishAsBtn.hidden = true;
    refresh();
    nextLink.classList.add('primary');
    resultEl.focus();
  }
  function publish(asName) {
    publishBtn.disabled = true; publishAsBtn.disabled = true;
    resultEl.className = 'result';
    resultEl.textContent = 'Publishing\u2026';
    var body = draftBody();
    body.version = state.saved;
    if (asName) { body.as_name = asName; }
    leaving = true;
    afterDraftAsk(function () { MS.post('/api/file/' + id + '/publish', body).then(function (j) {
      leaving = false;
      publishAsBtn.disabled = false;
      if (j.state === 'published') {
        state.published = j;
        finish('Published as ' + j.output + '. It has left the list.', 'published');
        takeBackBtn.hidden = false;
        return;
      }
      publishBtn.disabled = false;
      resultEl.className = 'result error';
      if (j.suggest) {
        resultEl.textContent = 'A file called ' + j.exists + ' is already in the posting folder. Nothing was replaced.';
        publishAsBtn.textContent = 'Publish as ' + j.suggest;
        publishAsBtn.hidden = false;
        publishAsBtn.onclick = function () { publish(j.suggest); };
        publishAsBtn.focus();
      } else {
        resultEl.textContent = 'Not published: ' + (j.why || j.error || 'unknown problem');
      }
    }); });
  }
  function takeBack() {
    if (!state.published) { return; }
    takeBackBtn.disabled = true;
    MS.post('/api/file/' + id + '/take-back', { output: state.published.output, output_sha256: state.published.output_sha256 }).then(function (j) {
      takeBackBtn.disabled = false;
      if (j.state === 'taken-back') {
        resultEl.textContent = 'Taken back: ' + state.published.output + ' was removed from the posting folder and the file is back in the list.';
        resultEl.className = 'result';
        document.body.setAttribute('data-state', 'taken-back');
        takeBackBtn.hidden = true;
        state.published = null;
        state.done = false;
        nextLink.classList.remove('primary');
        load();
      } else {
        resultEl.textContent = 'Not taken back: ' + (j.why || j.error || 'unknown problem');
        resultEl.className = 'result error';
      }
    });
  }
  var rejectDialog = $('reject-dialog');
  function askReject() {
    if (state.done || !state.sha) { return; }
    $('reject-error').textContent = '';
    rejectDialog.showModal();
  }
  $('reject-form').addEventListener('submit', function (evt) {
    var submitter = evt.submitter;
    if (submitter && submitter.value === 'cancel') { return; }
    var choice = rejectDialog.querySelector('input[name="why"]:checked');
    var reason = choice ? (choice.value === 'other' ? $('reject-other').value.trim() : choice.value) : '';
    if (!reason) {
      evt.preventDefault();
      $('reject-error').textContent = 'Say why it must not be published.';
      return;
    }
    leaving = true;
    afterDraftAsk(function () { MS.post('/api/file/' + id + '/reject', { sha256: state.sha, reason: reason }).then(function (j) {
      leaving = false;
      if (j.state === 'rejected') { finish('Rejected: it will not be published. It has left the list.', 'rejected'); } else {
        resultEl.textContent = 'Not rejected: ' + (j.why || j.error || 'unknown problem'); resultEl.className = 'result error';
      }
    }); });
  });
  $('reject-other').addEventListener('input', function () {
    var other = rejectDialog.querySelector('input[value="other"]');
    if (other && $('reject-other').value) { other.checked = true; }
  });

  /* ---- wiring ---- */
  publishBtn.addEventListener('click', function () { publish(null); });
  rejectBtn.addEventListener('click', askReject);
  undoBtn.addEventListener('click', undo);
  takeBackBtn.addEventListener('click', takeBack);
  $('show-before').addEventListener('click', function () { setView('before'); });
  $('show-after').addEventListener('click', function () { setView('after'); });
  $('layer').addEventListener('click', function () { setLayer(!state.layer); });
  $('zoom-in').addEventListener('click', function () { viewer.zoomBy(1.25); });
  $('zoom-out').addEventListener('click', function () { viewer.zoomBy(0.8); });
  $('zoom-fit').addEventListener('click', function () { viewer.fit(); });
  $('filter').addEventListener('change', renderFound);
  $('frame').addEventListener('input', function () { setFrame(parseInt($('frame').value, 10) || 0); });
  Array.prototype.forEach.call(document.querySelectorAll('button.tool'), function (b) {
    b.addEventListener('click', function () { setTool(b.getAttribute('data-tool')); });
  });
  function current() {
    var li = document.activeElement && document.activeElement.closest ? document.activeElement.closest('#questions li.question') : null;
    var f = li ? state.byIndex[li.getAttribute('data-index')] : null;
    return f || toDecide().filter(function (g) { return !state.decisions[g.index]; })[0] || toDecide()[0];
  }
  var live = function () { return !state.done && !!state.sha; };
  MS.addKey('y', 'Answer "yes" to the question in focus (or the first one open)', function () { var f = current(); if (f) { decide(f, 'hide', true); } }, { when: live });
  MS.addKey('n', 'Answer "no" to it', function () { var f = current(); if (f) { decide(f, verdictFor(f, false), true); } }, { when: live });
  MS.addKey('Ctrl+z', 'Undo', undo, { when: live });
  MS.addKey('u', 'Undo', undo, { when: live, hidden: true });
  MS.addKey('b', 'Switch between the original and the cleaned copy', function () { setView(state.view === 'after' ? 'before' : 'after'); });
  MS.addKey('h', 'Show or hide the marks on the picture', function () { setLayer(!state.layer); });
  MS.addKey(['+', '='], 'Zoom in', function () { viewer.zoomBy(1.25); });
  MS.addKey('-', 'Zoom out', function () { viewer.zoomBy(0.8); });
  MS.addKey('0', 'Fit the picture', function () { viewer.fit(); });
  MS.addKey('m', 'Drag moves the picture', function () { setTool('move'); });
  MS.addKey('d', 'Drag hides a box', function () { setTool('rect'); }, { when: live });
  MS.addKey('o', 'Drag hides an oval', function () { setTool('ellipse'); }, { when: live });
  MS.addKey(',', 'Clip: one moment back', function () { setFrame(state.frame - 1); }, { when: function () { return state.clip; } });
  MS.addKey('.', 'Clip: one moment on', function () { setFrame(state.frame + 1); }, { when: function () { return state.clip; } });
  MS.addKey('p', 'Publish', function () { if (!publishBtn.disabled) { publish(null); } }, { when: live });
  MS.addKey('r', 'Reject (asks why first)', askReject, { when: live });
  MS.addKey('x', 'Next file', function () { window.location.href = nextLink.getAttribute('href'); });

  function load() {
    MS.getJSON('/api/file/' + id).then(function (j) {
      if (j.state === 'detecting') { setTimeout(load, 300); return; }
      if (j._status === 404) { gone(); return; }
      if (j.state !== 'ready') {
        statusEl.textContent = 'This file cannot be checked here. ' + (j.why || 'Reject it, or ask for help.');
        statusEl.className = 'status error';
        state.sha = j.sha256 || null;
        renderBar();
        document.body.setAttribute('data-state', 'failed');
        return;
      }
      state.sha = j.sha256; state.key = j.key; state.w = j.width; state.h = j.height;
      state.findings = j.findings; state.byIndex = {};
      state.clip = !!j.clip; state.frames = j.frames; state.fps = j.fps || 0;
      state.numbers = {};
      var n = 0;
      state.findings.forEach(function (f) { state.byIndex[f.index] = f; });
      toDecide().forEach(function (f) { n += 1; state.numbers[f.index] = n; });
      state.findings.forEach(function (f) { if (!state.numbers[f.index]) { n += 1; state.numbers[f.index] = n; } });
      svg.setAttribute('viewBox', '0 0 ' + j.width + ' ' + j.height);
      viewer.setSize(j.width, j.height);
      photo.style.width = after.style.width = '100%';
      $('metadata').textContent = j.metadata_plain || '';
      statusEl.textContent = '';
      statusEl.className = 'status';
      if (state.clip) {
        document.body.classList.add('clip');
        $('scrubber').hidden = false;
        $('clip-draw').hidden = false;
        $('frame').max = String(j.frames - 1);
        $('mark-first').max = $('mark-last').max = String(j.frames - 1);
        $('mark-last').value = String(j.frames - 1);
        drawRanges();
        setFrame(0);
      }
      setLayer(state.findings.filter(function (f) { return f.action !== 'review'; }).length <= 30);
      if (j.draft) { adopt(j.draft, null); }
      if (j.draft_note) { statusEl.textContent = j.draft_note; }
      if (j.published) {
        state.published = j.published;
        takeBackBtn.hidden = false;
      }
      refresh();
      document.body.setAttribute('data-state', 'ready');
      setTimeout(watchDraft, 3000);
    });
  }
  load();
}());
