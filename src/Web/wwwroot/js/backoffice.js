// Backoffice enhancements. Every page works without this script; it adds what needs a round trip without a reload.
(() => {
  'use strict';

  const token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';

  // Content tree: a branch's children are fetched the first time it is opened.
  const tree = document.querySelector('.content-tree');
  if (tree) {
    tree.addEventListener('click', async (event) => {
      const toggle = event.target.closest('.tree-toggle');
      if (!toggle) return;
      const item = toggle.closest('li');
      const open = toggle.getAttribute('aria-expanded') === 'true';
      let list = item.querySelector(':scope > .tree-level');
      if (!open && !list) {
        const url = `${tree.dataset.childrenUrl}&cha=${encodeURIComponent(item.dataset.key)}`;
        const response = await fetch(url, { headers: { Accept: 'text/html' } });
        if (!response.ok) return;
        item.insertAdjacentHTML('beforeend', await response.text());
        list = item.querySelector(':scope > .tree-level');
      }
      if (list) list.hidden = open;
      toggle.setAttribute('aria-expanded', String(!open));
      toggle.textContent = open ? '▸' : '▾';
    });
  }

  // Tabs of the generated editor: one panel shown at a time; the first tab with an error opens first.
  const tabs = [...document.querySelectorAll('.tabs [role="tab"]')];
  if (tabs.length > 1) {
    const show = (tab) => {
      for (const other of tabs) {
        const selected = other === tab;
        other.setAttribute('aria-selected', String(selected));
        other.tabIndex = selected ? 0 : -1;
        document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
      }
    };
    tabs.forEach((tab) => tab.addEventListener('click', () => show(tab)));
    document.querySelectorAll('.tab-heading').forEach((heading) => heading.classList.add('visually-hidden'));
    show(tabs.find((tab) => tab.classList.contains('has-errors')) ?? tabs[0]);
  }

  // Markdown: the preview beside the text follows what is typed, rendered by the server as the public page will be.
  for (const area of document.querySelectorAll('textarea[data-markdown-preview]')) {
    const preview = document.getElementById(area.dataset.markdownPreview);
    let timer;
    area.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const body = new FormData();
        body.append('markdown', area.value);
        body.append('__RequestVerificationToken', token());
        const response = await fetch('/backoffice/noi-dung/xem-truoc-markdown', { method: 'POST', body });
        if (response.ok) preview.innerHTML = await response.text();
      }, 300);
    });
  }

  // Tags: a suggestion adds itself to the list.
  document.addEventListener('click', (event) => {
    const button = event.target.closest('[data-add-tag]');
    if (!button) return;
    const input = document.getElementById(button.dataset.target);
    const tags = input.value.split(',').map((t) => t.trim()).filter(Boolean);
    if (!tags.some((t) => t.toLocaleLowerCase('vi') === button.dataset.addTag.toLocaleLowerCase('vi'))) tags.push(button.dataset.addTag);
    input.value = tags.join(', ');
  });

  // Link picker: another empty row.
  document.addEventListener('click', (event) => {
    const button = event.target.closest('[data-add-link]');
    if (!button) return;
    const row = button.parentElement.querySelector('.link-row:last-of-type').cloneNode(true);
    row.querySelectorAll('input').forEach((input) => { input.value = ''; });
    row.querySelector('.picked-name')?.remove();
    button.before(row);
  });

  // Content picker: search pages (drafts included) and pick one.
  for (const picker of document.querySelectorAll('[data-content-picker]')) {
    const search = picker.querySelector('.picker-search');
    const results = picker.querySelector('.picker-results');
    let timer;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        results.replaceChildren();
        if (search.value.trim().length < 2) return;
        const response = await fetch(`/backoffice/noi-dung/tim?q=${encodeURIComponent(search.value)}`);
        if (!response.ok) return;
        for (const hit of await response.json()) {
          const option = document.createElement('li');
          const button = document.createElement('button');
          button.type = 'button';
          button.textContent = `${hit.name} (${hit.type})`;
          button.addEventListener('click', () => {
            picker.querySelector('.picked-key').value = hit.key;
            picker.querySelector('.picked-name').textContent = hit.name;
            results.replaceChildren();
            search.value = '';
          });
          option.append(button);
          results.append(option);
        }
      }, 250);
    });
  }

  // Uploads: sent with XMLHttpRequest so a progress bar can follow them; each file's outcome is listed, then the folder reloads.
  for (const form of document.querySelectorAll('form[data-upload]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const progress = form.querySelector('progress');
      const list = form.querySelector('.upload-results');
      const request = new XMLHttpRequest();
      request.open('POST', form.action);
      request.setRequestHeader('Accept', 'application/json');
      progress.hidden = false;
      request.upload.addEventListener('progress', (e) => { if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100); });
      request.addEventListener('load', () => {
        progress.value = 100;
        let outcomes = [];
        try { outcomes = JSON.parse(request.responseText); } catch { outcomes = [{ stored: false, message: request.statusText }]; }
        list.replaceChildren(...outcomes.map((o) => {
          const item = document.createElement('li');
          item.className = o.stored ? 'stored' : 'form-error';
          item.textContent = o.message;
          return item;
        }));
        if (outcomes.every((o) => o.stored)) setTimeout(() => window.location.reload(), 800);
      });
      request.send(new FormData(form));
    });
  }

  // Media picker in the content editor: a dialog with the library's folders, files and a search.
  for (const picker of document.querySelectorAll('[data-media-picker]')) {
    const dialog = picker.querySelector('dialog');
    const listing = dialog.querySelector('.media-dialog-list');
    const search = dialog.querySelector('.media-search');
    const load = async (params) => {
      const query = new URLSearchParams(params);
      if (picker.dataset.images === 'true') query.set('anh', 'true');
      const response = await fetch(`/backoffice/media/chon?${query}`);
      if (response.ok) listing.innerHTML = await response.text();
    };
    picker.querySelector('[data-open-media-picker]').addEventListener('click', () => { dialog.showModal(); load({}); });
    dialog.querySelector('[data-close-dialog]').addEventListener('click', () => dialog.close());
    let timer;
    search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => load({ q: search.value }), 250); });
    listing.addEventListener('click', (event) => {
      const folder = event.target.closest('[data-media-folder]');
      if (folder) { load(folder.dataset.mediaFolder ? { 'thu-muc': folder.dataset.mediaFolder } : {}); return; }
      const pick = event.target.closest('[data-pick-media]');
      if (!pick) return;
      const picked = picker.querySelector('.picked-media');
      if (picker.dataset.multiple !== 'true') picked.replaceChildren();
      const item = document.createElement('li');
      const input = Object.assign(document.createElement('input'), { type: 'hidden', name: picker.dataset.name, value: pick.dataset.pickMedia });
      const image = pick.querySelector('img');
      const label = Object.assign(document.createElement('span'), { textContent: pick.dataset.name });
      const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: picker.querySelector('[data-open-media-picker]').dataset.removeText || '×' });
      remove.dataset.removeMedia = '';
      item.append(input);
      if (image) item.append(Object.assign(image.cloneNode(), { width: 120, height: 90 }));
      item.append(label, remove);
      picked.append(item);
      dialog.close();
    });
  }

  // Focal point: a click on the picture fills the form (percent from the left and the top) and saves it, which
  // redraws the crop previews around the new point.
  const focalPicker = document.querySelector('[data-focal-picker]');
  const focalForm = document.querySelector('form[data-focal-form]');
  if (focalPicker && focalForm) {
    focalPicker.addEventListener('click', (event) => {
      const box = focalPicker.querySelector('img').getBoundingClientRect();
      const percent = (offset, size) => Math.min(100, Math.max(0, (offset / size) * 100)).toFixed(1);
      const x = percent(event.clientX - box.left, box.width);
      const y = percent(event.clientY - box.top, box.height);
      focalForm.elements.x.value = x;
      focalForm.elements.y.value = y;
      Object.assign(focalPicker.querySelector('.focal-marker').style, { left: `${x}%`, top: `${y}%` });
      focalForm.requestSubmit();
    });
  }

  document.addEventListener('click', (event) => {
    const remove = event.target.closest('[data-remove-media]');
    if (remove) remove.closest('li').remove();
  });

  // Contest form: only the chosen bank's categories are listed (without this script every bank's are, and only the chosen one's count).
  const bankChoice = document.querySelector('select#BankName');
  const categoryDraws = [...document.querySelectorAll('fieldset.category-draws[data-bank]')];
  if (bankChoice && categoryDraws.length > 0) {
    const showChosen = () => categoryDraws.forEach((fieldset) => { fieldset.hidden = fieldset.dataset.bank !== bankChoice.value; });
    bankChoice.addEventListener('change', showChosen);
    showChosen();
  }
})();
