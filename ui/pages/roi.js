// ROI dashboard: ROI (with its 90% interval) and ROAS per template as charts, the trend over
// time, a breakdown by category and platform, and the recommendation in plain words.
import { api } from "../api.js";
import { emptyState, info, loading, notice, pageHeader } from "../components.js";
import { chartBox, COLORS, destroyCharts, makeChart } from "../charts.js";
import { clear, field, h, table } from "../dom.js";
import { fmtMoney, fmtNumber, fmtPercent, getLang, hasText, t } from "../i18n.js";
import { platformName, templateNames } from "../names.js";
import { creativesBoard } from "./roi-creatives.js";
import { noticeText } from "./roi-notices.js";

const num = (x) => (x === null || x === undefined ? null : Number(x));
const isoDay = (d) => d.toISOString().slice(0, 10);

// the report's stand-ins for a missing template/category/product, in the studio's language
const PLACEHOLDERS = { "(no category)": "roi.noCategory", "(no template)": "roi.noTemplate", "(no product)": "roi.noProduct" };
// a template by its name in the studio's language (a saved one: the seller's own name)
let names = {};
const keyText = (key) => (PLACEHOLDERS[key] ? t(PLACEHOLDERS[key]) : names[key] || key);

function labelOf(group, groups) {
  const currencies = new Set(groups.map((g) => g.currency));
  return currencies.size > 1 ? `${keyText(group.key)} (${group.currency})` : keyText(group.key);
}

// the server states each formula in English; the studio has them in every language it speaks
const formulaText = (name, english) => (getLang() !== "en" && hasText(`formula.${name}`) ? t(`formula.${name}`) : english);

function roiChart(report) {
  const groups = report.groups;
  const labels = groups.map((g) => labelOf(g, groups));
  const { box, canvas } = chartBox("roi-chart", t("roi.roiChartLabel", { list: groups.map((g) => `${labelOf(g, groups)} ${fmtPercent(num(g.roi))}`).join(", ") }));
  makeChart(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: [
        { type: "bar", label: t("roi.interval"), data: groups.map((g) => (g.roi_interval ? [g.roi_interval[0], g.roi_interval[1]] : null)), backgroundColor: "rgba(28, 78, 216, 0.25)", borderColor: "#1c4ed8", borderWidth: 1, barPercentage: 0.5, maxBarThickness: 90, minBarLength: 4 },
        { type: "line", label: t("roi.roi"), data: groups.map((g) => num(g.roi)), showLine: false, pointRadius: 7, pointStyle: "rectRot", backgroundColor: "#c2410c", borderColor: "#c2410c" },
      ],
    },
    options: {
      scales: { y: { ticks: { callback: (v) => fmtPercent(v) }, title: { display: true, text: t("roi.roi") } } },
      plugins: { tooltip: { callbacks: { label: (c) => (Array.isArray(c.raw) ? `${t("roi.interval")}: ${fmtPercent(c.raw[0])} – ${fmtPercent(c.raw[1])}` : `${t("roi.roi")}: ${fmtPercent(c.raw)}`) } } },
    },
  });
  return box;
}

function barChart(id, groups, key, label, format) {
  const { box, canvas } = chartBox(id, `${label}: ${groups.map((g) => `${labelOf(g, groups)} ${format(num(g[key]))}`).join(", ")}`);
  makeChart(canvas, {
    type: "bar",
    data: { labels: groups.map((g) => labelOf(g, groups)), datasets: [{ label, data: groups.map((g) => num(g[key])), backgroundColor: groups.map((_, i) => COLORS[i % COLORS.length]), maxBarThickness: 90 }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { ticks: { callback: (v) => format(v) } } } },
  });
  return box;
}

// "Not enough data" opens to say how much there is and how much it takes
function notEnough(group) {
  const why = (group.notices || []).find((n) => n.code === "not_enough_data");
  return why ? h("details", {}, h("summary", {}, t("roi.notEnough")), h("p", { class: "hint" }, noticeText(why))) : t("roi.notEnough");
}

// the table, and below it what its groups' notices say (why a profit or ROI is missing)
function groupTable(caption, groups) {
  const notes = groups.flatMap((g) => (g.notices || []).filter((n) => n.code !== "not_enough_data")
    .map((n) => h("li", {}, `${labelOf(g, groups)}: ${noticeText(n)}`)));
  return [table(caption, [t("roi.group"), t("roi.videos"), t("roi.spend"), t("roi.revenue"), t("roi.roas"), t("roi.roi"), t("roi.interval"), t("roi.pBest"), ""],
    groups.map((g) => [labelOf(g, groups), fmtNumber(g.videos), fmtMoney(g.spend, g.currency), fmtMoney(g.revenue, g.currency),
      g.roas == null ? "—" : `${fmtNumber(num(g.roas), 2)}×`, fmtPercent(num(g.roi)),
      g.roi_interval ? `${fmtPercent(g.roi_interval[0])} – ${fmtPercent(g.roi_interval[1])}` : "—",
      g.p_best == null ? "—" : fmtPercent(g.p_best), g.enough_data ? "" : notEnough(g)])),
  notes.length ? h("ul", { class: "hint group-notes" }, notes) : null];
}

