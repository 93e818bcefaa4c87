// Video library: finished videos with posters; one opens in a player with download, poster,
// the creative code and the suggested ad name / UTM tag (copy buttons) that link ROI back, and
// the same product and template in its four formats side by side (a missing one made in a click).
import { api } from "../api.js";
import { busy, copyButton, emptyState, loading, notice, pageHeader, statusBadge } from "../components.js";
import { clear, field, h } from "../dom.js";
import { fmtDate, fmtDuration, fmtMoney, t } from "../i18n.js";
import { publishSection } from "../publish.js";
import { templateNames } from "../names.js";

const PAGE_SIZE = 24;
const FORMATS = ["9:16", "1:1", "16:9", "4:5"];

function copyLine(label, value, name) {
  const input = h("input", { type: "text", readonly: true, value, name });
  return h("div", { class: "field" }, h("label", { for: (input.id = `copy-${name}`) }, label), h("div", { class: "copy-line" }, input, copyButton(value)));
}

// the template by its name (a saved one: the seller's own), the generator without a template
const madeWith = (video, names) => names[video.template_id] || video.template_id || video.generator;

function videoCard(video, titles, names) {
  const poster = video.poster_url
    ? h("img", { src: video.poster_url, alt: t("videos.posterOf", { code: video.creative_code }), loading: "lazy" })
    : h("span", { class: "muted small-text" }, t("videos.noPoster"));
  return h(
    "article",
    { class: "card", dataset: { videoId: video.id } },
    h("div", { class: "thumb tall" }, poster),
    h("div", { class: "body" },
      h("h3", { class: "title-line" }, h("a", { href: `#/videos/${video.id}` }, titles[video.product_id] || `#${video.product_id}`)),
      h("p", { class: "small-text muted" }, `${madeWith(video, names)} · ${video.format} · `, h("span", { class: "mono" }, video.creative_code)),
      h("div", {}, statusBadge(video.status))),
  );
}

// The newest finished video of this product and template in each format, side by side.
async function formats(video, ctx) {
  if (!video.product_id || !video.template_id) return null;
  const params = new URLSearchParams({ product_id: video.product_id, template_id: video.template_id, limit: 100 });
  const page = await api("GET", `/videos?${params}`);
  const newest = {};
  for (const v of page.data) {
    if (v.generator !== video.generator) continue;
    const known = newest[v.format];
    // a finished one first, then the newest; the one on screen for its own format
    if (v.id === video.id || !known || (known.id !== video.id && v.status === "succeeded" && known.status !== "succeeded")) newest[v.format] = v;
  }
  const players = [];
  const slots = FORMATS.map((format) => {
    const v = newest[format];
    const label = h("figcaption", {}, h("strong", {}, t(`format.${format}`)), " ");
    if (v?.status === "succeeded" && v.download_url) {
      const clip = h("video", { class: `ratio-${format.replace(":", "x")}`, src: v.download_url, poster: v.poster_url || null, preload: "none", controls: true, muted: true, playsInline: true, loop: true, "aria-label": t("videos.formatLabel", { format: t(`format.${format}`), code: v.creative_code }) });
      clip.muted = true;
      players.push(clip);
      label.append(v.id === video.id ? h("span", { class: "muted" }, t("videos.thisOne")) : h("a", { href: `#/videos/${v.id}` }, v.creative_code));
      return h("figure", { class: "format-slot", dataset: { format, videoId: v.id } }, clip, label);
    }
    if (v) {
      label.append(statusBadge(v.status));
      return h("figure", { class: "format-slot empty-slot", dataset: { format, videoId: v.id } }, h("div", { class: `slot-box ratio-${format.replace(":", "x")}` }, t("videos.notReady")), label);
    }
    const make = h("button", { type: "button", class: "secondary small" }, t("videos.makeFormat"));
    make.addEventListener("click", async () => {
      try {
        const made = await busy(make, () => api("POST", "/videos", { json: { product: video.product_id, template: video.template_id, format, generator: video.generator, options: video.options || {} } }));
        ctx.toast(t("videos.formatQueued", { format: t(`format.${format}`), code: made.creative_code }));
        make.replaceWith(statusBadge(made.status));
      } catch (error) {
        make.replaceWith(notice(error));
      }
    });
    label.append(make);
    return h("figure", { class: "format-slot empty-slot", dataset: { format } }, h("div", { class: `slot-box ratio-${format.replace(":", "x")}` }, t("videos.noFormat")), label);
  });
  const playAll = h("button", { type: "button", class: "secondary", hidden: players.length < 2 }, t("videos.playAll"));
  playAll.addEventListener("click", () => {
    for (const clip of players) {
      clip.currentTime = 0;
      clip.play().catch(() => {});
    }
  });
  return h("section", { "aria-labelledby": "formats-h", id: "formats" },
    h("div", { class: "spread" }, h("h3", { id: "formats-h" }, t("videos.formats")), playAll),
    h("div", { class: "formats" }, slots));
}

