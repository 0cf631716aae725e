// Paddock's one script. The pages work without it; it makes them follow the log (the live feed at
// /events/stream) and moves the season's cut in place (the address still carries it, the back
// button still works). No build step, no library.
(function () {
  'use strict';
  var main = document.querySelector('main[data-live]');
  var statusLine = document.getElementById('live-status');

  function say(text) { if (statusLine) statusLine.textContent = text; }

  function fetchPage(url, signal) {
    return fetch(url, { headers: { Accept: 'text/html' }, cache: 'no-store', credentials: 'same-origin', signal: signal })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.text();
      })
      .then(function (text) { return new DOMParser().parseFromString(text, 'text/html'); });
  }

  // Replaces #live (and, when asked, the replay form) with the same parts of a fresh page, keeping
  // the reader's focus and scroll where they were.
  function swap(doc, withForm) {
    var fresh = doc.getElementById('live');
    var current = document.getElementById('live');
    if (!fresh || !current) return;
    var focused = document.activeElement && current.contains(document.activeElement) ? document.activeElement.id : '';
    var x = window.scrollX, y = window.scrollY;
    current.replaceChildren.apply(current, Array.prototype.map.call(fresh.childNodes, function (n) { return document.importNode(n, true); }));
    var freshMain = doc.querySelector('main');
    if (main && freshMain) {
      if (freshMain.dataset.paused) main.dataset.paused = freshMain.dataset.paused; else delete main.dataset.paused;
      if (freshMain.dataset.position) main.dataset.position = freshMain.dataset.position;
    }
    if (withForm) {
      var form = document.querySelector('form.replay'), freshForm = doc.querySelector('form.replay');
      if (form && freshForm) { form.replaceWith(document.importNode(freshForm, true)); bindReplay(); }
    }
    if (doc.title) document.title = doc.title;
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus({ preventScroll: true });
    window.scrollTo(x, y);
  }

  // MARK: live

  var refreshing = false, again = false, pending = 0, fallback = 0;

  function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    fetchPage(location.href)
      .then(function (doc) { swap(doc, false); say('Updated ' + new Date().toLocaleTimeString() + '.'); })
      .catch(function () { say('Could not update; will try again with the next event.'); })
      .then(function () { refreshing = false; if (again) { again = false; refresh(); } });
  }

  function changed(now) {
    if (main.dataset.paused === 'true') {
      pending += 1;
      var cut = document.getElementById('cut');
      if (cut) {
        var note = cut.querySelector('.pending') || cut.appendChild(document.createElement('span'));
        note.className = 'pending';
        note.textContent = pending + ' new event' + (pending === 1 ? '' : 's') + ' recorded since this page opened; this past cut does not move.';
      }
      return;
    }
    clearTimeout(fallback);
    if (now) refresh(); else fallback = setTimeout(refresh, 400);
  }

  function follow() {
    if (!main || !window.EventSource) return;
    var after = main.dataset.position ? '?after=' + encodeURIComponent(main.dataset.position) : '';
    var source = new EventSource('/events/stream' + after);
    var kind = main.dataset.live;
    var stream = kind === 'season' ? 'season:' + main.dataset.championship + ':' + main.dataset.season : null;
    if (kind === 'season') {
      // The notice comes once the projections include the event: refresh at once.
      source.addEventListener('standings', function (e) {
        try {
          var d = JSON.parse(e.data);
          if (d.championship === main.dataset.championship && String(d.season) === main.dataset.season) changed(true);
        } catch (err) { /* not ours */ }
      });
    }
    // Events themselves: the log refreshes on any; a season page on its own stream's (a catch-up
    // after reconnecting sends no notice, so the event is the fallback).
    (main.dataset.types || '').split(' ').forEach(function (type) {
      if (!type) return;
      source.addEventListener(type, function (e) {
        if (kind === 'log') { changed(true); return; }
        try { if (JSON.parse(e.data).stream === stream) changed(false); } catch (err) { /* ignore */ }
      });
    });
  }

  // MARK: replay control

  var controller = null, timer = 0;

  function replayURL(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { if (String(value) !== '') params.append(name, value); });
    var query = params.toString();
    return form.getAttribute('action') + (query ? '?' + query : '');
  }

  function load(url, push, withForm) {
    if (controller) controller.abort();
    controller = new AbortController();
    if (push && url !== location.pathname + location.search) history.pushState({ paddock: true }, '', url);
    pending = 0;
    return fetchPage(url, controller.signal)
      .then(function (doc) { swap(doc, withForm); say(''); })
      .catch(function (err) { if (err.name !== 'AbortError') location.assign(url); });
  }

  function label(slider) {
    var out = document.getElementById('afterRound-out');
    if (!out) return;
    var names = document.querySelectorAll('.round-names li');
    var name = 'Round ' + slider.value;
    Array.prototype.forEach.call(names, function (li) { if (li.dataset.round === slider.value) name = li.textContent; });
    out.textContent = slider.value + ' of ' + slider.max + ' · ' + name;
  }

  function bindReplay() {
    var form = document.querySelector('form.replay');
    if (!form || form.dataset.bound) return;
    form.dataset.bound = 'true';
    var slider = form.querySelector('input[type="range"]');
    if (slider) {
      slider.addEventListener('input', function () {
        label(slider);
        clearTimeout(timer);
        timer = setTimeout(function () { load(replayURL(form), true, false); }, 180);
      });
    }
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      load(replayURL(form), true, false);
    });
  }

  window.addEventListener('popstate', function () {
    if (document.querySelector('form.replay')) load(location.href, false, true);
  });

  // MARK: desk

  function bindDesk() {
    Array.prototype.forEach.call(document.querySelectorAll('a.more-rows'), function (link) {
      link.addEventListener('click', function (e) {
        var table = document.querySelector('table.entry-rows');
        if (!table) return;
        e.preventDefault();
        var body = table.tBodies[0], rows = body.rows.length, max = Number(table.dataset.maxRows || 60);
        var template = body.rows[rows - 1];
        for (var i = rows; i < Math.min(rows + 10, max); i++) {
          var row = template.cloneNode(true);
          row.cells[0].textContent = String(i + 1);
          Array.prototype.forEach.call(row.querySelectorAll('[name],[id],[for],[aria-describedby]'), function (el) {
            ['name', 'id', 'for'].forEach(function (attr) {
              var v = el.getAttribute(attr);
              if (v) el.setAttribute(attr, v.replace('[' + (rows - 1) + ']', '[' + i + ']').replace('-' + (rows - 1) + '-', '-' + i + '-'));
            });
            el.removeAttribute('aria-invalid');
            el.removeAttribute('aria-describedby');
            if (el.tagName === 'LABEL') el.textContent = el.textContent.replace(/^Row \d+/, 'Row ' + (i + 1));
            if (el.type === 'checkbox') el.checked = false; else if (el.tagName === 'SELECT') el.selectedIndex = 0; else if ('value' in el && el.tagName !== 'LABEL') el.value = '';
          });
          Array.prototype.forEach.call(row.querySelectorAll('.field-error'), function (p) { p.remove(); });
          body.appendChild(row);
        }
        table.dataset.rows = String(body.rows.length);
        if (body.rows.length >= max) link.parentNode.remove();
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('form.desk'), function (form) {
      form.addEventListener('submit', function () {
        var button = form.querySelector('button[type="submit"]');
        // A second click sends the same event id anyway; this only spares the request.
        if (button) setTimeout(function () { button.disabled = true; button.textContent = 'Recording…'; }, 0);
      });
    });
    window.addEventListener('pageshow', function () {
      Array.prototype.forEach.call(document.querySelectorAll('form.desk button[type="submit"]'), function (b) { b.disabled = false; b.textContent = 'Record'; });
    });
  }

  bindReplay();
  bindDesk();
  follow();
})();
