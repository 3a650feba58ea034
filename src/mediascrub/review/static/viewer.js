/* A zoomable, pannable picture: wheel, pinch (two fingers), drag, and the keyboard (+, -, 0, arrows).
   MS.Viewer(viewport, canvas, {onDraw, onChange}) shows ``canvas`` (the picture and its overlay, laid out at
   the picture's own size in pixels) inside ``viewport`` with a CSS transform. With a drawing tool chosen,
   one finger or the mouse draws (onDraw gets picture coordinates); with "move", it pans. Two fingers always
   pinch and pan. Used by the review station's file page (and the desk's before/after view). */
(function () {
  'use strict';
  var MAX_ZOOM = 8; // times the picture's own pixels

  function Viewer(viewport, canvas, opts) {
    this.vp = viewport;
    this.canvas = canvas;
    this.opts = opts || {};
    this.w = 1; this.h = 1;
    this.s = 1; this.x = 0; this.y = 0;
    this.fitted = true;
    this.tool = 'move';
    this.pointers = {};
    this.gesture = null;
    this._bind();
  }

  Viewer.prototype.setSize = function (w, h) {
    this.w = w; this.h = h;
    this.canvas.style.width = w + 'px';
    this.canvas.style.height = h + 'px';
    this.fit();
  };
  Viewer.prototype.fitScale = function () {
    var r = this.vp.getBoundingClientRect();
    return Math.min(r.width / this.w, r.height / this.h) || 1;
  };
  Viewer.prototype.minScale = function () { return Math.min(this.fitScale(), 1); };
  Viewer.prototype.fit = function () {
    this.s = this.fitScale();
    this.fitted = true;
    this._clamp();
    this._apply();
  };
  Viewer.prototype.zoomBy = function (factor, cx, cy) {
    var r = this.vp.getBoundingClientRect();
    if (cx === undefined) { cx = r.width / 2; cy = r.height / 2; }
    var ns = Math.min(Math.max(this.s * factor, this.minScale()), MAX_ZOOM);
    this.x = cx - (cx - this.x) * (ns / this.s);
    this.y = cy - (cy - this.y) * (ns / this.s);
    this.s = ns;
    this.fitted = Math.abs(ns - this.fitScale()) < 1e-3;
    this._clamp();
    this._apply();
  };
  Viewer.prototype.panBy = function (dx, dy) {
    this.x += dx; this.y += dy;
    this._clamp();
    this._apply();
  };
  /* Zoom so that ``box`` (picture pixels) fills about a third of the view, centred. */
  Viewer.prototype.show = function (box) {
    var r = this.vp.getBoundingClientRect();
    var bw = Math.max(box[2] - box[0], 8), bh = Math.max(box[3] - box[1], 8);
    var ns = Math.min(Math.max(Math.min(r.width / (bw * 3), r.height / (bh * 3)), this.fitScale()), MAX_ZOOM);
    this.s = ns;
    this.x = r.width / 2 - (box[0] + bw / 2) * ns;
    this.y = r.height / 2 - (box[1] + bh / 2) * ns;
    this.fitted = false;
    this._clamp();
    this._apply();
  };
  Viewer.prototype.toPicture = function (clientX, clientY) {
    var r = this.vp.getBoundingClientRect();
    var px = (clientX - r.left - this.x) / this.s, py = (clientY - r.top - this.y) / this.s;
    return [Math.min(Math.max(px, 0), this.w), Math.min(Math.max(py, 0), this.h)];
  };
  Viewer.prototype._clamp = function () {
    var r = this.vp.getBoundingClientRect();
    var cw = this.w * this.s, ch = this.h * this.s;
    if (cw <= r.width) { this.x = (r.width - cw) / 2; } else { this.x = Math.min(0, Math.max(r.width - cw, this.x)); }
    if (ch <= r.height) { this.y = (r.height - ch) / 2; } else { this.y = Math.min(0, Math.max(r.height - ch, this.y)); }
  };
  Viewer.prototype._apply = function () {
    this.canvas.style.transform = 'translate(' + this.x + 'px,' + this.y + 'px) scale(' + this.s + ')';
    if (this.opts.onChange) { this.opts.onChange(this); }
  };
  Viewer.prototype.setTool = function (tool) {
    this.tool = tool;
    this.vp.classList.toggle('drawing', tool !== 'move');
  };

  Viewer.prototype._bind = function () {
    var self = this, vp = this.vp;
    vp.addEventListener('wheel', function (evt) {
      evt.preventDefault();
      var r = vp.getBoundingClientRect();
      var dy = evt.deltaMode === 1 ? evt.deltaY * 16 : evt.deltaY;
      self.zoomBy(Math.exp(-dy * 0.0015), evt.clientX - r.left, evt.clientY - r.top);
    }, { passive: false });
    vp.addEventListener('pointerdown', function (evt) {
      if (evt.button !== undefined && evt.button > 1) { return; }
      evt.preventDefault();
      vp.focus({ preventScroll: true });
      self.pointers[evt.pointerId] = [evt.clientX, evt.clientY];
      try { vp.setPointerCapture(evt.pointerId); } catch (e) { /* synthetic events */ }
      var ids = Object.keys(self.pointers);
      if (ids.length === 2) {
        if (self.gesture && self.gesture.type === 'draw' && self.opts.onDraw) { self.opts.onDraw('cancel'); }
        self.gesture = { type: 'pinch', start: self._pinchState() };
      } else if (ids.length === 1) {
        var draw = self.tool !== 'move' && evt.button !== 1 && self.opts.onDraw;
        self.gesture = draw ? { type: 'draw' } : { type: 'pan', last: [evt.clientX, evt.clientY] };
        if (draw) { self.opts.onDraw('start', self.toPicture(evt.clientX, evt.clientY)); }
      }
    });
    vp.addEventListener('pointermove', function (evt) {
      if (!self.pointers[evt.pointerId]) { return; }
      self.pointers[evt.pointerId] = [evt.clientX, evt.clientY];
      var g = self.gesture;
      if (!g) { return; }
      if (g.type === 'pan') {
        self.panBy(evt.clientX - g.last[0], evt.clientY - g.last[1]);
        g.last = [evt.clientX, evt.clientY];
      } else if (g.type === 'draw') {
        self.opts.onDraw('move', self.toPicture(evt.clientX, evt.clientY));
      } else if (g.type === 'pinch' && Object.keys(self.pointers).length === 2) {
        var now = self._pinchState();
        var r = vp.getBoundingClientRect();
        self.zoomBy(now.dist / g.start.dist, g.start.mid[0] - r.left, g.start.mid[1] - r.top);
        self.panBy(now.mid[0] - g.start.mid[0], now.mid[1] - g.start.mid[1]);
        g.start = now;
      }
    });
    function end(evt) {
      if (!self.pointers[evt.pointerId]) { return; }
      delete self.pointers[evt.pointerId];
      var g = self.gesture;
      if (g && g.type === 'draw') {
        self.opts.onDraw(evt.type === 'pointercancel' ? 'cancel' : 'end', self.toPicture(evt.clientX, evt.clientY));
      }
      var left = Object.keys(self.pointers);
      self.gesture = left.length === 1 ? { type: 'pan', last: self.pointers[left[0]] } : null;
    }
    vp.addEventListener('pointerup', end);
    vp.addEventListener('pointercancel', end);
    vp.addEventListener('keydown', function (evt) {
      var step = 60;
      var k = evt.key;
      if (k === '+' || k === '=') { self.zoomBy(1.25); }
      else if (k === '-' || k === '_') { self.zoomBy(0.8); }
      else if (k === '0') { self.fit(); }
      else if (k === 'ArrowLeft') { self.panBy(step, 0); }
      else if (k === 'ArrowRight') { self.panBy(-step, 0); }
      else if (k === 'ArrowUp') { self.panBy(0, step); }
      else if (k === 'ArrowDown') { self.panBy(0, -step); }
      else { return; }
      evt.preventDefault();
      evt.stopPropagation();
    });
    window.addEventListener('resize', function () {
      if (self.fitted) { self.fit(); } else { self._clamp(); self._apply(); }
    });
  };
  Viewer.prototype._pinchState = function () {
    var p = Object.keys(this.pointers).map(function (k) { return this.pointers[k]; }, this);
    var dx = p[0][0] - p[1][0], dy = p[0][1] - p[1][1];
    return { dist: Math.max(Math.sqrt(dx * dx + dy * dy), 1), mid: [(p[0][0] + p[1][0]) / 2, (p[0][1] + p[1][1]) / 2] };
  };

  window.MS.Viewer = Viewer;
}());
