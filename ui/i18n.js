// Every string the seller reads comes from ui/i18n/<lang>.json; the choice is kept in localStorage.

export const LANGUAGES = [
  { code: "en", name: "English" },
  { code: "zh-CN", name: "简体中文" },
];
const STORE_KEY = "studio.lang";
let lang = "en";
let strings = {};
let fallback = {};

async function load(code) {
  const response = await fetch(`/ui/i18n/${code}.json`, { cache: "no-cache" });
  if (!response.ok) throw new Error(`translations ${code} could not be loaded (${response.status})`);
  return response.json();
}

function preferred() {
  const stored = localStorage.getItem(STORE_KEY);
  if (LANGUAGES.some((l) => l.code === stored)) return stored;
  return (navigator.language || "").toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export async function initI18n() {
  fallback = await load("en");
  await setLang(preferred(), { persist: false });
}

export async function setLang(code, { persist = true } = {}) {
  lang = LANGUAGES.some((l) => l.code === code) ? code : "en";
  strings = lang === "en" ? fallback : await load(lang);
  if (persist) localStorage.setItem(STORE_KEY, lang);
  document.documentElement.lang = lang;
  translateStatic(document);
}

export function getLang() {
  return lang;
}

// t("batch.summary", {videos: 3}) -> "3 videos"; a missing key shows itself so it gets noticed
export function t(key, vars = {}) {
  const text = strings[key] ?? fallback[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

// true when the current language (or English) has the key: lets a caller fall back to text it
// already has (the server's English `detail`) instead of showing the key
export function hasText(key) {
  return key in strings || key in fallback;
}

export function translateStatic(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-aria]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nAria));
  }
}

export function fmtMoney(amount, currency) {
  if (amount === null || amount === undefined || amount === "") return "—";
  const value = Number(amount);
  if (!currency) return fmtNumber(value, 2);
  // render costs are fractions of a cent; "$0.00" would read as free
  if (value > 0 && value < 0.005) return t("common.lessThan", { amount: fmtMoney(0.01, currency) });
  try {
    return new Intl.NumberFormat(lang, { style: "currency", currency }).format(value);
  } catch {
    return `${fmtNumber(value, 2)} ${currency}`;
  }
}

export function fmtNumber(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "—";
  return new Intl.NumberFormat(lang, {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(Number(value));
}

export function fmtPercent(value, digits = 0) {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(lang, {
    style: "percent",
    maximumFractionDigits: digits,
  }).format(Number(value));
}

export function fmtDate(value) {
  if (!value) return "—";
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(value),
  );
}

export function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.round(Number(seconds));
  if (s < 60) return t("time.seconds", { n: s });
  return t("time.minutes", { m: Math.floor(s / 60), s: s % 60 });
}
