// The REST API client. Errors arrive as application/problem+json; we keep the sentence a person
// can act on (`detail`), the field it names and the stable `code` + `params` that
// components.errorText() words in the seller's language. Routes are checked against the server's OpenAPI
// so a page can say which feature this server does not offer yet instead of failing blindly.

import { getLang } from "./i18n.js";

export const API = "/api/v1";

export class ApiError extends Error {
  constructor(status, problem, route) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.field = problem?.field || problem?.errors?.[0]?.field || null;
    this.problem = problem;
    this.code = problem?.code || null;
    this.route = route;
  }
}

// Raised before calling a route the server does not have; pages show it as "not available yet".
export class MissingRoute extends Error {
  constructor(method, path) {
    super(`${method} ${API}${path}`);
    this.method = method;
    this.path = path;
  }
}

let routes = null; // [{method, parts}]

export async function loadRoutes() {
  const response = await fetch("/openapi.json", { headers: { Accept: "application/json" } });
  const spec = response.ok ? await response.json() : { paths: {} };
  routes = [];
  for (const [template, item] of Object.entries(spec.paths || {})) {
    for (const method of Object.keys(item)) {
      routes.push({ method: method.toUpperCase(), parts: template.split("/") });
    }
  }
}

const isParam = (part) => part.startsWith("{") && part.endsWith("}");

// hasRoute("GET", "/batches/{id}/events") — written with placeholders or with real ids
export function hasRoute(method, path) {
  if (!routes) return true;
  const parts = `${API}${path}`.split("?")[0].split("/");
  return routes.some(
    (r) =>
      r.method === method &&
      r.parts.length === parts.length &&
      r.parts.every((p, i) => (isParam(parts[i]) ? isParam(p) : p === parts[i] || isParam(p))),
  );
}

export function requireRoute(method, path) {
  if (!hasRoute(method, path)) throw new MissingRoute(method, path);
}

async function problemOf(response) {
  const type = response.headers.get("content-type") || "";
  if (type.includes("json")) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }
  return { detail: (await response.text()).slice(0, 300) || response.statusText };
}

// api("GET", "/products?q=mug"); api("POST", "/batches", {json}); api("POST", "/x", {form})
// blob: the file as a Blob — or, when the server answers 202 (still being made), its JSON.
// signal: an AbortSignal; a page aborts what it no longer needs when the seller leaves it.
export async function api(method, path, { json, form, blob = false, template, signal } = {}) {
  requireRoute(method, template || path);
  // texts the server words itself (the ROI recommendation) come in the studio's language
  const headers = { Accept: blob ? "*/*" : "application/json", "Accept-Language": getLang() };
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) body = form;
  const response = await fetch(`${API}${path}`, {
    method,
    headers,
    body,
    credentials: "same-origin",
    signal,
  });
  if (response.status === 401 && !path.startsWith("/auth/sign-in")) {
    window.dispatchEvent(new CustomEvent("studio:signed-out"));
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response), path);
  if (response.status === 204) return null;
  if (blob) return response.status === 202 ? response.json() : response.blob();
  return response.json();
}

// Server-sent events, read generically: every event the server sends reaches `onEvent(type,
// data, id)` whatever its name (`video.succeeded`, `batch.completed`, …; EventSource's
// onmessage would only see unnamed ones). A dropped connection is opened again after the
// server's `retry:` (growing up to 15 s while it stays down) and resumes after the last event
// id received (`Last-Event-ID` and `?after=`), so nothing is missed or seen twice. The stream
// ends for good at `event: end`. `onState("open" | "reconnecting" | "ended" | "failed",
// error)` tells the page what to say. Returns a close function.
export function stream(path, onEvent, options = {}) {
  requireRoute("GET", path);
  const { onState, after } = typeof options === "function" ? { onState: (s) => s === "reconnecting" && options() } : options;
  const controller = new AbortController();
  let lastId = after != null ? String(after) : null;
  let retry = 2000;
  let failures = 0;
  let closed = false;
  const state = (name, error) => {
    if (!closed) onState?.(name, error);
  };

  function dispatch(type, lines, id) {
    if (id !== null) lastId = id;
    const text = lines.join("\n");
    let data = text;
    try {
      data = JSON.parse(text);
    } catch {
      // plain-text events are passed on as they are
    }
    onEvent(type, data, lastId);
  }

  // returns true when the server ended the stream (`event: end`)
  async function read(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let type = "message";
    let data = [];
    let id = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, cut);
        buffer = buffer.slice(cut + (buffer.startsWith("\r\n", cut) ? 2 : 1));
        if (line === "") {
          if (data.length || type !== "message") {
            if (type === "end") return true;
            dispatch(type, data, id);
          }
          type = "message";
          data = [];
          id = null;
          continue;
        }
        if (line.startsWith(":")) continue; // a keep-alive comment
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") type = value;
        else if (field === "data") data.push(value);
        else if (field === "id") id = value;
        else if (field === "retry" && /^\d+$/.test(value)) retry = Number(value);
      }
    }
  }

  async function run() {
    while (!closed) {
      const url = new URL(`${API}${path}`, location.origin);
      const headers = { Accept: "text/event-stream" };
      if (lastId !== null) {
        url.searchParams.set("after", lastId);
        headers["Last-Event-ID"] = lastId;
      }
      try {
        const response = await fetch(url, { headers, credentials: "same-origin", cache: "no-store", signal: controller.signal });
        if (response.status === 401) window.dispatchEvent(new CustomEvent("studio:signed-out"));
        if (!response.ok) {
          const error = new ApiError(response.status, await problemOf(response), path);
          if (response.status < 500 && response.status !== 429) {
            state("failed", error);
            return;
          }
          throw error;
        }
        failures = 0;
        state("open");
        if (await read(response)) {
          state("ended");
          closed = true;
          return;
        }
      } catch (error) {
        if (closed || controller.signal.aborted) return;
      }
      // dropped: wait, then resume after the last event received
      failures += 1;
      state("reconnecting");
      const wait = Math.min(15000, retry * 2 ** Math.min(failures - 1, 3));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  run();
  return () => {
    closed = true;
    controller.abort();
  };
}
