// Usage and cost: render time, AI seconds and what they cost, per kind and currency.
import { api } from "../api.js";
import { emptyState, loading, notice, pageHeader } from "../components.js";
import { chartBox, COLORS, destroyCharts, makeChart } from "../charts.js";
import { clear, field, h, table } from "../dom.js";
import { fmtMoney, fmtNumber, t } from "../i18n.js";

export async function render(root) {
  const period = h("select", { name: "period" }, [["30", t("usage.last30")], ["7", t("usage.last7")], ["365", t("usage.last365")], ["", t("usage.allTime")]].map(([v, l]) => h("option", { value: v }, l)));
  const body = h("div", {}, loading());
  root.append(pageHeader("nav.usage", "usage.intro"), h("div", { class: "panel" }, field(t("usage.period"), period)), body);

  async function load() {
    destroyCharts();
    clear(body, loading());
    const params = new URLSearchParams();
    if (period.value) params.set("since", new Date(Date.now() - Number(period.value) * 86400000).toISOString());
    try {
      const usage = await api("GET", `/usage?${params}`);
      if (!usage.data.length) {
        clear(body, emptyState(t("usage.none")));
        return;
      }
      const totals = {};
      for (const line of usage.data) totals[line.currency] = (totals[line.currency] || 0) + Number(line.cost);
      const costly = usage.data.filter((l) => Number(l.cost) > 0);
      const chart = costly.length ? chartBox("usage-chart", t("usage.chartLabel", { list: costly.map((l) => `${t(`usage.kind.${l.kind}`)} ${fmtMoney(l.cost, l.currency)}`).join(", ") })) : null;
      clear(body,
        h("div", { class: "stats panel" }, Object.entries(totals).map(([cur, total]) => h("div", {}, h("div", { class: "stat" }, fmtMoney(total, cur)), h("div", { class: "muted" }, t("usage.total", { currency: cur }))))),
        table(t("usage.byKind"), [t("usage.what"), t("usage.quantity"), t("usage.cost"), t("usage.records")],
          usage.data.map((l) => [t(`usage.kind.${l.kind}`), `${fmtNumber(l.quantity, 1)} ${t(`usage.unit.${l.unit}`)}`,
            // seconds delivered are a measure, not a charge
            l.kind === "output_seconds" && Number(l.cost) === 0 ? "—" : fmtMoney(l.cost, l.currency), fmtNumber(l.records)])),
        chart ? h("section", { class: "panel", "aria-labelledby": "usage-chart-h" }, h("h2", { id: "usage-chart-h" }, t("usage.costChart")), chart.box) : null,
        h("p", { class: "hint" }, t("usage.renderNote")),
      );
      if (chart) {
        makeChart(chart.canvas, {
          type: "bar",
          data: { labels: costly.map((l) => `${t(`usage.kind.${l.kind}`)} (${l.currency})`), datasets: [{ label: t("usage.cost"), data: costly.map((l) => Number(l.cost)), backgroundColor: costly.map((_, i) => COLORS[i % COLORS.length]), maxBarThickness: 90 }] },
          options: { plugins: { legend: { display: false } }, scales: { y: { ticks: { callback: (v) => `${fmtNumber(v, 4)}` } } } },
        });
      }
    } catch (error) {
      clear(body, notice(error));
    }
  }
  period.addEventListener("change", load);
  await load();
  return destroyCharts;
}
