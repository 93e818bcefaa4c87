// What the signed-out pages (sign in, sign up, forgot, reset, invitation) share: an error shown
// in the seller's words next to the field it names, password boxes and the links between pages.
import { busy, errorText } from "../components.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

// An error in the seller's language as a sentence (the server's English starts in lower case).
export function sentence(error) {
  const text = errorText(error);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Show `error` (an ApiError or a sentence) in `box`; the control it names is marked and focused.
export function showError(box, error, controls = {}) {
  box.replaceChildren(h("div", { class: "notice error", role: "alert" }, sentence(error)));
  const named = String(error?.field || "").replace(/^body\./, "");
  let focus = null;
  for (const [name, control] of Object.entries(controls)) {
    if (name === named) {
      control.setAttribute("aria-invalid", "true");
      focus = control;
    } else control.removeAttribute("aria-invalid");
  }
  focus?.focus();
}

export function passwordBox(name, autocomplete = "new-password") {
  return h("input", { type: "password", name, autocomplete, required: true, minlength: "8" });
}

export function emailBox(name = "email") {
  return h("input", { type: "email", name, autocomplete: "username", required: true, maxlength: "320" });
}

// ["#/signin", "forgot.back"] pairs -> a line of links under a form
export function links(...pairs) {
  return h(
    "p",
    { class: "account-links" },
    pairs.map(([href, key]) => h("a", { href }, t(key))),
  );
}

// A page that needs the visitor signed out (a reset link, an invitation) says whose browser it
// is in and offers to sign out instead of acting for the wrong person.
export function signedInNotice(ctx, key) {
  const out = h("button", { type: "button", class: "secondary" }, t("nav.signOut"));
  out.addEventListener("click", () => ctx.signOut());
  return h("div", { class: "notice info", role: "status" }, h("p", {}, t(key, { email: ctx.user.email })), out);
}

// A signed-out page's form. On submit, the `required` controls must be filled (else `missing` is
// said), then `send(message)` runs with the button busy; an error is shown at its field.
export function accountForm({ title, intro, parts, submitLabel, required = [], missing, controls = {}, send, after = [] }) {
  const message = h("div", { "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, submitLabel);
  const form = h(
    "form",
    { class: "panel signin", novalidate: true },
    h("h1", { tabindex: "-1" }, title),
    intro ? h("p", { class: "intro" }, intro) : null,
    parts,
    message,
    submit,
    after,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.replaceChildren();
    const empty = required.find((control) => !control.value.trim());
    if (empty) {
      showError(message, missing);
      empty.focus();
      return;
    }
    try {
      await busy(submit, () => send(message));
    } catch (error) {
      showError(message, error, controls);
    }
  });
  return { form, submit };
}
