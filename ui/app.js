// The studio shell: hash router, navigation, language switch, sign-in state.
import { api, ApiError, loadRoutes } from "./api.js";
import { clearSelection } from "./selection.js";
import { notice } from "./components.js";
import { clear, h } from "./dom.js";
import { getLang, initI18n, LANGUAGES, setLang, t } from "./i18n.js";

export const PAGES = [
  "catalog",
  "templates",
  "brand",
  "batch",
  "tasks",
  "videos",
  "candidates",
  "ads",
  "connections",
  "roi",
  "autopilot",
  "events",
  "usage",
  "plugins",
  "keys",
  "team",
];
// pages for someone signed out; a link from a mail (reset, invitation) opens signed in too
const SIGNED_OUT = ["signin", "signup", "forgot", "reset", "invite"];
const LINK_PAGES = ["reset", "invite"];
const SIGNED_IN = "studio.signedIn";
const main = document.getElementById("main");
const nav = document.getElementById("nav");
const menuToggle = document.getElementById("menu-toggle");
let user = null;
let cleanup = null;
let rendering = 0;
let routed = false;

function parseHash() {
  const [page, ...params] = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  return { page: page || "catalog", params: params.map(decodeURIComponent) };
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

export function toast(text) {
  const box = document.getElementById("toast");
  box.textContent = text;
  box.classList.add("show");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove("show"), 4000);
}

function renderNav(current) {
  const signedIn = Boolean(user);
  document.getElementById("sign-out").hidden = !signedIn;
  menuToggle.hidden = !signedIn;
  clear(
    nav,
    signedIn
      ? h(
          "ul",
          {},
          PAGES.map((id) =>
            h(
              "li",
              {},
              h(
                "a",
                { href: `#/${id}`, "aria-current": id === current ? "page" : null },
                t(`nav.${id}`),
              ),
            ),
          ),
        )
      : null,
  );
}

function renderLanguages() {
  const select = document.getElementById("lang");
  clear(
    select,
    LANGUAGES.map((l) => h("option", { value: l.code, selected: l.code === getLang() }, l.name)),
  );
}

async function route() {
  const ticket = ++rendering;
  main.dataset.busy = "true";
  const { page, params } = parseHash();
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const known = user ? [...PAGES, ...LINK_PAGES] : SIGNED_OUT;
  const id = known.includes(page) ? page : user ? "catalog" : "signin";
  renderNav(id);
  nav.classList.remove("open");
  menuToggle.setAttribute("aria-expanded", "false");
  document.title = `${t(SIGNED_OUT.includes(id) ? `${id}.title` : `nav.${id}`)} · ${t("app.name")}`;
  try {
    const module = await import(`./pages/${id}.js`);
    if (ticket !== rendering) return;
    clear(main);
    const ctx = { params, navigate, toast, user, onSignedIn, signOut };
    cleanup = (await module.render(main, ctx)) || null;
    main.dataset.page = id;
  } catch (error) {
    if (ticket !== rendering) return;
    clear(main, h("h1", { tabindex: "-1" }, t("common.error")), notice(error));
  }
  delete main.dataset.busy;
  // a page that already moved focus (e.g. to the chosen video) keeps it
  // (not on the first load: a keyboard user starts at the skip link)
  const focused = document.activeElement;
  if (routed && (!focused || focused === document.body || focused === main)) {
    main.querySelector("h1")?.focus({ preventScroll: true });
  }
  routed = true;
}

async function onSignedIn(signedInUser) {
  user = signedInUser;
  localStorage.setItem(SIGNED_IN, "1");
  const { page } = parseHash();
  navigate(PAGES.includes(page) ? location.hash || "#/catalog" : "#/catalog");
}

async function signOut() {
  try {
    await api("POST", "/auth/sign-out");
  } finally {
    user = null;
    localStorage.removeItem(SIGNED_IN);
    clearSelection();
    route();
  }
}

async function start() {
  await initI18n();
  renderLanguages();
  await loadRoutes();
  if (localStorage.getItem(SIGNED_IN)) {
    try {
      user = await api("GET", "/auth/me");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      localStorage.removeItem(SIGNED_IN);
    }
  }
  document.getElementById("lang").addEventListener("change", async (event) => {
    await setLang(event.target.value);
    route();
  });
  document.getElementById("sign-out").addEventListener("click", signOut);
  menuToggle.addEventListener("click", () => {
    const open = !nav.classList.contains("open");
    nav.classList.toggle("open", open);
    menuToggle.setAttribute("aria-expanded", String(open));
  });
  window.addEventListener("hashchange", route);
  // the hash is the router's: the skip link moves focus itself instead of changing it
  document.querySelector(".skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    main.focus();
  });
  window.addEventListener("studio:signed-out", () => {
    if (!user) return;
    user = null;
    localStorage.removeItem(SIGNED_IN);
    route();
  });
  await route();
  document.body.dataset.ready = "true";
}

start().catch((error) => clear(main, h("h1", {}, "Studio"), notice(error)));
