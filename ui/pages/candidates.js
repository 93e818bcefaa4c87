// Candidate picker: the N variants an AI generator made for one request, side by side; the
// seller picks one and the other finished ones are archived (an archived one can be picked
// back). Groups are found from the videos that carry a candidate group; a set is named in
// words (its product, the template asked for, how many, when), never by its group key.
import { api } from "../api.js";
import { busy, emptyState, loading, notice, pageHeader, statusBadge } from "../components.js";
import { clear, field, h } from "../dom.js";
import { getLang, t } from "../i18n.js";
import { generatorOption, generators, setupHint, usable } from "../generators.js";

// Names the page knows: product titles by id and template names by id (a saved template by
// the seller's name); a product not among the loaded ones is asked for once.
const known = { products: {}, templates: {} };

function learnNames(products, templates) {
  for (const p of products) known.products[p.id] = p.title;
  for (const x of templates) known.templates[x.id] = x.name;
}

async function productTitle(id) {
  if (id === null || id === undefined) return t("candidates.productGone");
  if (!(id in known.products)) {
    try {
      known.products[id] = (await api("GET", `/products/${encodeURIComponent(id)}`, { template: "/products/{product_id}" })).title;
    } catch {
      known.products[id] = t("candidates.productGone");
    }
  }
  return known.products[id];
}

const when = (value) => new Intl.DateTimeFormat(getLang(), { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }).format(new Date(value));

// "Blue Mug · Price drop · 3 candidates · 7 Dec 14:02" (count left out for a heading that says it)
async function setLabel(videos, { withCount = true } = {}) {
  const first = videos.reduce((a, b) => (a.id < b.id ? a : b));
  const asked = first.template_id ? known.templates[first.template_id] || first.template_id : null;
  return [await productTitle(first.product_id), asked, withCount ? t("candidates.setCount", { n: videos.length }) : null, when(first.created_at)]
    .filter(Boolean).join(" · ");
}

async function groups() {
  const page = await api("GET", "/videos?limit=500");
  const found = new Map();
  for (const v of page.data) {
    if (!v.candidate_group) continue;
    const g = found.get(v.candidate_group) || { group: v.candidate_group, videos: [] };
    g.videos.push(v);
    found.set(v.candidate_group, g);
  }
  return [...found.values()];
}

// What makes this variant different: `variant` (generator, prompt, angle) when the server
// describes it, else what the video's own fields and options say.
function differences(video) {
  const about = video.variant || {};
  const text = (value) => (typeof value === "string" && value ? value : null);
  return {
    generator: text(about.generator) || text(video.generator),
    prompt: text(about.prompt) || text(video.options?.prompt),
    angle: text(about.angle),
  };
}

function variant(video, selectedId, onPick) {
  const { generator, prompt, angle } = differences(video);
  const pick = h("button", { type: "button", disabled: !["succeeded", "archived"].includes(video.status) }, video.id === selectedId ? t("candidates.picked") : t("candidates.pick"));
  pick.addEventListener("click", () => onPick(video.id, pick));
  return h(
    "article",
    { class: `card${video.id === selectedId ? " selected" : ""}`, dataset: { videoId: video.id } },
    video.download_url
      ? h("video", { controls: true, preload: "metadata", src: video.download_url, poster: video.poster_url || null, "aria-label": t("videos.playerLabel", { code: video.creative_code }) })
      : h("div", { class: "thumb tall", "aria-hidden": "true" }),
    h("div", { class: "body" },
      h("p", { class: "row" }, h("span", { class: "mono small-text" }, video.creative_code), statusBadge(video.status)),
      generator ? h("p", { class: "muted small-text" }, t("candidates.generator", { name: generator })) : null,
      angle ? h("p", { class: "small-text" }, t("candidates.angle", { angle })) : null,
      prompt ? h("details", {}, h("summary", {}, t("candidates.prompt")), h("p", { class: "small-text" }, prompt)) : null,
      video.error ? h("p", { class: "small-text error-text" }, video.error) : null,
      pick),
  );
}

const UNFINISHED = ["pending", "queued", "running"];

