import { api } from "../api.js";
import { busy, notice } from "../components.js";
import { field, h } from "../dom.js";
import { t } from "../i18n.js";

export function render(root, ctx) {
  const email = h("input", { type: "email", name: "email", autocomplete: "username", required: true });
  const password = h("input", {
    type: "password",
    name: "password",
    autocomplete: "current-password",
    required: true,
  });
  const message = h("div", { "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, t("signin.submit"));
  const form = h(
    "form",
    { class: "panel signin", novalidate: true },
    h("h1", { tabindex: "-1" }, t("signin.title")),
    h("p", { class: "intro" }, t("signin.intro")),
    field(t("signin.email"), email),
    field(t("signin.password"), password),
    message,
    submit,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.replaceChildren();
    if (!email.value.trim() || !password.value) {
      message.append(notice(t("signin.missing")));
      (email.value.trim() ? password : email).focus();
      return;
    }
    try {
      const user = await busy(submit, () =>
        api("POST", "/auth/sign-in", { json: { email: email.value.trim(), password: password.value } }),
      );
      ctx.onSignedIn(user);
    } catch (error) {
      message.append(notice(error));
      password.focus();
    }
  });
  root.append(form);
}
