// The team: who works in this workspace with which role; owners invite by link (mailed and
// shown to copy), change roles, remove people and revoke open invitations.
import { api } from "../api.js";
import { busy, copyButton, emptyState, info, loading, pageHeader } from "../components.js";
import { clear, field, h, table } from "../dom.js";
import { fmtDate, t } from "../i18n.js";
import { emailBox, sentence, showError } from "./account-form.js";

const ROLES = ["member", "owner"];

function roleSelect(value, label) {
  return h(
    "select",
    { "aria-label": label },
    ROLES.map((role) => h("option", { value: role, selected: role === value }, t(`role.${role}`))),
  );
}

export async function render(root, ctx) {
  const body = h("div", {}, loading());
  root.append(pageHeader("nav.team", "team.intro"), body);

  async function load() {
    let team;
    try {
      team = await api("GET", "/team");
    } catch (error) {
      clear(body, h("div", { class: "notice error", role: "alert" }, sentence(error)));
      return;
    }
    clear(
      body,
      team.can_manage ? inviteForm() : info(t("team.ownersOnly")),
      membersPanel(team),
      team.can_manage ? invitesPanel(team) : null,
    );
  }

  function inviteForm() {
    const email = emailBox("invite-email");
    email.setAttribute("autocomplete", "off");
    const role = roleSelect("member");
    const roleHint = h("p", { class: "hint", id: "invite-role-hint" }, t("role.memberHelp"));
    role.addEventListener("change", () => (roleHint.textContent = t(`role.${role.value}Help`)));
    const submit = h("button", { type: "submit" }, t("team.inviteSubmit"));
    const result = h("div", { "aria-live": "polite" });
    const form = h(
      "form",
      { class: "panel", novalidate: true, "aria-labelledby": "invite-h" },
      h("h2", { id: "invite-h" }, t("team.invite")),
      h("p", { class: "hint" }, t("team.inviteHint")),
      h("div", { class: "row top" }, field(t("team.inviteEmail"), email), h("div", { class: "field" }, h("label", { for: "invite-role" }, t("team.inviteRole")), role, roleHint)),
      submit,
      result,
    );
    role.id = "invite-role";
    role.removeAttribute("aria-label");
    role.setAttribute("aria-describedby", "invite-role-hint");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      result.replaceChildren();
      if (!email.value.trim()) {
        showError(result, t("team.missingEmail"));
        email.focus();
        return;
      }
      try {
        const made = await busy(submit, () => api("POST", "/team/invites", { json: { email: email.value.trim(), role: role.value } }));
        const link = h("input", { type: "text", readonly: true, value: made.link, id: "invite-link", name: "invite-link" });
        await load();
        // the form was drawn again: show the link in the new one
        const box = root.querySelector("#invite-result");
        box?.append(
          h("div", { class: "notice ok", role: "status" },
            h("p", {}, t("team.inviteMade", { email: made.email })),
            h("label", { for: "invite-link" }, t("team.inviteLink")),
            h("div", { class: "copy-line" }, link, copyButton(made.link))),
        );
      } catch (error) {
        showError(result, error, { email });
      }
    });
    result.id = "invite-result";
    return form;
  }

  function membersPanel(team) {
    const rows = team.members.map((m) => {
      const label = m.name || m.email;
      const you = m.id === team.you;
      let roleCell = t(`role.${m.role}`);
      if (team.can_manage) {
        roleCell = roleSelect(m.role, t("team.roleNamed", { name: label }));
        roleCell.addEventListener("change", async (event) => {
          const select = event.currentTarget;
          try {
            await api("PATCH", `/team/members/${m.id}`, { json: { role: select.value }, template: "/team/members/{id}" });
            ctx.toast(t("team.roleChanged", { name: label, role: t(`role.${select.value}Noun`) }));
            await load();
          } catch (error) {
            select.value = m.role;
            ctx.toast(sentence(error));
          }
        });
      }
      const remove = team.can_manage && !you
        ? h("button", { type: "button", class: "danger small", "aria-label": t("team.removeNamed", { name: label }), onclick: async (event) => {
            if (!window.confirm(t("team.removeConfirm", { name: label }))) return;
            try {
              await busy(event.currentTarget, () => api("DELETE", `/team/members/${m.id}`, { template: "/team/members/{id}" }));
              await load();
            } catch (error) {
              ctx.toast(sentence(error));
            }
          } }, t("team.remove"))
        : "";
      return [you ? `${label} ${t("team.you")}` : label, m.email, roleCell, fmtDate(m.created_at), remove];
    });
    return h(
      "section",
      { class: "panel team-members", "aria-labelledby": "members-h" },
      h("h2", { id: "members-h" }, t("team.members")),
      table(t("team.members"), [t("team.name"), t("team.email"), t("team.role"), t("team.joined"), ""], rows, { hideCaption: true }),
    );
  }

  function invitesPanel(team) {
    const rows = team.invites.map((i) => [
      i.email,
      t(`role.${i.role}`),
      i.expired ? t("team.expired") : fmtDate(i.expires_at),
      h("button", { type: "button", class: "secondary small", "aria-label": t("team.revokeNamed", { email: i.email }), onclick: async (event) => {
        try {
          await busy(event.currentTarget, () => api("DELETE", `/team/invites/${i.id}`, { template: "/team/invites/{id}" }));
          await load();
        } catch (error) {
          ctx.toast(sentence(error));
        }
      } }, t("team.revoke")),
    ]);
    return h(
      "section",
      { class: "panel", "aria-labelledby": "invites-h" },
      h("h2", { id: "invites-h" }, t("team.invites")),
      rows.length
        ? table(t("team.invites"), [t("team.email"), t("team.role"), t("team.expires"), ""], rows, { hideCaption: true })
        : emptyState(t("team.invitesNone")),
    );
  }

  await load();
}
