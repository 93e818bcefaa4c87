// The creatives leaderboard on the ROI page: every video with ad results, its poster (pointing
// at it plays the video, muted), spend, revenue, ROAS, ROI and hook rate, sorted and filtered
// (GET /analytics/roi/creatives); and the ads no video claims yet, each linked to a video the
// seller picks by its poster (GET /analytics/roi/creatives/choices, POST /ad-imports/links).
import { api } from "../api.js";
import { busy, emptyState, loading, notice } from "../components.js";
import { clear, field, h } from "../dom.js";
import { fmtMoney, fmtNumber, fmtPercent, t } from "../i18n.js";
import { openDialog } from "../productdialogs.js";
import { platformName, templateNames } from "../names.js";
import { LINK_ROUTE } from "./ads.js";
import { noticeText } from "./roi-notices.js";

const PAGE = 24;
const SORTS = ["roi", "roas", "spend", "revenue", "hook_rate"];
const num = (x) => (x === null || x === undefined ? null : Number(x));
const times = (x) => (x == null ? "—" : `${fmtNumber(num(x), 2)}×`);
// one decimal; a loss too small to show reads 0%, not −0%
const percent = (x) => (x == null ? "—" : fmtPercent(Math.abs(num(x)) < 0.0005 ? 0 : num(x), 1));

function madeWith(row, names) {
  if (row.template_id) return names[row.template_id] || row.template_id;
  return t("creatives.madeWith", { name: row.generator });
}

// A poster that plays its video while the pointer is on it (and on a tap or Enter).
function poster(row) {
  const label = t("creatives.play", { code: row.creative_code, product: row.product_title || "—" });
  const still = row.poster_url ? h("img", { src: row.poster_url, alt: "", loading: "lazy" }) : h("span", { class: "placeholder", "aria-hidden": "true" }, "▶");
  const button = h("button", { type: "button", class: "creative-poster", "aria-label": label, "aria-pressed": "false", disabled: !row.video_url }, still);
  let video = null;
  const start = () => {
    if (!row.video_url) return;
    if (!video) {
      video = h("video", { src: row.video_url, muted: true, loop: true, playsInline: true, preload: "none", "aria-hidden": "true" });
      button.append(video);
    }
    button.setAttribute("aria-pressed", "true");
    video.classList.add("playing");
    video.play().catch(() => {}); // left before it could start: nothing to say
  };
  const stop = () => {
    button.setAttribute("aria-pressed", "false");
    if (!video) return;
    video.pause();
    video.classList.remove("playing");
  };
  button.addEventListener("mouseenter", start);
  button.addEventListener("mouseleave", stop);
  button.addEventListener("click", () => (button.getAttribute("aria-pressed") === "true" ? stop() : start()));
  return button;
}

function figure(label, value, extra) {
  return h("div", {}, h("dt", {}, label), h("dd", {}, value, extra || null));
}

// why ROI is empty, in the row's notices (the production cost in another currency names its
// amount); roi_missing alone says which of the two it is
function whyNoRoi(row) {
  const said = (row.notices || []).map(noticeText);
  if (said.length) return h("span", { class: "hint" }, said.join(" "));
  return row.roi_missing ? h("span", { class: "hint" }, t(row.roi_missing === "product_cost" ? "creatives.roiNeedsCost" : "creatives.roiNeedsRate")) : null;
}

function creativeRow(row, rank, names) {
  const why = whyNoRoi(row);
  return h("li", { class: "creative", dataset: { videoId: row.video_id, currency: row.currency } },
    h("span", { class: "rank", "aria-label": t("creatives.rank", { n: rank }) }, String(rank)),
    poster(row),
    h("div", { class: "creative-head" },
      h("h3", { class: "title-line" }, h("a", { href: `#/videos/${row.video_id}` }, row.product_title || t("roi.noProduct"))),
      h("p", { class: "small-text muted" }, `${madeWith(row, names)} · ${t("videos.code")} `, h("span", { class: "mono" }, row.creative_code))),
    h("dl", { class: "creative-figures" },
      figure(t("creatives.spend"), fmtMoney(row.spend, row.currency)),
      figure(t("creatives.revenue"), fmtMoney(row.revenue, row.currency)),
      figure(t("creatives.roas"), times(row.roas)),
      figure(t("creatives.roi"), percent(row.roi), why),
      figure(t("creatives.hookRate"), percent(row.hook_rate))));
}

