// Catalog: import from a file (CSV, Shopify export) or a source (Shopify Admin API, Google
// Sheets), then browse with images, search and a category filter; pick products for a batch.
import { api } from "../api.js";
import { busy, emptyState, loading, notice, pageHeader } from "../components.js";
import { clear, debounce, field, h, table } from "../dom.js";
import { fmtMoney, t } from "../i18n.js";
import { getSelection, toggleSelection } from "../selection.js";

const PAGE_SIZE = 24;

// Web links load straight from the shop's CDN; photos stored on this server come through the
// API, which serves only files inside its media folder and only for this workspace.
export function productImage(product, index = 0) {
  const ref = String(product.images?.[index] || "");
  if (!ref) return null;
  if (/^https?:\/\//.test(ref)) return ref;
  return `/api/v1/products/${product.id}/images/${index}`;
}

function initials(product) {
  const letters = product.title
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0] || "")
    .join("");
  return h("span", { class: "placeholder", "aria-hidden": "true" }, letters.toUpperCase());
}

export function productThumb(product) {
  const src = productImage(product);
  if (!src) return initials(product);
  const img = h("img", { src, alt: product.title, loading: "lazy" });
  // a photo that moved or never uploaded: the card keeps its initials instead of a broken icon
  img.addEventListener("error", () => img.replaceWith(initials(product)), { once: true });
  return img;
}

function importResult(result) {
  const stored = result.stored ?? (result.created || 0) + (result.updated || 0);
  const rejected = result.rejected || [];
  const parts = [
    h("p", { class: "notice ok", role: "status" }, t("catalog.imported", { stored, rejected: rejected.length })),
  ];
  if (result.warnings?.length) {
    parts.push(h("div", { class: "notice missing" }, h("strong", {}, t("catalog.warnings")), h("ul", {}, result.warnings.map((w) => h("li", {}, w)))));
  }
  if (rejected.length) {
    parts.push(
      table(
        t("catalog.rejectedRows"),
        [t("catalog.row"), t("catalog.reason")],
        rejected.map((r) => [r.row_number ?? "—", r.reason]),
      ),
    );
  }
  return h("div", { class: "stack" }, parts);
}

function importPanel(onImported) {
  const out = h("div", { "aria-live": "polite" });
  const tabs = [
    ["file", t("catalog.fromFile")],
    ["shopify", t("catalog.fromShopify")],
    ["sheets", t("catalog.fromSheets")],
  ];
  const body = h("div");
  const tabBar = h("div", { class: "tabs", role: "tablist", "aria-label": t("catalog.importFrom") });

  async function run(button, action) {
    clear(out);
    try {
      const result = await busy(button, action);
      out.append(importResult(result));
      onImported();
    } catch (error) {
      out.append(notice(error));
    }
  }

  function fileForm(source, hintKey) {
    const file = h("input", { type: "file", accept: ".csv,.tsv,.xlsx,.txt", required: true });
    const go = h("button", { type: "submit" }, t("catalog.upload"));
    const form = h("form", {}, field(t("catalog.file"), file, t(hintKey)), go);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!file.files.length) {
        clear(out, notice(t("catalog.chooseFile")));
        file.focus();
        return;
      }
      const data = new FormData();
      data.append("file", file.files[0]);
      data.append("source", source);
      run(go, () => api("POST", "/products/import", { form: data }));
    });
    return form;
  }

  function sourceForm(source, inputs) {
    const go = h("button", { type: "submit" }, t("catalog.runImport"));
    const form = h("form", {}, inputs.map(([, label, el, hint]) => field(label, el, hint)), go);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const config = {};
      for (const [name, , el] of inputs) if (el.value.trim()) config[name] = el.value.trim();
      run(go, () => api("POST", "/products/import-source", { json: { source, config } }));
    });
    return form;
  }

  const panes = {
    file: () => fileForm("csv", "catalog.csvHint"),
    shopify: () =>
      h(
        "div",
        { class: "split" },
        h("div", {}, h("h3", {}, t("catalog.shopifyExport")), fileForm("shopify", "catalog.shopifyHint")),
        h(
          "div",
          {},
          h("h3", {}, t("catalog.shopifyApi")),
          sourceForm("shopify", [
            ["shop", t("catalog.shopDomain"), h("input", { type: "text", placeholder: "my-shop.myshopify.com" })],
            ["access_token", t("catalog.accessToken"), h("input", { type: "password", autocomplete: "off" })],
          ]),
        ),
      ),
    sheets: () =>
      sourceForm("google_sheets", [
        ["url", t("catalog.sheetUrl"), h("input", { type: "url", placeholder: "https://docs.google.com/spreadsheets/d/…" }), t("catalog.sheetHint")],
      ]),
  };

  function select(id) {
    for (const button of tabBar.children) {
      const on = button.dataset.tab === id;
      button.setAttribute("aria-selected", String(on));
      button.tabIndex = on ? 0 : -1;
    }
    clear(body, panes[id]());
    clear(out);
  }
  for (const [id, label] of tabs) {
    const button = h(
      "button",
      { type: "button", role: "tab", dataset: { tab: id }, "aria-controls": "import-pane" },
      label,
    );
    button.addEventListener("click", () => select(id));
    button.addEventListener("keydown", (event) => {
      const index = tabs.findIndex(([x]) => x === id);
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = tabs[(index + step + tabs.length) % tabs.length][0];
      select(next);
      tabBar.querySelector(`[data-tab="${next}"]`).focus();
    });
    tabBar.append(button);
  }
  body.id = "import-pane";
  body.setAttribute("role", "tabpanel");
  select("file");
  return h("section", { class: "panel", "aria-labelledby": "import-h" }, h("h2", { id: "import-h" }, t("catalog.import")), tabBar, body, out);
}

