/* The template editor's row form. For a computed row ("Tự tính") the formula builder is shown:
   the admin picks the row's "Trong đó" rows or other rows to add up, or the two rows of a ratio,
   and the formula is written into the "Công thức" field ([3.3.1.a] + [3.3.1.b],
   ROUND([7.2.2.b] / [7.2.2] * 100, 2)). The text stays editable: typed text the builder
   recognises updates its choices, anything else is "biểu thức tự viết". The source row of a
   derivation is shown only when a derivation is chosen. Without this script every field shows
   and the builder stays hidden; the server parses and checks the formula either way. */
(function () {
  "use strict";
  const form = document.getElementById("row-form");
  const builder = document.getElementById("formula-builder");
  if (!form || !builder) return;
  const formula = document.getElementById(builder.dataset.builderFor);
  const mode = builder.querySelector('[data-role="mode"]');
  const kinds = Array.from(form.querySelectorAll('input[name="kind"]'));
  const derivation = document.getElementById("id_derivation");
  const source = document.getElementById("div_id_derive_from");

  const CODE = "\\[\\s*([^\\[\\]:]+?)\\s*\\]";
  const SUM = new RegExp("^" + CODE + "(?:\\s*\\+\\s*" + CODE.replace("(", "(?:") + ")*$");
  const RATIO = new RegExp(
    "^(?:ROUND|LAM_TRON)\\s*\\(\\s*" + CODE + "\\s*/\\s*" + CODE +
      "\\s*\\*\\s*100\\s*(?:,\\s+|;\\s*)2\\s*\\)$",
    "i"
  );
  const ALL_CODES = new RegExp(CODE, "g");

  function part(role) {
    return builder.querySelector('[data-role="' + role + '"]');
  }

  function hasOptions(select, codes) {
    if (!select) return false;
    const values = Array.from(select.options, (option) => option.value);
    return codes.every((code) => values.includes(code));
  }

  function pick(select, codes) {
    Array.from(select.options).forEach((option) => {
      option.selected = codes.includes(option.value);
    });
  }

  function picked(select) {
    return Array.from(select.selectedOptions, (option) => option.value);
  }

  /* The formula the builder's choices make; "" while nothing is chosen; null: typed by hand. */
  function built() {
    const chosen = mode.value;
    if (chosen === "parts" || chosen === "sum") {
      return picked(part(chosen)).map((code) => "[" + code + "]").join(" + ");
    }
    if (chosen === "ratio") {
      const a = part("numerator").value;
      const b = part("denominator").value;
      return a && b ? "ROUND([" + a + "] / [" + b + "] * 100, 2)" : "";
    }
    return null;
  }

  function showMode() {
    builder.querySelectorAll("[data-mode]").forEach((group) => {
      group.hidden = group.dataset.mode !== mode.value;
    });
  }

  /* The choices that make the typed text, when the builder can make it. */
  function recognise(text) {
    const value = text.trim();
    if (!value) return;
    if (SUM.test(value)) {
      const codes = Array.from(value.matchAll(ALL_CODES), (m) => m[1]);
      for (const chosen of ["parts", "sum"]) {
        if (hasOptions(part(chosen), codes)) {
          mode.value = chosen;
          pick(part(chosen), codes);
          return;
        }
      }
    }
    const match = value.match(RATIO);
    if (match && hasOptions(part("numerator"), [match[1], match[2]])) {
      mode.value = "ratio";
      part("numerator").value = match[1];
      part("denominator").value = match[2];
      return;
    }
    mode.value = "";
  }

  /* The formula written into its field; the preview on a report follows ("change"). */
  function apply() {
    const text = built();
    if (!text || text === formula.value.trim()) return;
    formula.value = text;
    formula.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function computed() {
    const chosen = kinds.find((radio) => radio.checked);
    return chosen ? chosen.value === "computed" : false;
  }

  function showBuilder() {
    builder.hidden = !computed();
  }

  function showSource() {
    if (!derivation || !source) return;
    source.hidden = !derivation.value && !source.querySelector(".is-invalid");
  }

  recognise(formula.value);
  showMode();
  showBuilder();
  showSource();
  mode.addEventListener("change", () => {
    const parts = part("parts");
    // The row's "Trong đó" rows: all of them added up, unless the admin unpicks some.
    if (mode.value === "parts" && parts && !picked(parts).length) {
      pick(parts, Array.from(parts.options, (option) => option.value));
    }
    showMode();
    apply();
  });
  ["parts", "rows", "numerator", "denominator"].forEach((role) => {
    const select = part(role);
    if (select) select.addEventListener("change", apply);
  });
  formula.addEventListener("input", () => {
    recognise(formula.value);
    showMode();
  });
  kinds.forEach((radio) => radio.addEventListener("change", showBuilder));
  if (derivation) derivation.addEventListener("change", showSource);
})();
