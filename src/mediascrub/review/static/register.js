/* The consent register's pages: enrol a person (the form), add photos, withdraw consent, forget.
   Photos are read in this browser and sent with the form; the desk makes the face numbers from them and
   keeps no photo. */
(function () {
  'use strict';
  var MS = window.MS;
  var MAX_PHOTOS = 10;

  function readPhotos(files) {
    var list = Array.prototype.slice.call(files || []);
    if (list.length > MAX_PHOTOS) { return Promise.reject(new Error('At most ' + MAX_PHOTOS + ' photos at a time.')); }
    return Promise.all(list.map(function (f) {
      return new Promise(function (resolve, reject) {
        var r = new FileReader();
        r.onload = function () { resolve({ name: f.name, data: String(r.result).split(',', 2)[1] || '' }); };
        r.onerror = function () { reject(new Error('Could not read ' + f.name + '.')); };
        r.readAsDataURL(f);
      });
    }));
  }

  /* ---- the enrolment form ---- */
  var form = document.getElementById('enrol-form');
  if (form) {
    var status = document.getElementById('enrol-status');
    var errorBox = document.getElementById('enrol-error');
    var submit = document.getElementById('enrol-submit');
    var assessment = document.getElementById('assessment-field');
    var F = form.elements;
    var field = function (n) { return F.namedItem(n); };
    Array.prototype.forEach.call(form.querySelectorAll('input[name=basis]'), function (r) {
      r.addEventListener('change', function () { assessment.hidden = field('basis').value !== 'best-interests'; });
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      errorBox.textContent = '';
      var purposes = Array.prototype.filter.call(form.querySelectorAll('input[name=purposes]'), function (c) { return c.checked; })
        .map(function (c) { return c.value; });
      var missing = [];
      if (!field('name').value.trim()) { missing.push('their name'); }
      if (!field('photos').files.length) { missing.push('at least one photo'); }
      if (!field('evidence').value.trim()) { missing.push('the consent form reference'); }
      if (!purposes.length) { missing.push('what they agreed to'); }
      if (field('basis').value === 'best-interests' && !field('assessment').value.trim()) { missing.push('the assessment reference'); }
      if (missing.length) {
        errorBox.textContent = 'Please give ' + missing.join(', ') + '.';
        return;
      }
      submit.disabled = true;
      status.textContent = 'Reading the photos and finding the face in each. This takes a few seconds.';
      readPhotos(field('photos').files).then(function (photos) {
        return MS.post('/api/register/enrol', {
          name: field('name').value, photos: photos, evidence: field('evidence').value, purposes: purposes,
          expires: field('expires').value, given: field('given').value, basis: field('basis').value,
          assessment: field('assessment').value, reference: field('reference').value
        });
      }).then(function (j) {
        submit.disabled = false;
        status.textContent = '';
        if (j._status !== 200) { errorBox.textContent = j.error || 'It could not be saved.'; return; }
        var note = j.warnings && j.warnings.length ? '?note=' + encodeURIComponent(j.warnings.join(' ')) : '';
        window.location.assign('/register' + note + '#enrolled');
      }, function (err) {
        submit.disabled = false;
        status.textContent = '';
        errorBox.textContent = err.message;
      });
    });
  }

  /* ---- the register: add photos, withdraw, forget ---- */
  var status2 = document.getElementById('register-status');
  function said(j, ok) {
    if (j._status === 200) { window.location.assign('/register?done=' + encodeURIComponent(ok)); return; }
    status2.textContent = j.error || 'That did not work.';
    status2.classList.add('error');
  }
  var params = new URLSearchParams(window.location.search);
  if (status2 && (params.get('done') || params.get('note') || window.location.hash === '#enrolled')) {
    status2.textContent = [params.get('done') || (window.location.hash === '#enrolled' ? 'Enrolled.' : ''), params.get('note') || '']
      .join(' ').trim();
  }
  Array.prototype.forEach.call(document.querySelectorAll('.add-photos input[type=file]'), function (inp) {
    inp.addEventListener('change', function () {
      var name = inp.getAttribute('data-name');
      status2.textContent = 'Adding photos of ' + name + '...';
      readPhotos(inp.files).then(function (photos) {
        return MS.post('/api/register/photos', { name: name, photos: photos });
      }).then(function (j) { said(j, 'Photos added for ' + name + '.'); }, function (err) { status2.textContent = err.message; });
      inp.value = '';
    });
  });
  function dialogFor(id, button, go) {
    var dlg = document.getElementById(id);
    if (!dlg) { return; }
    var name = button.getAttribute('data-name');
    dlg.querySelector('.who-name').textContent = name;
    dlg.querySelector('[data-close]').onclick = function () { dlg.close(); };
    dlg.querySelector('.btn.danger').onclick = function () { go(name, dlg); };
    dlg.showModal();
  }
  Array.prototype.forEach.call(document.querySelectorAll('button.withdraw'), function (b) {
    b.addEventListener('click', function () {
      dialogFor('withdraw-dialog', b, function (name, dlg) {
        MS.post('/api/register/withdraw', { name: name }).then(function (j) { dlg.close(); said(j, 'Consent withdrawn for ' + name + '.'); });
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('button.forget'), function (b) {
    b.addEventListener('click', function () {
      var input = document.getElementById('forget-confirm');
      input.value = '';
      dialogFor('forget-dialog', b, function (name, dlg) {
        MS.post('/api/register/forget', { name: name, confirm: input.value }).then(function (j) {
          if (j._status !== 200) { input.setAttribute('aria-invalid', 'true'); dlg.querySelector('h2').textContent = j.error || 'Not forgotten.'; return; }
          dlg.close();
          said(j, name + ' was forgotten.');
        });
      });
    });
  });
}());
