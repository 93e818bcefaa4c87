// Task center: batches with live progress, each video's status and error in words a seller can
// act on, cancel, retry, and the whole batch as one ZIP.
//
// Live: the page keeps a model of the batch (a snapshot from the API) and applies every event
// of the batch's server-sent stream to it as it arrives — a video starts, moves on, finishes —
// so the counts and the rows move per video. A snapshot that is older than an event already
// applied, or an event replayed after a reconnect, never moves a video back (render version,
// then status order). Polling is the fallback when the server has no stream.
import { API, api, hasRoute, stream } from "../api.js";
import { busy, emptyState, loading, notice, pageHeader, progressBar, statusBadge } from "../components.js";
import { clear, h, table } from "../dom.js";
import { fmtDate, fmtDuration, fmtPercent, t } from "../i18n.js";
import { templateNames } from "../names.js";

const ACTIVE = new Set(["pending", "queued", "running"]);
const SETTLED = new Set(["completed", "completed_with_failures", "failed", "cancelled"]);
const RANK = { pending: 0, queued: 1, running: 2, succeeded: 3, failed: 3, cancelled: 3, archived: 4 };
const STATUSES = ["pending", "queued", "running", "succeeded", "failed", "cancelled", "archived"];
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

// is `next` at least as new as `known`? (a re-render starts again at a higher version)
function notOlder(known, next) {
  const a = known.render_version || 1;
  const b = next.render_version || 1;
  if (a !== b) return b > a;
  return (RANK[next.status] ?? 0) >= (RANK[known.status] ?? 0);
}

function finishedOf(counts) {
  return (counts.succeeded || 0) + (counts.failed || 0) + (counts.cancelled || 0);
}

