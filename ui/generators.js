// Video generators the studio offers, read from the plugin list (name, price per second).
import { api } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";

export async function generators() {
  const plugins = await api("GET", "/plugins");
  const found = [];
  for (const plugin of plugins.data) {
    if (plugin.status === "failed") continue;
    for (const item of plugin.provides || []) {
      if (item.kind !== "generator") continue;
      const caps = item.capabilities && !item.capabilities.error ? item.capabilities : {};
      found.push({
        name: item.name,
        status: plugin.status,
        pricePerSecond: Number(caps.price_per_second || 0),
        currency: caps.currency || "USD",
        aspectRatios: caps.aspect_ratios || [],
        notes: caps.notes || "",
      });
    }
  }
  found.sort((a, b) => (a.name === "template" ? -1 : b.name === "template" ? 1 : a.name.localeCompare(b.name)));
  return found;
}

// Can the seller choose it? (a plugin "loaded with errors" still makes videos)
export const usable = (gen) => gen.status === "loaded" || gen.status === "loaded with errors";

// One <option> per generator: one that is not set up yet (its account key is missing) is
// shown, marked and not choosable, so a seller learns it exists and why it cannot be used.
export function generatorOption(gen, label = gen.name) {
  const ready = usable(gen);
  return h("option", { value: gen.name, disabled: !ready }, ready ? label : t("generators.needsSetup", { name: label }));
}

// The sentence under a generator list when some of it needs setting up (null otherwise).
export function setupHint(gens) {
  return gens.some((g) => !usable(g)) ? h("p", { class: "hint", id: "generators-setup-hint" }, t("generators.setupHint")) : null;
}