async function showGroup(panel, group, ctx, { quiet = false, onPicked = null } = {}) {
  if (!quiet) clear(panel, loading());
  const data = await api("GET", `/candidates/${encodeURIComponent(group)}`, { template: "/candidates/{group}" });
  const message = h("div", { "aria-live": "polite" });
  async function onPick(videoId, button) {
    try {
      await busy(button, () => api("POST", `/candidates/${encodeURIComponent(group)}/select`, { json: { video_id: videoId }, template: "/candidates/{group}/select" }));
      ctx.toast(t("candidates.pickedToast"));
      onPicked?.();
      await showGroup(panel, group, ctx, { quiet: true, onPicked });
    } catch (error) {
      clear(message, notice(error));
    }
  }
  clear(
    panel,
    h("h2", { id: "group-h" }, t("candidates.group", { label: await setLabel(data.data, { withCount: false }) })),
    h("p", { class: "muted" }, t("candidates.count", { n: data.count })),
    message,
    h("div", { class: "candidates" }, data.data.map((v) => variant(v, data.selected_id, onPick))),
  );
  // variants still rendering: look again shortly, as long as this page is on screen
  if (data.data.some((v) => UNFINISHED.includes(v.status))) {
    setTimeout(() => {
      if (panel.isConnected) showGroup(panel, group, ctx, { quiet: true, onPicked }).catch((error) => clear(message, notice(error)));
    }, 2000);
  }
}

function requestForm(gens, products, templates, ctx) {
  const product = h("select", { name: "product" }, products.map((p) => h("option", { value: p.id }, p.title)));
  const template = h("select", { name: "template" }, templates.map((x) => h("option", { value: x.id }, x.name)));
  const ai = gens.filter((g) => g.name !== "template");
  const generator = h("select", { name: "generator" }, ai.map((g) => generatorOption(g)));
  const ready = ai.some(usable);
  if (ready) generator.value = ai.find(usable).name;
  const count = h("input", { type: "number", min: "2", max: "8", value: "3", name: "count" });
  const go = h("button", { type: "submit", disabled: !ready }, t("candidates.request"));
  const message = h("div");
  const form = h("form", { class: "panel" }, h("h2", {}, t("candidates.new")),
    h("div", { class: "row" }, field(t("templates.product"), product), field(t("batch.templates"), template), field(t("batch.generator"), generator), field(t("candidates.howMany"), count)),
    ai.length ? setupHint(ai) : h("p", { class: "hint" }, t("candidates.noAi")),
    message, go);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const answer = await busy(go, () => api("POST", "/candidates", { json: { product: Number(product.value), template: template.value, generator: generator.value, count: Number(count.value) } }));
      ctx.navigate(`#/candidates/${encodeURIComponent(answer.group)}`);
    } catch (error) {
      clear(message, notice(error));
    }
  });
  return form;
}

export async function render(root, ctx) {
  const current = ctx.params[0];
  const list = h("div", {}, loading());
  const panel = h("section", { class: "panel", "aria-labelledby": "group-h" }, h("h2", { id: "group-h" }, t("candidates.chooseGroup")));
  root.append(pageHeader("nav.candidates", "candidates.intro"), panel, h("section", { class: "panel", "aria-labelledby": "groups-h" }, h("h2", { id: "groups-h" }, t("candidates.groups")), list));
  let asked = null;
  try {
    asked = await Promise.all([generators(), api("GET", "/products?limit=500"), api("GET", "/templates")]);
    learnNames(asked[1].data, asked[2].data);
  } catch (error) {
    root.append(notice(error));
  }
  async function loadList() {
    try {
      const found = await groups();
      const labels = await Promise.all(found.map((g) => setLabel(g.videos)));
      clear(list, found.length
        ? h("ul", {}, found.map((g, i) => h("li", { dataset: { group: g.group } }, h("a", { href: `#/candidates/${encodeURIComponent(g.group)}` }, labels[i]), " · ", g.videos.some((v) => v.selected) ? t("candidates.picked") : t("candidates.notPicked"))))
        : emptyState(t("candidates.none")));
    } catch (error) {
      clear(list, notice(error));
    }
  }
  await loadList();
  if (asked) root.append(requestForm(asked[0], asked[1].data, asked[2].data, ctx));
  if (current) await showGroup(panel, current, ctx, { onPicked: loadList }).catch((error) => clear(panel, h("h2", { id: "group-h" }, t("candidates.chooseGroup")), notice(error)));
}
