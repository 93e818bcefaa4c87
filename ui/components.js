// Pieces several pages share: headers, notices, status badges, copy buttons.
import { MissingRoute } from "./api.js";
import { h } from "./dom.js";
import { getLang, hasText, t } from "./i18n.js";

// t() only when the translation exists and every {name} it needs is given; otherwise null
function translated(key, params) {
  if (!hasText(key)) return null;
  const text = t(key, params);
  return /\{\w+\}/.test(text) ? null : text;
}

// An API error in the seller's language: the problem's stable `code` and `params` pick a
// translated sentence; English keeps the server's own `detail` (it is written for sellers and
// names more), and so does any code this studio does not know yet.
export function errorText(error) {
  if (!(error instanceof Error)) return String(error);
  const problem = error.problem;
  if (getLang() === "en" || !problem?.code) return error.message;
  const params = { ...(problem.params || {}), detail: error.message };
  if (problem.code === "validation" && problem.errors?.length) {
    const first = problem.errors[0];
    const one = translated(`errors.field.${first.code}`, { ...(first.params || {}), field: first.field });
    if (!one) return error.message;
    return problem.errors.length > 1 ? t("errors.more", { text: one, n: problem.errors.length - 1 }) : one;
  }
  if (params.status && hasText(`status.${params.status}`)) params.status = t(`status.${params.status}`);
  // a param that is a code (kind=meta_ads, page=ads) has its words under errors.param.<name>
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string" && hasText(`errors.param.${name}.${value}`)) params[name] = t(`errors.param.${name}.${value}`);
  }
  let code = problem.code;
  if (code === "not_found") {
    const name = `resource.${params.resource}`;
    if (params.resource && hasText(name)) params.resource = t(name);
    else code = "not_found_plain";
  }
  return translated(`errors.${code}`, params) || error.message;
}

export function pageHeader(titleKey, introKey) {
  return h(
    "header",
    { class: "page-header" },
    h("h1", { tabindex: "-1" }, t(titleKey)),
    introKey ? h("p", { class: "intro" }, t(introKey)) : null,
  );
}

// An error as the seller should read it: what went wrong, and what to do.
export function notice(error, { kind = "error" } = {}) {
  if (error instanceof MissingRoute) {
    return h(
      "div",
      { class: "notice missing", role: "status" },
      h("strong", {}, t("common.notAvailable")),
      " ",
      t("common.notAvailableDetail"),
      " ",
      h("code", {}, error.message),
    );
  }
  // the sentence names the field in the seller's words; the API's field path ("body.file")
  // is for programs, never shown
  return h(
    "div",
    { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" },
    errorText(error),
  );
}

export function info(text) {
  return h("p", { class: "notice info", role: "status" }, text);
}

export function loading() {
  return h("p", { class: "loading", role: "status" }, t("common.loading"));
}

const STATUS_CLASS = {
  succeeded: "ok",
  completed: "ok",
  completed_with_failures: "wait",
  done: "ok",
  loaded: "ok",
  matched: "ok",
  failed: "bad",
  error: "bad",
  rejected: "bad",
  cancelled: "muted",
  archived: "muted",
  running: "busy",
  queued: "wait",
  pending: "wait",
  unmatched: "wait",
  // ads and ad accounts (publishing), the autopilot
  publishing: "busy",
  in_review: "busy",
  paused: "wait",
  active: "ok",
  connected: "ok",
  needs_reconnecting: "bad",
  autopilot_on: "ok",
  autopilot_off: "muted",
  autopilot_paused: "wait",
};

export function statusBadge(status) {
  const key = `status.${status}`;
  const label = t(key) === key ? status : t(key);
  return h("span", { class: `badge ${STATUS_CLASS[status] || "muted"}` }, label);
}

export function copyButton(text, labelKey = "common.copy") {
  const button = h("button", { type: "button", class: "secondary small" }, t(labelKey));
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = t("common.copied");
    } catch {
      // clipboard blocked (insecure origin): select the text so Ctrl+C works
      const box = button.parentElement?.querySelector("input, code");
      if (box?.select) box.select();
      button.textContent = t("common.copyManually");
    }
    setTimeout(() => (button.textContent = t(labelKey)), 2000);
  });
  return button;
}

// Disable a button while its action runs, so a double click does not submit twice.
export async function busy(button, action) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = t("common.working");
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = label;
  }
}

export function progressBar(fraction, label) {
  const value = Math.max(0, Math.min(1, Number(fraction) || 0));
  return h("progress", { max: "100", value: String(Math.round(value * 100)), "aria-label": label });
}

export function emptyState(text, action) {
  return h("div", { class: "empty" }, h("p", {}, text), action || null);
}
