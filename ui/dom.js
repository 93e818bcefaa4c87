// Small DOM helpers. Product titles and ad names are data: they go in as text nodes, never as HTML.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name in el && typeof value !== "string") el[name] = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
export function nextId(prefix = "f") {
  uid += 1;
  return `${prefix}-${uid}`;
}

// A labelled form control: the label is always tied to the control (screen readers, clicks).
export function field(labelText, control, hint) {
  if (!control.id) control.id = nextId();
  const parts = [h("label", { for: control.id }, labelText), control];
  if (hint) {
    const hintId = nextId("hint");
    control.setAttribute("aria-describedby", hintId);
    parts.push(h("p", { class: "hint", id: hintId }, hint));
  }
  return h("div", { class: "field" }, parts);
}

// hideCaption: the caption repeats the section's visible heading, so only screen readers get it.
// On a phone a table of more than three columns is shown as one card per row, each value under
// its column's name (styles.css, .phone-cards): sideways scrolling hid the columns a seller came for.
export function table(caption, headers, rows, { hideCaption = false } = {}) {
  const labels = headers.map((x) => (typeof x === "string" && x ? x : null));
  return h(
    "div",
    { class: headers.length > 3 ? "table-wrap phone-cards" : "table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    h(
      "table",
      {},
      h("caption", { class: hideCaption ? "visually-hidden" : null }, caption),
      h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c, i) => cell(c, labels[i]))))),
    ),
  );
}

// a value and, for the phone's cards, its column's name. The value is the cell's one element
// (text is wrapped), so a card can leave out a value that is empty, now or while a live page
// has not filled it yet (styles.css: td:has(> :is(div, span):empty))
function cell(content, label) {
  const empty = content === null || content === undefined || content === "" || (Array.isArray(content) && !content.length);
  if (empty) return h("td", { class: "blank" });
  return h("td", { "data-label": label }, content instanceof Element ? content : h("div", {}, content));
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
