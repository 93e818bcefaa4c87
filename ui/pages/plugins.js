// Plugins: what is installed, whether it works, and what it needs configured.
import { api } from "../api.js";
import { loading, notice, pageHeader, statusBadge } from "../components.js";
import { clear, h } from "../dom.js";
import { fmtMoney, t } from "../i18n.js";

function provided(item) {
  const parts = [h("strong", {}, `${item.kind}: ${item.name}`), item.version ? ` v${item.version}` : ""];
  const caps = item.capabilities;
  if (caps && !caps.error) {
    const bits = [];
    if (caps.aspect_ratios) bits.push(caps.aspect_ratios.join(" "));
    if (caps.price_per_second !== undefined) bits.push(t("plugins.pricePerSecond", { price: fmtMoney(caps.price_per_second, caps.currency || "USD") }));
    if (caps.notes) bits.push(caps.notes);
    parts.push(h("div", { class: "small-text muted" }, bits.join(" · ")));
  }
  const config = item.configuration;
  if (config && typeof config === "object") {
    if (config.error) parts.push(h("div", { class: "small-text error-text" }, config.error));
    else if (config.configured === false) {
      const needs = config.missing || config.needs || config.settings || config.env || [];
      parts.push(h("div", { class: "notice missing small-text" }, t("plugins.configure"), " ", Array.isArray(needs) ? needs.map((n) => h("code", {}, typeof n === "string" ? n : JSON.stringify(n))).flatMap((x, i) => (i ? [", ", x] : [x])) : h("code", {}, JSON.stringify(needs)), config.help ? ` — ${config.help}` : ""));
    } else if (config.configured === true) parts.push(h("div", { class: "small-text" }, t("plugins.configured")));
  }
  return h("li", {}, parts);
}

export async function render(root) {
  const body = h("div", {}, loading());
  root.append(pageHeader("nav.plugins", "plugins.intro"), body);
  try {
    const plugins = await api("GET", "/plugins");
    clear(body, h("div", { class: "grid" }, plugins.data.map((p) =>
      h("article", { class: "card", dataset: { plugin: p.name } },
        h("div", { class: "body" },
          h("div", { class: "spread" }, h("h2", {}, p.name), statusBadge(p.status)),
          h("p", { class: "small-text muted" }, `${p.kind} · v${p.version} · ${p.source}`),
          p.error ? h("p", { class: "small-text error-text" }, p.error) : null,
          p.warnings.map((w) => h("p", { class: "small-text notice missing" }, w)),
          p.provides.length ? h("ul", { class: "plain" }, p.provides.map(provided)) : null)))));
  } catch (error) {
    clear(body, notice(error));
  }
}