function select(name, label, options, value) {
  const control = h("select", { name }, options.map(([v, text]) => h("option", { value: v, selected: String(v) === String(value) }, text)));
  return { control, box: field(label, control) };
}

// The dialog: finished videos as posters; the one picked is linked to the ad.
function pickVideo(ad, names, onLinked) {
  const adName = ad.ad_name || t("creatives.unnamedAd");
  return openDialog(t("creatives.pickFor", { ad: adName }), (close) => {
    const search = h("input", { type: "search", name: "q", autocomplete: "off" });
    const grid = h("div", { class: "choice-grid", id: "link-choices" }, loading());
    const message = h("div");
    async function show() {
      clear(grid, loading());
      const params = new URLSearchParams({ limit: 60 });
      if (search.value.trim()) params.set("q", search.value.trim());
      try {
        const page = await api("GET", `/analytics/roi/creatives/choices?${params}`);
        clear(grid, page.data.length ? page.data.map((v) => choice(v)) : h("p", { class: "muted" }, t("creatives.noChoices")));
      } catch (error) {
        clear(grid, notice(error));
      }
    }
    function choice(v) {
      const text = t("creatives.linkTo", { product: v.product_title || "—", template: madeWith(v, names), code: v.creative_code });
      const button = h("button", { type: "button", class: "choice", "aria-label": text, dataset: { videoId: v.video_id } },
        v.poster_url ? h("img", { src: v.poster_url, alt: "", loading: "lazy" }) : null,
        h("span", { class: "choice-text" }, v.product_title || "—", h("br"), h("span", { class: "small-text" }, madeWith(v, names), " · ", h("span", { class: "mono" }, v.creative_code))));
      button.addEventListener("click", async () => {
        try {
          const linked = await busy(button, () => api("POST", LINK_ROUTE, { json: { platform: ad.platform, ad_id: ad.ad_id, video: v.creative_code } }));
          close(linked);
          onLinked(linked, adName);
        } catch (error) {
          clear(message, notice(error));
        }
      });
      return button;
    }
    let timer;
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(show, 300);
    });
    show();
    return h("div", {}, field(t("creatives.search"), search), message, grid,
      h("div", { class: "spread dialog-actions" }, h("button", { type: "button", class: "secondary", onclick: () => close(null) }, t("creatives.cancel"))));
  });
}

function unlinkedList(ads, names, onLinked) {
  if (!ads.length) return h("p", { class: "muted" }, t("creatives.noneUnlinked"));
  return h("ul", { class: "plain unlinked-ads" }, ads.map((ad) => {
    const adName = ad.ad_name || t("creatives.unnamedAd");
    const facts = t("creatives.adFacts", { platform: platformName(ad.platform), days: fmtNumber(ad.days), spend: fmtMoney(ad.spend, ad.currency) });
    return h("li", { class: "saved-item", dataset: { adId: ad.ad_id || "" } },
      h("p", {}, h("span", { class: "said" }, adName), h("br"), h("span", { class: "small-text muted" }, facts, ad.ad_id ? ` · ${t("creatives.adId", { id: ad.ad_id })}` : "")),
      ad.ad_id
        ? h("button", { type: "button", class: "small", "aria-label": t("creatives.pickFor", { ad: adName }), onclick: () => pickVideo(ad, names, onLinked) }, t("creatives.pick"))
        : h("p", { class: "hint" }, t("creatives.noAdId")));
  }));
}

