// Task center: batches with live progress (server-sent events; polling when the server has no
// stream), each video's status and error in words a seller can act on, cancel and retry.
import { api, hasRoute, stream } from "../api.js";
import { busy, emptyState, loading, notice, pageHeader, progressBar, statusBadge } from "../components.js";
import { clear, h, table } from "../dom.js";
import { fmtDate, fmtDuration, fmtPercent, t } from "../i18n.js";

const ACTIVE = new Set(["pending", "queued", "running"]);
export const STREAM_ROUTES = ["/batches/{id}/events", "/batches/{id}/stream", "/batches/{id}/progress"];

// What the seller can do about a failure, from words in the worker's error message.
function advice(error) {
  const text = (error || "").toLowerCase();
  if (/image|photo|picture/.test(text)) return t("tasks.adviceImage");
  if (/timeout|timed out|unavailable|circuit|rate/.test(text)) return t("tasks.adviceRetry");
  if (/budget|quota|credit|key|credential/.test(text)) return t("tasks.adviceKey");
  if (/field|required|too long|missing/.test(text)) return t("tasks.adviceField");
  return t("tasks.adviceDefault");
}

function batchRow(batch, current) {
  const total = batch.counts?.total || 0;
  const done = (batch.counts?.succeeded || 0) + (batch.counts?.failed || 0) + (batch.counts?.cancelled || 0);
  return h(
    "li",
    {},
    h("a", { href: `#/tasks/${batch.id}`, "aria-current": String(batch.id) === current ? "true" : null, class: "batch-link" },
      h("span", { class: "title-line" }, batch.name || t("tasks.batchN", { id: batch.id })), " ",
      statusBadge(batch.status), " ",
      h("span", { class: "muted small-text" }, `${done}/${total}`)),
  );
}