function productCard(product, selected, onToggle) {
  const box = h("input", { type: "checkbox", checked: selected });
  box.addEventListener("change", () => {
    onToggle(product.id, box.checked);
    card.classList.toggle("selected", box.checked);
  });
  const card = h(
    "article",
    { class: `card${selected ? " selected" : ""}`, dataset: { productId: product.id } },
    h("div", { class: "thumb" }, productThumb(product)),
    h(
      "div",
      { class: "body" },
      h("h3", { class: "title-line" }, product.title),
      h("span", { class: "price" }, fmtMoney(product.price, product.currency)),
      product.category ? h("span", { class: "muted small-text" }, product.category) : null,
      h("label", { class: "checks" }, box, t("catalog.useInBatch")),
    ),
  );
  return card;
}

export async function render(root, ctx) {
  const list = h("div", { "aria-live": "polite" });
  const q = h("input", { type: "search", name: "q" });
  const category = h("input", { type: "text", name: "category", list: "categories" });
  const categories = h("datalist", { id: "categories" });
  const seenCategories = new Set();
  const count = h("p", { class: "muted" });
  let offset = 0;
  const selectedLine = h("p", { class: "muted" });
  const toBatch = h("a", { class: "button", href: "#/batch" }, t("catalog.toBatch"));

  function showSelected() {
    selectedLine.textContent = t("catalog.selected", { n: getSelection("products").size });
  }

  async function load() {
    clear(list, loading());
    const params = new URLSearchParams({ limit: PAGE_SIZE, offset });
    if (q.value.trim()) params.set("q", q.value.trim());
    if (category.value.trim()) params.set("category", category.value.trim());
    try {
      const page = await api("GET", `/products?${params}`);
      for (const p of page.data) if (p.category && !seenCategories.has(p.category)) {
        seenCategories.add(p.category);
        categories.append(h("option", { value: p.category }));
      }
      count.textContent = t("catalog.count", { n: page.count });
      const chosen = getSelection("products");
      const pager = h(
        "div",
        { class: "row" },
        h("button", { type: "button", class: "secondary", disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - PAGE_SIZE); load(); } }, t("common.previous")),
        h("button", { type: "button", class: "secondary", disabled: offset + PAGE_SIZE >= page.count, onclick: () => { offset += PAGE_SIZE; load(); } }, t("common.next")),
      );
      clear(
        list,
        page.data.length
          ? h("div", { class: "grid" }, page.data.map((p) => productCard(p, chosen.has(p.id), (id, on) => { toggleSelection("products", id, on); showSelected(); })))
          : emptyState(t("catalog.empty")),
        page.count > PAGE_SIZE ? pager : null,
      );
    } catch (error) {
      clear(list, notice(error));
    }
  }

  const reload = debounce(() => { offset = 0; load(); }, 300);
  q.addEventListener("input", reload);
  category.addEventListener("input", reload);
  showSelected();
  root.append(
    pageHeader("nav.catalog", "catalog.intro"),
    importPanel(load),
    h(
      "section",
      { class: "panel", "aria-labelledby": "products-h" },
      h("div", { class: "spread" }, h("h2", { id: "products-h" }, t("catalog.products")), h("div", { class: "row" }, selectedLine, toBatch)),
      h("div", { class: "row", role: "search" }, field(t("catalog.search"), q), field(t("catalog.category"), category), categories),
      count,
      list,
    ),
  );
  await load();
}
