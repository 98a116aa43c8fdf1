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
  function init() {
    document.querySelectorAll('textarea[data-counter]').forEach(setup);
    confirmForms();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