// The leaderboard section. load(range) (re)fetches it for the page's date range, keeping the
// seller's sort and filters; onLinked(linked) runs after an ad was linked from it.
export function creativesBoard({ toast, onLinked }) {
  const state = { sort: "roi", order: "desc", template: "", product: "", platform: "", range: "" };
  const controls = h("form", { class: "row", id: "creative-filters" });
  const list = h("div", { id: "creatives" }, loading());
  const unlinked = h("div", { id: "unlinked-ads" });
  const element = h("section", { class: "panel", "aria-labelledby": "creatives-h" },
    h("h2", { id: "creatives-h" }, t("creatives.title")), h("p", { class: "hint" }, t("creatives.hint")),
    controls, list,
    h("h3", { id: "unlinked-h" }, t("creatives.unlinkedTitle")), h("p", { class: "hint" }, t("creatives.unlinkedHint")), unlinked);
  let names = {};
  let shown = 0;

  const query = (offset) => {
    const params = new URLSearchParams(state.range);
    for (const key of ["sort", "order", "template", "product", "platform"]) if (state[key]) params.set(key, state[key]);
    params.set("limit", PAGE);
    params.set("offset", offset);
    return `/analytics/roi/creatives?${params}`;
  };

  function filters(facets) {
    const all = [["", t("creatives.all")]];
    const parts = [
      select("sort", t("creatives.sortBy"), SORTS.map((k) => [k, t(`creatives.sort.${k}`)]), state.sort),
      select("order", t("creatives.order"), [["desc", t("creatives.best")], ["asc", t("creatives.worst")]], state.order),
      select("template", t("creatives.template"), all.concat(facets.templates.map((id) => [id, names[id] || id])), state.template),
      select("product", t("creatives.product"), all.concat(facets.products.map((p) => [p.id, p.title])), state.product),
      select("platform", t("creatives.platformLabel"), all.concat(facets.platforms.map((p) => [p, platformName(p)])), state.platform),
    ];
    for (const { control } of parts) {
      control.addEventListener("change", () => {
        state[control.name] = control.value;
        showBoard();
      });
    }
    clear(controls, parts.map((p) => p.box));
  }

  async function showBoard() {
    list.setAttribute("aria-busy", "true");
    try {
      const board = await api("GET", query(0));
      filters(board.facets);
      shown = board.data.length;
      const rows = h("ol", { class: "creatives" }, board.data.map((r, i) => creativeRow(r, i + 1, names)));
      const filtered = state.template || state.product || state.platform;
      const more = h("button", { type: "button", class: "secondary", hidden: shown >= board.count }, t("creatives.more"));
      more.addEventListener("click", () => busy(more, async () => {
        const next = await api("GET", query(shown));
        rows.append(...next.data.map((r, i) => creativeRow(r, shown + i + 1, names)));
        shown += next.data.length;
        more.hidden = shown >= next.count;
      }).catch((error) => list.append(notice(error))));
      clear(list, board.data.length ? [h("p", { class: "small-text muted", role: "status" }, t("creatives.count", { n: fmtNumber(board.count) })), rows, more]
        : emptyState(t(filtered ? "creatives.emptyFiltered" : "creatives.empty")));
    } catch (error) {
      clear(list, notice(error));
    } finally {
      list.removeAttribute("aria-busy");
    }
  }

  async function showUnlinked() {
    try {
      const page = await api("GET", "/ad-imports/unlinked");
      clear(unlinked, unlinkedList(page.data, names, (linked, adName) => {
        toast?.(t("creatives.linked", { ad: adName, code: linked.creative_code }));
        onLinked?.(linked);
      }));
    } catch (error) {
      clear(unlinked, notice(error));
    }
  }

  async function load(range) {
    state.range = range;
    if (!list.querySelector(".creatives")) clear(list, loading()); // a refresh keeps the rows on screen
    if (!Object.keys(names).length) names = await templateNames();
    await Promise.all([showBoard(), showUnlinked()]);
  }
  return { element, load };
}
