// Scrawl's page, part 2: the drawing pad. Draw one character; its five most probable classes (POST /v1/classify) update as you draw.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const { api, setStatus, pct } = window.scrawl;
  const FRAMING = 'grey'; // how the pad's image is framed for the classifier (/v1/classify framing, as classify --framing)

  function wirePad() {
    const pad = $('pad');
    const ctx = pad.getContext('2d');
    let drawing = false, drawn = false, last = null, inFlight = false, again = false, lastSent = 0;
    const clear = () => {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, pad.width, pad.height);
      drawn = false;
      $('top').replaceChildren();
    };
    const at = (e) => {
      const r = pad.getBoundingClientRect();
      return { x: (e.clientX - r.left) * pad.width / r.width, y: (e.clientY - r.top) * pad.height / r.height };
    };
    const stroke = (from, to) => {
      ctx.strokeStyle = '#000';
      ctx.lineWidth = pad.width / 14;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
      drawn = true;
    };
    const classify = async () => {
      if (!drawn) return;
      if (inFlight) { again = true; return; }
      inFlight = true;
      $('top').setAttribute('aria-busy', 'true'); // until the answer for the latest drawing is shown
      lastSent = performance.now();
      try {
        const blob = await new Promise((resolve) => pad.toBlob(resolve, 'image/png'));
        const answer = await api('v1/classify', blob, { framing: FRAMING, model: $('model').value });
        if (drawn) showTop(answer.top);
      } catch (e) {
        setStatus(`Drawing: ${e.message}`, true);
      } finally {
        inFlight = false;
        if (again) {
          again = false;
          classify();
        } else {
          $('top').setAttribute('aria-busy', 'false');
        }
      }
    };
    pad.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      try {
        pad.setPointerCapture(e.pointerId); // keeps the stroke when the pointer leaves the pad; not essential
      } catch {
        // the pointer is no longer active (e.g. a synthetic or cancelled event): draw without capture
      }
      drawing = true;
      last = at(e);
      stroke(last, last);
    });
    pad.addEventListener('pointermove', (e) => {
      if (!drawing) return;
      const point = at(e);
      stroke(last, point);
      last = point;
      if (performance.now() - lastSent > 250) classify();
    });
    for (const type of ['pointerup', 'pointercancel']) {
      pad.addEventListener(type, () => {
        if (!drawing) return;
        drawing = false;
        classify();
      });
    }
    $('clear').addEventListener('click', clear);
    clear();
  }

  function showTop(top) {
    $('top').replaceChildren(...top.map((t) => {
      const li = document.createElement('li');
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = t.label;
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = `${Math.max(1, Math.round(t.probability * 120))}px`;
      bar.setAttribute('aria-hidden', 'true');
      li.append(label, bar, document.createTextNode(pct(t.probability)));
      return li;
    }));
  }

  wirePad();
})();
