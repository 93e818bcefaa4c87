// Catalog management: edit a product, delete it, merge duplicates — each says what happens to
// the product's videos before the seller confirms (they stay, with their own copy of what they
// showed) — and a product's variants (options, SKU, price, compare-at price).
import { api } from "./api.js";
import { busy, notice } from "./components.js";
import { clear, field, h, table } from "./dom.js";
import { fmtMoney, t } from "./i18n.js";
import { counted } from "./importbox.js";

// "Size: S · Color: Sand", or the variant's own name
export function variantName(variant) {
  const options = Object.entries(variant.options || {});
  if (options.length) return options.map(([name, value]) => `${name}: ${value}`).join(" · ");
  return variant.title || t("catalog.defaultVariant");
}

// the variants as a short list, for a product card
export function variantsList(product) {
  return h("ul", { class: "variant-list" }, product.variants.map((v) => h("li", {},
    h("span", { class: "variant-name" }, variantName(v)), " ",
    h("span", { class: "muted" }, [v.sku ? `${t("catalog.sku")} ${v.sku} · ` : "", fmtMoney(v.price ?? product.price, product.currency)].join("")),
    v.compare_at_price ? [" ", h("s", { class: "muted", "aria-label": t("catalog.wasPrice", { price: fmtMoney(v.compare_at_price, product.currency) }) }, fmtMoney(v.compare_at_price, product.currency))] : null)));
}

export function variantsTable(product) {
  return table(
    t("catalog.variantsOf", { title: product.title }),
    [t("catalog.variant"), t("catalog.sku"), t("catalog.price"), t("catalog.compareAt")],
    product.variants.map((v) => [
      variantName(v),
      v.sku || "—",
      fmtMoney(v.price ?? product.price, product.currency),
      v.compare_at_price ? fmtMoney(v.compare_at_price, product.currency) : "—",
    ]),
    { hideCaption: true },
  );
}

// How many of the product's videos the seller sees in the library.
async function videoCount(product) {
  const page = await api("GET", `/videos?product_id=${product.id}&limit=1`);
  return page.count;
}

function sourceLabel(product) {
  const key = `catalog.from.${product.source || "hand"}`;
  const text = t(key);
  return text === key ? t("catalog.from.other") : text;
}

// A modal dialog; resolves when it closes. build(close) returns its body.
export function openDialog(titleText, build) {
  const heading = h("h2", { id: "dialog-title" }, titleText);
  const dialog = h("dialog", { class: "dialog", "aria-labelledby": "dialog-title" });
  return new Promise((resolve) => {
    const close = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      close(null);
    });
    clear(dialog, heading, build(close));
    document.body.append(dialog);
    dialog.showModal();
  });
}

function cancelButton(close) {
  return h("button", { type: "button", class: "secondary", onclick: () => close(null) }, t("catalog.cancel"));
}

export function deleteProduct(product) {
  return openDialog(t("catalog.deleteTitle", { title: product.title }), (close) => {
    const said = h("p", { class: "loading", role: "status" }, t("common.loading"));
    const message = h("div");
    const go = h("button", { type: "button", class: "danger" }, t("catalog.deleteConfirm"));
    videoCount(product).then((n) => {
      clear(said, n === 1 ? t("catalog.deleteVideo") : n ? t("catalog.deleteVideos", { n }) : t("catalog.deleteNoVideos"));
      said.className = "said";
    }).catch((error) => clear(said, notice(error)));
    go.addEventListener("click", async () => {
      try {
        await busy(go, () => api("DELETE", `/products/${product.id}`, { template: "/products/{product_id}" }));
        close(true);
      } catch (error) {
        clear(message, notice(error));
      }
    });
    return h("div", { class: "stack" }, said, message, h("div", { class: "row" }, go, cancelButton(close)));
  });
}

const MONEY = ["price", "compare_at_price", "cost"];
const EDITABLE = [
  ["title", "text", "catalog.title"],
  ["price", "text", "catalog.price"],
  ["compare_at_price", "text", "catalog.compareAt"],
  ["cost", "text", "catalog.cost"],
  ["currency", "text", "catalog.currency"],
  ["category", "text", "catalog.category"],
];

