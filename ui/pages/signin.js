import { api } from "../api.js";
import { field, h } from "../dom.js";
import { t } from "../i18n.js";
import { accountForm, emailBox, links, passwordBox } from "./account-form.js";

export function render(root, ctx) {
  const email = emailBox();
  const password = passwordBox("password", "current-password");
  password.removeAttribute("minlength");
  const { form } = accountForm({
    title: t("signin.title"),
    intro: t("signin.intro"),
    parts: [field(t("signin.email"), email), field(t("signin.password"), password)],
    submitLabel: t("signin.submit"),
    required: [email, password],
    missing: t("signin.missing"),
    controls: { email, password },
    send: async () => {
      const body = { email: email.value.trim(), password: password.value };
      ctx.onSignedIn(await api("POST", "/auth/sign-in", { json: body }));
    },
    after: [
      links(["#/forgot", "signin.forgot"]),
      h("p", { class: "account-links" }, t("signin.noAccount"), " ", h("a", { href: "#/signup" }, t("signin.createAccount"))),
    ],
  });
  root.append(form);
}
