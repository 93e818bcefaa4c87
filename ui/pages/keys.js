// API keys: create (the key is shown once), list, revoke. Owners only.
import { api } from "../api.js";
import { busy, copyButton, emptyState, loading, notice, pageHeader, statusBadge } from "../components.js";
import { clear, field, h, table } from "../dom.js";
import { fmtDate, t } from "../i18n.js";
import { sentence } from "./account-form.js";

export async function render(root) {
  // only owners manage keys: a member is told so (the server refuses them, whatever the page shows)
  let first;
  try {
    first = await api("GET", "/keys");
  } catch (error) {
    if (error?.status !== 403) throw error;
    root.append(pageHeader("nav.keys", "keys.intro"), h("div", { class: "notice info", role: "status", "data-refused": "true" }, sentence(error)));
    return;
  }
  const name = h("input", { type: "text", name: "name", maxlength: "200", placeholder: "ERP sync" });
  const create = h("button", { type: "submit" }, t("keys.create"));
  const shown = h("div", { "aria-live": "polite" });
  const list = h("div", {}, loading());
  const form = h("form", { class: "panel" }, h("h2", {}, t("keys.new")), field(t("keys.name"), name, t("keys.nameHint")), create, shown);

  async function load(given) {
    try {
      const keys = given || (await api("GET", "/keys"));
      clear(list, keys.data.length
        ? table(t("keys.title"), [t("keys.name"), t("keys.prefix"), t("keys.created"), t("keys.lastUsed"), t("common.status"), ""],
            keys.data.map((k) => [k.name || "—", h("code", {}, `${k.prefix}…`), fmtDate(k.created_at), fmtDate(k.last_used_at),
              k.revoked_at ? statusBadge("revoked") : statusBadge("active"),
              k.revoked_at ? "" : h("button", { type: "button", class: "danger small", "aria-label": t("keys.revokeNamed", { name: k.name || k.prefix }), onclick: async (event) => {
                if (!window.confirm(t("keys.revokeConfirm"))) return;
                try {
                  await busy(event.currentTarget, () => api("DELETE", `/keys/${k.id}`, { template: "/keys/{id}" }));
                  load();
                } catch (error) {
                  list.prepend(notice(error));
                }
              } }, t("keys.revoke"))]), { hideCaption: true })
        : emptyState(t("keys.none")));
    } catch (error) {
      clear(list, notice(error));
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(shown);
    try {
      const key = await busy(create, () => api("POST", "/keys", { json: { name: name.value.trim() } }));
      const input = h("input", { type: "text", readonly: true, value: key.key, id: "new-key", name: "new-key" });
      shown.append(h("div", { class: "notice ok" }, h("p", {}, t("keys.shownOnce")), h("label", { for: "new-key", class: "visually-hidden" }, t("keys.newKey")), h("div", { class: "copy-line" }, input, copyButton(key.key)),
        h("p", { class: "small-text" }, t("keys.usage"), " ", h("code", {}, "Authorization: Bearer sk_…"))));
      name.value = "";
      load();
    } catch (error) {
      shown.append(notice(error));
    }
  });
  root.append(pageHeader("nav.keys", "keys.intro"), form, h("section", { class: "panel", "aria-labelledby": "keys-h" }, h("h2", { id: "keys-h" }, t("keys.title")), list));
  await load(first);
}
