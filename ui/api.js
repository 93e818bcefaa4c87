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
export async function api(method, path, { json, form, blob = false, template } = {}) {
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
  });
  if (response.status === 401 && !path.startsWith("/auth/sign-in")) {
    window.dispatchEvent(new CustomEvent("studio:signed-out"));
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response), path);
  if (response.status === 204) return null;
  if (blob) return response.blob();
  return response.json();
}

// Server-sent events with reconnect handled by the browser; returns a close function.
export function stream(path, onEvent, onError) {
  requireRoute("GET", path);
  const source = new EventSource(`${API}${path}`, { withCredentials: true });
  const handle = (event) => {
    let data = event.data;
    try {
      data = JSON.parse(event.data);
    } catch {
      // plain-text events are passed on as they are
    }
    onEvent(event.type, data);
  };
  source.onmessage = handle;
  for (const type of ["progress", "status", "video", "batch", "done", "event"]) {
    source.addEventListener(type, handle);
  }
  source.onerror = () => onError?.(source);
  return () => source.close();
}
