// Connections: the workspace's ad accounts (Meta, TikTok). Connect with a token (checked by the
// platform at once, stored encrypted, never shown again), test (campaigns and ad sets), pull
// results now, reconnect with a new token when the platform refused the old one, disconnect.
import { api } from "../api.js";
import { busy, emptyState, loading, notice, pageHeader, statusBadge } from "../components.js";
import { clear, field, h, table } from "../dom.js";
import { t } from "../i18n.js";

const IDENTITY = {
  meta: [["page_id", true], ["instagram_user_id", false]],
  tiktok: [["identity_id", true], ["identity_type", false]],
};
const IDENTITY_TYPES = ["CUSTOMIZED_USER", "TT_USER", "BC_AUTH_TT"];

function identityInput(name) {
  if (name === "identity_type") return h("select", { name }, IDENTITY_TYPES.map((x) => h("option", { value: x }, x)));
  return h("input", { type: "text", name, maxlength: "100", autocomplete: "off" });
}

function tokenInput(name = "access_token") {
  return h("input", { type: "password", name, autocomplete: "new-password", maxlength: "4000", spellcheck: false });
}

// What the platform shows of an account: its campaigns, each with its ad sets / ad groups.
function accountView(check) {
  if (!check.account) return h("div", { class: "notice error", role: "alert" }, check.connection.status_reason || t("connections.refused"));
  const sets = check.account.ad_sets;
  return h("div", { class: "account-view" },
    h("p", {}, t("connections.found", { campaigns: check.account.campaigns.length, sets: sets.length })),
    sets.length
      ? table(t("connections.adSets"), [t("connections.campaign"), t("publish.adSet"), t("common.status")],
          sets.map((s) => [s.campaign_name || s.campaign_id || "—", h("span", {}, s.name, " ", h("span", { class: "mono muted" }, s.id)), s.status || "—"]))
      : emptyState(t("publish.noSets")));
}

function connectForm(onConnected) {
  const platform = h("select", { name: "platform" }, ["meta", "tiktok"].map((p) => h("option", { value: p }, t(`connections.platform.${p}`))));
  const account = h("input", { type: "text", name: "account_id", required: true, maxlength: "100", autocomplete: "off" });
  const token = tokenInput();
  const landing = h("input", { type: "url", name: "landing_url", maxlength: "2000", placeholder: "https://" });
  const identity = h("div", {});
  const button = h("button", { type: "submit" }, t("connections.connect"));
  const result = h("div", { "aria-live": "polite" });
  const inputs = {};
  function showIdentity() {
    clear(identity, IDENTITY[platform.value].map(([name, needed]) => {
      inputs[name] = identityInput(name);
      if (needed) inputs[name].required = true;
      return field(t(`connections.${name}`), inputs[name], t(`connections.${name}Hint`));
    }));
  }
  platform.addEventListener("change", showIdentity);
  showIdentity();
  const form = h("form", { class: "panel", id: "connect-form" },
    h("h2", {}, t("connections.new")),
    h("div", { class: "row" }, field(t("connections.platformLabel"), platform), field(t("connections.accountId"), account, t("connections.accountIdHint"))),
    field(t("connections.token"), token, t("connections.tokenHint")),
    identity,
    field(t("connections.landing"), landing, t("connections.landingHint")),
    button, result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(result);
    const body = { platform: platform.value, account_id: account.value.trim(), access_token: token.value.trim() };
    for (const [name] of IDENTITY[platform.value]) if (inputs[name].value.trim()) body[name] = inputs[name].value.trim();
    if (landing.value.trim()) body.landing_url = landing.value.trim();
    try {
      const check = await busy(button, () => api("POST", "/connections", { json: body }));
      token.value = "";
      clear(result, h("div", { class: "notice ok", role: "status" }, t("connections.connected", { name: check.connection.name })), accountView(check));
      onConnected();
    } catch (error) {
      result.append(notice(error));
    }
  });
  return form;
}

function reconnectForm(connection, done) {
  const token = tokenInput(`token-${connection.id}`);
  const button = h("button", { type: "submit" }, t("connections.reconnect"));
  const message = h("div", { "aria-live": "polite" });
  const form = h("form", { class: "reconnect" }, field(t("connections.newToken"), token), button, message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await busy(button, () => api("PATCH", `/connections/${connection.id}`, { json: { access_token: token.value.trim() }, template: "/connections/{id}" }));
      done();
    } catch (error) {
      clear(message, notice(error));
    }
  });
  return form;
}

