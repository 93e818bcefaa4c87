// What an ROI report says beside its figures comes as a code with params (GET /analytics/roi:
// `notices`, and each group's and creative's): said here in the studio's language from
// roi.notice.<code>, with the params' numbers and amounts formatted for it. A code this studio
// does not know yet, or words missing a param, keep the server's English `text`.
import { fmtMoney, fmtNumber, hasText, t } from "../i18n.js";

const listed = (items) => items.join(t("roi.listSep"));
const amounts = (byCurrency) => listed(Object.entries(byCurrency || {}).map(([code, amount]) => fmtMoney(amount, code)));

function words(params) {
  const p = params || {};
  const vars = {};
  if (Array.isArray(p.currencies)) vars.list = listed(p.currencies);
  if (p.amounts) vars.amounts = amounts(p.amounts);
  for (const [name, param] of [["n", "rows"], ["n", "videos"], ["videos", "videos"], ["impressions", "impressions"], ["purchases", "purchases"],
    ["minVideos", "min_videos"], ["minImpressions", "min_impressions"], ["minPurchases", "min_purchases"]]) {
    if (typeof p[param] === "number") vars[name] = fmtNumber(p[param]);
  }
  if (p.cost_currency) vars.cost = p.cost_currency;
  if (p.ads_currency) vars.ads = p.ads_currency;
  if (p.currency) {
    vars.currency = p.currency;
    if (p.spend != null) vars.spend = fmtMoney(p.spend, p.currency);
    if ("min_spend" in p) vars.minSpend = p.min_spend == null ? t("roi.noSpendFloor", { currency: p.currency }) : t("roi.spendFloor", { amount: fmtMoney(p.min_spend, p.currency) });
  }
  return vars;
}

export function noticeText(notice) {
  const key = `roi.notice.${notice.code}`;
  if (!hasText(key)) return notice.text;
  const text = t(key, words(notice.params));
  return /\{\w+\}/.test(text) ? notice.text : text;
}
