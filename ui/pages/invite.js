// An invitation link (#/invite/<token>): see which workspace and role it offers, choose a
// password, join and be signed in.
import { api } from "../api.js";
import { loading } from "../components.js";
import { clear, field, h } from "../dom.js";
import { t } from "../i18n.js";
import { accountForm, links, passwordBox, showError, signedInNotice } from "./account-form.js";

export async function render(root, ctx) {
  const token = ctx.params[0] || "";
  const panel = h("div", { class: "panel signin" }, h("h1", { tabindex: "-1" }, t("invite.title")), loading());
  root.append(panel);
  let offer;
  try {
    offer = await api("POST", "/auth/invite", { json: { token } });
  } catch (error) {
    const box = h("div");
    showError(box, error);
    clear(panel, h("h1", { tabindex: "-1" }, t("invite.title")), box, links(["#/signin", "forgot.back"]));
    return;
  }
  const email = h("input", { type: "email", name: "email", autocomplete: "username", readonly: true, value: offer.email });
  const name = h("input", { type: "text", name: "name", autocomplete: "name", maxlength: "200" });
  const password = passwordBox("password");
  const role = t(`role.${offer.role}Noun`);
  const { form, submit } = accountForm({
    title: t("invite.title"),
    intro: t("invite.intro", { inviter: offer.invited_by, workspace: offer.workspace, role }),
    parts: [
      h("p", { class: "hint" }, t(`role.${offer.role}Help`)),
      ctx.user ? signedInNotice(ctx, "invite.signedIn") : null,
      field(t("invite.email"), email),
      field(t("invite.name"), name),
      field(t("invite.password"), password, t("signup.passwordHint")),
    ],
    submitLabel: t("invite.submit"),
    required: [password],
    missing: t("invite.missing"),
    controls: { name, password },
    send: async () => {
      const body = { token, name: name.value.trim(), password: password.value };
      ctx.onSignedIn(await api("POST", "/auth/accept-invite", { json: body }));
    },
  });
  // someone signed in signs out first: the invitation is for the address it names
  name.disabled = password.disabled = submit.disabled = Boolean(ctx.user);
  panel.replaceWith(form);
}
