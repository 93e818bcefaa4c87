// Publishing as ads, shared by the video, batch and autopilot pages: an ad set picker (a
// connected account, then one of its ad sets / ad groups, read from the platform), the
// Publish form, and a video's ads with their status (in review, paused, rejected + why).
import { api, hasRoute } from "./api.js";
import { busy, emptyState, notice, statusBadge } from "./components.js";
import { clear, field, h, table } from "./dom.js";
import { fmtDate, t } from "./i18n.js";

const WAITING = ["queued", "publishing"];
const platformName = (p) => t(`connections.platform.${p}`) === `connections.platform.${p}` ? p : t(`connections.platform.${p}`);

// { element, value() → {account, ad_set_id, ad_set_name, start_paused} | null }
export function adSetPicker({ optional = false, paused = true, choosePaused = true } = {}) {
  const account = h("select", { name: "publish-account" });
  const adSet = h("select", { name: "publish-ad-set", disabled: true });
  const keepPaused = h("input", { type: "checkbox", name: "publish-paused", checked: paused });
  const status = h("div", { "aria-live": "polite" });
  const element = h("div", { class: "publish-picker" },
    h("div", { class: "row" }, field(t("publish.account"), account), field(t("publish.adSet"), adSet)),
    choosePaused ? h("label", { class: "check" }, keepPaused, t("publish.paused")) : null, status);

  async function loadSets() {
    clear(adSet);
    adSet.disabled = true;
    if (!account.value) return;
    clear(status, h("p", { class: "loading", role: "status" }, t("publish.loadingSets")));
    try {
      const sets = await api("GET", `/connections/${account.value}/ad-sets`, { template: "/connections/{id}/ad-sets" });
      clear(adSet, sets.data.map((s) => h("option", { value: s.id, dataset: { name: s.name } },
        s.campaign_name ? `${s.name} — ${s.campaign_name}` : s.name)));
      adSet.disabled = !sets.data.length;
      clear(status, sets.data.length ? null : h("p", { class: "hint" }, t("publish.noSets")));
    } catch (error) {
      clear(status, notice(error));
    }
  }
  account.addEventListener("change", loadSets);

  const ready = (async () => {
    if (!hasRoute("GET", "/connections")) {
      element.hidden = true;
      return;
    }
    try {
      const found = await api("GET", "/connections");
      const usable = found.data.filter((c) => c.status === "connected");
      clear(account,
        optional ? h("option", { value: "" }, t("publish.none")) : null,
        usable.map((c) => h("option", { value: String(c.id) }, `${platformName(c.platform)} · ${c.name || c.account_id}`)));
      if (!usable.length) {
        clear(status, h("p", { class: "hint" }, t("publish.noAccount"), " ", h("a", { href: "#/connections" }, t("nav.connections"))));
        account.disabled = true;
      } else if (!optional) await loadSets();
    } catch (error) {
      clear(status, notice(error));
    }
  })();

  function value() {
    if (!account.value || !adSet.value) return null;
    const chosen = adSet.selectedOptions[0];
    return { account: Number(account.value), ad_set_id: adSet.value, ad_set_name: chosen?.dataset.name || "", start_paused: keepPaused.checked };
  }
  return { element, value, ready };
}

// The Publish panel: picker + button; `path` is /videos/{id}/publish or /batches/{id}/publish.
export function publishForm(path, template, ctx, onDone) {
  const picker = adSetPicker();
  const button = h("button", { type: "submit" }, t("publish.button"));
  const message = h("div", { "aria-live": "polite" });
  const form = h("form", { class: "publish-form", id: "publish-form" },
    h("h3", {}, t("publish.title")), h("p", { class: "hint" }, t("publish.hint")), picker.element, button, message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(message);
    const target = picker.value();
    if (!target) {
      message.append(notice(new Error(t("publish.pickSet"))));
      return;
    }
    try {
      const answer = await busy(button, () => api("POST", path, { json: target, template }));
      const n = answer.count ?? 1;
      ctx.toast(t("publish.queued", { n }));
      if (onDone) onDone(answer);
    } catch (error) {
      message.append(notice(error));
    }
  });
  return form;
}

const BRANDS = { meta: "Meta", tiktok: "TikTok" };

function adRows(ads) {
  return ads.map((ad) => [
    BRANDS[ad.platform] || ad.platform,
    h("span", {}, ad.ad_set_name || ad.ad_set_id, ad.ad_id ? h("span", { class: "mono muted small-text block" }, ad.ad_id) : null),
    h("span", { dataset: { adStatus: ad.status } }, statusBadge(ad.status)),
    ad.reason || (ad.step ? t(`publish.step.${ad.step.replace(/ /g, "_")}`) : "") || "—",
    fmtDate(ad.published_at || ad.updated_at),
  ]);
}

// A video's ads (every platform) with their status; refreshed while one is being published.
export function videoAds(videoId) {
  const body = h("div", {});
  const section = h("section", { "aria-labelledby": "ads-h", id: "video-ads" }, h("h3", { id: "ads-h" }, t("publish.ads")), body);
  let timer = null;
  async function load() {
    try {
      const ads = await api("GET", `/videos/${videoId}/ads`, { template: "/videos/{id}/ads" });
      clear(body, ads.data.length
        ? table(t("publish.ads"), [t("publish.platform"), t("publish.adSet"), t("common.status"), t("publish.reason"), t("publish.when")], adRows(ads.data), { hideCaption: true })
        : emptyState(t("publish.noAds")));
      clearTimeout(timer);
      if (ads.data.some((a) => WAITING.includes(a.status))) timer = setTimeout(() => section.isConnected && load(), 3000);
    } catch (error) {
      clear(body, notice(error));
    }
  }
  section.reload = load;
  load();
  return section;
}

// The video page's part: its ads, and the Publish form when the video is (being) made.
export function publishSection(video, ctx) {
  if (!hasRoute("GET", "/videos/{id}/ads")) return null;
  const ads = videoAds(video.id);
  const usable = !["failed", "cancelled", "archived"].includes(video.status);
  return h("div", { class: "publish-section" }, ads,
    usable ? publishForm(`/videos/${video.id}/publish`, "/videos/{id}/publish", ctx, () => ads.reload()) : null);
}

// The batch page's part: publish a batch already made (or being made) into an ad set.
export function batchPublishPanel(ctx) {
  if (!hasRoute("POST", "/batches/{id}/publish")) return null;
  const batch = h("select", { name: "publish-batch" });
  const holder = h("div", {});
  const panel = h("section", { class: "panel", "aria-labelledby": "publish-batch-h", id: "publish-batch" },
    h("h2", { id: "publish-batch-h" }, t("publish.batchTitle")), h("p", { class: "hint" }, t("publish.batchHint")),
    field(t("publish.batch"), batch), holder);
  const show = () => clear(holder, batch.value
    ? publishForm(`/batches/${batch.value}/publish`, "/batches/{id}/publish", ctx, (answer) => ctx.navigate(`#/tasks/${batch.value}`) || answer)
    : emptyState(t("publish.noBatches")));
  batch.addEventListener("change", show);
  api("GET", "/batches?limit=20").then((found) => {
    clear(batch, found.data.map((b) => h("option", { value: String(b.id) }, `#${b.id} ${b.name || ""} · ${t("publish.videosN", { n: b.counts?.total ?? 0 })}`)));
    show();
  }).catch((error) => clear(holder, notice(error)));
  return panel;
}