export async function render(root, ctx) {
  let current = ctx.params[0];
  const list = h("div", {}, loading());
  const detail = h("section", { class: "panel", "aria-labelledby": "batch-h", id: "batch-detail" }, h("h2", { id: "batch-h" }, t("tasks.noneSelected")));
  root.append(pageHeader("nav.tasks", "tasks.intro"), h("div", { class: "split narrow-left" }, h("section", { class: "panel", "aria-labelledby": "batches-h" }, h("h2", { id: "batches-h" }, t("tasks.batches")), list), detail));
  let titles = {};
  let names = {}; // template id -> its name
  let listLines = {}; // batch id -> {badge, count} in the list on the left
  let gone = false;

  // the model of the batch on screen
  let batch = null;
  const videos = new Map(); // id -> video (as the API shows it, kept current by events)
  let others = {}; // counts of the batch's videos not listed here (reused from earlier batches)
  let liveState = null; // "open" | "reconnecting" | "polling" | null
  let lastEventId = null;
  let lastEventAt = null; // the server's time of the newest event (its clock, not ours)
  let view = null; // the persistent elements of the detail

  async function loadList() {
    try {
      const page = await api("GET", "/batches?limit=30");
      listLines = {};
      const lines = page.data.map((b) => {
        const total = b.counts?.total || 0;
        const badge = h("span", {}, statusBadge(b.status));
        const count = h("span", { class: "muted small-text" }, `${finishedOf(b.counts || {})}/${total}`);
        listLines[b.id] = { badge, count, total };
        return h("li", {}, h("a", { href: `#/tasks/${b.id}`, "aria-current": String(b.id) === current ? "true" : null, class: "batch-link" },
          h("span", { class: "title-line" }, b.name || t("tasks.batchN", { id: b.id })), " ", badge, " ", count));
      });
      clear(list, lines.length ? h("ul", { class: "batch-list" }, lines) : emptyState(t("tasks.none"), h("a", { class: "button", href: "#/batch" }, t("nav.batch"))));
      return page.data;
    } catch (error) {
      clear(list, notice(error));
      return [];
    }
  }

  function counts() {
    const c = { ...others };
    for (const v of videos.values()) c[v.status] = (c[v.status] || 0) + 1;
    c.total = batch?.counts?.total ?? videos.size;
    return c;
  }

  const isActive = () => Boolean(batch) && (!SETTLED.has(batch.status) || [...videos.values()].some((v) => ACTIVE.has(v.status)));

  // `via` says what last moved the video on (a snapshot or an event): a page that follows the
  // stream moves each video as its events arrive
  function merge(video) {
    const known = videos.get(video.id);
    if (known && !notOlder(known, video)) return;
    const moved = !known || known.status !== video.status || known.render_version !== video.render_version;
    videos.set(video.id, { ...known, ...video, via: moved ? "snapshot" : known.via });
  }

  // a fresh snapshot from the API, merged into the model
  async function snapshot() {
    const [fresh, page] = await Promise.all([
      api("GET", `/batches/${current}`, { template: "/batches/{id}" }),
      api("GET", `/videos?batch_id=${current}&limit=500`),
    ]);
    if (gone) return;
    // videos this batch reused (made before, or still being made for another batch) are the
    // seller's too: listed with the rest, so a batch of only those is not an empty page
    const own = new Set(page.data.map((v) => v.id));
    const reused = (fresh.reused_video_ids || []).filter((id) => !own.has(id)).slice(0, 50);
    const extra = await Promise.all(reused.map((id) =>
      api("GET", `/videos/${id}`, { template: "/videos/{id}" }).catch(() => null)));
    if (gone) return;
    page.data = [...page.data, ...extra.filter(Boolean)];
    // a snapshot read before the batch.completed event arrived does not reopen the batch
    const stale = batch && SETTLED.has(batch.status) && !SETTLED.has(fresh.status) && !page.data.some((v) => ACTIVE.has(v.status));
    batch = { ...fresh, status: stale ? batch.status : fresh.status };
    const listed = {};
    for (const v of page.data) listed[v.status] = (listed[v.status] || 0) + 1;
    others = {};
    for (const s of STATUSES) {
      const rest = (fresh.counts?.[s] || 0) - (listed[s] || 0);
      if (rest > 0) others[s] = rest;
    }
    for (const v of page.data) merge(v);
  }

  // one event of the batch's stream
  function apply(type, data, id) {
    if (id != null) lastEventId = id;
    if (!data || typeof data !== "object" || !data.subject || !batch) return;
    if (data.created_at) lastEventAt = Date.parse(data.created_at);
    const p = data.payload || {};
    if (data.subject.type === "video") {
      const known = videos.get(Number(data.subject.id));
      if (!known) return;
      const next = { ...known, render_version: p.render_version || known.render_version };
      if (type.endsWith(".progress")) {
        if (known.status !== "running" || next.render_version !== known.render_version) return;
        next.progress = Math.max(known.progress || 0, Number(p.progress) || 0);
      } else if (p.to) {
        next.status = p.to;
        if (p.to === "running") next.progress = 0;
        if (p.to === "succeeded") next.progress = 1;
        if (p.to === "failed") next.error = p.reason || known.error;
      } else return;
      // an event moving on from the status shown is news even when it goes back (a video
      // whose worker was lost is queued again); an older one replayed is not
      if (!notOlder(known, next) && !(p.from && p.from === known.status)) return;
      if (next.status !== known.status) next.via = "event";
      videos.set(known.id, next);
    } else if (data.subject.type === "batch" && String(data.subject.id) === String(current) && p.to) {
      batch.status = p.to;
      if (SETTLED.has(p.to)) settleSoon();
    }
    paintSoon();
  }

  let paintTimer = null;
  function paintSoon() {
    if (paintTimer) return;
    paintTimer = setTimeout(() => {
      paintTimer = null;
      paint();
    }, 80);
  }

  function videoRow(v) {
    const status = h("span", { class: "v-status" });
    const problem = h("div", { class: "v-problem" });
    const actions = h("div", { class: "row v-actions" });
    // the status first: on a phone it is the column that stays in view
    return { v, cells: [status, titles[v.product_id] || `#${v.product_id}`, `${names[v.template_id] || v.template_id || v.generator} · ${v.format}`, h("span", { class: "mono" }, v.creative_code), problem, actions], status, problem, actions, shown: null };
  }

  function retryButton(v) {
    return h("button", { type: "button", class: "secondary small", onclick: async (event) => {
      try {
        const again = await busy(event.currentTarget, () => api("POST", `/videos/${v.id}/rerender`, { template: "/videos/{id}/rerender" }));
        merge({ ...again });
        batch.status = "running";
        paint();
        startLive();
      } catch (error) {
        view.message.append(notice(error));
      }
    } }, t("tasks.retry"));
  }

  function paintRow(row) {
    const v = videos.get(row.v.id);
    const key = `${v.status}|${v.render_version}|${ACTIVE.has(v.status) ? Math.round((v.progress || 0) * 100) : ""}|${v.error || ""}|${v.via}`;
    if (row.shown === key) return;
    row.shown = key;
    const tr = row.status.closest("tr");
    if (tr) Object.assign(tr.dataset, { videoId: v.id, status: v.status, via: v.via || "" });
    clear(row.status, statusBadge(v.status), v.status === "running" ? ` ${fmtPercent(v.progress || 0)}` : "");
    clear(row.problem, v.error && ["failed", "cancelled"].includes(v.status) ? [h("p", { class: "small-text error-text" }, v.error), h("p", { class: "small-text muted" }, advice(v.error))] : null);
    clear(row.actions,
      ["failed", "cancelled"].includes(v.status) ? retryButton(v) : null,
      v.status === "succeeded" ? h("a", { href: `#/videos/${v.id}` }, t("tasks.watch")) : null);
  }

  function build() {
    const cancel = h("button", { type: "button", class: "danger" }, t("tasks.cancel"));
    cancel.addEventListener("click", async () => {
      if (!window.confirm(t("tasks.cancelConfirm"))) return;
      try {
        await busy(cancel, () => api("POST", `/batches/${current}/cancel`, { template: "/batches/{id}/cancel" }));
        await snapshot();
        paint();
      } catch (error) {
        view.message.append(notice(error));
      }
    });
    const retryAll = h("button", { type: "button", class: "secondary" });
    retryAll.addEventListener("click", async () => {
      try {
        await busy(retryAll, async () => {
          for (const v of [...videos.values()].filter((x) => ["failed", "cancelled"].includes(x.status))) {
            merge(await api("POST", `/videos/${v.id}/rerender`, { template: "/videos/{id}/rerender" }));
          }
        });
        batch.status = "running";
        paint();
        startLive();
      } catch (error) {
        view.message.append(notice(error));
      }
    });
    const rows = [...videos.values()].sort((a, b) => a.id - b.id).map(videoRow);
    const library = h("a", { class: "button secondary", href: `#/videos/batch/${current}` }, t("tasks.openLibrary"));
    const zip = h("a", { class: "button", href: `${API}/batches/${current}/download`, download: "", id: "batch-zip" });
    view = {
      title: h("h2", { id: "batch-h" }, batch.name || t("tasks.batchN", { id: batch.id })),
      badge: h("span"),
      bar: h("div"),
      counts: h("p", { id: "batch-progress", "aria-live": "polite" }),
      timing: h("p", { class: "muted" }),
      live: h("p", { class: "muted small-text", id: "live-mode" }),
      cancel, retryAll, library, zip, rows,
      message: h("div"),
    };
    clear(detail,
      h("div", { class: "spread" }, view.title, view.badge),
      view.bar, view.counts, view.timing, view.live,
      h("div", { class: "row" }, cancel, retryAll, zip, library),
      view.message,
      table(t("tasks.videos"), [t("common.status"), t("videos.product"), t("videos.template"), t("videos.code"), t("tasks.error"), ""], rows.map((r) => r.cells)));
  }

  // the pace so far, as the server reckons it (time since the batch started, fraction done),
  // from the events' own times; the snapshot's figure until events arrive
  function etaSeconds(c) {
    const started = Date.parse(batch.started_at || batch.created_at);
    if (lastEventAt == null || !started || !c.total) return batch.eta_seconds;
    let done = finishedOf(c);
    for (const v of videos.values()) if (v.status === "running") done += v.progress || 0;
    const fraction = done / c.total;
    if (fraction <= 0 || fraction >= 1) return batch.eta_seconds;
    return Math.max(0, Math.round(((lastEventAt - started) / 1000 / fraction) * (1 - fraction)));
  }

  function paint() {
    if (gone || !batch) return;
    if (!view) build();
    const c = counts();
    const finished = finishedOf(c);
    const active = isActive();
    clear(view.badge, statusBadge(batch.status));
    clear(view.bar, progressBar(c.total ? finished / c.total : 0, t("tasks.progress")));
    Object.assign(view.counts.dataset, { status: batch.status, finished, total: c.total, succeeded: c.succeeded || 0 });
    view.counts.textContent = t("tasks.counts", { succeeded: c.succeeded || 0, failed: c.failed || 0, cancelled: c.cancelled || 0, running: c.running || 0, waiting: (c.pending || 0) + (c.queued || 0), total: c.total });
    const eta = etaSeconds(c);
    view.timing.textContent = active
      ? (eta == null ? t("tasks.etaUnknown") : t("tasks.eta", { time: fmtDuration(eta) }))
      : batch.finished_at ? `${t("tasks.finishedAt")} ${fmtDate(batch.finished_at)}` : "";
    view.live.textContent = active ? ({ open: t("tasks.live"), reconnecting: t("tasks.reconnecting"), polling: t("tasks.polling") }[liveState] || "") : "";
    if (lastEventId != null) view.live.dataset.lastEventId = lastEventId;
    view.live.dataset.state = liveState || "";
    const failed = [...videos.values()].filter((v) => ["failed", "cancelled"].includes(v.status)).length;
    view.cancel.hidden = !active;
    view.retryAll.hidden = active || failed === 0;
    view.retryAll.textContent = t("tasks.retryAll", { n: failed });
    view.library.hidden = !c.succeeded;
    view.zip.hidden = !c.succeeded || !hasRoute("GET", "/batches/{id}/download");
    view.zip.textContent = c.succeeded === 1 ? t("tasks.downloadZipOne") : t("tasks.downloadZip", { n: c.succeeded || 0 });
    for (const row of view.rows) paintRow(row);
    const line = listLines[batch.id];
    if (line) {
      clear(line.badge, statusBadge(batch.status));
      line.count.textContent = `${finished}/${c.total}`;
    }
  }

  // live updates: the stream, with a snapshot now and then; polling without a stream
  let closeStream = null;
  let timer = null;
  let settleTimer = null;

  function settleSoon() {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(async () => {
      try {
        await snapshot();
        paint();
      } catch {
        // the next snapshot or event will do
      }
      if (!isActive()) stopLive();
      else if (!closeStream && !timer) startLive(); // made again meanwhile (a retry elsewhere)
    }, 300);
  }

  function stopLive() {
    if (closeStream) closeStream();
    closeStream = null;
    clearInterval(timer);
    timer = null;
    liveState = null;
    paint();
  }

  function startLive() {
    if (closeStream || timer) return;
    const route = STREAM_ROUTES.find((r) => hasRoute("GET", r));
    const poll = async () => {
      try {
        await snapshot();
        paint();
        if (!isActive()) stopLive();
      } catch (error) {
        if (view) clear(view.message, notice(error));
      }
    };
    if (!route) {
      liveState = "polling";
      timer = setInterval(poll, 2000);
      return;
    }
    closeStream = stream(route.replace("{id}", current), apply, {
      onState: (state, error) => {
        if (state === "ended") {
          closeStream = null;
          settleSoon();
          return;
        }
        if (state === "failed") {
          // the stream was refused: keep the page current by polling
          closeStream = null;
          liveState = "polling";
          clearInterval(timer);
          timer = setInterval(poll, 2000);
          if (view && error) clear(view.message, notice(error));
        } else liveState = state;
        paintSoon();
      },
    });
    liveState = null; // until the stream answers
  }

  const [batches, named] = await Promise.all([loadList(), templateNames()]);
  names = named;
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
  try {
    await snapshot();
    paint();
  } catch (error) {
    clear(detail, h("h2", { id: "batch-h" }, t("tasks.batchN", { id: current })), notice(error));
  }
  if (isActive()) {
    startLive();
    paint();
  }
  return () => {
    gone = true;
    if (closeStream) closeStream();
    clearInterval(timer);
    clearTimeout(paintTimer);
    clearTimeout(settleTimer);
  };
}
