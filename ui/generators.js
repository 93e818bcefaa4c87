// Video generators the studio offers, read from the plugin list (name, price per second).
import { api } from "./api.js";

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
