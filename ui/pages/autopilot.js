// Autopilot: off until turned on. New products become videos with the templates that earn
// (the ROI recommendation's shares), within daily caps, published paused where the seller says.
// Its rules, a Pause button that stops it at once, what the next videos would be and why, and
// its log — every automatic action with its reason.
import { api } from "../api.js";
import { busy, emptyState, loading, notice, pageHeader, statusBadge } from "../components.js";
import { clear, field, h, table } from "../dom.js";
import { fmtDate, fmtMoney, fmtPercent, t } from "../i18n.js";
import { adSetPicker } from "../publish.js";

const FORMATS = ["9:16", "1:1", "16:9", "4:5"];
const LOG_PAGE = 30;

let names = {}; // template id -> its name in the seller's language

// An allocation line or a logged decision in the seller's language, from its data.
function why(item) {
  const template = names[item.template] || item.template;
  if (item.fallback) return t("autopilot.whyFallback", { template });
  return item.enough_data
    ? t("autopilot.whyBest", { template, p: fmtPercent(item.p_best) })
    : t("autopilot.whyUnsure", { template, p: fmtPercent(item.p_best) });
}

function logLine(event) {
  const p = event.payload || {};
  const kind = event.type.replace("autopilot.", "");
  switch (kind) {
    case "video_requested":
      return t("autopilot.log.requested", { product: p.product, template: names[p.template] || p.template, format: p.format, why: p.p_best !== undefined ? why(p) : p.reason });
    case "publishing":
      return t("autopilot.log.publishing", { n: (p.videos || []).length, where: p.ad_set_id });
    case "skipped":
      return p.why && p.why !== "error" && p.why !== "not_published" ? t(`autopilot.log.skipped_${p.why}`, { n: (p.products || p.videos || []).length }) : p.reason;
    case "paused":
      return t("autopilot.log.paused", { videos: (p.cancelled_videos || []).length, ads: (p.cancelled_ads || []).length });
    case "digest":
      return t("autopilot.log.digest", { rendered: p.rendered, published: p.published });
    case "rules_changed":
      return Object.keys(p.changed || {}).join(", ") || "—";
    default:
      return "—";
  }
}

function checkboxes(legend, name, items, checked) {
  return h("fieldset", {}, h("legend", {}, legend), h("div", { class: "checks" },
    items.map(([value, label]) => h("label", {}, h("input", { type: "checkbox", name, value, checked: checked.includes(value) }), label))));
}

