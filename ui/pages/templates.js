// Template gallery: each card plays the template's moving preview (a short low-resolution clip
// on the studio's sample product, made once per template version by a worker and kept), so a
// product with a broken photo never breaks the gallery. A form built from the chosen template's
// field schema gives a live low-resolution preview with the seller's own product.
//
// The gallery never holds up the rest of the studio: at most two of its requests are in flight
// at once (a browser has six connections to the server), it asks again for a clip still being
// made instead of waiting on the server, clips start loading two at a time, and everything it
// asked for is dropped the moment the seller opens another page.
import { API, api, ApiError, hasRoute } from "../api.js";
import { busy, emptyState, info, loading, notice, pageHeader } from "../components.js";
import { clear, debounce, field, h } from "../dom.js";
import { fmtDuration, hasText, t } from "../i18n.js";
import { getSelection, toggleSelection } from "../selection.js";

const AT_ONCE = 2; // gallery requests in flight at once
const ASK_AGAIN_MS = 2000; // while a clip is being made
const SAMPLE = "sample";

const objectUrls = new Set();

function keepUrl(blob) {
  const url = URL.createObjectURL(blob);
  objectUrls.add(url);
  return url;
}

// At most `max` tasks run at once; the others wait their turn.
function limiter(max) {
  let running = 0;
  const waiting = [];
  const next = () => {
    while (running < max && waiting.length) {
      const [task, resolve, reject] = waiting.shift();
      running += 1;
      Promise.resolve()
        .then(task)
        .then(resolve, reject)
        .finally(() => {
          running -= 1;
          next();
        });
    }
  };
  return (task) => new Promise((resolve, reject) => {
    waiting.push([task, resolve, reject]);
    next();
  });
}

// What the page asked for, so that leaving it stops all of it at once.
function pageWork() {
  const controller = new AbortController();
  const timers = new Set();
  const videos = new Set();
  const work = {
    signal: controller.signal,
    run: limiter(AT_ONCE),
    media: limiter(AT_ONCE),
    later(fn, ms) {
      const id = setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms);
      timers.add(id);
    },
    sleep: (ms) => new Promise((resolve) => work.later(resolve, ms)),
    // a clip starts loading when one of the AT_ONCE media slots is free
    play(video, src) {
      videos.add(video);
      return work.media(() => new Promise((resolve) => {
        if (controller.signal.aborted) return resolve();
        const done = () => resolve();
        video.addEventListener("loadeddata", done, { once: true });
        video.addEventListener("error", done, { once: true });
        work.later(done, 8000);
        video.src = src;
        video.play().catch(() => {});
      }));
    },
    stop() {
      controller.abort();
      for (const id of timers) clearTimeout(id);
      timers.clear();
      for (const video of videos) {
        video.pause();
        video.removeAttribute("src");
        video.load(); // drops the download
      }
      videos.clear();
    },
  };
  return work;
}

const reducedMotion = () => window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;

// The card's picture: a placeholder, then the moving preview (or its still, for a seller who
// asked for less motion), or a notice when the template cannot be previewed.
function galleryThumb(template, work) {
  const thumb = h("div", { class: "thumb tall", dataset: { preview: "pending" }, "aria-busy": "true" },
    h("span", { class: "muted small-text" }, t("templates.preparing")));
  const alt = t("templates.thumbAlt", { name: template.name });
  const show = (state, ...content) => {
    thumb.dataset.preview = state;
    thumb.removeAttribute("aria-busy");
    clear(thumb, ...content);
  };
  async function ask() {
    if (work.signal.aborted) return;
    let answer;
    try {
      answer = await work.run(() => api("POST", `/templates/${encodeURIComponent(template.id)}/gallery-preview`, {
        json: { format: "9:16" }, template: "/templates/{id}/gallery-preview", signal: work.signal,
      }));
    } catch (error) {
      if (!work.signal.aborted) show("failed", h("span", { class: "muted small-text" }, t("templates.previewUnavailable")));
      return;
    }
    if (work.signal.aborted) return;
    if (answer.status === "ready") {
      // the still (it carries the text alternative); the clip plays over it once loaded,
      // unless the seller asked for less motion
      const still = h("img", { src: answer.poster_url, alt });
      if (reducedMotion()) {
        show("ready", still);
        return;
      }
      const video = h("video", { muted: true, loop: true, playsInline: true, autoplay: true, preload: "none", "aria-hidden": "true" });
      video.muted = true;
      video.addEventListener("loadeddata", () => video.classList.add("playing"), { once: true });
      show("ready", still, video);
      work.play(video, answer.clip_url);
    } else if (answer.status === "failed") {
      show("failed", h("span", { class: "muted small-text" }, t("templates.previewUnavailable")));
    } else {
      work.later(ask, ASK_AGAIN_MS);
    }
  }
  if (hasRoute("POST", "/templates/{id}/gallery-preview")) ask();
  else show("failed", h("span", { class: "muted small-text" }, t("templates.previewUnavailable")));
  return thumb;
}