export async function render(root, ctx) {
  let current = ctx.params[0];
  const list = h("div", {}, loading());
  const detail = h("section", { class: "panel", "aria-labelledby": "batch-h", id: "batch-detail" }, h("h2", { id: "batch-h" }, t("tasks.noneSelected")));
  root.append(pageHeader("nav.tasks", "tasks.intro"), h("div", { class: "split narrow-left" }, h("section", { class: "panel", "aria-labelledby": "batches-h" }, h("h2", { id: "batches-h" }, t("tasks.batches")), list), detail));
  let closeStream = null;
  let timer = null;
  let titles = {};

  async function loadList() {
    try {
      const page = await api("GET", "/batches?limit=30");
      clear(list, page.data.length ? h("ul", { class: "batch-list" }, page.data.map((b) => batchRow(b, current))) : emptyState(t("tasks.none"), h("a", { class: "button", href: "#/batch" }, t("nav.batch"))));
      return page.data;
    } catch (error) {
      clear(list, notice(error));
      return [];
    }
  }

  async function loadDetail(id) {
    const [batch, videos] = await Promise.all([
      api("GET", `/batches/${id}`, { template: "/batches/{id}" }),
      api("GET", `/videos?batch_id=${id}&limit=500`),
    ]);
    const counts = batch.counts || {};
    const total = counts.total || videos.count || 0;
    const finished = (counts.succeeded || 0) + (counts.failed || 0) + (counts.cancelled || 0);
    const active = ACTIVE.has(batch.status) || videos.data.some((v) => ACTIVE.has(v.status));
    if (lastStatus !== null && lastStatus !== batch.status) loadList();
    lastStatus = batch.status;
    const cancel = h("button", { type: "button", class: "danger", hidden: !active }, t("tasks.cancel"));
    cancel.addEventListener("click", async () => {
      if (!window.confirm(t("tasks.cancelConfirm"))) return;
      try {
        await busy(cancel, () => api("POST", `/batches/${id}/cancel`, { template: "/batches/{id}/cancel" }));
        refresh();
      } catch (error) {
        detail.append(notice(error));
      }
    });
    const failed = videos.data.filter((v) => ["failed", "cancelled"].includes(v.status));
    const retryAll = h("button", { type: "button", class: "secondary", hidden: active || failed.length === 0 }, t("tasks.retryAll", { n: failed.length }));
    retryAll.addEventListener("click", async () => {
      try {
        await busy(retryAll, async () => {
          for (const v of failed) await api("POST", `/videos/${v.id}/rerender`, { template: "/videos/{id}/rerender" });
        });
        refresh();
        startLive();
      } catch (error) {
        detail.append(notice(error));
      }
    });
    const rows = videos.data.map((v) => {
      const retry = ["failed", "cancelled"].includes(v.status)
        ? h("button", { type: "button", class: "secondary small", onclick: async (event) => {
            try {
              await busy(event.currentTarget, () => api("POST", `/videos/${v.id}/rerender`, { template: "/videos/{id}/rerender" }));
              refresh();
              startLive();
            } catch (error) {
              detail.append(notice(error));
            }
          } }, t("tasks.retry"))
        : null;
      const open = v.status === "succeeded" ? h("a", { href: `#/videos/${v.id}` }, t("tasks.watch")) : null;
      return [
        h("span", { class: "mono" }, v.creative_code),
        titles[v.product_id] || `#${v.product_id}`,
        `${v.template_id} · ${v.format}`,
        h("span", {}, statusBadge(v.status), ACTIVE.has(v.status) ? ` ${fmtPercent(v.progress)}` : ""),
        v.error ? h("div", {}, h("p", { class: "small-text error-text" }, v.error), h("p", { class: "small-text muted" }, advice(v.error))) : "",
        h("div", { class: "row" }, retry, open),
      ];
    });
    clear(
      detail,
      h("div", { class: "spread" }, h("h2", { id: "batch-h" }, batch.name || t("tasks.batchN", { id: batch.id })), statusBadge(batch.status)),
      progressBar(total ? finished / total : 0, t("tasks.progress")),
      h("p", { id: "batch-progress", dataset: { status: batch.status, finished, total } },
        t("tasks.counts", { succeeded: counts.succeeded || 0, failed: counts.failed || 0, cancelled: counts.cancelled || 0, running: counts.running || 0, waiting: (counts.pending || 0) + (counts.queued || 0), total })),
      active ? h("p", { class: "muted" }, batch.eta_seconds == null ? t("tasks.etaUnknown") : t("tasks.eta", { time: fmtDuration(batch.eta_seconds) })) : h("p", { class: "muted" }, `${t("tasks.finishedAt")} ${fmtDate(batch.finished_at)}`),
      h("p", { class: "muted small-text", id: "live-mode" }, closeStream ? t("tasks.live") : active ? t("tasks.polling") : ""),
      h("div", { class: "row" }, cancel, retryAll, counts.succeeded ? h("a", { class: "button secondary", href: `#/videos/batch/${id}` }, t("tasks.openLibrary")) : null),
      table(t("tasks.videos"), [t("videos.code"), t("videos.product"), t("videos.template"), t("common.status"), t("tasks.error"), ""], rows),
    );
    return active;
  }

  let pending = false;
  let inFlight = null;
  let lastStatus = null;
  async function refresh() {
    if (inFlight) {
      pending = true;
      return;
    }
    inFlight = (async () => {
      try {
        const active = await loadDetail(current);
        if (!active) stopLive();
      } catch (error) {
        clear(detail, notice(error));
        stopLive();
      }
    })();
    await inFlight;
    inFlight = null;
    if (pending) {
      pending = false;
      refresh();
    }
  }

  function stopLive() {
    if (closeStream) closeStream();
    closeStream = null;
    clearInterval(timer);
    timer = null;
    loadList();
  }

  function startLive() {
    if (closeStream || timer) return;
    const route = STREAM_ROUTES.find((r) => hasRoute("GET", r));
    if (route) {
      closeStream = stream(route.replace("{id}", current), () => refresh(), () => {
        // the stream dropped: keep the page current by polling until it finishes
        if (closeStream) closeStream();
        closeStream = null;
        if (!timer) timer = setInterval(refresh, 2000);
      });
    } else {
      timer = setInterval(refresh, 2000);
    }
  }

  const batches = await loadList();
  try {
    const products = await api("GET", "/products?limit=500");
    titles = Object.fromEntries(products.data.map((p) => [p.id, p.title]));
  } catch {
    titles = {};
  }
  if (!current) {
    if (!batches.length) return null;
    // show the newest batch; the address follows without a second page render
    current = String(batches[0].id);
    history.replaceState(null, "", `#/tasks/${current}`);
    for (const link of list.querySelectorAll("a.batch-link")) {
      if (link.getAttribute("href") === `#/tasks/${current}`) link.setAttribute("aria-current", "true");
    }
  }
  clear(detail, h("h2", { id: "batch-h" }, t("tasks.batchN", { id: current })), loading());
  let active = false;
  try {
    active = await loadDetail(current);
  } catch (error) {
    clear(detail, h("h2", { id: "batch-h" }, t("tasks.batchN", { id: current })), notice(error));
  }
  if (active) {
    startLive();
    await loadDetail(current).catch(() => null);
  }
  return () => {
    if (closeStream) closeStream();
    clearInterval(timer);
  };
}
