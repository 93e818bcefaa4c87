// Ad results: drop an Ads Manager export (Meta, TikTok) or shop orders in the import box, see
// each import's matched / unmatched / rejected rows, and link an unmatched ad to a video by hand.
import { api } from "../api.js";
import { busy, emptyState, loading, notice, pageHeader, statusBadge } from "../components.js";
import { clear, h, table } from "../dom.js";
import { fmtDate, fmtMoney, fmtNumber, t } from "../i18n.js";
import { importBox } from "../importbox.js";
import { platformName } from "../names.js";

// POST {platform, ad_id, video (id or creative code)}: the ad's past and future rows count for
// that video (studio.linking.link_ad), and ROI follows.
export const LINK_ROUTE = "/ad-imports/links";

function linkForm(row, onLinked) {
  const video = h("input", { type: "text", name: "video", placeholder: "AB12CD34", "aria-label": t("ads.videoFor", { ad: row.ad_name || row.ad_id || row.id }) });
  const go = h("button", { type: "submit", class: "small" }, t("ads.link"));
  const form = h("form", { class: "copy-line" }, video, go);
  const message = h("div");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!video.value.trim()) {
      clear(message, notice(t("ads.enterCode")));
      return;
    }
    try {
      const linked = await busy(go, () => api("POST", LINK_ROUTE, { json: { platform: row.platform, ad_id: row.ad_id, video: video.value.trim() } }));
      onLinked(linked);
    } catch (error) {
      clear(message, notice(error));
    }
  });
  return h("div", {}, form, message);
}

async function showImport(panel, id, ctx) {
  clear(panel, loading());
  const [item, rejected, unmatched] = await Promise.all([
    api("GET", `/ad-imports/${id}`, { template: "/ad-imports/{id}" }),
    api("GET", `/ad-imports/${id}/rejected?limit=200`, { template: "/ad-imports/{id}/rejected" }),
    api("GET", `/ad-imports/${id}/unmatched?limit=200`, { template: "/ad-imports/{id}/unmatched" }),
  ]);
  clear(
    panel,
    h("div", { class: "spread" }, h("h2", { id: "import-h" }, item.file_name || t("ads.importN", { id })), statusBadge(item.status)),
    h("div", { class: "stats", id: "import-counts" },
      h("div", {}, h("div", { class: "stat" }, fmtNumber(item.rows_total)), h("div", { class: "muted" }, t("ads.rows"))),
      h("div", {}, h("div", { class: "stat" }, fmtNumber(item.matched)), h("div", { class: "muted" }, t("ads.matched"))),
      h("div", {}, h("div", { class: "stat" }, fmtNumber(item.unmatched)), h("div", { class: "muted" }, t("ads.unmatched"))),
      h("div", {}, h("div", { class: "stat" }, fmtNumber(item.rejected)), h("div", { class: "muted" }, t("ads.rejected")))),
    item.error ? notice(item.error) : null,
    h("h3", {}, t("ads.unmatchedRows")),
    h("p", { class: "hint" }, t("ads.unmatchedHint")),
    unmatched.data.length
      ? table(t("ads.unmatchedRows"), [t("ads.platform"), t("ads.ad"), t("ads.date"), t("ads.spend"), t("ads.impressions"), t("ads.linkTo")],
          unmatched.data.map((r) => [platformName(r.platform), h("span", {}, r.ad_name || "—", h("br"), h("span", { class: "muted small-text" }, r.ad_id || "")), r.date, fmtMoney(r.spend, r.currency), fmtNumber(r.impressions),
            r.ad_id ? linkForm(r, (linked) => {
              ctx.toast(t("ads.linked", { n: linked.rows_linked, code: linked.creative_code }));
              showImport(panel, id, ctx);
            }) : "—"]))
      : h("p", { class: "muted" }, t("ads.noneUnmatched")),
    h("h3", {}, t("ads.rejectedRows")),
    rejected.data.length
      ? table(t("ads.rejectedRows"), [t("catalog.row"), t("catalog.reason")], rejected.data.map((r) => [r.row_number, r.reason]))
      : h("p", { class: "muted" }, t("ads.noneRejected")),
  );
}

export async function render(root, ctx) {
  const current = ctx.params[0];
  // one import box: a Meta or TikTok export, or shop orders; the kind is detected
  const form = importBox({
    page: "ads",
    title: t("ads.uploadTitle"),
    navigate: ctx.navigate,
    onImported: (kind, result) => {
      if (kind === "orders") return;
      ctx.toast(t("ads.imported", { matched: result.matched, unmatched: result.unmatched, rejected: result.rejected }));
      ctx.navigate(`#/ads/${result.id}`);
    },
  });
  const list = h("div", {}, loading());
  const panel = h("section", { class: "panel", "aria-labelledby": "import-h", id: "import-detail" }, h("h2", { id: "import-h" }, t("ads.pickImport")));
  root.append(pageHeader("nav.ads", "ads.intro"), form, h("section", { class: "panel", "aria-labelledby": "imports-h" }, h("h2", { id: "imports-h" }, t("ads.imports")), list), panel);
  try {
    const page = await api("GET", "/ad-imports?limit=50");
    clear(list, page.data.length
      ? table(t("ads.imports"), [t("ads.file"), t("ads.platform"), t("ads.matched"), t("ads.unmatched"), t("ads.rejected"), t("ads.when")],
          page.data.map((x) => [h("a", { href: `#/ads/${x.id}`, "aria-current": String(x.id) === current ? "true" : null }, x.file_name || t("ads.importN", { id: x.id })), platformName(x.platform), x.matched, x.unmatched, x.rejected, fmtDate(x.created_at)]), { hideCaption: true })
      : emptyState(t("ads.none")));
  } catch (error) {
    clear(list, notice(error));
  }
  if (current) await showImport(panel, current, ctx).catch((error) => clear(panel, h("h2", { id: "import-h" }, t("ads.importN", { id: current })), notice(error)));
}