// A still or a low-resolution MP4 with the seller's product: the server waits a little for its
// worker, then answers 202 with a status URL; we follow it.
async function previewFile(templateId, body, work, signal) {
  let answer = await api("POST", `/templates/${encodeURIComponent(templateId)}/preview`, {
    json: body, blob: true, template: "/templates/{id}/preview", signal,
  });
  while (!(answer instanceof Blob)) {
    if (answer.status === "failed") {
      const detail = answer.error || t("templates.previewUnavailable");
      throw new ApiError(422, { code: "preview.failed", detail, params: { detail } }, answer.status_url);
    }
    if (answer.status === "succeeded" && answer.file_url) {
      return api("GET", answer.file_url.replace(API, ""), { blob: true, template: "/previews/{id}/file", signal });
    }
    await work.sleep(1000);
    if (signal.aborted) throw new DOMException("aborted", "AbortError");
    answer = await api("GET", answer.status_url.replace(API, ""), { template: "/previews/{id}", signal });
  }
  return answer;
}

// What a field takes from the product, in the seller's words: product.compare_at_price → "the
// product's compare-at (was) price", product.attributes.material → the product's "material"
function boundText(bind) {
  const path = bind.replace(/^product\.?/, "").replace(/\[\d+\]$/, "");
  const attribute = path.match(/^attributes\.(.+)$/);
  if (attribute) return t("templates.bind.attribute", { name: attribute[1].replace(/_/g, " ") });
  return hasText(`templates.bind.${path}`) ? t(`templates.bind.${path}`) : path.replace(/_/g, " ");
}

