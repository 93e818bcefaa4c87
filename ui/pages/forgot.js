// Forgot password: a reset link is mailed (the answer is the same whether or not the address
// has an account, so nobody learns who signs in here).
import { api } from "../api.js";
import { field, h } from "../dom.js";
import { t } from "../i18n.js";
import { accountForm, emailBox, links } from "./account-form.js";

export function render(root) {
  const email = emailBox();
  const { form } = accountForm({
    title: t("forgot.title"),
    intro: t("forgot.intro"),
    parts: field(t("forgot.email"), email),
    submitLabel: t("forgot.submit"),
    required: [email],
    missing: t("forgot.missing"),
    controls: { email },
    send: async (message) => {
      const sent = await api("POST", "/auth/forgot-password", { json: { email: email.value.trim() } });
      message.replaceChildren(
        h("div", { class: "notice ok", role: "status", "data-sent": "true" }, t("forgot.sent", { email: sent.email, minutes: sent.minutes })),
      );
    },
    after: links(["#/signin", "forgot.back"]),
  });
  root.append(form);
}
