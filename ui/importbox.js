// The import box: drop any export (CSV, TSV, Excel) — a Shopify product export, your own
// catalog, a Meta or TikTok ad export, shop orders. The studio says what it found before
// importing (POST /imports/detect: kind, counts, currency, columns), lets the seller choose
// the currency, the columns and whether drafts come too, then imports it with the source
// made for its kind (POST /imports). A file for another page is named and can be carried
// there. The catalog page and the ad results page use the same box.
import { api } from "./api.js";
import { busy, notice } from "./components.js";
import { clear, field, h, table } from "./dom.js";
import { fmtMoney, fmtNumber, hasText, t } from "./i18n.js";

// a big CSV's preview needs only its beginning; an Excel workbook is sent whole
const SLICE = 2 * 1024 * 1024;
const CURRENCIES = ["USD", "EUR", "GBP", "CNY", "JPY", "HKD", "TWD", "SGD", "CAD", "AUD", "NZD",
  "KRW", "INR", "MXN", "BRL", "CHF", "SEK", "NOK", "DKK", "PLN", "AED", "THB", "MYR", "IDR", "VND", "PHP"];
const CURRENCY_KEY = "studio.importCurrency";
const PAGE_KINDS = { catalog: ["shopify_products", "catalog"], ads: ["meta_ads", "tiktok_ads", "orders"] };
// notes the preview says in its own controls
const SHOWN_ELSEWHERE = new Set(["wrong_page", "drafts", "store_currency", "currency_not_in_file", "currency_from_file", "several_currencies", "partial", "needs_column"]);
const POLL_MS = 1500;

// a file dropped on the wrong page, carried to the right one by its link
let handedOver = null;

// "1 product" / "3 products": the key's .one or .other form
export function counted(name, n) {
  return t(`imports.n.${name}.${Number(n) === 1 ? "one" : "other"}`, { n: fmtNumber(n) });
}

function kindName(kind) {
  return t(`imports.kind.${kind}`);
}

function fieldName(name) {
  const key = `imports.field.${name}`;
  const text = t(key);
  return text === key ? name : text;
}

function isWorkbook(file) {
  return /\.xlsx$/i.test(file.name);
}

function summary(found) {
  const c = found.counts || {};
  const days = found.first_day ? t("imports.days", { from: found.first_day, to: found.last_day }) : "";
  const parts = {
    shopify_products: [counted("products", c.products), counted("variants", c.variants), counted("drafts", c.drafts)],
    catalog: [counted("products", c.products)],
    meta_ads: [counted("ads", c.ads), counted("rows", c.rows), days],
    tiktok_ads: [counted("ads", c.ads), counted("rows", c.rows), days],
    orders: [counted("orders", c.orders), days],
  }[found.kind];
  if (!parts) return t("imports.unknown");
  return t("imports.found", { kind: kindName(found.kind), what: parts.filter(Boolean).join(t("imports.comma")) });
}

function noteText(note) {
  const params = { ...note.params };
  if (params.field) params.field = fieldName(params.field);
  const base = `imports.note.${note.code}`;
  // "1 row has", not "1 rows have": a note about one thing has its own words
  const key = Number(params.n) === 1 && hasText(`${base}.one`) ? `${base}.one` : base;
  const text = t(key, params);
  return text === key ? note.message : text;
}

// When the import runs as a job (a big file), follow it until it has finished.
async function followJob(job, status) {
  for (;;) {
    status.textContent = t("imports.background", { file: job.file_name || "" });
    if (job.status === "succeeded") return job.result || {};
    if (job.status === "failed") throw new Error(job.error || t("common.error"));
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = await api("GET", `/imports/${job.id}`, { template: "/imports/{import_job_id}" });
  }
}

function rejectedTable(rejected) {
  if (!rejected?.length) return null;
  return table(t("catalog.rejectedRows"), [t("catalog.row"), t("catalog.reason")], rejected.map((r) => [r.row_number ?? "—", r.reason]));
}

export function importResult(kind, result) {
  if (kind === "orders") {
    return h("div", { class: "stack" }, h("p", { class: "notice ok", role: "status" }, t("imports.ordersDone", { stored: result.stored, rejected: result.rejected?.length || 0 })), rejectedTable(result.rejected));
  }
  const rejected = result.rejected || [];
  return h(
    "div",
    { class: "stack" },
    h("p", { class: "notice ok", role: "status" }, t("catalog.imported", { stored: result.stored, rejected: rejected.length })),
    result.skipped_drafts ? h("p", { class: "muted" }, t("imports.draftsLeftOut", { what: counted("drafts", result.skipped_drafts) })) : null,
    result.warnings?.length ? h("div", { class: "notice missing" }, h("strong", {}, t("catalog.warnings")), h("ul", {}, result.warnings.map((w) => h("li", {}, w)))) : null,
    rejectedTable(rejected),
  );
}