async function player(panel, id, titles, names, ctx) {
  clear(panel, loading());
  const video = await api("GET", `/videos/${id}`, { template: "/videos/{id}" });
  const product = video.product_id ? { title: titles[video.product_id] } : null;
  const rerender = h("button", { type: "button", class: "secondary" }, t("videos.rerender"));
  const message = h("div");
  const side = h("div", {}, loading());
  rerender.addEventListener("click", async () => {
    try {
      const again = await busy(rerender, () => api("POST", `/videos/${id}/rerender`, { template: "/videos/{id}/rerender" }));
      ctx.toast(t("videos.rerenderQueued", { code: again.creative_code }));
      if (again.batch_id) ctx.navigate(`#/tasks/${again.batch_id}`);
    } catch (error) {
      clear(message, notice(error));
    }
  });
  clear(
    panel,
    h("h2", { id: "player-h", tabindex: "-1" }, product?.title || t("videos.videoN", { id })),
    video.download_url
      ? h("div", { class: "player" }, h("video", { controls: true, preload: "metadata", src: video.download_url, poster: video.poster_url || null, "aria-label": t("videos.playerLabel", { code: video.creative_code }), id: "player" }))
      : h("p", {}, statusBadge(video.status), " ", video.error || t("videos.notReady")),
    h("div", { class: "row" },
      video.download_url ? h("a", { class: "button", href: video.download_url, download: `${video.creative_code}.mp4` }, t("videos.download")) : null,
      video.poster_url ? h("a", { class: "button secondary", href: video.poster_url, download: `${video.creative_code}.jpg` }, t("videos.poster")) : null,
      rerender),
    message,
    h("dl", { class: "facts" },
      h("dt", {}, t("videos.code")), h("dd", { class: "mono", id: "creative-code" }, video.creative_code),
      h("dt", {}, t("videos.template")), h("dd", { title: video.template_version || null }, madeWith(video, names)),
      h("dt", {}, t("videos.format")), h("dd", {}, `${video.format}${video.width ? ` · ${video.width}×${video.height}` : ""}`),
      h("dt", {}, t("videos.duration")), h("dd", {}, fmtDuration(video.duration)),
      h("dt", {}, t("videos.cost")), h("dd", {}, fmtMoney(video.production_cost, video.production_currency)),
      h("dt", {}, t("videos.made")), h("dd", {}, fmtDate(video.finished_at || video.created_at))),
    copyLine(t("videos.code"), video.creative_code, "code"),
    // the API builds both (studio.linking): the same names the ad-results import matches
    copyLine(t("videos.adName"), video.suggested_ad_name, "ad-name"),
    copyLine(t("videos.utm"), video.suggested_utm_content, "utm"),
    h("p", { class: "hint" }, t("videos.linkHint")),
    publishSection(video, ctx),
    side,
  );
  panel.querySelector("h2").focus();
  try {
    const shown = await formats(video, ctx);
    if (shown) clear(side, shown);
    else side.remove();
  } catch (error) {
    clear(side, notice(error));
  }
}

export async function render(root, ctx) {
  const [first, second] = ctx.params;
  const batch = first === "batch" ? second : null;
  const videoId = first && first !== "batch" ? first : null;
  const status = h("select", { name: "status" }, ["succeeded", "", "failed", "running"].map((s) => h("option", { value: s }, s ? t(`status.${s}`) : t("common.all"))));
  const format = h("select", { name: "format" }, ["", "9:16", "1:1", "16:9", "4:5"].map((f) => h("option", { value: f }, f || t("common.all"))));
  const grid = h("div", {}, loading());
  const panel = h("section", { class: "panel", "aria-labelledby": "player-h", id: "player-panel" }, h("h2", { id: "player-h" }, t("videos.pick")));
  const library = h("section", { class: "panel", "aria-labelledby": "library-h" }, h("h2", { id: "library-h" }, t("videos.library")),
    h("div", { class: "row" }, field(t("common.status"), status), field(t("videos.format"), format)), grid);
  let titles = {};
  let names = {};
  let offset = 0;

  async function load() {
    clear(grid, loading());
    const params = new URLSearchParams({ limit: PAGE_SIZE, offset });
    if (status.value) params.set("status", status.value);
    if (format.value) params.set("format", format.value);
    if (batch) params.set("batch_id", batch);
    try {
      const page = await api("GET", `/videos?${params}`);
      clear(grid,
        h("p", { class: "muted" }, t("videos.count", { n: page.count })),
        page.data.length ? h("div", { class: "grid" }, page.data.map((v) => videoCard(v, titles, names))) : emptyState(t("videos.empty"), h("a", { class: "button", href: "#/batch" }, t("nav.batch"))),
        page.count > PAGE_SIZE
          ? h("div", { class: "row" },
              h("button", { type: "button", class: "secondary", disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - PAGE_SIZE); load(); } }, t("common.previous")),
              h("button", { type: "button", class: "secondary", disabled: offset + PAGE_SIZE >= page.count, onclick: () => { offset += PAGE_SIZE; load(); } }, t("common.next")))
          : null);
    } catch (error) {
      clear(grid, notice(error));
    }
  }
  status.addEventListener("change", () => { offset = 0; load(); });
  format.addEventListener("change", () => { offset = 0; load(); });
  root.append(
    pageHeader("nav.videos", "videos.intro"),
    batch ? h("p", {}, t("videos.ofBatch", { id: batch }), " ", h("a", { href: "#/videos" }, t("common.showAll"))) : "",
    h("div", { class: "split" }, videoId ? [panel, library] : [library, panel]),
  );
  names = await templateNames();
  try {
    const products = await api("GET", "/products?limit=500");
    titles = Object.fromEntries(products.data.map((p) => [p.id, p.title]));
  } catch {
    titles = {};
  }
  await load();
  if (videoId) await player(panel, videoId, titles, names, ctx).catch((error) => clear(panel, h("h2", { id: "player-h" }, t("videos.videoN", { id: videoId })), notice(error)));
}
