/* The rule editor's builder: for each side of a rule, the admin picks a row, rows to add up,
   a row whose children to add up, or a number, and the expression is written into that side's
   text field ([3.3.1], [1.1.1] + [1.1.2], SUM_CHILDREN([3.3]), 100). The text stays editable:
   typed text the builder recognises updates its choices, anything else is "biểu thức tự viết".
   Without this script the builder stays hidden and the text fields work as they always did;
   the server parses and checks the text either way. */
(function () {
  "use strict";
  const form = document.getElementById("rule-form");
  if (!form) return;
  const sides = Array.from(form.querySelectorAll("[data-builder-for]"));
  if (!sides.length) return;
  const operator = form.querySelector("#id_operator");
  const output = document.getElementById("rule-expression");
  const EMPTY = "Chọn hai vế và phép so sánh để xem quy tắc.";

  const CODE = "\\[\\s*([^\\[\\]:]+?)\\s*\\]";
  const PATTERNS = {
    row: new RegExp("^" + CODE + "$"),
    children: new RegExp("^(?:SUM_CHILDREN|TONG_CON)\\s*\\(\\s*" + CODE + "\\s*\\)$", "i"),
    sum: new RegExp("^" + CODE + "(?:\\s*\\+\\s*" + CODE.replace("(", "(?:") + ")+$"),
    number: /^[0-9]+(?:[.,][0-9]+)*$/,
  };
  const ALL_CODES = new RegExp(CODE, "g");

  function part(side, role) {
    return side.querySelector('[data-role="' + role + '"]');
  }

  function target(side) {
    return document.getElementById(side.dataset.builderFor);
  }

  function hasOption(select, value) {
    return Array.from(select.options).some((option) => option.value === value);
  }

  /* The expression the side's choices make; "" while nothing is chosen; null: typed by hand. */
  function built(side) {
    const kind = part(side, "kind").value;
    if (kind === "row") {
      const code = part(side, "row").value;
      return code ? "[" + code + "]" : "";
    }
    if (kind === "children") {
      const code = part(side, "parent").value;
      return code ? "SUM_CHILDREN([" + code + "])" : "";
    }
    if (kind === "sum") {
      const chosen = Array.from(part(side, "rows").selectedOptions);
      return chosen.map((option) => "[" + option.value + "]").join(" + ");
    }
    if (kind === "number") return part(side, "number").value.trim();
    return null;
  }

  function show(side) {
    const kind = part(side, "kind").value;
    side.querySelectorAll("[data-kind]").forEach((group) => {
      group.hidden = group.dataset.kind !== kind;
    });
  }

  /* The choices that make the text, when the builder can make it. */
  function recognise(side, text) {
    const value = text.trim();
    const kind = part(side, "kind");
    let match = value.match(PATTERNS.row);
    if (match && hasOption(part(side, "row"), match[1])) {
      kind.value = "row";
      part(side, "row").value = match[1];
      return;
    }
    match = value.match(PATTERNS.children);
    if (match && hasOption(part(side, "parent"), match[1])) {
      kind.value = "children";
      part(side, "parent").value = match[1];
      return;
    }
    if (PATTERNS.sum.test(value)) {
      const codes = Array.from(value.matchAll(ALL_CODES), (m) => m[1]);
      const rows = part(side, "rows");
      if (codes.every((code) => hasOption(rows, code))) {
        kind.value = "sum";
        Array.from(rows.options).forEach((option) => {
          option.selected = codes.includes(option.value);
        });
        return;
      }
    }
    if (PATTERNS.number.test(value)) {
      kind.value = "number";
      part(side, "number").value = value;
      return;
    }
    if (value) kind.value = "";
  }

  /* The rule as it reads so far, "…" where a part is still missing. */
  function preview() {
    if (!output) return;
    const [left, right] = sides.map((side) => target(side).value.trim());
    const chosen = operator && operator.value ? operator.options[operator.selectedIndex] : null;
    const parts = [left, chosen ? chosen.text : "", right];
    output.textContent = parts.some(Boolean) ? parts.map((p) => p || "…").join(" ") : EMPTY;
  }

  function apply(side) {
    const text = built(side);
    if (text) target(side).value = text;
    preview();
  }

  sides.forEach((side) => {
    recognise(side, target(side).value);
    show(side);
    side.hidden = false;
    part(side, "kind").addEventListener("change", () => {
      show(side);
      apply(side);
    });
    ["row", "rows", "parent"].forEach((role) => {
      part(side, role).addEventListener("change", () => apply(side));
    });
    part(side, "number").addEventListener("input", () => apply(side));
    target(side).addEventListener("input", () => {
      recognise(side, target(side).value);
      show(side);
      preview();
    });
  });
  if (operator) operator.addEventListener("change", preview);
  form.querySelectorAll(".rule-builder-intro").forEach((node) => {
    node.hidden = false;
  });
  preview();
})();
