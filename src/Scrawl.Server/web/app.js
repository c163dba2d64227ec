// Scrawl's page, part 1: read a photo (drop, paste, choose or photograph). Talks only to this server's /v1 API; pad.js is the drawing pad.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const LOW = 0.5; // characters below this confidence are drawn in the "low" colour, as scrawl ocr --annotate does
  const pct = (p) => (p > 0 && p < 0.001 ? "< 0.1 %" : `${+(100 * p).toFixed(1)} %`);
  const svgNs = 'http://www.w3.org/2000/svg';

  // ---- talking to the API ----
  function authHeaders() {
    const key = $('api-key').value.trim();
    return key ? { 'X-Api-Key': key } : {};
  }

  async function api(path, body, params) {
    const url = new URL(path, document.baseURI);
    for (const [name, value] of Object.entries(params || {})) {
      if (value !== '' && value !== null && value !== undefined) url.searchParams.set(name, value);
    }
    const response = await fetch(url, { method: body ? 'POST' : 'GET', body, headers: authHeaders() });
    const type = response.headers.get('content-type') || '';
    const data = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
      if (response.status === 401) showKey();
      const retry = response.headers.get('retry-after');
      const message = (data && data.error) || `HTTP ${response.status}`;
      throw new Error(retry ? `${message} (retry in ${retry} s)` : message);
    }
    return data;
  }

  function showKey() {
    document.querySelectorAll('.key-row').forEach((e) => { e.hidden = false; });
    $('options').open = true;
  }

  function setStatus(text, error) {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('error', !!error);
  }

  async function loadInfo() {
    try {
      const health = await api('v1/health');
      if (health.apiKeyRequired) showKey();
      const info = await api('v1/info');
      const select = $('model');
      select.replaceChildren(...info.models.map((m) => new Option(`${m.name} (${m.classes.length} classes)`, m.name, m.default, m.default)));
    } catch (e) {
      setStatus(`Could not ask the server what it offers: ${e.message}`, true);
    }
  }

  // ---- reading a photo ----
  function readOptions(form) {
    const chars = $('chars').value === 'custom' ? $('chars-custom').value.trim() : $('chars').value;
    if (chars) form.append('chars', chars);
    const floor = Number($('min-conf').value);
    if (floor > 0) form.append('min-conf', String(floor));
    const words = $('user-words').value.trim();
    if (words) form.append('user-words', words);
    const letterCase = $('case').value;
    if (letterCase !== 'upper') form.append('case', letterCase);
    // Mixed case and auto read with the server's mixed-case model; the model list picks the capitals model.
    else if ($('model').value) form.append('model', $('model').value);
  }

  async function readPhoto(blob, name) {
    if (!blob) return;
    if (blob.type && !blob.type.startsWith('image/')) {
      setStatus(`${name} is ${blob.type}, not an image.`, true);
      return;
    }
    setStatus(`Reading ${name}…`);
    const form = new FormData();
    form.append('image', blob, name);
    readOptions(form);
    try {
      const page = await api('v1/ocr', form);
      show(page, blob);
    } catch (e) {
      setStatus(`${name}: ${e.message}`, true);
    }
  }

  function show(page, blob) {
    const photo = $('photo');
    if (photo.dataset.url) URL.revokeObjectURL(photo.dataset.url);
    photo.dataset.url = URL.createObjectURL(blob);
    photo.src = photo.dataset.url;
    $('text').value = page.text;
    const characters = [];
    for (const line of page.lines) for (const word of line.words) for (const c of word.characters) characters.push(c);
    drawBoxes(page, characters);
    listCharacters(page, characters);
    $('result').hidden = false;
    const low = characters.filter((c) => c.confidence < LOW).length;
    const summary = `Read ${characters.length} characters in ${page.lines.length} line${page.lines.length === 1 ? '' : 's'}; mean confidence ${pct(page.confidence)}`
      + (low ? `; ${low} below ${pct(LOW)} (marked)` : '') + '.';
    const warning = page.lines.length === 0 ? ' No handwriting found.' : page.unsure ? ' Check this page by eye: it was read with low confidence or the characters are small.' : '';
    setStatus(summary + warning);
  }

  function drawBoxes(page, characters) {
    const svg = $('boxes');
    svg.setAttribute('viewBox', `0 0 ${page.width} ${page.height}`);
    svg.replaceChildren();
    const rect = (box, cls) => {
      const [top, left, bottom, right] = box;
      const r = document.createElementNS(svgNs, 'rect');
      r.setAttribute('x', left);
      r.setAttribute('y', top);
      r.setAttribute('width', Math.max(1, right - left));
      r.setAttribute('height', Math.max(1, bottom - top));
      r.setAttribute('class', cls);
      svg.appendChild(r);
      return r;
    };
    for (const line of page.lines) rect(line.box, 'line');
    characters.forEach((c, i) => {
      const r = rect(c.box, c.confidence < LOW ? 'char low' : 'char');
      r.dataset.index = i;
      const title = document.createElementNS(svgNs, 'title');
      title.textContent = describe(c);
      r.appendChild(title);
      r.addEventListener('pointerenter', () => activate(i));
      r.addEventListener('click', () => activate(i));
    });
  }

  function describe(c) {
    const alternatives = c.alternatives.map((a) => `${a.label} ${pct(a.confidence)}`).join(', ');
    return `${c.label}: ${pct(c.confidence)}${c.confidence < LOW ? ' (low)' : ''}; alternatives ${alternatives}`;
  }

  function listCharacters(page, characters) {
    const list = $('characters');
    list.replaceChildren();
    let i = 0;
    for (const line of page.lines) {
      const row = document.createElement('div');
      row.className = 'row';
      line.words.forEach((word, w) => {
        if (w > 0) {
          const gap = document.createElement('span');
          gap.className = 'gap';
          row.appendChild(gap);
        }
        for (const c of word.characters) {
          const button = document.createElement('button');
          button.type = 'button';
          button.textContent = c.label;
          button.className = c.confidence < LOW ? 'low' : '';
          button.dataset.index = i;
          button.setAttribute('aria-label', `${c.label}, ${pct(c.confidence)}${c.confidence < LOW ? ', low confidence' : ''}`);
          const index = i;
          button.addEventListener('focus', () => activate(index));
          button.addEventListener('pointerenter', () => activate(index));
          button.addEventListener('click', () => activate(index));
          row.appendChild(button);
          i++;
        }
      });
      list.appendChild(row);
    }
    list.characters = characters;
    $('alternatives').textContent = '';
  }

  function activate(index) {
    const characters = $('characters').characters || [];
    const c = characters[index];
    if (!c) return;
    document.querySelectorAll('.active').forEach((e) => e.classList.remove('active'));
    document.querySelectorAll(`[data-index="${index}"]`).forEach((e) => e.classList.add('active'));
    $('alternatives').textContent = describe(c);
  }

  async function copyText() {
    const text = $('text');
    try {
      await navigator.clipboard.writeText(text.value);
    } catch {
      text.select();
      document.execCommand('copy');
    }
    $('copied').textContent = 'Copied.';
    setTimeout(() => { $('copied').textContent = ''; }, 2000);
  }

  // ---- inputs: drop, paste, choose, photograph ----
  function wireInputs() {
    const drop = $('drop');
    for (const id of ['file', 'camera']) {
      $(id).addEventListener('change', (e) => {
        const file = e.target.files[0];
        e.target.value = '';
        if (file) readPhoto(file, file.name);
      });
    }
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const file = e.dataTransfer.files[0];
      if (file) readPhoto(file, file.name);
    });
    drop.addEventListener('keydown', (e) => {
      if (e.target === drop && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); $('file').click(); }
    });
    document.addEventListener('paste', (e) => {
      const item = [...(e.clipboardData?.items || [])].find((it) => it.type.startsWith('image/'));
      if (item) { e.preventDefault(); readPhoto(item.getAsFile(), 'pasted image'); }
    });
    $('chars').addEventListener('change', () => {
      const custom = $('chars').value === 'custom';
      $('chars-custom').disabled = !custom;
      if (custom) $('chars-custom').focus();
    });
    $('api-key').addEventListener('change', loadInfo);
    $('copy').addEventListener('click', copyText);
  }

  // What pad.js (the drawing pad) shares.
  window.scrawl = { api, setStatus, pct };
  wireInputs();
  loadInfo();
})();
