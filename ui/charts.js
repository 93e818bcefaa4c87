// Chart.js (vendored UMD build, window.Chart) with the studio's colours; every chart also has a
// text alternative (aria-label plus a data table) because a canvas says nothing to a screen reader.
import { h } from "./dom.js";
import { getLang } from "./i18n.js";

export const COLORS = ["#1c4ed8", "#c2410c", "#15803d", "#7e22ce", "#be123c", "#0e7490", "#a16207", "#4338ca"];
const made = new Set();

export function chartBox(id, label) {
  const canvas = h("canvas", { id, role: "img", "aria-label": label });
  return { box: h("div", { class: "chart-box" }, canvas), canvas };
}

export function makeChart(canvas, config) {
  const Chart = window.Chart;
  if (!Chart) throw new Error("the charting library did not load (ui/vendor/chartjs)");
  Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
  Chart.defaults.color = "#1a1d23";
  Chart.defaults.locale = getLang();
  const chart = new Chart(canvas, {
    ...config,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      ...(config.options || {}),
    },
  });
  made.add(chart);
  return chart;
}

export function destroyCharts() {
  for (const chart of made) chart.destroy();
  made.clear();
}
