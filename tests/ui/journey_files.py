"""The files a new seller brings to the studio in the journey test (test_seller_journey.py),
written as the platforms write them (/work/shared/FORMATS.md; the header lists are the ones
tests/datasources/exports.py keeps):

- a Shopify product export: one product over several rows sharing its Handle (variants, an
  image-only row), a draft, photos on Shopify's CDN, no currency anywhere in the file;
- a Meta Ads Manager export by day: the summary row first, the currency as a header suffix,
  quoted thousands, ``-`` rankings;
- a TikTok Ads Manager export by day: a Currency column and a trailing ``Total`` row.

The ad exports name the ads as the seller named them from the batch ZIP's manifest (the
suggested ad name, which ends with the video's creative code), so every row links to a video.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tests.datasources.exports import (
    CDN,
    META_HEADERS,
    SHOPIFY_HEADERS,
    TIKTOK_HEADERS,
    write,
)

from .conftest import SAMPLES


@dataclass(frozen=True)
class Item:
    handle: str
    title: str
    price: str
    compare_at: str
    cost: str
    photo: str  # a sample photo, served as the CDN's file
    draft: bool = False
    sizes: tuple[str, ...] = ()


# the same shop in two languages; the Chinese seller's store sells in CNY
SHOP = {
    "en": [Item("linen-shirt", "Linen Shirt", "49.00", "59.00", "18.50", "organic-linen-tote",
                sizes=("S", "M")),
           Item("ceramic-mug", "Ceramic Mug", "18.00", "24.00", "4.20", "speckled-ceramic-mug"),
           Item("soy-candle", "Lavender Soy Candle", "25.00", "", "9.00", "lavender-soy-candle",
                draft=True)],
    "zh-CN": [Item("linen-shirt", "亚麻衬衫", "299.00", "399.00", "110.00", "organic-linen-tote",
                   sizes=("S", "M")),
              Item("ceramic-mug", "陶瓷马克杯", "89.00", "129.00", "20.00",
                   "speckled-ceramic-mug"),
              Item("soy-candle", "薰衣草香薰蜡烛", "129.00", "", "45.00", "lavender-soy-candle",
                   draft=True)],
}
CURRENCY = {"en": "USD", "zh-CN": "CNY"}


def photo_url(item: Item) -> str:
    return f"{CDN}/journey-{item.photo}.jpg"


def photo_file(url: str) -> Path:
    name = url.rsplit("/", 1)[1].removeprefix("journey-")
    return SAMPLES / "photos" / name


def seed_image_cache(media_root: Path, urls: list[str]) -> None:
    """Shopify's CDN for the worker: the studio fetches a product photo once into its image
    cache and reads it from there afterwards; the test has no internet, so the cache holds the
    photos before the first render (the browser's requests are routed by the test)."""
    from studio.config import Settings
    from studio.ingest.images import cache_path

    for url in urls:
        target = cache_path(url, Settings(media_root=media_root)).with_suffix(".jpg")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(photo_file(url), target)


def _shopify_row(**cells: str) -> list[str]:
    row = dict.fromkeys(SHOPIFY_HEADERS, "")
    row.update(cells)
    return [row[h] for h in SHOPIFY_HEADERS]


def shopify_export(folder: Path, lang: str) -> Path:
    """3 products, 4 variants (the shirt in two sizes), 1 draft."""
    rows = [SHOPIFY_HEADERS]
    for item in SHOP[lang]:
        product = {"Title": item.title, "Body (HTML)": f"<p>{item.title}</p>",
                   "Vendor": "Journey Goods", "Type": "Home" if lang == "en" else "家居",
                   "Tags": "journey",
                   "Published": "FALSE" if item.draft else "TRUE", "Gift Card": "FALSE",
                   "Status": "draft" if item.draft else "active",
                   "Image Src": photo_url(item), "Image Position": "1",
                   "Image Alt Text": item.title}
        variants = item.sizes or ("Default Title",)
        for n, value in enumerate(variants):
            rows.append(_shopify_row(
                Handle=item.handle, **(product if n == 0 else {}),
                **{"Option1 Name": ("Size" if item.sizes else "Title") if n == 0 else "",
                   "Option1 Value": value, "Variant SKU": f"{item.handle.upper()}-{value[:1]}",
                   "Variant Grams": "300", "Variant Inventory Tracker": "shopify",
                   "Variant Inventory Policy": "deny", "Variant Fulfillment Service": "manual",
                   "Variant Price": item.price, "Variant Compare At Price": item.compare_at,
                   "Variant Requires Shipping": "TRUE", "Variant Taxable": "TRUE",
                   "Variant Weight Unit": "kg", "Cost per item": item.cost}))
    return write(folder / "products_export_1.csv", rows)


@dataclass(frozen=True)
class AdRow:
    """One day of one ad: the money in the store's currency."""
    code: str  # the video's creative code
    ad_name: str
    ad_id: str
    day: str
    spend: Decimal
    impressions: int
    clicks: int
    purchases: int
    revenue: Decimal
    plays: int  # 3-second plays (Meta) or 2-second views (TikTok)


def _money(value: Decimal, thousands: bool = True) -> str:
    return f"{value:,.2f}" if thousands else f"{value:.2f}"


def ad_rows(manifest: list[dict[str, str]], factor: int) -> dict[str, list[AdRow]]:
    """Meta: the first video on two days, the second on one; TikTok: the second and the third.
    ``factor`` scales the money (a CNY store spends more yuan than a USD store dollars)."""
    days = [(dt.date.today() - dt.timedelta(days=n)).isoformat() for n in (3, 2)]
    a, b, c = manifest[:3]
    f = Decimal(factor)

    def row(video: dict[str, str], ad_id: str, day: str, spend: str, impressions: int,
            purchases: int, revenue: str, plays: int) -> AdRow:
        return AdRow(video["creative_code"], video["suggested_ad_name"], ad_id, day,
                     Decimal(spend) * f, impressions, impressions // 40, purchases,
                     Decimal(revenue) * f, plays)

    return {
        "meta": [row(a, "120209876500001", days[0], "120.00", 12_000, 6, "300.00", 3_600),
                 row(a, "120209876500001", days[1], "80.00", 8_000, 3, "150.00", 2_000),
                 row(b, "120209876500002", days[1], "60.00", 6_000, 2, "90.00", 1_500)],
        "tiktok": [row(b, "1790098765400001", days[1], "40.00", 5_000, 2, "110.00", 1_250),
                   row(c, "1790098765400002", days[1], "50.00", 7_000, 5, "225.00", 2_100)],
    }


def meta_export(folder: Path, rows: list[AdRow], currency: str) -> Path:
    headers = [h.replace("(USD)", f"({currency})") for h in META_HEADERS]
    spent, cpm = f"Amount spent ({currency})", f"CPM (cost per 1,000 impressions) ({currency})"
    first, last = min(r.day for r in rows), max(r.day for r in rows)
    summary = dict.fromkeys(headers, "")
    summary.update({"Reporting starts": first, "Reporting ends": last,
                    spent: _money(sum((r.spend for r in rows), Decimal(0))),
                    "Impressions": f"{sum(r.impressions for r in rows):,}"})
    out = [headers, [summary[h] for h in headers]]
    for r in rows:
        cells = dict.fromkeys(headers, "")
        cells.update({
            "Reporting starts": first, "Reporting ends": last, "Campaign name": "Launch",
            "Ad set name": "Broad 18-45", "Ad name": r.ad_name, "Ad ID": r.ad_id, "Day": r.day,
            "Ad delivery": "active", "Results": str(r.purchases),
            "Result indicator": "actions:offsite_conversion.fb_pixel_purchase",
            "Cost per results": _money(r.spend / r.purchases),
            "Ad set budget": "Using campaign budget",
            "Ad set budget type": "Using campaign budget", spent: _money(r.spend),
            "Impressions": f"{r.impressions:,}", "Reach": f"{r.impressions * 8 // 10:,}",
            "Frequency": "1.25", cpm: _money(r.spend * 1000 / r.impressions),
            "Link clicks": f"{r.clicks:,}",
            "CTR (link click-through rate)": f"{100 * r.clicks / r.impressions:.2f}",
            "Purchases": str(r.purchases), "Purchases conversion value": _money(r.revenue),
            "3-second video plays": f"{r.plays:,}", "ThruPlays": f"{r.plays // 4:,}",
            "Ends": "Ongoing", "Attribution setting": "7-day click or 1-day view",
            "Bid": "Highest volume", "Bid type": "Lowest cost", "Quality ranking": "-",
            "Engagement rate ranking": "-", "Conversion rate ranking": "-",
            "Purchase ROAS (return on ad spend)": f"{r.revenue / r.spend:.2f}"})
        out.append([cells[h] for h in headers])
    return write(folder / f"Journey-Ads-{first}-{last}.csv", out)


def tiktok_export(folder: Path, rows: list[AdRow], currency: str) -> Path:
    out = [TIKTOK_HEADERS]
    for r in rows:
        out.append([r.ad_name, r.ad_id, r.day, "Launch", "Interest: home", currency,
                    _money(r.spend, False), str(r.impressions), str(r.clicks),
                    f"{100 * r.clicks / r.impressions:.2f}%", str(r.purchases),
                    str(r.purchases), _money(r.revenue, False),
                    f"{r.revenue / r.spend:.2f}", str(r.plays), str(r.plays // 3)])
    spend = sum((r.spend for r in rows), Decimal(0))
    revenue = sum((r.revenue for r in rows), Decimal(0))
    impressions = sum(r.impressions for r in rows)
    clicks = sum(r.clicks for r in rows)
    purchases = sum(r.purchases for r in rows)
    out.append([f"Total of {len(rows)} results", "", "", "", "", currency,
                _money(spend, False), str(impressions), str(clicks),
                f"{100 * clicks / impressions:.2f}%", str(purchases), str(purchases),
                _money(revenue, False), f"{revenue / spend:.2f}",
                str(sum(r.plays for r in rows)), str(sum(r.plays // 3 for r in rows))])
    return write(folder / "Custom report.xlsx", out, "xlsx")
