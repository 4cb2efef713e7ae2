/* The report form: live totals and ratios, Enter moves down, nothing typed is lost.
 *
 * htmx says when a field saves (on change, or a pause in typing); this script computes what
 * the user should see as they type, and does the saving through one queue kept in localStorage
 * until the server has each edit, so a closed tab, an expired session or a lost connection
 * loses nothing. */
(function () {
  "use strict";
  /* global htmx, bootstrap */
  const root = document.getElementById("report-form");
  if (!root || !window.htmx) return;
  const reportId = root.dataset.report;
  const editable = root.dataset.editable === "1";

  // Conflicts (409) and refused input (422) carry messages to show; 401 means log in again.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409", swap: true },
    { code: "422", swap: true },
    { code: "[45]..", swap: false, error: true },
  ];

  // --- Vietnamese numbers: "1.377.189.270", "81,95", "2 590 755 750" -----------------------
  function parseVN(text) {
    const compact = String(text || "").replace(/[\s\u00a0\u202f]/g, "");
    if (compact === "") return null;
    if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(compact)) {
      return Number(compact.replace(/\./g, "").replace(",", "."));
    }
    if (/^-?\d+(,\d+)?$/.test(compact)) return Number(compact.replace(",", "."));
    if (/^-?\d+\.\d{1,2}$/.test(compact)) return Number(compact);
    return NaN;
  }
  function formatVN(number, decimals) {
    const fixed = decimals === undefined ? String(number) : number.toFixed(decimals);
    const [whole, fraction] = fixed.replace("-", "").split(".");
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (number < 0 ? "-" : "") + grouped + (fraction ? "," + fraction : "");
  }

  function valueOf(code) {
    // The row's input (links to a row, in the checks' summary, carry its code too).
    const inputs = root.querySelectorAll('.cell-input[data-code="' + CSS.escape(code) + '"]');
    for (const input of inputs) {
      if (input.type === "radio") {
        if (input.checked) return Number(input.value);
        continue;
      }
      // An input the server refused (kept as typed, without a value) counts as blank there.
      const state = document.getElementById("ss-" + input.id);
      if (state ? state.dataset.state === "invalid" : input.classList.contains("is-invalid")) return NaN;
      return parseVN(input.value);
    }
    return null;
  }

  // --- live ratios, formulas, table totals ------------------------------------------------
  function refreshRatios() {
    root.querySelectorAll(".ratio-hint").forEach((hint) => {
      const num = valueOf(hint.dataset.num);
      const den = valueOf(hint.dataset.den);
      hint.textContent =
        num !== null && den && !isNaN(num) && !isNaN(den)
          ? "Theo số liệu bên dưới: " + formatVN(num) + "/" + formatVN(den) + " = " +
            formatVN((num * 100) / den, 1) + "%"
          : "";
    });
  }

  // "Trong đó" rows that add up to their row: the live total, and each part's share of it.
  function refreshSums() {
    root.querySelectorAll(".sum-hint").forEach((hint) => {
      let total = 0;
      let any = false;
      for (const code of hint.dataset.parts.split(",")) {
        const v = valueOf(code);
        if (v !== null && !isNaN(v)) { total += v; any = true; }
      }
      const own = valueOf(hint.dataset.total);
      hint.textContent = any ? "Cộng các dòng “Trong đó”: " + formatVN(total) : "";
      hint.classList.toggle("text-danger", any && own !== null && !isNaN(own) && own !== total);
      hint.classList.toggle("text-muted", !(any && own !== null && own !== total));
    });
    root.querySelectorAll(".share-hint").forEach((hint) => {
      const part = valueOf(hint.dataset.part);
      const whole = valueOf(hint.dataset.of);
      hint.textContent = part !== null && whole && !isNaN(part) && !isNaN(whole)
        ? "= " + formatVN((part * 100) / whole, 1) + "%" : "";
    });
  }

  // Formulas are arithmetic on codes ("[1.1.b] / [1.1.a] * 100"): evaluated by a tiny parser,
  // never by eval. ``blank`` is what a code not typed (or not a number) counts: NaN, or 0 for
  // a total of parts (as the server computes it).
  function evaluate(formula, blank) {
    const tokens = formula.match(/\[[^\]]+\]|\d+(?:[.,]\d+)?|[-+*/()]/g) || [];
    let i = 0;
    function primary() {
      const token = tokens[i++];
      if (token === "(") { const v = sum(); i++; return v; }
      if (token === "-") return -primary();
      if (token && token[0] === "[") { const v = valueOf(token.slice(1, -1)); return v === null || isNaN(v) ? blank : v; }
      return Number(String(token).replace(",", "."));
    }
    function product() {
      let v = primary();
      while (tokens[i] === "*" || tokens[i] === "/") { const op = tokens[i++]; const r = primary(); v = op === "*" ? v * r : v / r; }
      return v;
    }
    function sum() {
      let v = product();
      while (tokens[i] === "+" || tokens[i] === "-") { const op = tokens[i++]; const r = product(); v = op === "+" ? v + r : v - r; }
      return v;
    }
    return sum();
  }
  // A computed row shows the server's figure; while its parts are typed, a preview computed
  // the server's way (a formula of codes, whole numbers and + - * / only; the server's answer
  // to the next save brings the stored figure). Other formulas (ROUND, a table's cells) wait
  // for the server.
  const PREVIEWED = /^(\s*(\[[^\]:*]+\]|\d+|[-+*/()]))*\s*$/;
  const ADDITIVE = /^(\s*(\[[^\]:*]+\]|\d+|[-+()]))*\s*$/;
  const PLACES = { integer: 0, percent: 2, decimal: 6 };
  function formulaPreview(input) {
    const formula = input.dataset.formula;
    if (!PREVIEWED.test(formula)) return null;
    const codes = (formula.match(/\[[^\]]+\]/g) || []).map((ref) => ref.slice(1, -1));
    const typed = codes.map(valueOf).filter((v) => v !== null && !isNaN(v));
    if (!typed.length) return "";  // nothing to compute from: blank, as on the server
    let v = evaluate(formula, NaN);
    if (!isFinite(v) && ADDITIVE.test(formula)) v = evaluate(formula, 0);  // parts not typed yet
    if (!isFinite(v)) return "";
    const scale = Math.pow(10, PLACES[input.dataset.kind] ?? 6);
    return formatVN(Math.round(v * scale) / scale);
  }
  function refreshFormulas() {
    root.querySelectorAll("input[data-formula]").forEach((input) => {
      const preview = formulaPreview(input);
      if (preview !== null) input.value = preview;
    });
  }

  // The sum of a row's cells in these columns ("" when none is typed).
  function rowSum(input) {
    const row = input.closest("tr");
    let total = 0;
    let any = false;
    for (const code of input.dataset.parts.split(",")) {
      const part = row.querySelector('[data-col="' + CSS.escape(code) + '"]');
      const v = part ? parseVN(part.value) : null;
      if (v !== null && !isNaN(v)) { total += v; any = true; }
    }
    return any ? formatVN(total) : "";
  }
  function refreshGrids(previewing) {
    root.querySelectorAll("table.grid").forEach((table) => {
      const inputs = [...table.querySelectorAll("input.grid-input")];
      // The totals the server adds up, previewed as the fields are typed: each field's "Tổng
      // số" columns first, then the total row (as the server computes them).
      if (previewing) {
        inputs.forEach((input) => {
          if (input.dataset.computed === "1" && input.dataset.total !== "1" && input.dataset.parts) input.value = rowSum(input);
        });
      }
      const sums = {};
      inputs.forEach((input) => {
        if (input.dataset.total === "1") return;
        const v = parseVN(input.value);
        if (v !== null && !isNaN(v)) sums[input.dataset.col] = (sums[input.dataset.col] || 0) + v;
      });
      table.querySelectorAll("[data-sum-col]").forEach((cell) => {
        const v = sums[cell.dataset.sumCol];
        cell.textContent = v === undefined ? "" : formatVN(v);
      });
      if (previewing) {
        inputs.forEach((input) => {
          if (input.dataset.computed !== "1" || input.dataset.total !== "1") return;
          const v = sums[input.dataset.col];
          input.value = v === undefined ? "" : formatVN(v);
        });
      }
      inputs.forEach((input) => {
        let mismatch = "";
        const own = parseVN(input.value);
        if (input.dataset.total === "1" && own !== null && sums[input.dataset.col] !== undefined &&
            own !== sums[input.dataset.col]) {
          mismatch = "Cộng các lĩnh vực: " + formatVN(sums[input.dataset.col]);
        }
        if (!mismatch && input.dataset.parts && own !== null) {
          const row = input.closest("tr");
          let total = 0;
          for (const code of input.dataset.parts.split(",")) {
            const part = row.querySelector('[data-col="' + CSS.escape(code) + '"]');
            const v = part ? parseVN(part.value) : null;
            if (v !== null && !isNaN(v)) total += v;
          }
          if (total !== own) mismatch = "Cộng các cột thành phần: " + formatVN(total);
        }
        input.classList.toggle("mismatch", Boolean(mismatch));
        input.title = mismatch;
      });
    });
  }

  // The hints, from the figures on the page. ``previewing`` (as the official types): the
  // computed figures too, until the server's answer brings the stored ones, which then stay.
  function refreshAll(previewing) {
    if (previewing === true) refreshFormulas();
    refreshRatios();
    refreshSums();
    refreshGrids(previewing === true);
  }
  function preview() { refreshAll(true); }

  // --- keyboard: Enter moves to the next cell down the tree ---------------------------------
  root.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key !== "Enter" || !target.matches("input.cell-input")) return;
    event.preventDefault();
    // Save now what was typed; a field passed through unchanged is not saved (nor created).
    const base = document.getElementById(target.id.replace(/^in-/, "base-").replace(/^cell-/, "cbase-"));
    // A computed figure (read-only) is the server's: passing through it saves nothing.
    if (!target.readOnly && (!base || base.value !== target.value)) target.dispatchEvent(new Event("change", { bubbles: true }));
    const pane = target.closest(".tab-pane") || root;
    const cells = [...pane.querySelectorAll("input.cell-input:not([disabled]):not([readonly]):not([type=radio]), select.cell-input:not([disabled])")];
    const next = cells[cells.indexOf(target) + (event.shiftKey ? -1 : 1)];
    if (next) { next.focus(); if (next.select) next.select(); }
  });

  // --- saving: one queue, kept in the browser until the server has each edit ---------------
  //
  // htmx decides *when* a field saves (on change, or a pause in typing); this queue does the
  // saving. Every edit is written to localStorage at once (nothing typed is lost: a closed tab,
  // a crash, an expired session, a dropped network), sent one at a time in the order typed,
  // retried while the network or the server fails, and shown next to its field: "đang lưu",
  // "đã lưu", "chưa lưu, thử lại". The base (the value last seen from the server) is read when
  // an edit is sent, so queued edits are checked for conflicts as any other save.
  const QUEUE_KEY = "cchc:" + reportId + ":queue";
  const csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
  const banner = document.getElementById("pending-banner");
  let queue = [];
  let sending = false;
  let retryTimer = null;
  let retryDelay = 0;
  let failing = false;
  let sessionExpired = false;
  let lastChanged = null;

  function loadQueue() {
    try { return JSON.parse(localStorage.getItem(QUEUE_KEY)) || []; } catch (e) { return []; }
  }
  function persist() {
    const kept = queue.map((e) => Object.assign({}, e, { sending: false }));
    try {
      if (kept.length) localStorage.setItem(QUEUE_KEY, JSON.stringify(kept));
      else localStorage.removeItem(QUEUE_KEY);
    } catch (e) { /* storage full or disabled: the queue still lives in this page */ }
    updateBanner();
  }
  function updateBanner() {
    if (!banner) return;
    const waiting = new Set(queue.map((e) => e.url)).size;
    const show = waiting > 0 && (failing || sessionExpired);
    banner.classList.toggle("d-none", !show);
    const count = banner.querySelector(".pending-count");
    if (count) count.textContent = String(waiting);
  }

  // The element that saves itself (an input of the annex or of a grid, a section, the header).
  function autosaved(el) {
    return el && el.matches && el.matches("input[hx-post], select[hx-post], textarea[hx-post], form#header-form[hx-post]") &&
      root.contains(el) ? el : null;
  }
  function fieldOf(el) {
    if (el.type === "radio") return "rg-" + el.dataset.indicator;
    return el.id;
  }
  function includes(el) {
    return (el.getAttribute("hx-include") || "").split(",").map((s) => s.trim()).filter(Boolean)
      .map((selector) => document.querySelector(selector)).filter(Boolean);
  }
  function entryFor(el) {
    const entry = { url: el.getAttribute("hx-post"), params: {}, restore: [], fields: [], baseId: "", target: el.getAttribute("hx-target") || "", header: el.tagName === "FORM", ready: false, t: Date.now() };
    if (entry.header) {
      new FormData(el).forEach((value, name) => { entry.params[name] = value; });
      el.querySelectorAll("input[id], textarea[id], select[id]").forEach((f) => entry.restore.push([f.id, f.value]));
      if (lastChanged && el.contains(lastChanged) && lastChanged.id) entry.fields.push(lastChanged.id);
      return entry;
    }
    const vals = el.getAttribute("hx-vals");
    if (vals) Object.assign(entry.params, JSON.parse(vals));
    if (el.type === "radio") entry.restore.push([el.id, true]);
    else { entry.params[el.name] = el.value; entry.restore.push([el.id, el.value]); }
    for (const other of includes(el)) {
      if (other.name === "base") { entry.baseId = other.id; continue; }
      entry.params[other.name] = other.value;
      entry.restore.push([other.id, other.value]);
    }
    entry.fields.push(fieldOf(el));
    return entry;
  }

  function sameParams(a, b) {
    return JSON.stringify(a.params) === JSON.stringify(b.params);
  }
  function enqueue(entry) {
    // The same edit twice (Enter, then leaving the field) is sent once.
    const inFlight = queue.find((e) => e.url === entry.url && e.sending);
    if (inFlight && sameParams(inFlight, entry) && !queue.some((e) => e.url === entry.url && !e.sending)) return;
    const index = queue.findIndex((e) => e.url === entry.url && !e.sending);
    if (index >= 0) {
      const before = queue[index];
      entry.fields = [...new Set([...before.fields, ...entry.fields])];
      entry.t = before.t;
      entry.ready = entry.ready || before.ready;
      queue[index] = entry;
    } else {
      queue.push(entry);
    }
    persist();
    setState(entry, entry.ready ? "pending" : "typing");
    if (entry.ready) flush();
  }

  // --- the state of each field -------------------------------------------------------------
  const STATES = {
    typing: ["", ""],
    pending: ["đang chờ lưu…", "text-muted"],
    saving: ["đang lưu…", "text-muted"],
    saved: ["đã lưu", "text-success"],
    invalid: ["đã giữ, chưa hợp lệ", "text-danger"],
    conflict: ["chưa lưu: xung đột", "text-danger"],
    failed: ["chưa lưu, thử lại…", "text-danger"],
    refused: ["không lưu được", "text-danger"],
  };
  function stateElement(fieldId) {
    let span = document.getElementById("ss-" + fieldId);
    if (span) return span;
    const field = document.getElementById(fieldId);
    if (!field) return null;
    span = document.createElement("span");
    span.id = "ss-" + fieldId;
    span.className = "save-state small";
    span.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", span);
    return span;
  }
  function setState(entry, state) {
    const [text, tone] = STATES[state];
    for (const fieldId of entry.fields) {
      const span = stateElement(fieldId);
      if (!span) continue;
      span.textContent = text;
      span.className = "save-state small " + tone;
      span.dataset.state = state;
      if (state === "failed") {
        const retry = document.createElement("button");
        retry.type = "button";
        retry.className = "btn btn-link btn-sm p-0 ms-1 align-baseline retry-now";
        retry.textContent = "Thử lại ngay";
        span.appendChild(retry);
      }
      const field = document.getElementById(fieldId);
      if (field) field.classList.toggle("save-failed", state === "failed");
    }
  }

  function retryLater() {
    failing = true;
    retryDelay = Math.min(Math.max(1000, retryDelay * 2), 10000);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, retryDelay);
    updateBanner();
  }
  function retryNow() {
    retryDelay = 0;
    clearTimeout(retryTimer);
    flush();
  }
  window.addEventListener("online", retryNow);

  function applyHeader(html, status) {
    const form = document.getElementById("header-form");
    if (!form) return;
    const answer = new DOMParser().parseFromString(html, "text/html");
    // Only the messages change: every field keeps its value, its caret and its focus.
    form.querySelectorAll("input[id], textarea[id], select[id]").forEach((field) => {
      const theirs = answer.getElementById(field.id);
      const invalid = Boolean(theirs && theirs.classList.contains("is-invalid"));
      field.classList.toggle("is-invalid", invalid);
      const wrapper = field.closest("[id^=div_]") || field.parentElement;
      wrapper.querySelectorAll(".invalid-feedback").forEach((old) => old.remove());
      const theirWrapper = theirs && (theirs.closest("[id^=div_]") || theirs.parentElement);
      if (invalid && theirWrapper) {
        theirWrapper.querySelectorAll(".invalid-feedback").forEach((message) => {
          field.insertAdjacentElement("afterend", document.importNode(message, true));
        });
      }
    });
    // What the server now holds: a field nobody is typing in shows it, and its base (the value
    // the next save is checked against) follows; the field being typed keeps its text and its
    // base, unless the server holds exactly that text (saved).
    const pendingHeader = queue.some((e) => e.header);
    form.querySelectorAll("input[id^='id_'], textarea[id^='id_'], select[id^='id_']").forEach((field) => {
      const theirs = answer.getElementById(field.id);
      const base = document.getElementById(field.id.replace(/^id_/, "hb-"));
      const theirBase = answer.getElementById(field.id.replace(/^id_/, "hb-"));
      if (!theirs || !base || !theirBase) return;
      const typing = field === document.activeElement || pendingHeader;
      if (!typing) field.value = theirs.value;
      if (!typing || field.value === theirBase.value) base.value = theirBase.value;
    });
    const conflict = document.getElementById("header-conflict");
    if (conflict) {
      conflict.replaceChildren(...[...answer.querySelectorAll(".conflict")].map((n) => document.importNode(n, true)));
      if (conflict.childElementCount) htmx.process(conflict);
    }
    if (status < 300) document.getElementById("save-status").textContent = "Đã lưu lúc " + new Date().toTimeString().slice(0, 5);
  }

  async function flush() {
    if (sending || sessionExpired || !editable) return;
    const entry = queue.find((e) => e.ready);
    if (!entry) { failing = false; updateBanner(); return; }
    sending = true;
    entry.sending = true;
    setState(entry, "saving");
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(entry.params)) body.append(name, value);
    const base = entry.baseId && document.getElementById(entry.baseId);
    if (base) body.set("base", base.value);
    let response, html;
    try {
      response = await fetch(entry.url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: Object.assign({ "HX-Request": "true", "HX-Current-URL": location.href }, csrf),
      });
      html = await response.text();
    } catch (error) {
      response = null;
    }
    sending = false;
    entry.sending = false;
    if (!response || response.status >= 500) {
      setState(entry, "failed");
      persist();
      retryLater();
      return;
    }
    if (response.status === 401) {
      sessionExpired = true;
      setState(entry, "failed");
      persist();
      document.getElementById("session-expired").classList.remove("d-none");
      return;
    }
    const status = response.status;
    failing = false;
    retryDelay = 0;
    // Refused with nothing stored (the report was sent meanwhile: 403; too long to keep:
    // X-Not-Saved): the edit stays in this browser, not resent, until the user changes it.
    const keptHere = status === 403 || Boolean(response.headers.get("X-Not-Saved"));
    if (keptHere) entry.ready = false;
    else queue.splice(queue.indexOf(entry), 1);
    persist();
    if (status === 403 || status === 400) {
      setState(entry, "refused");
      const span = stateElement(entry.fields[0]);
      if (span && html && html.length < 300) span.textContent = html;
      const refused = document.getElementById("save-refused");
      if (status === 403 && refused && html && html.length < 300) {
        refused.querySelector(".message").textContent = html;
        refused.classList.remove("d-none");
      }
    } else if (entry.header) {
      applyHeader(html, status);
      setState(entry, status === 409 ? "conflict" : status === 422 ? "invalid" : "saved");
    } else {
      const target = entry.target && document.querySelector(entry.target);
      if (target) htmx.swap(target, html, { swapStyle: "outerHTML", swapDelay: 0, settleDelay: 0 });
      setState(entry, keptHere ? "refused" : status === 409 ? "conflict" : status === 422 ? "invalid" : "saved");
    }
    for (const name of (response.headers.get("HX-Trigger") || "").split(",")) {
      if (name.trim()) htmx.trigger(document.body, name.trim());
    }
    refreshAll();
    flush();
  }

  // htmx says when: its request becomes an edit in the queue (and is not sent by htmx).
  document.addEventListener("change", (event) => { lastChanged = event.target; }, true);
  document.body.addEventListener("htmx:configRequest", (event) => {
    const el = autosaved(event.detail.elt);
    if (!el) return;
    event.preventDefault();
    if (!editable) return;
    const entry = entryFor(el);
    entry.ready = true;
    enqueue(entry);
  });
  // A section's fold button is named after its heading, as typed.
  root.addEventListener("input", (event) => {
    if (event.target.name !== "heading") return;
    const name = event.target.closest(".section-editor")?.querySelector(".section-collapse .section-name");
    if (name) name.textContent = "Mục " + event.target.value;
  });
  // Every keystroke is kept before htmx's pause is over.
  root.addEventListener("input", (event) => {
    const el = autosaved(event.target) || autosaved(event.target.form && event.target.form.id === "header-form" ? event.target.form : null);
    if (editable && el && el.type !== "radio") enqueue(entryFor(el));
    preview();
  });
  root.addEventListener("change", preview);
  // A saved row comes back with fresh hint elements: fill them in.
  document.body.addEventListener("htmx:afterSettle", () => refreshAll());
  // Buttons inside fragments (confirm, conflicts, comments) still post through htmx.
  document.body.addEventListener("htmx:afterRequest", (event) => {
    const status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 401) document.getElementById("session-expired").classList.remove("d-none");
    // A confirmation refused because the report was sent meanwhile: say so.
    const refused = document.getElementById("save-refused");
    const message = event.detail.xhr ? event.detail.xhr.responseText : "";
    if (status === 403 && refused && message && message.length < 300) {
      refused.querySelector(".message").textContent = message;
      refused.classList.remove("d-none");
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (!queue.length && !sending) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // A row the server changed comes back out of band (a computed figure, a confirmation): an
  // input being typed into, or with an edit still queued, is left as the user has it (its
  // own save brings the server's answer), and so is a conflict waiting for a choice.
  function busy(box) {
    const active = document.activeElement;
    if (active && box.contains(active) && active.matches("input:not([type=hidden]):not([type=radio]), textarea, select")) return true;
    return queue.some((e) => e.fields.some((id) => {
      const field = document.getElementById(id);
      return field && box.contains(field);
    }));
  }
  document.body.addEventListener("htmx:oobBeforeSwap", (event) => {
    const target = event.detail.target;
    if (!target || !target.id) return;
    const isBox = /^(v|gv)-/.test(target.id);
    const isConflict = /^fb-/.test(target.id) && target.classList.contains("conflict");
    if ((isBox && busy(target)) || isConflict) event.preventDefault();
  });

  // --- a computed row: the commune's own figure, with a reason -------------------------------
  function overrideParts(pk) {
    return {
      input: document.getElementById("in-" + pk),
      base: document.getElementById("base-" + pk),
      box: document.getElementById("ov-" + pk),
      reason: document.getElementById("reason-" + pk),
      open: root.querySelector('.override-open[data-row="' + CSS.escape(pk) + '"]'),
      feedback: document.getElementById("fb-" + pk),
    };
  }
  function openOverride(pk, focus) {
    const parts = overrideParts(pk);
    if (!parts.input || !parts.box) return;
    parts.input.readOnly = false;
    parts.input.classList.remove("computed");
    if (parts.input.dataset.formula) {
      parts.input.dataset.formulaOff = parts.input.dataset.formula;
      delete parts.input.dataset.formula;
    }
    parts.box.classList.remove("d-none");
    if (parts.open) { parts.open.classList.add("d-none"); parts.open.setAttribute("aria-expanded", "true"); }
    if (focus) { parts.input.focus(); parts.input.select(); }
  }
  // Back to the computed figure: nothing of the commune's is stored, so nothing is sent.
  function closeOverride(pk) {
    const parts = overrideParts(pk);
    if (!parts.input || !parts.box) return;
    const url = parts.input.getAttribute("hx-post");
    queue = queue.filter((e) => e.url !== url || e.sending);
    persist();
    parts.input.value = parts.base ? parts.base.value : "";
    parts.input.readOnly = true;
    parts.input.classList.add("computed");
    parts.input.classList.remove("is-invalid", "restored", "save-failed");
    if (parts.input.dataset.formulaOff) parts.input.dataset.formula = parts.input.dataset.formulaOff;
    if (parts.reason) parts.reason.value = "";
    parts.box.classList.add("d-none");
    for (const id of [parts.input.id, parts.reason && parts.reason.id]) {
      const span = id && document.getElementById("ss-" + id);
      if (span) span.remove();
    }
    if (parts.open) { parts.open.classList.remove("d-none"); parts.open.setAttribute("aria-expanded", "false"); parts.open.focus(); }
    refreshAll();
  }

  // Back after a crash, a closed tab, an expired session or a dropped network: put back what
  // the server lacks, and send it in the order it was typed.
  function restore() {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      // Copies kept by earlier versions of this page, one key per field.
      if (key && key.startsWith("cchc:" + reportId + ":") && key !== QUEUE_KEY) localStorage.removeItem(key);
    }
    queue = loadQueue();
    if (!editable) { queue = []; persist(); return; }
    for (const entry of queue) {
      entry.ready = true;
      entry.sending = false;
      for (const [id, value] of entry.restore) {
        const el = document.getElementById(id);
        if (!el || el.disabled) continue;
        // A figure typed over a computed one: its field and reason box open again.
        const own = el.closest(".value-box") && el.closest(".value-box").querySelector(".override-box");
        if (own) openOverride(own.id.replace(/^ov-/, ""), false);
        if (value === true) el.checked = true;
        else if (el.value !== value) { el.value = value; el.classList.add("restored"); }
      }
      setState(entry, "pending");
    }
    persist();
    if (queue.length) preview();
    flush();
  }
  if (document.readyState === "complete") restore();
  else window.addEventListener("load", restore);

  function closeOffer(box) {
    box.replaceChildren();
    document.querySelector('[aria-controls="' + box.id + '"]')?.setAttribute("aria-expanded", "false");
  }

  // --- buttons inside fragments: use a suggested or the other person's value ----------------
  root.addEventListener("click", async (event) => {
    if (event.target.closest(".retry-now")) { retryNow(); return; }
    const openButton = event.target.closest(".override-open");
    if (openButton) { openOverride(openButton.dataset.row, true); return; }
    const reset = event.target.closest(".override-reset");
    if (reset) {
      const parts = overrideParts(reset.dataset.row);
      if (parts.feedback && parts.feedback.dataset.override === "1") {
        // The server holds the commune's figure: a blank gives the row back to its formula.
        parts.input.value = "";
        htmx.trigger(parts.input, "change");
      } else {
        closeOverride(reset.dataset.row);
      }
      return;
    }
    const use = event.target.closest("[data-use-value]");
    if (use) {
      const el = document.getElementById(use.dataset.target);
      if (use.dataset.base !== undefined) {
        const base = use.dataset.baseTarget ? document.getElementById(use.dataset.baseTarget)
          : el.parentElement.querySelector("input[name=base]") ||
            document.getElementById(el.id.replace(/^in-/, "base-").replace(/^cell-/, "cbase-").replace(/^text-/, "sbase-"));
        if (base) base.value = use.dataset.base;
      }
      el.value = use.dataset.useValue;
      htmx.trigger(el, "change");
      return;
    }
    // "Chèn số liệu": the section's figures are offered line by line (those failing a check
    // marked and not picked); the picked lines go in where the caret was.
    const insert = event.target.closest(".insert-figures");
    if (insert) {
      const box = document.getElementById(insert.dataset.offer);
      if (insert.getAttribute("aria-expanded") === "true") { closeOffer(box); return; }
      let response;
      try {
        response = await fetch(insert.dataset.url, { credentials: "same-origin", headers: { "HX-Request": "true" } });
      } catch (error) {
        response = null;
      }
      if (response && response.status === 401) { document.getElementById("session-expired").classList.remove("d-none"); return; }
      if (!response || !response.ok) {
        box.textContent = "Chưa lấy được số liệu (mất kết nối hoặc máy chủ bận): hãy thử lại.";
        return;
      }
      const answer = new DOMParser().parseFromString(await response.text(), "text/html");
      box.replaceChildren(...[...answer.body.childNodes].map((node) => document.importNode(node, true)));
      insert.setAttribute("aria-expanded", "true");
      box.querySelector("input, button")?.focus();
      return;
    }
    const chosen = event.target.closest(".insert-chosen-figures");
    if (chosen) {
      const box = chosen.closest(".figures-box");
      const area = document.getElementById(box.dataset.target);
      const text = [...box.querySelectorAll(".figure-line:checked")].map((line) => line.value).join("\n");
      closeOffer(box);
      if (text) {
        const at = area.selectionStart ?? area.value.length;
        const before = area.value.slice(0, at);
        const glue = before && !before.endsWith("\n") ? "\n" : "";
        area.value = before + glue + text + area.value.slice(at);
        htmx.trigger(area, "change");
      }
      area.focus();
      return;
    }
    if (event.target.closest(".close-figures")) {
      const box = event.target.closest(".figures-box");
      closeOffer(box);
      document.querySelector('[aria-controls="' + box.id + '"]')?.focus();
      return;
    }
    const gotoSection = event.target.closest(".goto-section");
    if (gotoSection) {
      event.preventDefault();
      const tab = document.getElementById("tab-narrative");
      if (tab && window.bootstrap) bootstrap.Tab.getOrCreateInstance(tab).show();
      const section = document.getElementById("section-" + gotoSection.dataset.section);
      if (section) {
        const body = section.querySelector(".section-body");
        if (body && !body.classList.contains("show") && window.bootstrap) bootstrap.Collapse.getOrCreateInstance(body, { toggle: false }).show();
        section.scrollIntoView({ block: "center" });
        section.querySelector("textarea")?.focus();
      }
      return;
    }
    const goto = event.target.closest(".goto-row");
    if (goto) {
      event.preventDefault();
      const tab = document.getElementById("tab-annex");
      if (tab && window.bootstrap) bootstrap.Tab.getOrCreateInstance(tab).show();
      const row = document.getElementById("row-" + goto.dataset.code);
      if (row) {
        row.closest(".collapse")?.classList.add("show");
        row.scrollIntoView({ block: "center" });
        row.querySelector(".cell-input")?.focus();
      }
    }
  });

  refreshAll();
})();
