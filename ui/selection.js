// What the seller picked on one page and uses on another (catalog -> batch builder), per tab.
const KEY = "studio.selection";

function read() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)) || {};
  } catch {
    return {};
  }
}

export function getSelection(kind) {
  return new Set(read()[kind] || []);
}

export function setSelection(kind, values) {
  const all = read();
  all[kind] = [...values];
  sessionStorage.setItem(KEY, JSON.stringify(all));
}

export function toggleSelection(kind, value, on) {
  const set = getSelection(kind);
  if (on) set.add(value);
  else set.delete(value);
  setSelection(kind, set);
  return set;
}
