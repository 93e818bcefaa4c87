// Brand kit: the logo, colours, font, call to action, language and store currency every video
// wears unless a template says otherwise; and the templates saved under the seller's own names.
import { api } from "../api.js";
import { busy, emptyState, loading, notice, pageHeader } from "../components.js";
import { clear, field, h } from "../dom.js";
import { fmtDate, t } from "../i18n.js";

const CURRENCIES = ["USD", "EUR", "GBP", "CNY", "JPY", "HKD", "TWD", "SGD", "CAD", "AUD", "KRW", "INR", "BRL", "MXN"];

function select(name, options, chosen) {
  return h("select", { name }, options.map(([value, label]) => h("option", { value, selected: value === (chosen ?? "") }, label)));
}

function logoBox(kit) {
  // the logo is served to this signed-in page; a new upload gets a new address (no stale cache)
  return kit.has_logo
    ? h("img", { class: "logo-preview", src: `${kit.logo_url}?v=${Date.now()}`, alt: t("brand.logoAlt"), dataset: { logo: "set" } })
    : h("p", { class: "muted", dataset: { logo: "none" } }, t("brand.noLogo"));
}

function kitForm(kit, ctx) {
  const message = h("div", { "aria-live": "polite" });
  const logoShown = h("div", { class: "logo-box" }, logoBox(kit));
  // the browser's own file button speaks the browser's language: ours speaks the studio's
  const file = h("input", { type: "file", name: "logo", id: "logo-file", class: "file-input", accept: "image/png,image/jpeg,image/webp", "aria-describedby": "logo-hint" });
  const chosen = h("span", { class: "muted small-text", id: "logo-chosen" }, t("brand.noFileChosen"));
  const showChosen = () => (chosen.textContent = file.files[0]?.name || t("brand.noFileChosen"));
  file.addEventListener("change", showChosen);
  const upload = h("button", { type: "button", class: "secondary", id: "upload-logo" }, t("brand.uploadLogo"));
  const removeLogo = h("button", { type: "button", class: "secondary", hidden: !kit.has_logo }, t("brand.removeLogo"));
  const useColors = h("input", { type: "checkbox", name: "use_colors", checked: Boolean(kit.primary_color || kit.secondary_color) });
  const primary = h("input", { type: "color", name: "primary_color", value: kit.primary_color || "#ff5a36" });
  const secondary = h("input", { type: "color", name: "secondary_color", value: kit.secondary_color || "#111111" });
  const syncColors = () => {
    primary.disabled = !useColors.checked;
    secondary.disabled = !useColors.checked;
  };
  useColors.addEventListener("change", syncColors);
  syncColors();
  const font = select("font", [["", t("brand.fontTemplate")], ...Object.keys(kit.fonts).map((f) => [f, t(`brand.font.${f}`)])], kit.font);
  const ctaEn = h("input", { type: "text", name: "cta_en", maxlength: "60", value: kit.call_to_action.en || "", placeholder: "Shop now", lang: "en" });
  const ctaZh = h("input", { type: "text", name: "cta_zh", maxlength: "60", value: kit.call_to_action.zh || "", placeholder: "立即购买", lang: "zh-CN" });
  const language = select("language", [["", t("brand.languageAuto")], ["en", "English"], ["zh", "简体中文"]], kit.language);
  const currencies = CURRENCIES.includes(kit.currency) ? CURRENCIES : [kit.currency, ...CURRENCIES];
  const currency = select("currency", currencies.map((c) => [c, c]), kit.currency);
  const save = h("button", { type: "submit" }, t("brand.save"));

  upload.addEventListener("click", async () => {
    clear(message);
    if (!file.files.length) {
      message.append(notice(t("brand.chooseLogo")));
      return;
    }
    const form = new FormData();
    form.append("file", file.files[0]);
    try {
      const saved = await busy(upload, () => api("PUT", "/brand-kit/logo", { form }));
      clear(logoShown, logoBox(saved));
      removeLogo.hidden = false;
      file.value = "";
      showChosen();
      ctx.toast(t("brand.logoSaved"));
    } catch (error) {
      message.append(notice(error));
    }
  });
  removeLogo.addEventListener("click", async () => {
    clear(message);
    try {
      const saved = await busy(removeLogo, () => api("DELETE", "/brand-kit/logo"));
      clear(logoShown, logoBox(saved));
      removeLogo.hidden = true;
    } catch (error) {
      message.append(notice(error));
    }
  });

  const form = h(
    "form",
    { class: "panel", id: "brand-kit", "aria-labelledby": "brand-kit-h" },
    h("h2", { id: "brand-kit-h" }, t("brand.kit")),
    h("div", { class: "split" },
      h("div", {},
        h("h3", {}, t("brand.logo")),
        logoShown,
        h("div", { class: "field file-pick" }, file, h("label", { for: "logo-file", class: "button secondary" }, t("brand.logoFile")), chosen,
          h("p", { class: "hint", id: "logo-hint" }, t("brand.logoHint"))),
        h("div", { class: "row" }, upload, removeLogo),
        h("h3", {}, t("brand.colors")),
        h("label", { class: "checks" }, useColors, t("brand.useColors")),
        h("div", { class: "row" }, field(t("brand.primary"), primary, t("brand.primaryHint")), field(t("brand.secondary"), secondary, t("brand.secondaryHint")))),
      h("div", {},
        field(t("brand.font"), font, t("brand.fontHint")),
        field(t("brand.ctaEn"), ctaEn),
        field(t("brand.ctaZh"), ctaZh, t("brand.ctaHint")),
        field(t("brand.language"), language, t("brand.languageHint")),
        field(t("brand.currency"), currency, t("brand.currencyHint")))),
    message,
    save,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(message);
    const body = {
      primary_color: useColors.checked ? primary.value : null,
      secondary_color: useColors.checked ? secondary.value : null,
      font: font.value || null,
      call_to_action: { en: ctaEn.value.trim(), zh: ctaZh.value.trim() },
      language: language.value || null,
      currency: currency.value,
    };
    try {
      await busy(save, () => api("PATCH", "/brand-kit", { json: body }));
      message.append(h("p", { class: "notice ok", role: "status" }, t("brand.saved")));
    } catch (error) {
      message.append(notice(error));
    }
  });
  return form;
}