// importBox({page: "catalog" | "ads", title, onImported(kind, result), navigate})
export function importBox({ page, title, onImported, navigate }) {
  const state = { file: null, found: null, currency: "", mapping: {}, kind: "", drafts: false };
  // the browser's own file button speaks the browser's language: ours speaks the studio's
  const input = h("input", { type: "file", accept: ".csv,.tsv,.txt,.xlsx", id: `import-file-${page}`, class: "file-input", "aria-describedby": `import-hint-${page}` });
  const zone = h(
    "div",
    { class: "dropzone", dataset: { page } },
    h("p", { class: "drop-title" }, t("imports.drop")),
    input,
    h("label", { for: input.id, class: "button secondary" }, t("imports.choose")),
    h("p", { class: "hint", id: `import-hint-${page}` }, t(`imports.hint.${page}`)),
  );
  const preview = h("div", { "aria-live": "polite", class: "import-preview" });
  const outcome = h("div", { "aria-live": "polite" });

  function reset() {
    Object.assign(state, { file: null, found: null, mapping: {}, kind: "", drafts: false });
    input.value = "";
    clear(preview);
  }

  async function detect() {
    const form = new FormData();
    const file = state.file;
    if (!isWorkbook(file) && file.size > SLICE) {
      form.append("file", file.slice(0, SLICE), file.name);
      form.append("file_size", String(file.size));
    } else form.append("file", file, file.name);
    form.append("page", page);
    if (state.kind) form.append("kind", state.kind);
    if (state.currency) form.append("currency", state.currency);
    if (Object.keys(state.mapping).length) form.append("mapping", JSON.stringify(state.mapping));
    clear(preview, h("p", { class: "loading", role: "status" }, t("imports.reading", { file: file.name })));
    try {
      state.found = await api("POST", "/imports/detect", { form });
      showPreview();
    } catch (error) {
      clear(preview, notice(error));
    }
  }

  function choose(file) {
    if (!file) return;
    clear(outcome);
    state.file = file;
    state.mapping = {};
    state.kind = "";
    state.drafts = false;
    state.currency = localStorage.getItem(CURRENCY_KEY) || "";
    detect();
  }

  function currencyControl(found) {
    if (found.currency_stated) {
      return h("p", { class: "currency-line" }, t("imports.currencyStated", { currency: found.currency_stated }));
    }
    if (found.row_currencies?.length > 1) {
      return h("p", { class: "currency-line" }, t("imports.currencyPerRow", { currencies: found.row_currencies.join(t("imports.comma")) }));
    }
    const select = h("select", { name: "currency", required: true },
      h("option", { value: "" }, t("imports.chooseCurrency")),
      CURRENCIES.map((code) => h("option", { value: code, selected: code === (found.currency || state.currency) }, code)));
    select.addEventListener("change", () => {
      state.currency = select.value;
      if (select.value) localStorage.setItem(CURRENCY_KEY, select.value);
      detect();
    });
    const label = found.kind === "shopify_products" ? t("imports.storeCurrency") : t("imports.currency");
    const hint = found.kind === "shopify_products" ? t("imports.storeCurrencyHint") : t("imports.currencyHint");
    return field(label, select, hint);
  }

  function mappingControl(found) {
    const used = found.columns.filter((c) => c.column);
    if (!found.mapping_adjustable) {
      return h("details", { class: "columns-used" }, h("summary", {}, t("imports.columnsUsed")),
        h("dl", { class: "facts" }, used.flatMap((c) => [h("dt", {}, fieldName(c.field)), h("dd", {}, c.column)])));
    }
    const rows = found.columns.map((c) => {
      const select = h("select", { name: `map-${c.field}`, "aria-label": t("imports.columnFor", { field: fieldName(c.field) }) },
        h("option", { value: "" }, c.required ? t("imports.pickColumn") : t("imports.notUsed")),
        found.headers.map((name) => h("option", { value: name, selected: name === c.column }, name)));
      select.addEventListener("change", () => {
        state.mapping[c.field] = select.value;
        detect();
      });
      return [h("span", {}, fieldName(c.field), c.required ? h("span", { class: "muted" }, ` ${t("imports.required")}`) : null), select];
    });
    return h("details", { class: "columns-used", open: found.columns.some((c) => c.required && !c.column) },
      h("summary", {}, t("imports.columns")),
      h("p", { class: "hint" }, t("imports.columnsHint")),
      table(t("imports.columns"), [t("imports.fieldHead"), t("imports.columnHead")], rows, { hideCaption: true }));
  }

  function kindControl(found) {
    const kinds = PAGE_KINDS[page];
    if (found.kind !== "unknown" && !found.other_kinds.some((k) => kinds.includes(k))) return null;
    const select = h("select", { name: "kind" },
      h("option", { value: "" }, t("imports.kindAuto")),
      kinds.map((k) => h("option", { value: k, selected: k === state.kind }, kindName(k))));
    select.addEventListener("change", () => {
      state.kind = select.value;
      state.mapping = {};
      detect();
    });
    return field(t("imports.kindChoice"), select);
  }

  function wrongPage(found) {
    const there = found.page;
    const go = h("button", { type: "button", class: "secondary" }, t("imports.goThere", { page: t(`nav.${there}`) }));
    go.addEventListener("click", () => {
      handedOver = { file: state.file, page: there };
      navigate(`#/${there}`);
    });
    return h("div", { class: "notice missing", role: "alert" },
      h("p", {}, t("imports.wrongPage", { kind: kindName(found.kind), page: t(`nav.${there}`) })), go,
      h("button", { type: "button", class: "secondary", onclick: reset }, t("imports.another")));
  }

  function showPreview() {
    const found = state.found;
    if (found.wrong_page) {
      clear(preview, h("h3", { class: "found" }, summary(found)), wrongPage(found));
      return;
    }
    const drafts = found.counts?.drafts || 0;
    const draftBox = h("input", { type: "checkbox", name: "drafts", checked: state.drafts });
    draftBox.addEventListener("change", () => { state.drafts = draftBox.checked; });
    const missing = found.columns.filter((c) => c.required && !c.column);
    const why = found.kind === "unknown" ? t("imports.unknownHelp")
      : missing.length ? t("imports.needsColumn", { field: fieldName(missing[0].field) })
        : found.currency_needed ? t("imports.needsCurrency") : "";
    const go = h("button", { type: "button", disabled: !found.ready, "aria-describedby": why ? `why-${page}` : null }, t("imports.import"));
    go.addEventListener("click", () => run(go));
    const notes = found.notes.filter((n) => !SHOWN_ELSEWHERE.has(n.code));
    clear(
      preview,
      h("h3", { class: "found" }, summary(found)),
      h("p", { class: "muted file-name" }, t("imports.file", { file: found.file_name })),
      found.complete ? null : h("p", { class: "hint" }, t("imports.partial", { rows: fmtNumber(found.counts.rows) })),
      found.sample?.length ? h("p", { class: "muted sample" }, t("imports.sample", { names: found.sample.join(t("imports.comma")) })) : null,
      found.money !== null && found.money !== undefined && found.currency ? h("p", { class: "muted" }, t(found.kind === "orders" ? "imports.revenue" : "imports.spend", { amount: fmtMoney(found.money, found.currency) })) : null,
      kindControl(found),
      found.kind === "unknown" ? null : currencyControl(found),
      drafts ? h("div", { class: "checks drafts" }, h("label", {}, draftBox, t("imports.includeDrafts", { what: counted("drafts", drafts) }))) : null,
      notes.length ? h("ul", { class: "notes" }, notes.map((n) => h("li", {}, noteText(n)))) : null,
      found.kind === "unknown" ? null : mappingControl(found),
      why ? h("p", { class: "hint", id: `why-${page}` }, why) : null,
      h("div", { class: "row" }, go, h("button", { type: "button", class: "secondary", onclick: reset }, t("imports.another"))),
    );
  }

  async function run(button) {
    const found = state.found;
    const form = new FormData();
    form.append("file", state.file, state.file.name);
    form.append("page", page);
    if (state.kind) form.append("kind", state.kind);
    if (!found.currency_stated && found.currency) form.append("currency", found.currency);
    if (Object.keys(state.mapping).length) form.append("mapping", JSON.stringify(state.mapping));
    if (state.drafts) form.append("include_drafts", "true");
    clear(outcome);
    try {
      const answer = await busy(button, () => api("POST", "/imports", { form }));
      let kind = found.kind;
      let result = answer.products || answer.ads || answer.orders;
      if (answer.status_url) {
        kind = answer.kind;
        const status = h("p", { class: "notice info", role: "status" });
        clear(outcome, status);
        result = await followJob(answer, status);
      }
      reset();
      clear(outcome, kind.endsWith("_ads") ? null : importResult(kind, result));
      onImported?.(kind, result);
    } catch (error) {
      clear(outcome, notice(error));
    }
  }

  input.addEventListener("change", () => choose(input.files[0]));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    choose(event.dataTransfer?.files?.[0]);
  });
  if (handedOver?.page === page) {
    const { file } = handedOver;
    handedOver = null;
    choose(file);
  }
  const headingId = `import-box-${page}`;
  return h("section", { class: "panel import-box", "aria-labelledby": headingId },
    h("h2", { id: headingId }, title), zone, preview, outcome);
}
