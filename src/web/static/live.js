// Live updates for signed-in pages (see src/web/live/live-updates.tsx). Progressive
// enhancement only: without this script every page works, with a reload.
(function () {
  'use strict';
  if (!window.EventSource || !window.fetch) return;

  var source = new EventSource('/api/v1/streaming/user');

  function parse(data) {
    try {
      return JSON.parse(data);
    } catch (e) {
      return null;
    }
  }

  // (a) "New posts — show" banners of timelines.
  function belongs(timeline, status) {
    if (!status) return false;
    if (timeline === 'home') return true;
    if (status.reblog) return false;
    if (status.visibility !== 'public') return false;
    if (timeline === 'local') return !status.in_reply_to_account_id || status.in_reply_to_account_id === status.account.id;
    if (timeline.indexOf('tag:') === 0) {
      var tag = timeline.slice(4).toLowerCase();
      return (status.tags || []).some(function (t) { return String(t.name).toLowerCase() === tag; });
    }
    return false;
  }
  source.addEventListener('update', function (event) {
    var status = parse(event.data);
    document.querySelectorAll('[data-live-timeline]').forEach(function (banner) {
      if (belongs(banner.getAttribute('data-live-timeline'), status)) banner.hidden = false;
    });
  });

  // (b) Counts in the navigation: unread notifications, and unread conversations with requests.
  function showCount(name, count) {
    document.querySelectorAll('[data-live-count="' + name + '"]').forEach(function (el) {
      el.textContent = count > 99 ? '99+' : String(count);
      el.hidden = count === 0;
    });
  }
  function fetchJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(function (res) { return res.ok ? res.json() : null; });
  }
  function refreshCounts() {
    if (!document.querySelector('[data-live-count="notifications"]')) return;
    fetchJson('/api/v1/notifications/unread_count')
      .then(function (body) { if (body && typeof body.count === 'number') showCount('notifications', body.count); })
      .catch(function () {});
  }
  function refreshMessageCount() {
    if (!document.querySelector('[data-live-count="messages"]')) return;
    fetchJson('/api/v1/medired/conversations/unread_count')
      .then(function (body) { if (body && typeof body.conversations === 'number') showCount('messages', body.conversations + body.requests); })
      .catch(function () {});
  }
  source.addEventListener('notification', refreshCounts);
  source.addEventListener('notification', refreshMessageCount);
  source.addEventListener('conversation', refreshMessageCount);

  // (c) Elements refreshed in place: data-live-refresh="<event>:<id>" (or "<event>" for any id)
  // takes the innerHTML of the same element in a fresh copy of this page.
  var pending = null;
  function refreshElements(selectorValues) {
    if (!selectorValues.length || pending) return;
    pending = fetch(window.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        selectorValues.forEach(function (value) {
          var selector = '[data-live-refresh="' + value.replace(/["\\]/g, '\\$&') + '"]';
          var now = document.querySelectorAll(selector);
          var next = fresh.querySelector(selector);
          if (next) now.forEach(function (el) { el.innerHTML = next.innerHTML; });
        });
      })
      .catch(function () {})
      .then(function () { pending = null; });
  }
  function idOf(name, data) {
    if (name === 'delete') return data;
    var payload = parse(data);
    return payload && payload.id !== undefined ? String(payload.id) : null;
  }
  ['update', 'status.update', 'delete', 'notification', 'conversation'].forEach(function (name) {
    source.addEventListener(name, function (event) {
      var id = idOf(name, event.data);
      var values = [];
      document.querySelectorAll('[data-live-refresh]').forEach(function (el) {
        var value = el.getAttribute('data-live-refresh');
        if ((value === name || value === name + ':' + id) && values.indexOf(value) < 0) values.push(value);
      });
      refreshElements(values);
    });
  });

  window.addEventListener('pagehide', function () { source.close(); });
})();