// One control per field type; empty means "use the product's value" (the binding).
function control(name, spec) {
  const label = spec.label || name;
  const hintParts = [];
  if (spec.help) hintParts.push(spec.help);
  if (spec.bind) hintParts.push(t("templates.boundTo", { bind: boundText(spec.bind) }));
  if (spec.required) hintParts.push(t("templates.required"));
  if (spec.from_brand) hintParts.push(t("templates.fromBrand"));
  let el;
  if (spec.type === "choice") {
    el = h("select", {}, h("option", { value: "" }, t("templates.defaultChoice")), (spec.options || []).map((o) => h("option", { value: o, selected: o === spec.default }, spec.option_labels?.[o] || o)));
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
  if (spec.type !== "color" && spec.type !== "choice" && spec.default != null && !(spec.from_brand && spec.type === "image")) el.placeholder = String(spec.default);
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

function templateCard(template, work, onOpen) {
  const chosen = getSelection("templates").has(template.id);
  const box = h("input", { type: "checkbox", checked: chosen });
  box.addEventListener("change", () => toggleSelection("templates", template.id, box.checked));
  const open = h("button", { type: "button", class: "secondary small" }, t("templates.open"));
  open.addEventListener("click", () => onOpen(template));
  return h(
    "article",
    { class: "card", dataset: { templateId: template.id } },
    galleryThumb(template, work),
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

// "Save as my template": the fields as set above (an empty one follows each product), the
// voice-over, the language and the music, under a name of the seller's own. It then shows in
// the batch builder and the template list; a saved one opened here is updated in place.
function saveMine(full, form) {
  const mine = full.source === "mine";
  const saved = full.saved || {};
  const name = h("input", { type: "text", name: "my_name", maxlength: "80", value: mine ? full.name : "", autocomplete: "off" });
  const voice = h("input", { type: "checkbox", name: "my_voiceover", checked: saved.voiceover ?? true });
  const choice = (selectName, options, chosen) => h("select", { name: selectName },
    options.map(([value, label]) => h("option", { value, selected: value === (chosen || "") }, label)));
  const language = choice("my_language", [["", t("brand.languageAuto")], ["en", "English"], ["zh", "简体中文"]], saved.language);
  const music = choice("my_music", [["", t("templates.musicOwn")], ["off", t("templates.musicOff")]], saved.music);
  const save = h("button", { type: "button", id: "save-mine" }, t(mine ? "templates.updateMine" : "templates.saveMine"));
  const message = h("div", { "aria-live": "polite" });
  save.addEventListener("click", async () => {
    clear(message);
    if (!name.value.trim()) {
      message.append(notice(t("templates.myNameMissing")));
      name.focus();
      return;
    }
    const body = { name: name.value.trim(), fields: { ...(saved.fields || {}), ...overridesOf(form) }, voiceover: voice.checked, language: language.value || null, music: music.value || null };
    try {
      const made = await busy(save, () => (mine
        ? api("PATCH", `/my-templates/${encodeURIComponent(full.id)}`, { json: body, template: "/my-templates/{id}" })
        : api("POST", "/my-templates", { json: { ...body, base: full.id } })));
      toggleSelection("templates", made.id, true);
      message.append(h("p", { class: "notice ok", role: "status", dataset: { savedId: made.id } }, t("templates.savedMine", { name: made.name }), " ", h("a", { href: "#/batch" }, t("templates.toBatch"))));
    } catch (error) {
      message.append(notice(error));
    }
  });
  return h("section", { class: "save-mine", "aria-labelledby": "save-mine-h" },
    h("h3", { id: "save-mine-h" }, t(mine ? "templates.editMine" : "templates.saveMineTitle")),
    h("p", { class: "muted small-text" }, t("templates.saveMineHint")),
    field(t("templates.myName"), name),
    full.voiceover || saved.voiceover === false ? h("label", { class: "checks" }, voice, t("templates.voiceover")) : null,
    h("div", { class: "row" }, field(t("templates.videoLanguage"), language, t("templates.videoLanguageHint")), field(t("templates.musicChoice"), music)),
    message,
    save);
}

async function detail(panel, template, products, work) {
  clear(panel, loading());
  const full = await api("GET", `/templates/${encodeURIComponent(template.id)}`, { template: "/templates/{id}", signal: work.signal });
  // the seller's products, and the studio's sample (always previewable)
  const product = h("select", { name: "product" },
    products.map((p) => h("option", { value: p.id }, p.title)),
    h("option", { value: SAMPLE }, t("templates.sampleProduct")));
  const format = h("select", { name: "format" }, full.formats.map((f) => h("option", { value: f }, f)));
  const at = h("input", { type: "range", min: "0", max: String(Math.max(0, full.duration - 0.1)), step: "0.5", value: String(Math.round(full.duration * 0.4)) });
  const atText = h("output", { class: "muted" }, fmtDuration(Number(at.value)));
  at.addEventListener("input", () => (atText.textContent = fmtDuration(Number(at.value))));
  const box = h("div", { class: "preview-box", "aria-live": "polite" }, h("span", { class: "muted" }, t("templates.previewHint")));
  const message = h("div");
  const form = h("form", {}, Object.entries(full.fields).map(([name, spec]) => control(name, spec)));
  const videoButton = h("button", { type: "button", class: "secondary" }, t("templates.previewVideo"));

  function body(output) {
    const which = product.value === SAMPLE ? { sample: true } : { product_id: Number(product.value) };
    return { ...which, format: format.value, overrides: overridesOf(form), output, at: Number(at.value) };
  }
  function failed(error) {
    // the seller's product may be the trouble (a photo that is not an image): say what to do
    clear(message, notice(error), product.value !== SAMPLE ? info(t("templates.tryAnotherProduct")) : null);
  }
  let ticket = 0;
  let asking = null;
  async function still() {
    const mine = ++ticket;
    asking?.abort();
    asking = new AbortController();
    const signal = AbortSignal.any ? AbortSignal.any([asking.signal, work.signal]) : work.signal;
    clear(message);
    box.setAttribute("aria-busy", "true");
    try {
      const blob = await previewFile(full.id, body("jpeg"), work, signal);
      if (mine !== ticket) return;
      clear(box, h("img", { src: keepUrl(blob), alt: t("templates.previewAlt", { name: full.name }), dataset: { preview: "still" } }));
    } catch (error) {
      if (mine === ticket && !signal.aborted) failed(error);
    } finally {
      if (mine === ticket) box.removeAttribute("aria-busy");
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
      const blob = await busy(videoButton, () => previewFile(full.id, body("mp4"), work, work.signal));
      clear(box, h("video", { src: keepUrl(blob), controls: true, autoplay: true, muted: true, "aria-label": t("templates.previewAlt", { name: full.name }) }));
    } catch (error) {
      if (!work.signal.aborted) failed(error);
    }
  });
  clear(
    panel,
    h("h2", { id: "detail-h", tabindex: "-1" }, full.name),
    products.length ? null : info(t("templates.sampleOnly")),
    h("div", { class: "split" },
      h("div", {},
        h("div", { class: "row" }, field(t("templates.product"), product), field(t("templates.format"), format)),
        h("div", { class: "row" }, field(t("templates.at"), at), atText),
        h("h3", {}, t("templates.fields")),
        form,
        saveMine(full, form),
        full.music_license ? h("p", { class: "muted small-text" }, `${t("templates.music")}: ${full.music_license}`) : null),
      h("div", { class: "stack" }, box, message, videoButton)),
  );
  panel.querySelector("h2").focus();
  still();
}

export async function render(root) {
  const work = pageWork();
  const gallery = h("div", {}, loading());
  const panel = h("section", { class: "panel", "aria-labelledby": "detail-h" }, h("h2", { id: "detail-h" }, t("templates.chooseOne")));
  root.append(pageHeader("nav.templates", "templates.intro"), gallery, panel, h("p", {}, h("a", { class: "button", href: "#/batch" }, t("catalog.toBatch"))));
  try {
    const [templates, products] = await Promise.all([
      api("GET", "/templates", { signal: work.signal }),
      api("GET", "/products?limit=100", { signal: work.signal }),
    ]);
    const open = (x) => detail(panel, x, products.data, work).catch((e) => work.signal.aborted || clear(panel, notice(e)));
    clear(
      gallery,
      templates.data.length
        ? h("div", { class: "grid", id: "template-gallery" }, templates.data.map((tpl) => templateCard(tpl, work, open)))
        : emptyState(t("templates.empty")),
    );
  } catch (error) {
    if (!work.signal.aborted) clear(gallery, notice(error));
  }
  return () => {
    work.stop();
    for (const url of objectUrls) URL.revokeObjectURL(url);
    objectUrls.clear();
  };
}
