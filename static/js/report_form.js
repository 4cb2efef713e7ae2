/* The report form: live totals and ratios, Enter moves down, nothing typed is lost.
 *
 * Saving is htmx's job (each cell posts itself when it changes); this script only computes
 * what the user should see as they type, and keeps a copy of every keystroke in localStorage
 * until the server has it, so an expired session or a lost connection loses nothing. */
(function () {
  "use strict";
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
    const inputs = root.querySelectorAll('[data-code="' + CSS.escape(code) + '"]');
    for (const input of inputs) {
      if (input.type === "radio") {
        if (input.checked) return Number(input.value);
        continue;
      }
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
  // never by eval.
  function evaluate(formula) {
    const tokens = formula.match(/\[[^\]]+\]|\d+(?:[.,]\d+)?|[-+*/()]/g) || [];
    let i = 0;
    function primary() {
      const token = tokens[i++];
      if (token === "(") { const v = sum(); i++; return v; }
      if (token === "-") return -primary();
      if (token && token[0] === "[") { const v = valueOf(token.slice(1, -1)); return v === null || isNaN(v) ? NaN : v; }
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
  function refreshFormulas() {
    root.querySelectorAll("input[data-formula]").forEach((input) => {
      const v = evaluate(input.dataset.formula);
      input.value = isFinite(v) ? formatVN(Math.round(v * 100) / 100) : "";
    });
  }

  function refreshGrids() {
    root.querySelectorAll("table.grid").forEach((table) => {
      const inputs = [...table.querySelectorAll("input.grid-input")];
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

  function refreshAll() {
    refreshRatios();
    refreshSums();
    refreshFormulas();
    refreshGrids();
  }

  // --- keyboard: Enter moves to the next cell down the tree ---------------------------------
  root.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key !== "Enter" || !target.matches("input.cell-input")) return;
    event.preventDefault();
    target.dispatchEvent(new Event("change", { bubbles: true }));
    const pane = target.closest(".tab-pane") || root;
    const cells = [...pane.querySelectorAll("input.cell-input:not([disabled]):not([readonly]):not([type=radio]), select.cell-input:not([disabled])")];
    const next = cells[cells.indexOf(target) + (event.shiftKey ? -1 : 1)];
    if (next) { next.focus(); if (next.select) next.select(); }
  });

  // --- nothing typed is lost: a local copy until the server confirms ------------------------
  const prefix = "cchc:" + reportId + ":";
  const keep = (el) => localStorage.setItem(prefix + el.id, JSON.stringify({ v: el.value, t: Date.now() }));
  root.addEventListener("input", (event) => {
    const el = event.target;
    if (editable && el.id && (el.matches("input[type=text], textarea"))) keep(el);
    refreshAll();
  });
  root.addEventListener("change", refreshAll);
  // A saved row comes back with fresh hint elements: fill them in.
  document.body.addEventListener("htmx:afterSettle", refreshAll);

  document.body.addEventListener("htmx:afterRequest", (event) => {
    const el = event.detail.elt;
    const status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 401) {
      document.getElementById("session-expired").classList.remove("d-none");
      return;
    }
    if (!el || !el.id || status === 0 || status >= 500 || status === 403 || status === 409) return;
    // Refused without storing anything (a section over the length limit): keep the copy.
    if (event.detail.xhr.getResponseHeader("X-Not-Saved")) return;
    const saved = localStorage.getItem(prefix + el.id);
    if (saved && JSON.parse(saved).v === el.value) localStorage.removeItem(prefix + el.id);
  });

  // Back after a crash, a closed tab or an expired session: put back what the server lacks
  // (once htmx has wired the page, so that putting a value back also saves it).
  function restore() {
    if (!editable) return;
    const restored = [];
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (!key || !key.startsWith(prefix)) continue;
      const el = document.getElementById(key.slice(prefix.length));
      const { v } = JSON.parse(localStorage.getItem(key));
      if (!el || el.disabled) continue;
      if (el.value === v) { localStorage.removeItem(key); continue; }
      el.value = v;
      el.classList.add("restored");
      restored.push(el);
    }
    restored.forEach((el) => htmx.trigger(el, "change"));
  }
  if (document.readyState === "complete") restore();
  else window.addEventListener("load", restore);

  // --- buttons inside fragments: use a suggested or the other person's value ----------------
  root.addEventListener("click", async (event) => {
    const use = event.target.closest("[data-use-value]");
    if (use) {
      const el = document.getElementById(use.dataset.target);
      if (use.dataset.base !== undefined) {
        const base = el.parentElement.querySelector("input[name=base]") ||
          document.getElementById(el.id.replace(/^in-/, "base-").replace(/^cell-/, "cbase-").replace(/^text-/, "sbase-"));
        if (base) base.value = use.dataset.base;
      }
      el.value = use.dataset.useValue;
      keep(el);
      htmx.trigger(el, "change");
      refreshAll();
      return;
    }
    const insert = event.target.closest(".insert-figures");
    if (insert) {
      const response = await fetch(insert.dataset.url, { credentials: "same-origin", headers: { "HX-Request": "true" } });
      if (response.status === 401) { document.getElementById("session-expired").classList.remove("d-none"); return; }
      const text = await response.text();
      const area = document.getElementById(insert.dataset.target);
      const at = area.selectionStart ?? area.value.length;
      const before = area.value.slice(0, at);
      const glue = before && !before.endsWith("\n") ? "\n" : "";
      area.value = before + glue + text + area.value.slice(at);
      keep(area);
      htmx.trigger(area, "change");
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