function savedList(saved, reload) {
  if (!saved.data.length) {
    return emptyState(t("brand.noSaved"), h("a", { class: "button secondary", href: "#/templates" }, t("brand.toTemplates")));
  }
  const language = (code) => (code === "zh" ? "简体中文" : code === "en" ? "English" : t("brand.languageAuto"));
  return h("ul", { class: "plain saved-list" }, saved.data.map((s) => h("li", { class: "saved-item" },
    h("div", {},
      h("p", { class: "title-line", dataset: { savedId: s.id } }, s.name),
      h("p", { class: "muted small-text" },
        [t("brand.madeFrom", { name: s.base_name }), t("brand.savedOn", { date: fmtDate(s.updated_at || s.created_at) }),
          `${t("brand.savedVoice")}: ${s.voiceover ? t("brand.on") : t("brand.off")}`, language(s.language)].join(" · "))),
    h("button", { type: "button", class: "danger small", "aria-label": t("brand.deleteNamed", { name: s.name }), onclick: async (event) => {
      if (!window.confirm(t("brand.deleteConfirm", { name: s.name }))) return;
      const item = event.currentTarget.closest("li");
      try {
        await busy(event.currentTarget, () => api("DELETE", `/my-templates/${encodeURIComponent(s.id)}`, { template: "/my-templates/{id}" }));
        reload();
      } catch (error) {
        item?.append(notice(error));
      }
    } }, t("brand.delete")))));
}

export async function render(root, ctx) {
  const holder = h("div", {}, loading());
  const list = h("div", {}, loading());
  root.append(pageHeader("nav.brand", "brand.intro"), holder,
    h("section", { class: "panel", "aria-labelledby": "my-templates-h", id: "my-templates" }, h("h2", { id: "my-templates-h" }, t("brand.myTemplates")), list));
  async function loadSaved() {
    try {
      clear(list, savedList(await api("GET", "/my-templates"), loadSaved));
    } catch (error) {
      clear(list, notice(error));
    }
  }
  try {
    clear(holder, kitForm(await api("GET", "/brand-kit"), ctx));
  } catch (error) {
    clear(holder, notice(error));
  }
  await loadSaved();
}
