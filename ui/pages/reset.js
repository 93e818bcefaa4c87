// A password-reset link (#/reset/<token>): choose a new password, then be signed in.
import { api } from "../api.js";
import { field } from "../dom.js";
import { t } from "../i18n.js";
import { accountForm, links, passwordBox, signedInNotice } from "./account-form.js";

export function render(root, ctx) {
  const token = ctx.params[0] || "";
  const password = passwordBox("password");
  const { form, submit } = accountForm({
    title: t("reset.title"),
    intro: t("reset.intro"),
    parts: [ctx.user ? signedInNotice(ctx, "reset.signedIn") : null, field(t("reset.password"), password, t("signup.passwordHint"))],
    submitLabel: t("reset.submit"),
    required: [password],
    missing: t("reset.missing"),
    controls: { password },
    send: async () => {
      ctx.onSignedIn(await api("POST", "/auth/reset-password", { json: { token, password: password.value } }));
    },
    after: links(["#/forgot", "reset.askAgain"], ["#/signin", "forgot.back"]),
  });
  // someone signed in signs out first: the link is for whoever asked for it
  password.disabled = submit.disabled = Boolean(ctx.user);
  root.append(form);
}
