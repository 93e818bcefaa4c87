// Catalog: one import box for any file (the studio says what it found before importing), or a
// connected shop (Shopify Admin API, Google Sheets); then browse with photos, variants, search
// and a category filter; edit, delete and merge duplicates; pick products for a batch.
import { api } from "../api.js";
import { emptyState, loading, notice, pageHeader } from "../components.js";
import { clear, debounce, field, h } from "../dom.js";
import { fmtMoney, t } from "../i18n.js";
import { counted, importBox, importResult } from "../importbox.js";
import { deleteProduct, editProduct, mergeProducts, pickDuplicate, variantsList } from "../productdialogs.js";
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
  // a photo that moved, never uploaded or is not a picture: the card keeps the product's
  // initials and says so, instead of a broken icon or an error
  img.addEventListener("error", () => {
    img.replaceWith(initials(product), h("span", { class: "photo-note" }, t("catalog.photoBroken")));
  }, { once: true });
  return img;
}

function sourcesPanel(onImported) {
  const out = h("div", { "aria-live": "polite" });
  const tabs = [
    ["shopify", t("catalog.fromShopify")],
    ["sheets", t("catalog.fromSheets")],
  ];
  const body = h("div");
  const tabBar = h("div", { class: "tabs", role: "tablist", "aria-label": t("catalog.importFrom") });

  function sourceForm(source, inputs, hint) {
    const go = h("button", { type: "submit" }, t("catalog.runImport"));
    const form = h("form", {}, hint ? h("p", { class: "hint" }, hint) : null, inputs.map(([, label, el, note]) => field(label, el, note)), go);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const config = {};
      for (const [name, , el] of inputs) if (el.value.trim()) config[name] = el.value.trim();
      clear(out);
      go.disabled = true;
      try {
        const result = await api("POST", "/products/import-source", { json: { source, config } });
        out.append(importResult("catalog", result));
        onImported();
      } catch (error) {
        out.append(notice(error));
      } finally {
        go.disabled = false;
      }
    });
    return form;
  }

  const panes = {
    shopify: () => sourceForm("shopify", [
      ["shop", t("catalog.shopDomain"), h("input", { type: "text", placeholder: "my-shop.myshopify.com" })],
      ["access_token", t("catalog.accessToken"), h("input", { type: "password", autocomplete: "off" })],
    ], t("catalog.shopifyApiHint")),
    sheets: () => sourceForm("google_sheets", [
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
    const button = h("button", { type: "button", role: "tab", dataset: { tab: id }, "aria-controls": "import-pane" }, label);
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
  select("shopify");
  return h("section", { class: "panel", "aria-labelledby": "connect-h" }, h("h2", { id: "connect-h" }, t("catalog.connect")), tabBar, body, out);
}

function priceLine(product) {
  const was = Number(product.compare_at_price) > Number(product.price)
    ? h("s", { class: "muted", "aria-label": t("catalog.wasPrice", { price: fmtMoney(product.compare_at_price, product.currency) }) }, fmtMoney(product.compare_at_price, product.currency))
    : null;
  const prices = (product.variants || []).map((v) => Number(v.price ?? product.price)).filter((p) => !Number.isNaN(p));
  const from = prices.length > 1 && Math.min(...prices) !== Math.max(...prices);
  return h("span", { class: "price" }, from ? t("catalog.fromPrice", { price: fmtMoney(Math.min(...prices), product.currency) }) : fmtMoney(product.price, product.currency), was ? " " : null, was);
}

function productCard(product, selected, { onToggle, onEdit, onDelete }) {
  const box = h("input", { type: "checkbox", checked: selected });
  box.addEventListener("change", () => {
    onToggle(product.id, box.checked);
    card.classList.toggle("selected", box.checked);
  });
  const variants = product.variants?.length
    ? h("details", { class: "variants" }, h("summary", {}, counted("variants", product.variants.length)), variantsList(product))
    : null;
  const card = h(
    "article",
    { class: `card${selected ? " selected" : ""}`, dataset: { productId: product.id } },
    h("div", { class: "thumb" }, productThumb(product)),
    h(
      "div",
      { class: "body" },
      h("h3", { class: "title-line" }, product.title),
      priceLine(product),
      product.category ? h("span", { class: "muted small-text" }, product.category) : null,
      variants,
      h("label", { class: "checks" }, box, t("catalog.useInBatch")),
      h("div", { class: "row card-actions" },
        h("button", { type: "button", class: "secondary small", onclick: () => onEdit(product), "aria-label": t("catalog.editLabel", { title: product.title }) }, t("catalog.edit")),
        h("button", { type: "button", class: "secondary small", onclick: () => onDelete(product), "aria-label": t("catalog.deleteLabel", { title: product.title }) }, t("catalog.delete"))),
    ),
  );
  return card;
}

function duplicatesPanel(panel, groups, onMerge) {
  if (!groups.length) {
    panel.hidden = true;
    clear(panel);
    return;
  }
  panel.hidden = false;
  clear(panel,
    h("h2", { id: "dupes-h" }, t("catalog.duplicates")),
    h("p", { class: "hint" }, t("catalog.duplicatesHint")),
    h("ul", { class: "plain" }, groups.map((g) => h("li", { class: "spread" },
      h("span", {}, t("catalog.duplicateGroup", { title: g.title, n: g.products.length })),
      h("button", { type: "button", class: "secondary small", onclick: () => onMerge(g.products) }, t("catalog.reviewMerge"))))));
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
  const dupes = h("section", { class: "panel notice-panel", "aria-labelledby": "dupes-h", hidden: true });

  function showSelected() {
    selectedLine.textContent = t("catalog.selected", { n: getSelection("products").size });
  }

  async function refreshDuplicates() {
    try {
      const found = await api("GET", "/products/duplicates", { template: "/products/duplicates" });
      duplicatesPanel(dupes, found.data, merge);
    } catch {
      duplicatesPanel(dupes, [], merge); // an older server: no duplicates shown, nothing breaks
    }
  }

  async function changed() {
    await Promise.all([load(), refreshDuplicates()]);
  }

  async function merge(products) {
    const merged = await mergeProducts(products);
    if (!merged) return;
    for (const id of merged.removed) toggleSelection("products", id, false);
    showSelected();
    ctx.toast(t("catalog.merged", { title: merged.product.title, videos: counted("videos", merged.videos_moved) }));
    await changed();
  }

  async function edit(product) {
    const saved = await editProduct(product, {
      onMerge: async (p) => {
        const other = await pickDuplicate(p);
        if (other) await merge([p, other]);
      },
    });
    if (saved && saved !== product) {
      ctx.toast(t("catalog.saved", { title: saved.title }));
      await changed();
    }
  }

  async function remove(product) {
    if (!(await deleteProduct(product))) return;
    toggleSelection("products", product.id, false);
    showSelected();
    ctx.toast(t("catalog.deleted", { title: product.title }));
    await changed();
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
      const actions = { onToggle: (id, on) => { toggleSelection("products", id, on); showSelected(); }, onEdit: edit, onDelete: remove };
      clear(
        list,
        page.data.length
          ? h("div", { class: "grid" }, page.data.map((p) => productCard(p, chosen.has(p.id), actions)))
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
    importBox({ page: "catalog", title: t("catalog.import"), onImported: changed, navigate: ctx.navigate }),
    dupes,
    h(
      "section",
      { class: "panel", "aria-labelledby": "products-h" },
      h("div", { class: "spread" }, h("h2", { id: "products-h" }, t("catalog.products")), h("div", { class: "row" }, selectedLine, toBatch)),
      h("div", { class: "row", role: "search" }, field(t("catalog.search"), q), field(t("catalog.category"), category), categories),
      count,
      list,
    ),
    sourcesPanel(changed),
  );
  await Promise.all([load(), refreshDuplicates()]);
}
