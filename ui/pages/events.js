// Event log: every status change and action in the workspace, filterable, live when the server
// streams events.
import { api, hasRoute, stream } from "../api.js";
import { emptyState, loading, notice, pageHeader } from "../components.js";
import { clear, field, h, table } from "../dom.js";
import { fmtDate, fmtPercent, t } from "../i18n.js";

const SHOWN = new Set(["from", "to", "reason", "error", "progress", "creative_code"]);

function describe(event) {
  const p = event.payload || {};
  const parts = [];
  if (p.creative_code) parts.push(p.creative_code);
  if (p.from && p.to) parts.push(`${statusLabel(p.from)} → ${statusLabel(p.to)}`);
  if (typeof p.progress === "number") parts.push(fmtPercent(p.progress));
  if (p.reason) parts.push(p.reason);
  if (p.error) parts.push(p.error);
  const rest = Object.fromEntries(Object.entries(p).filter(([k]) => !SHOWN.has(k)));
  const text = JSON.stringify(rest);
  if (!parts.length && text !== "{}") parts.push(text.length > 160 ? `${text.slice(0, 157)}…` : text);
  return parts.join(" · ");
}

function statusLabel(status) {
  const key = `status.${status}`;
  return t(key) === key ? status : t(key);
}

const isProgress = (e) => e.type.endsWith(".progress");

export async function render(root) {
  const type = h("select", { name: "type" }, [["", t("common.all")], ["video.*", t("events.videos")], ["batch.*", t("events.batches")], ["job.*", t("events.jobs")], ["ad_import.*", t("events.adImports")]].map(([v, l]) => h("option", { value: v }, l)));
  const progress = h("input", { type: "checkbox", name: "progress" });
  progress.addEventListener("change", () => show());
  const list = h("div", { "aria-live": "polite" }, loading());
  const live = h("p", { class: "muted small-text" });
  let rows = [];
  let close = null;

  function show() {
    const visible = progress.checked ? rows : rows.filter((e) => !isProgress(e));
    clear(list, visible.length
      ? table(t("events.title"), [t("events.when"), t("events.type"), t("events.subject"), t("events.details")],
          visible.map((e) => [fmtDate(e.created_at), h("code", {}, e.type), `${e.subject.type} ${e.subject.id}`, describe(e)]), { hideCaption: true })
      : emptyState(t("events.none")));
  }

  async function load() {
    clear(list, loading());
    const params = new URLSearchParams({ limit: 1000 });
    if (type.value) params.set("type", type.value);
    try {
      // oldest first from the API; the seller wants the newest on top (last 200)
      let after = 0;
      let all = [];
      for (let i = 0; i < 20; i++) {
        params.set("after", after);
        const page = await api("GET", `/events?${params}`);
        all = all.concat(page.data).slice(-200);
        if (page.count < 1000) break;
        after = page.next_after;
      }
      rows = all.reverse();
      show();
    } catch (error) {
      clear(list, notice(error));
    }
  }

  type.addEventListener("change", load);
  root.append(pageHeader("nav.events", "events.intro"), h("div", { class: "panel" }, h("div", { class: "row" }, field(t("events.type"), type), h("label", { class: "checks" }, progress, t("events.showProgress"))), live, list));
  await load();
  if (hasRoute("GET", "/events/stream")) {
    const after = rows.length ? rows[0].seq : 0;
    close = stream(`/events/stream?after=${after}`, (_, data) => {
      if (!data || typeof data !== "object" || !data.type) return;
      const prefix = type.value.replace("*", "");
      if (prefix && !data.type.startsWith(prefix)) return;
      if (rows.some((r) => r.seq === data.seq)) return;
      rows = [data, ...rows].slice(0, 200);
      show();
    });
    live.textContent = t("events.live");
  }
  return () => close?.();
}