async function followSync(job, out) {
  for (let i = 0; i < 120; i += 1) {
    const now = await api("GET", job.status_url.replace(/^\/api\/v1/, ""), { template: "/connections/syncs/{id}" });
    if (["succeeded", "failed"].includes(now.status)) {
      const lines = (now.result?.accounts || []).map((r) => r.error
        ? h("li", {}, `${t(`connections.platform.${r.platform}`)}: ${r.error}`)
        : h("li", {}, t("connections.pulled", { platform: t(`connections.platform.${r.platform}`), rows: r.rows, linked: r.matched, videos: r.videos_updated.length })));
      clear(out, h("div", { class: `notice ${now.status === "succeeded" ? "ok" : "error"}`, role: "status" }, h("ul", {}, lines)));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}

export async function render(root, ctx) {
  const list = h("div", {}, loading());
  const detail = h("div", { "aria-live": "polite", id: "connection-detail" });
  const syncAll = h("button", { type: "button", class: "secondary" }, t("connections.syncAll"));

  async function load() {
    try {
      const found = await api("GET", "/connections");
      clear(list, found.data.length
        ? table(t("connections.title"), [t("connections.platformLabel"), t("connections.account"), t("common.status"), t("connections.tokenShort"), t("connections.synced"), ""],
            found.data.map((c) => [
              t(`connections.platform.${c.platform}`) === `connections.platform.${c.platform}` ? c.platform : t(`connections.platform.${c.platform}`),
              h("span", {}, c.name || c.account_id, " ", h("span", { class: "mono muted small-text" }, c.account_id)),
              h("div", { dataset: { connectionStatus: c.status } }, statusBadge(c.status),
                c.status_reason ? h("p", { class: "small-text" }, c.status_reason) : null,
                c.status !== "connected" ? reconnectForm(c, () => { ctx.toast(t("connections.reconnected")); load(); }) : null),
              h("span", { class: "mono" }, c.token_hint || "—"),
              h("span", {}, c.synced_through ? t("connections.through", { day: c.synced_through }) : "—",
                c.sync_error ? h("p", { class: "small-text bad-text" }, c.sync_error) : null),
              h("div", { class: "row tight" },
                h("button", { type: "button", class: "secondary small", onclick: (e) => test(c, e.currentTarget) }, t("connections.test")),
                h("button", { type: "button", class: "secondary small", disabled: c.status !== "connected", onclick: (e) => sync(c, e.currentTarget) }, t("connections.sync")),
                h("button", { type: "button", class: "danger small", "aria-label": t("connections.disconnectNamed", { name: c.name || c.account_id }), onclick: (e) => disconnect(c, e.currentTarget) }, t("connections.disconnect"))),
            ]), { hideCaption: true })
        : emptyState(t("connections.none")));
    } catch (error) {
      clear(list, notice(error));
    }
  }

  async function test(connection, button) {
    clear(detail, loading());
    try {
      const check = await busy(button, () => api("POST", `/connections/${connection.id}/test`, { template: "/connections/{id}/test" }));
      clear(detail, h("section", { class: "panel", "aria-labelledby": "detail-h" },
        h("h2", { id: "detail-h" }, check.account?.name || connection.name || connection.account_id), accountView(check)));
      if (!check.account) load();
    } catch (error) {
      clear(detail, notice(error));
    }
  }

  async function sync(connection, button) {
    try {
      const job = await busy(button, () => api("POST", `/connections/${connection.id}/sync`, { template: "/connections/{id}/sync" }));
      clear(detail, h("p", { class: "loading", role: "status" }, t("connections.syncing")));
      await followSync(job, detail);
      load();
    } catch (error) {
      clear(detail, notice(error));
    }
  }

  async function disconnect(connection, button) {
    if (!window.confirm(t("connections.disconnectConfirm", { name: connection.name || connection.account_id }))) return;
    try {
      await busy(button, () => api("DELETE", `/connections/${connection.id}`, { template: "/connections/{id}" }));
      load();
    } catch (error) {
      clear(detail, notice(error));
    }
  }

  syncAll.addEventListener("click", async () => {
    try {
      const job = await busy(syncAll, () => api("POST", "/connections/sync"));
      clear(detail, h("p", { class: "loading", role: "status" }, t("connections.syncing")));
      await followSync(job, detail);
      load();
    } catch (error) {
      clear(detail, notice(error));
    }
  });

  root.append(
    pageHeader("nav.connections", "connections.intro"),
    h("section", { class: "panel", "aria-labelledby": "connections-h" },
      h("div", { class: "spread" }, h("h2", { id: "connections-h" }, t("connections.title")), syncAll),
      h("p", { class: "hint" }, t("connections.syncHint")), list),
    detail,
    connectForm(load),
  );
  await load();
  return null;
}