// The trend: ROAS per template for each day, week or month of the range, one request a grain
// (GET /analytics/roi/trend: the server sums every period in one query).
async function trendAnswer(since, until, interval) {
  const params = new URLSearchParams({ by: "template", interval, since, until });
  return api("GET", `/analytics/roi/trend?${params}`);
}

// "Automatic", the default grain, follows the data: per day while the ads in the range cover
// less than 8 weeks (a new shop's two weeks of ads are 14 points, not the one or two dots that
// weeks would give), per week from 8 weeks on.
const AUTO_DAYS = 56;
const MAX_DAYS = 400; // the most periods the server draws (studio/roi/trend.py MAX_PERIODS)
const dayNumber = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000);
const isoOf = (n) => new Date(n * 86400000).toISOString().slice(0, 10);

// the first and last period in which some video had ad results, as day numbers (or null)
function dataSpan(answer) {
  const days = answer.series.flatMap((s) => s.points.filter((p) => p.videos > 0).map((p) => dayNumber(p.period)));
  return days.length ? { first: Math.min(...days), last: Math.max(...days) } : null;
}

async function autoTrend(since, until) {
  if (dayNumber(until) - dayNumber(since) < MAX_DAYS) {
    const daily = await trendAnswer(since, until, "day");
    const span = dataSpan(daily);
    return !span || span.last - span.first + 1 < AUTO_DAYS ? daily : trendAnswer(since, until, "week");
  }
  // a range too long to draw per day: per week, unless the ads cover only a few of its weeks
  const weekly = await trendAnswer(since, until, "week");
  const span = dataSpan(weekly);
  if (!span || span.last + 7 - span.first >= AUTO_DAYS) return weekly;
  return trendAnswer(isoOf(Math.max(span.first, dayNumber(since))), isoOf(Math.min(span.last + 6, dayNumber(until))), "day");
}

async function trend(since, until, interval) {
  const auto = interval === "auto";
  const answer = await (auto ? autoTrend(since, until) : trendAnswer(since, until, interval));
  const several = new Set(answer.series.map((s) => s.currency)).size > 1;
  return {
    auto,
    interval: answer.interval,
    labels: answer.periods,
    series: answer.series.map((s) => ({
      key: several ? `${keyText(s.key)} (${s.currency})` : keyText(s.key),
      values: s.points.map((p) => num(p.roas)),
      // the periods in which the template's videos had ad results
      shown: s.points.filter((p) => p.videos > 0).map((p) => ({ period: p.period, roas: num(p.roas) })),
    })),
  };
}

// The recommendation worded here from its parts (template, videos, probability), so it reads
// in the studio's language; a server without `items` still gets its own summary shown.
function recommendationText(r) {
  if (!Array.isArray(r.items)) return r.summary;
  const parts = r.items.filter((i) => i.videos > 0).map((i) =>
    t(i.enough_data ? "roi.recItem" : "roi.recItemUnsure", { n: fmtNumber(i.videos), template: keyText(i.template), p: fmtPercent(i.p_best) }));
  const vars = { n: fmtNumber(r.total), list: parts.join(t("roi.listSep")), category: r.category || "" };
  let text = t(r.category ? "roi.recSummaryCategory" : "roi.recSummary", vars);
  if (r.single_template) text += ` ${t("roi.recSingle")}`;
  return text;
}

// what the whole report says beside its figures (several currencies, ads not linked…)
const reportNotices = (report) => (report.notices || []).map((n) => info(noticeText(n)));

const roasText = (v) => (v == null ? "—" : `${fmtNumber(v, 2)}×`);
// a trend of one period is a single dot: its value said in words, and what it takes for a line
const ONE_PERIOD = { day: (vars) => t("roi.trendOneDay", vars), week: (vars) => t("roi.trendOneWeek", vars), month: (vars) => t("roi.trendOneMonth", vars) };

function trendChart(data) {
  if (!data.series.length) return h("p", {}, t("roi.trendEmpty"));
  const single = data.series.every((s) => s.shown.length <= 1);
  const { box, canvas } = chartBox("trend-chart", t("roi.trendLabel", { list: data.series.map((s) => s.key).join(", ") }));
  makeChart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets: data.series.map((s, i) => ({ label: s.key, data: s.values, borderColor: COLORS[i % COLORS.length], backgroundColor: COLORS[i % COLORS.length], spanGaps: true, pointRadius: single ? 6 : 3 })) },
    options: { scales: { y: { title: { display: true, text: t("roi.roas") } } } },
  });
  const said = [];
  if (data.auto && !single) said.push(h("p", { class: "hint", id: "trend-grain" }, t(data.interval === "day" ? "roi.trendAutoDay" : "roi.trendAutoWeek")));
  if (single) {
    const list = data.series.filter((s) => s.shown.length)
      .map((s) => t("roi.trendPoint", { name: s.key, roas: roasText(s.shown[0].roas), period: s.shown[0].period })).join(t("roi.listSep"));
    said.push(h("p", { class: "hint", id: "trend-one-period" }, (ONE_PERIOD[data.interval] || ONE_PERIOD.week)({ list })));
  }
  return [box, ...said];
}

