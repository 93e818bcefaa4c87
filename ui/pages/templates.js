// Template gallery: preview thumbnails rendered with one of the seller's products, a form built
// from the chosen template's field schema, and a live low-resolution preview as fields change.
import { api } from "../api.js";
import { busy, emptyState, info, loading, notice, pageHeader } from "../components.js";
import { clear, debounce, field, h } from "../dom.js";
import { fmtDuration, t } from "../i18n.js";
import { getSelection, toggleSelection } from "../selection.js";

const objectUrls = new Set();

function keepUrl(blob) {
  const url = URL.createObjectURL(blob);
  objectUrls.add(url);
  return url;
}

async function previewBlob(templateId, body) {
  return api("POST", `/templates/${encodeURIComponent(templateId)}/preview`, {
    json: body,
    blob: true,
    template: "/templates/{id}/preview",
  });
}

// One control per field type; empty means "use the product's value" (the binding).
function control(name, spec) {
  const label = spec.label || name;
  const hintParts = [];
  if (spec.help) hintParts.push(spec.help);
  if (spec.bind) hintParts.push(t("templates.boundTo", { bind: spec.bind }));
  if (spec.required) hintParts.push(t("templates.required"));
  let el;
  if (spec.type === "choice") {
    el = h("select", {}, h("option", { value: "" }, t("templates.defaultChoice")), (spec.options || []).map((o) => h("option", { value: o, selected: o === spec.default }, o)));
  } else if (spec.type === "color") {
    el = h("input", { type: "color", value: /^#[0-9a-f]{6}$/i.test(spec.default || "") ? spec.default : "#000000" });
  } else if (spec.type === "money") {
    el = h("input", { type: "number", step: "0.01", min: "0", inputmode: "decimal" });
  } else if (spec.type === "image_list") {
    el = h("textarea", { rows: "2" });
    hintParts.push(t("templates.oneImagePerLine"));
  } else {
    el = h("input", { type: "text", maxlength: spec.max_length || null });
  }
  if (spec.type !== "color" && spec.type !== "choice" && spec.default != null) el.placeholder = String(spec.default);
  el.name = name;
  el.dataset.type = spec.type;
  if (spec.bind) {
    el.dataset.bind = spec.bind;
    el.dataset.fallback = spec.default != null ? String(spec.default) : "";
  }
  el.dataset.initial = el.value;
  return field(label, el, hintParts.join(" · "));
}

// product.title, product.images[0], product.attributes.material → the chosen product's value
function boundValue(product, bind) {
  if (!product || !bind) return null;
  let value = product;
  for (const part of bind.replace(/^product\.?/, "").match(/[A-Za-z_][A-Za-z0-9_]*|\[\d+\]/g) || []) {
    if (value == null) return null;
    value = part.startsWith("[") ? value[Number(part.slice(1, -1))] : value[part];
  }
  if (Array.isArray(value)) return value.join("\n");
  return value == null ? null : String(value);
}

function showBindings(form, product) {
  for (const el of form.querySelectorAll("[data-bind]")) {
    let value = boundValue(product, el.dataset.bind);
    if (value != null && el.dataset.type === "money") value = String(Number(value));
    el.placeholder = value ?? el.dataset.fallback ?? "";
  }
}

function overridesOf(form) {
  const overrides = {};
  for (const el of form.querySelectorAll("[data-type]")) {
    const value = el.value.trim();
    if (!value || value === el.dataset.initial) continue;
    if (el.dataset.type === "image_list") overrides[el.name] = value.split(/\n+/).map((x) => x.trim()).filter(Boolean);
    else overrides[el.name] = value;
  }
  return overrides;
}

function templateCard(template, firstProduct, onOpen) {
  const thumb = h("div", { class: `thumb tall${firstProduct ? " pending" : ""}` }, h("span", { class: "muted small-text" }, firstProduct ? t("common.loading") : t("templates.noProduct")));
  const chosen = getSelection("templates").has(template.id);
  const box = h("input", { type: "checkbox", checked: chosen });
  box.addEventListener("change", () => toggleSelection("templates", template.id, box.checked));
  const open = h("button", { type: "button", class: "secondary small" }, t("templates.open"));
  open.addEventListener("click", () => onOpen(template));
  if (firstProduct) {
    // a moment past the opening hook, where the product is on screen
    previewBlob(template.id, { product_id: firstProduct.id, format: "9:16", output: "jpeg", at: Math.round(template.duration * 0.4) })
      .then((blob) => clear(thumb, h("img", { src: keepUrl(blob), alt: t("templates.thumbAlt", { name: template.name }) })))
      .catch((error) => clear(thumb, h("span", { class: "muted small-text error-text" }, error.message)))
      .finally(() => thumb.classList.remove("pending"));
  }
  return h(
    "article",
    { class: "card", dataset: { templateId: template.id } },
    thumb,
    h(
      "div",
      { class: "body" },
      h("h3", {}, template.name),
      template.description ? h("p", { class: "muted small-text clamp", title: template.description }, template.description) : null,
      h("p", { class: "small-text" }, `${fmtDuration(template.duration)} · ${template.formats.join(" ")}`),
      h("label", { class: "checks" }, box, t("templates.useInBatch")),
      open,
    ),
  );
}

async function detail(panel, template, products) {
  clear(panel, loading());
  const full = await api("GET", `/templates/${encodeURIComponent(template.id)}`, { template: "/templates/{id}" });
  const product = h("select", { name: "product" }, products.map((p) => h("option", { value: p.id }, p.title)));
  const format = h("select", { name: "format" }, full.formats.map((f) => h("option", { value: f }, f)));
  const at = h("input", { type: "range", min: "0", max: String(Math.max(0, full.duration - 0.1)), step: "0.5", value: String(Math.round(full.duration * 0.4)) });
  const atText = h("output", { class: "muted" }, fmtDuration(Number(at.value)));
  at.addEventListener("input", () => (atText.textContent = fmtDuration(Number(at.value))));
  const box = h("div", { class: "preview-box", "aria-live": "polite" }, h("span", { class: "muted" }, t("templates.previewHint")));
  const message = h("div");
  const form = h("form", {}, Object.entries(full.fields).map(([name, spec]) => control(name, spec)));
  const videoButton = h("button", { type: "button", class: "secondary" }, t("templates.previewVideo"));

  function body(output) {
    return { product_id: Number(product.value), format: format.value, overrides: overridesOf(form), output, at: Number(at.value) };
  }
  let ticket = 0;
  async function still() {
    if (!products.length) return;
    const mine = ++ticket;
    clear(message);
    try {
      const blob = await previewBlob(full.id, body("jpeg"));
      if (mine !== ticket) return;
      clear(box, h("img", { src: keepUrl(blob), alt: t("templates.previewAlt", { name: full.name }), dataset: { preview: "still" } }));
    } catch (error) {
      if (mine === ticket) clear(message, notice(error));
    }
  }
  const byId = Object.fromEntries(products.map((p) => [String(p.id), p]));
  showBindings(form, byId[product.value]);
  product.addEventListener("change", () => showBindings(form, byId[product.value]));
  const live = debounce(still, 500);
  for (const el of [product, format, at]) el.addEventListener("change", live);
  form.addEventListener("input", live);
  videoButton.addEventListener("click", async () => {
    clear(message);
    try {
      const blob = await busy(videoButton, () => previewBlob(full.id, body("mp4")));
      clear(box, h("video", { src: keepUrl(blob), controls: true, autoplay: true, muted: true, "aria-label": t("templates.previewAlt", { name: full.name }) }));
    } catch (error) {
      clear(message, notice(error));
    }
  });
  clear(
    panel,
    h("h2", { id: "detail-h", tabindex: "-1" }, full.name),
    h("p", { class: "muted small-text" }, `${t("templates.version")} ${full.version}`),
    products.length ? null : info(t("templates.noProduct")),
    h("div", { class: "split" },
      h("div", {},
        h("div", { class: "row" }, field(t("templates.product"), product), field(t("templates.format"), format)),
        h("div", { class: "row" }, field(t("templates.at"), at), atText),
        h("h3", {}, t("templates.fields")),
        form,
        full.music_license ? h("p", { class: "muted small-text" }, `${t("templates.music")}: ${full.music_license}`) : null),
      h("div", { class: "stack" }, box, message, videoButton)),
  );
  panel.querySelector("h2").focus();
  still();
}

export async function render(root) {
  const gallery = h("div", {}, loading());
  const panel = h("section", { class: "panel", "aria-labelledby": "detail-h" }, h("h2", { id: "detail-h" }, t("templates.chooseOne")));
  root.append(pageHeader("nav.templates", "templates.intro"), gallery, panel, h("p", {}, h("a", { class: "button", href: "#/batch" }, t("catalog.toBatch"))));
  try {
    const [templates, products] = await Promise.all([api("GET", "/templates"), api("GET", "/products?limit=100")]);
    const first = products.data[0];
    clear(
      gallery,
      templates.data.length
        ? h("div", { class: "grid" }, templates.data.map((tpl) => templateCard(tpl, first, (x) => detail(panel, x, products.data).catch((e) => clear(panel, notice(e))))))
        : emptyState(t("templates.empty")),
    );
  } catch (error) {
    clear(gallery, notice(error));
  }
  return () => {
    for (const url of objectUrls) URL.revokeObjectURL(url);
    objectUrls.clear();
  };
}