export function editProduct(product, { onMerge } = {}) {
  return openDialog(t("catalog.editTitle", { title: product.title }), (close) => {
    const inputs = {};
    // amounts as a seller writes them: 4.2, not the stored 4.200000
    const shown = (name) => (MONEY.includes(name) && product[name] != null ? String(Number(product[name])) : String(product[name] ?? ""));
    const controls = EDITABLE.map(([name, type, label]) => {
      const input = h("input", { type, name, value: shown(name), inputmode: MONEY.includes(name) ? "decimal" : null });
      inputs[name] = input;
      return field(t(label), input, name === "currency" ? t("catalog.currencyHint") : null);
    });
    const description = h("textarea", { name: "description", rows: 4 }, product.description || "");
    const message = h("div");
    const save = h("button", { type: "submit" }, t("catalog.save"));
    const form = h("form", { class: "stack" },
      h("div", { class: "edit-grid" }, controls), field(t("catalog.description"), description), message,
      product.variants?.length ? h("div", {}, h("h3", {}, t("catalog.variants")), h("p", { class: "hint" }, t("catalog.variantsHint")), variantsTable(product)) : null,
      h("div", { class: "row" }, save, cancelButton(close),
        onMerge ? h("button", { type: "button", class: "secondary", onclick: () => { close(null); onMerge(product); } }, t("catalog.mergeDuplicate")) : null));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = {};
      for (const [name] of EDITABLE) {
        const value = inputs[name].value.trim();
        if (value === shown(name)) continue;
        body[name] = value === "" && ["compare_at_price", "cost"].includes(name) ? null : value;
      }
      if (description.value !== (product.description || "")) body.description = description.value;
      try {
        const saved = Object.keys(body).length
          ? await busy(save, () => api("PATCH", `/products/${product.id}`, { json: body, template: "/products/{product_id}" }))
          : product;
        close(saved);
      } catch (error) {
        clear(message, notice(error));
      }
    });
    return form;
  });
}

// Merge: the seller picks the product to keep among `products`; the others are removed and
// their videos now belong to it.
export function mergeProducts(products) {
  return openDialog(t("catalog.mergeTitle"), (close) => {
    let keep = products[0].id;
    const counts = new Map();
    const said = h("p", { class: "said", "aria-live": "polite" });
    const message = h("div");
    const go = h("button", { type: "button" }, t("catalog.mergeConfirm"));

    function describe() {
      const kept = products.find((p) => p.id === keep);
      const others = products.filter((p) => p.id !== keep);
      const moving = others.reduce((sum, p) => sum + (counts.get(p.id) || 0), 0);
      const named = (p) => t("catalog.namedFrom", { title: p.title, from: sourceLabel(p) });
      clear(said, t("catalog.mergeSays", {
        others: others.map(named).join(t("imports.comma")),
        kept: named(kept), videos: counted("videos", moving),
      }));
    }

    const choices = products.map((p) => {
      const radio = h("input", { type: "radio", name: "keep", value: String(p.id), checked: p.id === keep });
      radio.addEventListener("change", () => { keep = p.id; describe(); });
      const facts = h("span", { class: "muted small-text" });
      return { p, facts, row: h("label", { class: "merge-choice" }, radio, h("span", {}, h("strong", {}, p.title), " ",
        fmtMoney(p.price, p.currency), h("br"), facts)) };
    });
    Promise.all(products.map((p) => videoCount(p).then((n) => counts.set(p.id, n)))).then(() => {
      for (const { p, facts } of choices) {
        clear(facts, [sourceLabel(p), counted("variants", p.variants?.length || 0),
          counted("photos", p.images?.length || 0), counted("videos", counts.get(p.id) || 0)].join(" · "));
      }
      describe();
    }).catch((error) => clear(message, notice(error)));
    describe();
    go.addEventListener("click", async () => {
      const duplicates = products.filter((p) => p.id !== keep).map((p) => p.id);
      try {
        const merged = await busy(go, () => api("POST", `/products/${keep}/merge`, { json: { duplicates }, template: "/products/{product_id}/merge" }));
        close(merged);
      } catch (error) {
        clear(message, notice(error));
      }
    });
    return h("div", { class: "stack" },
      h("fieldset", {}, h("legend", {}, t("catalog.keepWhich")), choices.map((c) => c.row)),
      said, message, h("div", { class: "row" }, go, cancelButton(close)));
  });
}

// Pick the duplicate of `product` to merge: the catalog searched by title.
export function pickDuplicate(product) {
  return openDialog(t("catalog.pickDuplicateTitle", { title: product.title }), (close) => {
    const q = h("input", { type: "search", name: "q", value: product.title });
    const list = h("div", { "aria-live": "polite" });
    async function search() {
      clear(list, h("p", { class: "loading", role: "status" }, t("common.loading")));
      try {
        const params = new URLSearchParams({ limit: 20 });
        if (q.value.trim()) params.set("q", q.value.trim());
        const page = await api("GET", `/products?${params}`);
        const others = page.data.filter((p) => p.id !== product.id);
        clear(list, others.length
          ? h("ul", { class: "plain" }, others.map((p) => h("li", {}, h("button", { type: "button", class: "secondary pick", onclick: () => close(p) },
            `${p.title} · ${fmtMoney(p.price, p.currency)} · ${sourceLabel(p)}`))))
          : h("p", { class: "muted" }, t("catalog.noOther")));
      } catch (error) {
        clear(list, notice(error));
      }
    }
    let timer;
    q.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 300); });
    search();
    return h("div", { class: "stack" }, field(t("catalog.search"), q), list, h("div", { class: "row" }, cancelButton(close)));
  });
}