function section(id, title, ...content) {
  return h("section", { class: "panel", "aria-labelledby": id }, h("h2", { id }, title), content);
}

export async function render(root, ctx) {
  const today = new Date();
  const since = h("input", { type: "date", name: "since", value: isoDay(new Date(today.getTime() - 55 * 86400000)) });
  const until = h("input", { type: "date", name: "until", value: isoDay(today) });
  const interval = h("select", { name: "interval" }, ["auto", "day", "week", "month"].map((x) => h("option", { value: x, selected: x === "auto" }, t(`interval.${x}`))));
  const apply = h("button", { type: "submit" }, t("roi.apply"));
  const body = h("div", {}, loading());
  const form = h("form", { class: "panel row" }, field(t("roi.since"), since), field(t("roi.until"), until), field(t("roi.trendInterval"), interval), apply);
  root.append(pageHeader("nav.roi", "roi.intro"), form, body);
  // the videos themselves, kept across reloads (their sort and filters stay); linking an ad
  // there reloads every figure of the page in place
  const creatives = creativesBoard({ toast: ctx?.toast, onLinked: () => load({ quiet: true }) });

  async function load({ quiet = false } = {}) {
    if (!quiet) {
      destroyCharts();
      clear(body, loading());
    }
    const range = `since=${since.value}&until=${until.value}`;
    try {
      const [byTemplate, byCategory, byPlatform, rec] = await Promise.all([
        api("GET", `/analytics/roi?by=template&${range}`),
        api("GET", `/analytics/roi?by=category&${range}`),
        api("GET", `/analytics/roi?by=platform&${range}`),
        api("GET", `/analytics/recommendation?${range}`),
      ]);
      destroyCharts(); // (a quiet reload keeps the old ones on screen until now)
      const platforms = byPlatform.groups.map((g) => ({ ...g, key: platformName(g.key) }));
      if (!byTemplate.groups.length) {
        clear(body, emptyState(t("roi.empty"), h("a", { class: "button", href: "#/ads" }, t("nav.ads"))),
          reportNotices(byTemplate), creatives.element);
        await creatives.load(range);
        return;
      }
      const recText = rec.data.length
        ? rec.data.map((r) => h("div", { class: "stack" }, h("p", { class: "recommendation" }, recommendationText(r)),
            h("details", {}, h("summary", {}, t("roi.why")), h("p", { class: "muted" }, Array.isArray(r.items) ? t("roi.explanation") : r.explanation))))
        : h("p", {}, t("roi.noRecommendation"));
      clear(body,
        section("rec-h", t("roi.recommendation"), h("div", { id: "recommendation" }, recText)),
        reportNotices(byTemplate),
        creatives.element,
        section("roi-h", t("roi.perTemplate"), h("p", { class: "hint" }, t("roi.intervalHint")), roiChart(byTemplate), groupTable(t("roi.perTemplate"), byTemplate.groups)),
        section("roas-h", t("roi.roasPerTemplate"), barChart("roas-chart", byTemplate.groups, "roas", t("roi.roas"), (v) => (v == null ? "—" : `${fmtNumber(v, 2)}×`))),
        section("trend-h", t("roi.trend"), h("div", { id: "trend" }, loading())),
        section("cat-h", t("roi.byCategory"), barChart("category-chart", byCategory.groups, "roi", t("roi.roi"), fmtPercent), groupTable(t("roi.byCategory"), byCategory.groups)),
        section("platform-h", t("roi.byPlatform"), barChart("platform-chart", platforms, "roi", t("roi.roi"), fmtPercent), groupTable(t("roi.byPlatform"), platforms)),
        section("formulas-h", t("roi.formulas"), h("dl", { class: "facts" }, Object.entries(byTemplate.formulas).map(([k, v]) => [h("dt", {}, formulaText(k, v).split(/\s*=/)[0]), h("dd", { class: "mono" }, formulaText(k, v))]))),
      );
      const board = creatives.load(range);
      const trendBox = body.querySelector("#trend");
      try {
        clear(trendBox, trendChart(await trend(since.value, until.value, interval.value)));
      } catch (error) {
        clear(trendBox, notice(error));
      }
      await board;
    } catch (error) {
      clear(body, notice(error));
    }
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  names = await templateNames();
  await load();
  return destroyCharts;
}
