/* The desk's "Add photos" page: send each chosen or dropped file to the desk, one or two at a time,
   then follow its cleaning until it is ready, held for checking, or not published. The "before" picture
   is the file on this computer (never sent back by the desk); the "after" picture is the safe copy. */
(function () {
  'use strict';
  var MS = window.MS;
  var input = document.getElementById('files');
  var drop = document.getElementById('drop');
  var list = document.getElementById('results');
  var section = document.getElementById('results-section');
  var words = document.getElementById('progress-words');
  var overall = document.getElementById('overall');
  var bulk = document.getElementById('bulk');
  var cards = {};      /* server id -> card */
  var queue = [];      /* cards waiting to be sent */
  var sending = 0;
  var PARALLEL = 2;
  var polling = false;
  var pollAgain = false;  /* asked for the list while a request for it was on its way */
  var local = 0;

  var SHOWABLE = /^image\/(jpeg|png|webp|gif|bmp|avif)$/;

  function newCard(name) {
    var li = MS.el('li', { 'class': 'result', 'data-state': 'sending' });
    var pics = MS.el('div', { 'class': 'pics' });
    var before = MS.el('figure', { 'class': 'before' });
    var after = MS.el('figure', { 'class': 'after' });
    before.appendChild(MS.el('div', { 'class': 'none' }, 'No picture to show'));
    before.appendChild(MS.el('figcaption', {}, 'Before'));
    after.appendChild(MS.el('div', { 'class': 'none' }, 'Not ready yet'));
    after.appendChild(MS.el('figcaption', {}, 'Safe copy'));
    pics.appendChild(before);
    pics.appendChild(after);
    var about = MS.el('div', { 'class': 'about' });
    about.appendChild(MS.el('h3', {}, name));
    about.appendChild(MS.el('p', { 'class': 'state' }, 'Waiting to be sent'));
    var bar = MS.el('progress', { max: '1', value: '0', 'aria-label': 'Progress for ' + name });
    about.appendChild(bar);
    about.appendChild(MS.el('ul', { 'class': 'words' }));
    about.appendChild(MS.el('div', { 'class': 'job-actions' }));
    li.appendChild(pics);
    li.appendChild(about);
    list.appendChild(li);
    section.hidden = false;
    return { li: li, name: name, state: 'sending', bar: bar, id: null, local: 'l' + (local += 1), shownAfter: false };
  }
  /* "Before" pictures are made small here, one at a time (a phone's 12 MP photo decoded at full size for
     a 10 rem picture, fifty times over, would make the page slow), upright as the camera meant them. */
  var previews = [];
  var previewing = false;
  function setBefore(card, file) {
    if (!file || !SHOWABLE.test(file.type || '')) { return; }
    previews.push({ card: card, file: file });
    nextPreview();
  }
  function nextPreview() {
    if (previewing || !previews.length) { return; }
    previewing = true;
    var job = previews.shift();
    var done = function () { previewing = false; setTimeout(nextPreview, 0); };
    var show = function (url) {
      var fig = job.card.li.querySelector('figure.before');
      var img = MS.el('img', { alt: 'Before: ' + job.card.name });
      img.src = url;
      fig.replaceChild(img, fig.querySelector('.none'));
    };
    if (!window.createImageBitmap) { show(URL.createObjectURL(job.file)); done(); return; }
    createImageBitmap(job.file, { imageOrientation: 'from-image', resizeWidth: 480, resizeQuality: 'medium' }).then(function (bmp) {
      var canvas = document.createElement('canvas');
      canvas.width = bmp.width;
      canvas.height = bmp.height;
      canvas.getContext('2d').drawImage(bmp, 0, 0);
      bmp.close();
      canvas.toBlob(function (blob) { if (blob) { show(URL.createObjectURL(blob)); } done(); }, 'image/jpeg', 0.8);
    }, done);
  }
  function say(card, text) { card.li.querySelector('.state').textContent = text; }
  function actions(card) { var a = card.li.querySelector('.job-actions'); a.textContent = ''; return a; }

  function add(files) {
    Array.prototype.forEach.call(files, function (file) {
      var card = newCard(file.name);
      setBefore(card, file);
      card.file = file;
      queue.push(card);
    });
    pump();
    summary();
  }
  function pump() {
    while (sending < PARALLEL && queue.length) { send(queue.shift()); }
  }
  function send(card) {
    sending += 1;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', MS.csrf);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(card.file.name));
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        card.bar.value = e.loaded / e.total;
        say(card, 'Sending: ' + Math.round(100 * e.loaded / e.total) + '%');
      }
    };
    say(card, 'Sending');
    xhr.onload = function () {
      sending -= 1;
      var j = {};
      try { j = JSON.parse(xhr.responseText); } catch (err) { j = {}; }
      if (xhr.status === 200 && j.id) {
        if (cards[j.id] && cards[j.id] !== card) { cards[j.id].li.remove(); }  /* listed by another tab's poll meanwhile */
        card.id = j.id;
        card.li.setAttribute('data-id', j.id);
        cards[j.id] = card;
        card.state = 'waiting';
        say(card, 'Waiting to be cleaned');
        card.bar.removeAttribute('value');
        poll();
      } else {
        fail(card, j.error || ('The desk did not take it (' + xhr.status + ').'));
      }
      card.file = null;
      pump();
      summary();
    };
    xhr.onerror = function () {
      sending -= 1;
      fail(card, 'The desk cannot be reached. Is it still running?');
      pump();
      summary();
    };
    xhr.send(card.file);
  }
  function fail(card, why) {
    card.state = 'failed';
    card.li.setAttribute('data-state', 'failed');
    say(card, 'Could not be sent');
    card.bar.hidden = true;
    var ul = card.li.querySelector('.words');
    ul.textContent = '';
    ul.appendChild(MS.el('li', {}, why));
    var a = actions(card);
    var rm = MS.el('button', { type: 'button', 'class': 'btn small' }, 'Remove from the list');
    rm.addEventListener('click', function () { card.li.remove(); summary(); });
    a.appendChild(rm);
    MS.announce(card.name + ' could not be sent.');
  }

  function update(card, job) {
    var was = card.state;
    card.state = job.state;
    card.li.setAttribute('data-state', job.state);
    var ul = card.li.querySelector('.words');
    if (job.state === 'waiting') { say(card, 'Waiting to be cleaned'); card.bar.removeAttribute('value'); return; }
    if (job.state === 'cleaning') {
      if (job.frames_total) {
        card.bar.max = job.frames_total;
        card.bar.value = job.frames_done;
        say(card, 'Being cleaned: ' + Math.round(100 * job.frames_done / job.frames_total) + '%');
      } else {
        card.bar.removeAttribute('value');
        say(card, 'Being cleaned');
      }
      return;
    }
    card.bar.hidden = true;
    if (was === job.state && card.posted === job.posted_as) { return; }
    card.posted = job.posted_as;
    ul.textContent = '';
    var a = actions(card);
    if (job.state === 'ready') {
      say(card, job.posted_as ? 'Safe, and in the posting folder' : 'Safe to post');
      var w = job.words || {};
      if (w.hidden && w.hidden.length) { ul.appendChild(MS.el('li', {}, 'Hidden: ' + w.hidden.join(', ') + '.')); }
      if (w.removed && w.removed.length) {
        var shown = w.removed.length > 4 ? w.removed.slice(0, 3).concat(['and ' + (w.removed.length - 3) + ' more kinds of hidden data'])
          : w.removed;
        ul.appendChild(MS.el('li', {}, 'Removed: ' + shown.join(', ') + '.'));
      }
      if (w.visible && w.visible.length) { ul.appendChild(MS.el('li', {}, 'Left visible (consent on file): ' + w.visible.join(', ') + '.')); }
      if (!ul.children.length) { ul.appendChild(MS.el('li', {}, 'Nothing needed hiding; it was still rebuilt as a new, clean file.')); }
      if (job.renamed) { ul.appendChild(MS.el('li', { 'class': 'renamed' }, job.renamed)); }
      if (!card.shownAfter) {
        var fig = card.li.querySelector('figure.after');
        var img = MS.el('img', { alt: 'Safe copy of ' + card.name, src: '/desk/preview/' + job.id });
        fig.replaceChild(img, fig.querySelector('.none, img'));
        card.shownAfter = true;
      }
      if (job.posted_as) {
        a.appendChild(MS.el('p', { 'class': 'posted' }, 'In the posting folder as ' + job.posted_as));
      } else {
        var post = MS.el('button', { type: 'button', 'class': 'btn primary post' }, 'Put in the posting folder');
        post.addEventListener('click', function () { postOne(card, post); });
        a.appendChild(post);
      }
      a.appendChild(MS.el('a', { 'class': 'btn download', href: '/desk/download/' + job.id, download: job.output || '' }, 'Download'));
      if (!card.announced) { MS.announce(card.name + ' is safe.'); card.announced = true; }
    } else if (job.state === 'held') {
      say(card, 'Someone needs to check this one');
      ul.appendChild(MS.el('li', {}, job.why || ''));
      if (job.held_id) { a.appendChild(MS.el('a', { 'class': 'btn', href: '/file/' + job.held_id }, 'Check it now')); }
      MS.announce(card.name + ' needs checking.');
    } else if (job.state === 'failed') {
      say(card, 'Not published');
      ul.appendChild(MS.el('li', {}, job.why || ''));
      MS.announce(card.name + ' could not be made safe.');
    }
    var rm = MS.el('button', { type: 'button', 'class': 'btn small remove' }, 'Remove from the list');
    rm.addEventListener('click', function () {
      MS.post('/api/uploads/' + job.id + '/remove', {}).then(function (j) {
        if (j._status === 200) { card.li.remove(); delete cards[job.id]; summary(); }
      });
    });
    a.appendChild(rm);
  }
  function postOne(card, btn) {
    btn.disabled = true;
    MS.post('/api/uploads/' + card.id + '/post', {}).then(function (j) {
      if (j._status === 200) {
        card.state = 'posting';
        poll();
        MS.announce(card.name + ' is in the posting folder as ' + j.posted_as + '.');
      } else {
        btn.disabled = false;
        say(card, j.error || 'It could not be copied.');
      }
    });
  }

  function summary() {
    var all = list.children.length;
    var done = 0, ready = 0, unposted = 0;
    Object.keys(cards).forEach(function (id) {
      var c = cards[id];
      if (c.state === 'ready' || c.state === 'held' || c.state === 'failed') { done += 1; }
      if (c.state === 'ready') { ready += 1; if (!c.posted) { unposted += 1; } }
    });
    var failedLocal = list.querySelectorAll('li.result[data-state="failed"]:not([data-id])').length;
    done += failedLocal;
    overall.max = Math.max(all, 1);
    overall.value = done;
    words.textContent = all ? (done + ' of ' + MS.plural(all, 'file', 'files') + ' done' + (ready ? ', ' + ready + ' safe' : '')) : '';
    bulk.hidden = ready < 1;
    document.getElementById('post-all').hidden = unposted < 1;
    var busy = sending > 0 || queue.length > 0 || done < all;
    document.body.setAttribute('data-busy', busy ? '1' : '0');
    document.body.setAttribute('data-done', String(done));
    if (!all) { section.hidden = true; }
  }

  function poll() {
    /* One request at a time; an ask meanwhile (a file that has just arrived) is kept, not lost: the list on its
       way was made before it and may say every file is done. */
    if (polling) { pollAgain = true; return; }
    polling = true;
    pollAgain = false;
    MS.getJSON('/api/uploads').then(function (j) {
      polling = false;
      if (!j.jobs) { setTimeout(poll, 3000); return; }
      j.jobs.forEach(function (job) {
        var card = cards[job.id];
        if (!card) {
          card = newCard(job.name);
          card.id = job.id;
          card.li.setAttribute('data-id', job.id);
          cards[job.id] = card;
        }
        update(card, job);
      });
      summary();
      if (pollAgain) { setTimeout(poll, 0); } else if (j.done < j.total || sending || queue.length) { setTimeout(poll, 800); }
    });
  }

  input.addEventListener('change', function () { if (input.files.length) { add(input.files); } input.value = ''; });
  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) { if (e.dataTransfer && e.dataTransfer.files.length) { add(e.dataTransfer.files); } });
  document.addEventListener('dragover', function (e) { e.preventDefault(); });
  document.addEventListener('drop', function (e) { e.preventDefault(); });
  document.getElementById('post-all').addEventListener('click', function () {
    var b = this;
    b.disabled = true;
    MS.post('/api/uploads/post-all', {}).then(function (j) {
      b.disabled = false;
      if (j.posted) { MS.announce(MS.plural(j.posted.length, 'file', 'files') + ' put in the posting folder.'); }
      poll();
    });
  });
  MS.addKey('a', 'Choose photos or videos to add', function () { input.click(); });

  var linkBtn = document.getElementById('new-link');
  if (linkBtn) {
    var dlg = document.getElementById('link-dialog');
    var make = document.getElementById('link-make');
    var copy = document.getElementById('link-copy');
    var url = document.getElementById('link-url');
    linkBtn.addEventListener('click', function () {
      document.getElementById('link-ask').hidden = false;
      document.getElementById('link-show').hidden = true;
      document.getElementById('link-error').textContent = '';
      make.hidden = false;
      copy.hidden = true;
      dlg.showModal();
    });
    make.addEventListener('click', function () {
      MS.post('/api/links', { 'for': document.getElementById('link-for').value }).then(function (j) {
        if (j._status !== 200) { document.getElementById('link-error').textContent = j.error || 'No link could be made.'; return; }
        url.value = j.url;
        document.getElementById('link-ask').hidden = true;
        document.getElementById('link-show').hidden = false;
        make.hidden = true;
        copy.hidden = false;
        url.focus();
        url.select();
      });
    });
    copy.addEventListener('click', function () {
      url.select();
      if (navigator.clipboard) { navigator.clipboard.writeText(url.value).then(function () { MS.announce('Copied.'); }, function () {}); }
    });
    dlg.querySelector('[data-close]').addEventListener('click', function () { dlg.close(); });
  }

  var initial = JSON.parse(document.getElementById('initial').textContent || '{}');
  if (initial.jobs && initial.jobs.length) {
    initial.jobs.forEach(function (job) {
      var card = newCard(job.name);
      card.id = job.id;
      card.li.setAttribute('data-id', job.id);
      cards[job.id] = card;
      update(card, job);
    });
    if (initial.done < initial.total) { poll(); }
  }
  summary();
}());
