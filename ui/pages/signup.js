// Sign up: a new workspace (the shop) and its first owner, signed in at once.
import { api } from "../api.js";
import { field, h } from "../dom.js";
import { t } from "../i18n.js";
import { accountForm, emailBox, passwordBox } from "./account-form.js";

export function render(root, ctx) {
  const workspace = h("input", { type: "text", name: "workspace", autocomplete: "organization", required: true, maxlength: "200" });
  const name = h("input", { type: "text", name: "name", autocomplete: "name", maxlength: "200" });
  const email = emailBox();
  const password = passwordBox("password");
  const { form } = accountForm({
    title: t("signup.title"),
    intro: t("signup.intro"),
    parts: [
      field(t("signup.workspace"), workspace, t("signup.workspaceHint")),
      field(t("signup.name"), name),
      field(t("signup.email"), email, t("signup.emailHint")),
      field(t("signup.password"), password, t("signup.passwordHint")),
    ],
    submitLabel: t("signup.submit"),
    required: [workspace, email, password],
    missing: t("signup.missing"),
    controls: { workspace, name, email, password },
    send: async () => {
      const body = { workspace: workspace.value.trim(), name: name.value.trim(), email: email.value.trim(), password: password.value };
      ctx.onSignedIn(await api("POST", "/auth/sign-up", { json: body }));
    },
    after: h("p", { class: "account-links" }, t("signup.haveAccount"), " ", h("a", { href: "#/signin" }, t("signup.signIn"))),
  });
  root.append(form);
}
