// Batch builder: products × templates × formats (× candidates for AI generators), with the video
// count and a cost estimate shown before anything is submitted.
import { api, hasRoute } from "../api.js";
import { busy, info, loading, notice, pageHeader } from "../components.js";
import { clear, debounce, field, h } from "../dom.js";
import { fmtDuration, fmtMoney, fmtNumber, t } from "../i18n.js";
import { generatorOption, generators, setupHint } from "../generators.js";
import { getSelection, setSelection } from "../selection.js";
import { adSetPicker, batchPublishPanel } from "../publish.js";

const FORMATS = ["9:16", "1:1", "16:9", "4:5"];

function checkboxes(legend, name, items, checked) {
  return h(
    "fieldset",
    {},
    h("legend", {}, legend),
    h("div", { class: "checks" }, items.map(([value, label]) =>
      h("label", {}, h("input", { type: "checkbox", name, value, checked: checked.has(value) }), label))),
  );
}

const checkedValues = (form, name) =>
  [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((el) => el.value);

// What one second of finished video has cost to render here so far (render cost ÷ seconds
// delivered, from the usage records); null until something has been rendered.
async function pastRenderCost() {
  try {
    const usage = await api("GET", "/usage");
    const cost = usage.data.find((l) => l.kind === "render_seconds" && Number(l.cost) > 0);
    const made = usage.data.find((l) => l.kind === "output_seconds" && Number(l.quantity) > 0);
    if (!cost || !made) return null;
    return { perSecond: Number(cost.cost) / Number(made.quantity), currency: cost.currency };
  } catch {
    return null;
  }
}

export async function render(root, ctx) {
  root.append(pageHeader("nav.batch", "batch.intro"));
  const holder = h("div", {}, loading());
  root.append(holder);
  let templates;
  let gens;
  let renderRate = null;
  try {
    [templates, gens] = await Promise.all([api("GET", "/templates"), generators()]);
    renderRate = await pastRenderCost();
  } catch (error) {
    clear(holder, notice(error));
    return;
  }
  const chosenProducts = getSelection("products");
  const chosenTemplates = getSelection("templates");
  const byId = Object.fromEntries(templates.data.map((x) => [x.id, x]));

  const scope = h("select", { name: "scope" },
    h("option", { value: "selected", selected: chosenProducts.size > 0 }, t("batch.scopeSelected", { n: chosenProducts.size })),
    h("option", { value: "filter", selected: chosenProducts.size === 0 }, t("batch.scopeFilter")));
  const q = h("input", { type: "search", name: "q" });
  const category = h("input", { type: "text", name: "category" });
  const generator = h("select", { name: "generator" }, gens.map((g) =>
    generatorOption(g, g.name === "template" ? t("batch.localTemplates") : g.name)));
  const candidates = h("input", { type: "number", name: "candidates", min: "1", max: "8", value: "1" });
  const name = h("input", { type: "text", name: "name", maxlength: "200" });
  const summary = h("div", { class: "panel", "aria-live": "polite", id: "batch-summary" });
  // which products the batch takes, said in words (never a silent "all products")
  const scopeNote = h("p", { class: "hint", id: "batch-scope-note" });
  // why the button is greyed out, when it is
  const whyNot = h("p", { class: "hint", id: "batch-why-not", "aria-live": "polite" });
  const publishTo = adSetPicker({ optional: true }); // publish each video as an ad once made
  const message = h("div");
  const submit = h("button", { type: "submit" }, t("batch.submit"));
  const form = h(
    "form",
    { class: "panel", novalidate: true },
    h("h2", {}, t("batch.products")),
    field(t("batch.which"), scope),
    scopeNote,
    h("div", { class: "row" }, field(t("catalog.search"), q), field(t("catalog.category"), category)),
    // the seller's own saved templates are in the list, marked as theirs
    checkboxes(t("batch.templates"), "template", templates.data.map((x) => [x.id, x.source === "mine" ? t("batch.mine", { name: x.name }) : x.name]), chosenTemplates),
    h("p", { class: "hint", id: "brand-note" }, t("batch.brandNote"), " ", h("a", { href: "#/brand" }, t("batch.brandLink"))),
    checkboxes(t("batch.formats"), "format", FORMATS.map((f) => [f, t(`format.${f}`)]), new Set(["9:16"])),
    h("div", { class: "row" },
      h("div", {}, field(t("batch.generator"), generator), setupHint(gens)),
      field(t("batch.candidates"), candidates, t("batch.candidatesHint")),
      field(t("batch.name"), name)),
    hasRoute("GET", "/connections") ? h("fieldset", {}, h("legend", {}, t("publish.whenMade")), publishTo.element) : null,
    summary,
    message,
    submit,
    whyNot,
  );

  let productCount = 0;
  async function countProducts() {
    if (scope.value === "selected") return chosenProducts.size;
    const params = new URLSearchParams({ limit: 1 });
    if (q.value.trim()) params.set("q", q.value.trim());
    if (category.value.trim()) params.set("category", category.value.trim());
    return (await api("GET", `/products?${params}`)).count;
  }

  function plan() {
    const tpl = checkedValues(form, "template");
    const formats = checkedValues(form, "format");
    const gen = gens.find((g) => g.name === generator.value) || gens[0];
    const ai = gen && gen.name !== "template";
    candidates.disabled = !ai;
    const perVideo = ai ? Math.max(1, Math.min(8, Number(candidates.value) || 1)) : 1;
    const seconds = tpl.reduce((sum, id) => sum + (byId[id]?.duration || 0), 0) * formats.length * productCount * perVideo;
    const videos = productCount * tpl.length * formats.length * perVideo;
    return { tpl, formats, gen, perVideo, videos, seconds, cost: seconds * (gen?.pricePerSecond || 0) };
  }

  async function refresh() {
    try {
      productCount = await countProducts();
    } catch (error) {
      clear(summary, notice(error));
      return;
    }
    const p = plan();
    setSelection("templates", p.tpl);
    clear(
      summary,
      h("h2", {}, t("batch.summary")),
      h("div", { class: "stats" },
        h("div", {}, h("div", { class: "stat", id: "video-count" }, fmtNumber(p.videos)), h("div", { class: "muted" }, t("batch.videos"))),
        h("div", {}, h("div", { class: "stat" }, fmtDuration(p.seconds)), h("div", { class: "muted" }, t("batch.totalLength"))),
        h("div", {}, h("div", { class: "stat", id: "cost-estimate" }, fmtMoney(p.cost, p.gen?.currency || "USD")), h("div", { class: "muted" }, t("batch.aiCost"))),
        h("div", {}, h("div", { class: "stat", id: "render-estimate" }, renderRate ? fmtMoney(p.seconds * renderRate.perSecond, renderRate.currency) : "—"), h("div", { class: "muted" }, t("batch.renderCost")))),
      h("p", { class: "muted small-text" }, t("batch.formula", { products: productCount, templates: p.tpl.length, formats: p.formats.length, candidates: p.perVideo })),
      h("p", { class: "muted small-text" }, renderRate ? t("batch.renderCostNote") : t("batch.renderCostUnknown")),
    );
    scopeNote.textContent = scope.value === "selected"
      ? t("batch.scopeSelectedNote", { n: chosenProducts.size })
      : t(q.value.trim() || category.value.trim() ? "batch.scopeFilterNote" : "batch.scopeAllNote", { n: productCount });
    submit.disabled = p.videos === 0;
    whyNot.textContent = p.videos > 0 ? "" : !p.tpl.length ? t("batch.whyNoTemplate")
      : !p.formats.length ? t("batch.whyNoFormat")
      : scope.value === "selected" ? t("batch.whyNoneSelected") : t("batch.whyNoProduct");
  }
  const later = debounce(refresh, 250);
  form.addEventListener("input", later);
  form.addEventListener("change", later);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(message);
    const p = plan();
    if (!p.tpl.length || !p.formats.length) {
      message.append(notice(t("batch.pickSome")));
      return;
    }
    try {
      await busy(submit, async () => {
        if (p.perVideo > 1) {
          ctx.navigate(`#/candidates/${await submitCandidates(p)}`);
          return;
        }
        const catalog = { templates: p.tpl, formats: p.formats, generator: p.gen.name, max_videos: 5000 };
        if (scope.value === "selected") catalog.product_ids = [...chosenProducts];
        else {
          if (q.value.trim()) catalog.q = q.value.trim();
          if (category.value.trim()) catalog.category = category.value.trim();
        }
        const batch = await api("POST", "/batches", { json: { name: name.value.trim(), catalog } });
        if (publishTo.value()) await api("POST", `/batches/${batch.id}/publish`, { json: publishTo.value(), template: "/batches/{id}/publish" });
        const reused = batch.reused_video_ids?.length || 0;
        const total = batch.counts?.total ?? batch.video_ids.length;
        // videos an identical earlier request made are listed, not made again: say so
        ctx.toast(reused ? t("batch.submittedReused", { n: total - reused, reused }) : t("batch.submitted", { n: total }));
        ctx.navigate(`#/tasks/${batch.id}`);
      });
    } catch (error) {
      message.append(notice(error));
    }
  });

  // AI candidates: one request per product × template × format, each making N variants
  async function submitCandidates(p) {
    const ids = scope.value === "selected" ? [...chosenProducts] : (await api("GET", `/products?limit=500${q.value ? `&q=${encodeURIComponent(q.value)}` : ""}`)).data.map((x) => x.id);
    let group = null;
    for (const product of ids) for (const template of p.tpl) for (const format of p.formats) {
      const answer = await api("POST", "/candidates", { json: { product, template, format, generator: p.gen.name, count: p.perVideo } });
      group = group || answer.group;
    }
    return group;
  }

  clear(holder, hasRoute("POST", "/batches") ? null : info(t("batch.noRoute")), form, batchPublishPanel(ctx));
  await refresh();
}
