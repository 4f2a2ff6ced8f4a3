// Saves each answer as soon as it is given, so a closed tab or a lost connection loses nothing. Every save carries a
// revision that only grows: the server keeps the newest and ignores a replay or a late older one, so an answer can be
// sent again until it is confirmed: after a failed try (with growing pauses, and at once when the connection comes
// back) and when the page is opened again, from the copy kept in localStorage until the server has it.
(() => {
  'use strict';
  const form = document.querySelector('form[data-autosave]');
  if (!form) return;
  const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
  const status = form.querySelector('.submit-state');
  const storageKey = `cp-bai-lam:${form.dataset.autosave}`;
  const fieldsets = new Map([...form.querySelectorAll('fieldset[data-question]')].map((f) => [f.dataset.question, f]));
  const typingPause = 800;
  const longestRetryPause = 30000;

  // Question → { revision, fields }: the newest answer of each question the server has not confirmed yet.
  const pending = new Map();
  // Question → the request on its way for it.
  const inFlight = new Map();
  const typingTimers = new Map();
  let retryTimer = null;
  let retryPause = 1000;
  let submitting = false;

  const show = (fieldset, message) => { fieldset.querySelector('.save-state').textContent = message ?? ''; };
  const say = (message) => { if (status) status.textContent = message; };

  const keep = () => {
    try {
      if (pending.size === 0) localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, JSON.stringify({ at: Date.now(), answers: Object.fromEntries(pending) }));
    } catch {
      // Storage full or refused (private browsing): the queue in memory still retries while the page is open.
    }
  };

  const fieldsOf = (fieldset) => {
    const fields = [];
    for (const input of fieldset.querySelectorAll('input, select, textarea')) {
      if (input.type === 'file' || ((input.type === 'radio' || input.type === 'checkbox') && !input.checked)) continue;
      if (input.value !== '') fields.push([input.name, input.value]);
    }
    return fields;
  };

  const showFields = (fieldset, fields) => {
    for (const input of fieldset.querySelectorAll('input:not([type="file"]), select, textarea')) {
      const values = fields.filter(([name]) => name === input.name).map(([, value]) => value);
      if (input.type === 'radio' || input.type === 'checkbox') input.checked = values.includes(input.value);
      else input.value = values[0] ?? '';
    }
  };

  const retryLater = () => {
    if (retryTimer !== null || submitting) return;
    retryTimer = setTimeout(() => { retryTimer = null; flush(); }, retryPause);
    retryPause = Math.min(retryPause * 2, longestRetryPause);
  };

  const send = async (question) => {
    const item = pending.get(question);
    const fieldset = fieldsets.get(question);
    const body = new FormData();
    for (const [name, value] of item.fields) body.append(name, value);
    body.append('phien-ban', String(item.revision));
    body.append('__RequestVerificationToken', token);
    let response = null;
    try {
      response = await fetch(form.dataset.autosave + question, { method: 'POST', body, credentials: 'same-origin' });
    } catch {
      // No connection: kept and sent again.
    }

    const current = pending.get(question)?.revision === item.revision;
    if (response?.ok) {
      retryPause = 1000;
      if (item.revision > Number(fieldset.dataset.savedRevision || '0')) fieldset.dataset.savedRevision = String(item.revision);
      if (current) {
        pending.delete(question);
        show(fieldset, form.dataset.savedText);
      }
    } else if (response && response.status < 500 && response.status !== 408 && response.status !== 429) {
      // Refused for good (time is up, the attempt was handed in, another browser): sending again would not help.
      let message = form.dataset.refusedText;
      try { message = (await response.json()).message ?? message; } catch { /* not JSON */ }
      if (current) pending.delete(question);
      show(fieldset, message);
    } else {
      show(fieldset, form.dataset.retryText);
      retryLater();
    }

    keep();
  };

  const flush = () => {
    if (submitting) return;
    for (const question of pending.keys()) {
      if (inFlight.has(question)) continue;
      const flight = send(question).finally(() => {
        inFlight.delete(question);
        // A newer answer given meanwhile goes as soon as this one is back, unless that one is waiting for the connection.
        if (pending.has(question) && retryTimer === null) flush();
      });
      inFlight.set(question, flight);
    }
  };

  // The question's answer as it stands becomes its next revision, unless it is the answer already queued.
  const queue = (fieldset) => {
    clearTimeout(typingTimers.get(fieldset));
    typingTimers.delete(fieldset);
    const fields = fieldsOf(fieldset);
    const answer = JSON.stringify(fields);
    if (answer === fieldset.dataset.lastAnswer) return;
    fieldset.dataset.lastAnswer = answer;
    const revision = Number(fieldset.dataset.revision || '0') + 1;
    fieldset.dataset.revision = String(revision);
    pending.set(fieldset.dataset.question, { revision, fields });
    keep();
    show(fieldset, form.dataset.savingText);
    flush();
  };

  const typed = (element) => element instanceof HTMLTextAreaElement
    || (element instanceof HTMLInputElement && element.type !== 'radio' && element.type !== 'checkbox' && element.type !== 'file');

  // Words as the server counts them for an essay's limits: letters and digits joined by apostrophes, hyphens, and a
  // number's point or comma; a Vietnamese syllable is a word.
  const wordPattern = /[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}'’\-]|(?<=\p{N})[.,](?=\p{N}))*/gu;
  const countWords = (essay) => {
    const counter = document.getElementById(essay.getAttribute('aria-describedby'));
    const words = (essay.value.match(wordPattern) ?? []).length;
    const [fewest, most] = [Number(essay.dataset.minWords || '0'), Number(essay.dataset.maxWords || '0')];
    const parts = [counter.dataset.countText.replace('{0}', words)];
    if (counter.dataset.limits) parts[0] += ` (${counter.dataset.limits})`;
    if (most > 0 && words > most) parts.push(counter.dataset.tooManyText.replace('{0}', most));
    else if (fewest > 0 && words > 0 && words < fewest) parts.push(counter.dataset.tooFewText.replace('{0}', fewest));
    counter.textContent = parts.join('. ');
    counter.classList.toggle('over-limit', parts.length > 1);
  };

  form.addEventListener('input', (event) => {
    if (event.target instanceof HTMLTextAreaElement && event.target.classList.contains('essay')) countWords(event.target);
    const fieldset = event.target.closest('fieldset[data-question]');
    if (!fieldset || !typed(event.target)) return;
    clearTimeout(typingTimers.get(fieldset));
    typingTimers.set(fieldset, setTimeout(() => queue(fieldset), typingPause));
  });

  for (const type of ['change', 'focusout']) {
    form.addEventListener(type, (event) => {
      const fieldset = event.target.closest('fieldset[data-question]');
      if (fieldset && (type === 'change' || typed(event.target))) queue(fieldset);
    });
  }

  window.addEventListener('online', () => {
    clearTimeout(retryTimer);
    retryTimer = null;
    retryPause = 1000;
    flush();
  });

  // The form carries every answer as it stands, so nothing queued is lost by handing in; only a save already on its
  // way is waited for, lest it land after the form's answers and count as newer.
  form.addEventListener('submit', (event) => {
    // An essay's file goes to its own address with the whole form (answers included), and the page comes back.
    if (event.submitter?.hasAttribute('formaction')) return;
    if (navigator.onLine === false) {
      event.preventDefault();
      say(form.dataset.offlineText);
      return;
    }

    submitting = true;
    clearTimeout(retryTimer);
    retryTimer = null;
    if (inFlight.size === 0) return;
    event.preventDefault();
    say(form.dataset.sendingText);
    const settled = Promise.allSettled([...inFlight.values()]);
    Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 5000))]).then(() => form.submit());
  });

  // Back from a hand-in that did not go through (the page comes from the browser's cache): saving carries on.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    submitting = false;
    flush();
  });

  // Answers given before the page was last closed and never confirmed: shown again and sent. Copies older than a
  // week, of attempts long handed in, are dropped.
  const restore = () => {
    const read = (key) => {
      try {
        return JSON.parse(localStorage.getItem(key) ?? 'null');
      } catch {
        return null;
      }
    };
    let keys = [];
    try {
      keys = Object.keys(localStorage);
    } catch {
      return;
    }

    for (const key of keys.filter((k) => k.startsWith('cp-bai-lam:') && k !== storageKey)) {
      if (!(read(key)?.at > Date.now() - 7 * 24 * 3600 * 1000)) localStorage.removeItem(key);
    }

    for (const [question, item] of Object.entries(read(storageKey)?.answers ?? {})) {
      const fieldset = fieldsets.get(question);
      // The server has this revision or a newer one: it was saved before the page closed.
      if (!fieldset || item.revision <= Number(fieldset.dataset.revision || '0')) continue;
      showFields(fieldset, item.fields);
      for (const essay of fieldset.querySelectorAll('textarea.essay')) countWords(essay);
      fieldset.dataset.revision = String(item.revision);
      fieldset.dataset.lastAnswer = JSON.stringify(item.fields);
      pending.set(question, item);
      show(fieldset, form.dataset.savingText);
    }

    keep();
    flush();
  };

  for (const fieldset of fieldsets.values()) fieldset.dataset.lastAnswer = JSON.stringify(fieldsOf(fieldset));
  restore();
})();
