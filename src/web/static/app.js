// Progressive enhancement only: every page works without this script.
// Live character counters for textareas with data-counter.
(function () {
  'use strict';
  function setup(textarea) {
    var counter = document.getElementById(textarea.getAttribute('data-counter'));
    if (!counter) return;
    var max = Number(counter.getAttribute('data-max'));
    var template = counter.getAttribute('data-template') || '{count}';
    function update() {
      var left = max - Array.from(textarea.value).length;
      counter.textContent = template.replace('{count}', String(left));
      counter.classList.toggle('is-over', left < 0);
      counter.classList.toggle('is-near', left >= 0 && left < 20);
    }
    textarea.addEventListener('input', update);
    update();
  }
  function confirmForms() {
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
      });
    });
  }
  // Video placeholders (YouTube, Vimeo): nothing of the provider loads until the click; then the
  // player's iframe replaces the placeholder. Without this script the placeholder is a link.
  function videoEmbeds() {
    document.addEventListener('click', function (event) {
      var link = event.target.closest ? event.target.closest('[data-embed-play]') : null;
      if (!link) return;
      var figure = link.closest('[data-embed-src]');
      if (!figure) return;
      var src = figure.getAttribute('data-embed-src') || '';
      if (!/^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/.test(src)) return;
      event.preventDefault();
      var frame = document.createElement('iframe');
      frame.src = src;
      frame.title = figure.getAttribute('data-embed-title') || '';
      frame.setAttribute('allow', 'autoplay; encrypted-media; picture-in-picture; fullscreen');
      frame.setAttribute('allowfullscreen', '');
      frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
      frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-presentation allow-popups');
      frame.className = 'video-embed-frame';
      link.replaceWith(frame);
      frame.focus();
    });
  }
  // Image uploads: one description field per chosen file, with a preview, so each image gets its
  // alternative text before the form is sent (without the script the server asks afterwards).
  function mediaInputs() {
    document.querySelectorAll('input[type=file][data-media-input]').forEach(function (input) {
      var box = document.getElementById(input.getAttribute('data-media-input'));
      var single = document.getElementById(input.getAttribute('data-media-single') || '');
      if (!box) return;
      var template = input.getAttribute('data-alt-label') || '{n}';
      input.addEventListener('change', function () {
        var typed = box.querySelectorAll('input');
        var previous = [];
        typed.forEach(function (i) { previous.push(i.value); });
        box.textContent = '';
        var files = Array.prototype.slice.call(input.files || []);
        if (single) {
          var field = single.closest('.field');
          if (field) field.hidden = files.length > 0;
          single.disabled = files.length > 0;
        }
        files.forEach(function (file, index) {
          var row = document.createElement('div');
          row.className = 'media-new';
          if (/^image\//.test(file.type)) {
            var img = document.createElement('img');
            img.src = URL.createObjectURL(file);
            img.alt = '';
            img.className = 'media-thumb';
            row.appendChild(img);
          }
          var id = input.id + '-alt-' + index;
          var label = document.createElement('label');
          label.setAttribute('for', id);
          label.textContent = template.replace('{n}', String(index + 1)) + ' (' + file.name + ')';
          var text = document.createElement('input');
          text.type = 'text';
          text.id = id;
          text.name = 'media_descriptions[]';
          text.maxLength = 1500;
          text.value = previous[index] || (index === 0 && single ? single.value : '');
          var wrap = document.createElement('div');
          wrap.className = 'field';
          wrap.appendChild(label);
          wrap.appendChild(text);
          row.appendChild(wrap);
          box.appendChild(row);
        });
      });
    });
  }
  function init() {
    document.querySelectorAll('textarea[data-counter]').forEach(setup);
    confirmForms();
    videoEmbeds();
    mediaInputs();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
