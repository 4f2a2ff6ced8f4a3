// Saves each answer as soon as it is given, so a closed tab or a lost connection loses nothing. Every save
// carries a revision that only grows: the server keeps the newest and ignores a late older one.
(() => {
  'use strict';
  const form = document.querySelector('form[data-autosave]');
  if (!form) return;
  const token = form.querySelector('input[name="__RequestVerificationToken"]').value;

  const save = async (fieldset) => {
    const revision = Number(fieldset.dataset.revision || '0') + 1;
    fieldset.dataset.revision = String(revision);
    const body = new FormData();
    for (const input of fieldset.querySelectorAll('input, select')) {
      if ((input.type === 'radio' || input.type === 'checkbox') && !input.checked) continue;
      if (input.value !== '') body.append(input.name, input.value);
    }
    body.append('phien-ban', String(revision));
    body.append('__RequestVerificationToken', token);
    const state = fieldset.querySelector('.save-state');
    try {
      const response = await fetch(form.dataset.autosave + fieldset.dataset.question, { method: 'POST', body });
      const result = await response.json();
      state.textContent = response.ok ? form.dataset.savedText || '✓' : result.message;
      if (response.ok && revision >= Number(fieldset.dataset.savedRevision || '0')) fieldset.dataset.savedRevision = String(revision);
    } catch {
      state.textContent = form.dataset.offlineText || '…';
    }
  };

  form.addEventListener('change', (event) => {
    const fieldset = event.target.closest('fieldset[data-question]');
    if (fieldset) save(fieldset);
  });
})();