export async function render(root, ctx) {
  const state = h("section", { class: "panel", "aria-labelledby": "state-h", id: "autopilot-state" }, loading());
  const next = h("section", { class: "panel", "aria-labelledby": "next-h" }, h("h2", { id: "next-h" }, t("autopilot.next")), loading());
  const rules = h("div", {}, loading());
  const log = h("section", { class: "panel", "aria-labelledby": "log-h", id: "autopilot-log" }, h("h2", { id: "log-h" }, t("autopilot.log.title")), loading());
  root.append(pageHeader("nav.autopilot", "autopilot.intro"), state, next, rules, log);
  const [templates, connections] = await Promise.all([api("GET", "/templates"), api("GET", "/connections")]);
  const accounts = Object.fromEntries(connections.data.map((c) => [c.id, c]));
  names = Object.fromEntries(templates.data.map((x) => [x.id, x.name]));

  function showState(a) {
    const toggle = h("button", { type: "button", class: a.enabled ? "secondary" : "" }, a.enabled ? t("autopilot.turnOff") : t("autopilot.turnOn"));
    const pause = h("button", { type: "button", class: a.status === "paused" ? "" : "danger", hidden: !a.enabled }, a.status === "paused" ? t("autopilot.resume") : t("autopilot.pause"));
    toggle.addEventListener("click", () => act(toggle, () => api("PATCH", "/autopilot", { json: { enabled: !a.enabled } })));
    pause.addEventListener("click", () => act(pause, () => api("POST", a.status === "paused" ? "/autopilot/resume" : "/autopilot/pause")));
    clear(state,
      h("div", { class: "spread" }, h("h2", { id: "state-h" }, t("autopilot.state")), h("span", { dataset: { autopilot: a.status } }, statusBadge(`autopilot_${a.status}`))),
      h("p", {}, t(`autopilot.status_${a.status}`)),
      a.status === "paused" ? h("p", { class: "small-text muted" }, t("autopilot.pausedAt", { when: fmtDate(a.paused_at) })) : null,
      h("dl", { class: "facts" },
        h("dt", {}, t("autopilot.today")), h("dd", {}, t("autopilot.todayVideos", { n: a.videos_today, max: a.max_videos_per_day })),
        h("dt", {}, t("autopilot.aiSpend")), h("dd", {}, `${fmtMoney(a.ai_spend_today, a.spend_currency)} / ${Number(a.max_ai_spend_per_day) ? fmtMoney(a.max_ai_spend_per_day, a.spend_currency) : t("autopilot.noAi")}`),
        h("dt", {}, t("autopilot.publishTo")), h("dd", {}, a.publish_to.length ? a.publish_to.map((p) => `${accounts[p.account]?.name || p.account} · ${p.ad_set_name || p.ad_set_id}`).join("; ") : t("autopilot.noPublish"))),
      h("div", { class: "row" }, toggle, pause));
    clear(next, h("h2", { id: "next-h" }, t("autopilot.next")), h("p", { class: "hint" }, t("autopilot.nextHint")),
      a.next.length
        ? table(t("autopilot.next"), [t("autopilot.template"), t("autopilot.videos"), t("autopilot.chance"), t("autopilot.why")],
            a.next.map((i) => [names[i.template] || i.template, String(i.videos), i.fallback ? "—" : fmtPercent(i.p_best), why(i)]), { hideCaption: true })
        : emptyState(t("autopilot.noNext")));
  }

  async function act(button, action) {
    try {
      const answer = await busy(button, action);
      showState(answer);
      showRules(answer);
      loadLog();
    } catch (error) {
      state.append(notice(error));
    }
  }

  function showRules(a) {
    const maxVideos = h("input", { type: "number", name: "max_videos_per_day", min: "0", max: "1000", value: String(a.max_videos_per_day) });
    const maxSpend = h("input", { type: "number", name: "max_ai_spend_per_day", min: "0", step: "0.01", value: String(Number(a.max_ai_spend_per_day)) });
    const currency = h("input", { type: "text", name: "spend_currency", maxlength: "3", size: "4", value: a.spend_currency });
    const preview = h("input", { type: "checkbox", name: "preview", checked: Boolean(a.options.preview) });
    const aiCopy = h("input", { type: "checkbox", name: "ai_copy", checked: Boolean(a.options.ai_copy) });
    const digest = h("input", { type: "email", name: "digest_to", maxlength: "320", value: a.digest_to || "" });
    let targets = [...a.publish_to];
    const targetList = h("ul", { class: "targets" });
    const picker = adSetPicker({ optional: true, choosePaused: false }); // always paused
    const add = h("button", { type: "button", class: "secondary small" }, t("autopilot.addTarget"));
    const showTargets = () => clear(targetList, targets.length ? targets.map((p, n) => h("li", {},
      `${accounts[p.account]?.name || p.account} · ${p.ad_set_name || p.ad_set_id} `,
      h("button", { type: "button", class: "secondary small", onclick: () => { targets.splice(n, 1); showTargets(); } }, t("autopilot.remove")))) : h("li", { class: "muted" }, t("autopilot.noPublish")));
    add.addEventListener("click", () => {
      const chosen = picker.value();
      if (chosen && !targets.some((x) => x.account === chosen.account && x.ad_set_id === chosen.ad_set_id)) {
        targets = [...targets, { account: chosen.account, ad_set_id: chosen.ad_set_id, ad_set_name: chosen.ad_set_name }];
        showTargets();
      }
    });
    showTargets();
    // a store pulled every 15 minutes: its new products arrive by themselves
    const shopUrl = h("input", { type: "text", name: "shop_url", maxlength: "500", value: a.store?.shop_url || "", placeholder: "my-shop.myshopify.com" });
    const shopToken = h("input", { type: "password", name: "shop_token", maxlength: "4000", autocomplete: "new-password", spellcheck: false });
    const shopCurrency = h("input", { type: "text", name: "shop_currency", maxlength: "3", size: "4", value: a.store?.currency || "USD" });
    const dropStore = h("input", { type: "checkbox", name: "drop_store" });
    const storeState = a.store
      ? h("p", { class: a.store.error ? "small-text bad-text" : "small-text muted", id: "store-state" },
          t("autopilot.storeState", { hint: a.store.token_hint || "—", when: a.store.synced_at ? fmtDate(a.store.synced_at) : t("autopilot.storeNever") }),
          a.store.error ? ` ${a.store.error}` : "")
      : null;
    const save = h("button", { type: "submit" }, t("autopilot.save"));
    const message = h("div", { "aria-live": "polite" });
    const form = h("form", { class: "panel", id: "autopilot-rules" },
      h("h2", {}, t("autopilot.rules")),
      h("div", { class: "row" }, field(t("autopilot.maxVideos"), maxVideos, t("autopilot.maxVideosHint")),
        field(t("autopilot.maxSpend"), maxSpend, t("autopilot.maxSpendHint")), field(t("autopilot.currency"), currency)),
      checkboxes(t("autopilot.templates"), "template", templates.data.filter((x) => x.source !== "mine").map((x) => [x.id, x.name]), a.templates),
      h("p", { class: "hint" }, t("autopilot.templatesHint")),
      checkboxes(t("autopilot.formats"), "format", FORMATS.map((f) => [f, t(`format.${f}`)]), a.formats),
      h("div", { class: "checks" }, h("label", {}, preview, t("autopilot.preview")), h("label", {}, aiCopy, t("autopilot.aiCopy"))),
      h("fieldset", {}, h("legend", {}, t("autopilot.publishTo")), h("p", { class: "hint" }, t("autopilot.publishHint")), targetList, picker.element, add),
      h("fieldset", {}, h("legend", {}, t("autopilot.store")), h("p", { class: "hint" }, t("autopilot.storeHint")),
        h("div", { class: "row" }, field(t("autopilot.shopUrl"), shopUrl), field(t("autopilot.currency"), shopCurrency)),
        field(t("autopilot.shopToken"), shopToken, t("autopilot.shopTokenHint")), storeState,
        a.store ? h("label", { class: "check" }, dropStore, t("autopilot.storeRemove")) : null),
      field(t("autopilot.digest"), digest, t("autopilot.digestHint")),
      save, message);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      clear(message);
      const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((x) => x.value);
      const body = {
        max_videos_per_day: Number(maxVideos.value) || 0, max_ai_spend_per_day: maxSpend.value || "0",
        spend_currency: currency.value.trim().toUpperCase() || "USD", templates: checked("template"),
        formats: checked("format").length ? checked("format") : ["9:16"],
        options: { ...a.options, preview: preview.checked, ai_copy: aiCopy.checked },
        publish_to: targets, digest_to: digest.value.trim() || null,
      };
      if (dropStore.checked) body.store = null;
      else if (shopToken.value.trim()) body.store = { source: "shopify", shop_url: shopUrl.value.trim(), access_token: shopToken.value.trim(), currency: shopCurrency.value.trim().toUpperCase() || "USD" };
      try {
        const answer = await busy(save, () => api("PATCH", "/autopilot", { json: body }));
        ctx.toast(t("autopilot.saved"));
        showState(answer);
        showRules(answer);
      } catch (error) {
        message.append(notice(error));
      }
    });
    clear(rules, form);
  }

  let before = null;
  async function loadLog(more = false) {
    if (!more) before = null;
    try {
      const page = await api("GET", `/autopilot/log?limit=${LOG_PAGE}${before ? `&before=${before}` : ""}`);
      const rows = page.data.map((e) => [fmtDate(e.created_at), t(`autopilot.event.${e.type.replace("autopilot.", "")}`), logLine(e)]);
      const older = h("button", { type: "button", class: "secondary", hidden: page.data.length < LOG_PAGE }, t("common.next"));
      before = page.data.length ? page.data[page.data.length - 1].seq : before;
      older.addEventListener("click", () => loadLog(true));
      clear(log, h("h2", { id: "log-h" }, t("autopilot.log.title")),
        rows.length ? table(t("autopilot.log.title"), [t("autopilot.when"), t("autopilot.what"), t("autopilot.why")], rows, { hideCaption: true }) : emptyState(t("autopilot.log.empty")),
        older);
    } catch (error) {
      clear(log, notice(error));
    }
  }

  try {
    const a = await api("GET", "/autopilot");
    showState(a);
    showRules(a);
  } catch (error) {
    clear(state, notice(error));
  }
  await loadLog();
  return null;
}
