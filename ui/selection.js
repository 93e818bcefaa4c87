// What the seller picked on one page and uses on another (catalog -> batch builder). Kept in
// localStorage so a page opened in a new tab sees the same choice (sessionStorage is per tab).
const KEY = "studio.selection";

function read() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || {};
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
  localStorage.setItem(KEY, JSON.stringify(all));
}

export function toggleSelection(kind, value, on) {
  const set = getSelection(kind);
  if (on) set.add(value);
  else set.delete(value);
  setSelection(kind, set);
  return set;
}

// Signing out forgets the choice: the next person on this browser may see another workspace.
export function clearSelection() {
  localStorage.removeItem(KEY);
}
