// Things by their names in the studio's language, never by their keys: a template (GET
// /templates: a built-in one translated, a saved one under the seller's own name, not
// my-autumn-sale) and an ad platform (Meta, TikTok, not meta, tiktok).
import { api } from "./api.js";
import { t } from "./i18n.js";

export async function templateNames() {
  try {
    const answer = await api("GET", "/templates");
    return Object.fromEntries(answer.data.map((x) => [x.id, x.name]));
  } catch {
    return {}; // the ids then stand for themselves
  }
}

export const platformName = (p) => (["meta", "tiktok", "shop"].includes(p) ? t(`creatives.platform.${p}`) : p);
