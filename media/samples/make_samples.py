"""Make the demo catalog: product photos drawn with Pillow, catalog.csv and one JSON per product.

Run from the repository root:  python media/samples/make_samples.py
The drawings are simple but recognisable (a mug, earbuds, a sneaker...), 1600x1600 JPEG, each
product with a dominant colour the render tests look for. Everything here is generated, CC0.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from studio.ingest.spreadsheet_safety import safe_cell

HERE = Path(__file__).resolve().parent
PHOTOS = HERE / "photos"
SIZE = 1600
SS = 2  # drawn at 2x and scaled down: smooth edges
Draw = ImageDraw.ImageDraw


def _canvas(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    s = SIZE * SS
    mask = Image.linear_gradient("L").resize((s, s))
    return Image.composite(Image.new("RGB", (s, s), bottom), Image.new("RGB", (s, s), top), mask)


def _shadow(img: Image.Image, cx: float, cy: float, rx: float, ry: float) -> None:
    s = img.width
    layer = Image.new("L", (s, s), 0)
    ImageDraw.Draw(layer).ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=110)
    layer = layer.filter(ImageFilter.GaussianBlur(s // 60))
    img.paste((0, 0, 0), mask=layer)


def _u(v: float) -> float:
    return v * SIZE * SS


def organizer(d: Draw, img: Image.Image, alt: bool) -> None:
    _shadow(img, _u(0.5), _u(0.78), _u(0.36), _u(0.05))
    wood, dark = (196, 140, 82), (150, 100, 55)
    top = 0.34 if not alt else 0.30
    d.rectangle((_u(0.16), _u(top + 0.16), _u(0.84), _u(0.78)), fill=wood)
    d.rectangle((_u(0.16), _u(top + 0.16), _u(0.84), _u(top + 0.20)), fill=dark)
    for x in (0.38, 0.62):
        d.rectangle((_u(x - 0.01), _u(top + 0.16), _u(x + 0.01), _u(0.78)), fill=dark)
    for i in range(9):  # wood grain
        y = top + 0.24 + i * 0.05
        if y > 0.76:
            break
        d.line((_u(0.18), _u(y), _u(0.82), _u(y + 0.01)), fill=(176, 122, 68), width=_w(4))
    d.rectangle((_u(0.42), _u(top - 0.12), _u(0.48), _u(top + 0.17)), fill=(40, 90, 200))
    d.rectangle((_u(0.51), _u(top - 0.06), _u(0.56), _u(top + 0.17)), fill=(230, 70, 60))
    d.ellipse((_u(0.22), _u(top + 0.02), _u(0.33), _u(top + 0.17)), fill=(60, 150, 90))
    d.rectangle((_u(0.44), _u(0.64), _u(0.56), _u(0.67)), fill=dark)  # drawer handle


def _w(px: int) -> int:
    return px * SS


def mug(d: Draw, img: Image.Image, alt: bool) -> None:
    _shadow(img, _u(0.48), _u(0.80), _u(0.26), _u(0.04))
    teal = (22, 160, 150)
    d.ellipse((_u(0.60), _u(0.38), _u(0.82), _u(0.64)), outline=teal, width=_w(34))
    d.rounded_rectangle((_u(0.24), _u(0.30), _u(0.68), _u(0.80)), radius=_u(0.05), fill=teal)
    d.ellipse((_u(0.24), _u(0.26), _u(0.68), _u(0.34)), fill=(16, 120, 112))
    d.ellipse((_u(0.26), _u(0.27), _u(0.66), _u(0.33)), fill=(90, 55, 35))  # coffee
    for i in range(40):  # speckles, placed deterministically
        x = 0.27 + (i * 37 % 100) / 100 * 0.38
        y = 0.37 + (i * 53 % 100) / 100 * 0.40
        d.ellipse((_u(x), _u(y), _u(x + 0.006), _u(y + 0.006)), fill=(12, 90, 84))
    if alt:
        for k in range(3):  # steam
            x = 0.36 + k * 0.08
            d.arc(
                (_u(x), _u(0.10), _u(x + 0.06), _u(0.24)),
                90,
                270,
                fill=(180, 180, 180),
                width=_w(10),
            )


def earbuds(d: Draw, img: Image.Image, alt: bool) -> None:
    _shadow(img, _u(0.5), _u(0.74), _u(0.30), _u(0.04))
    d.rounded_rectangle(
        (_u(0.26), _u(0.40), _u(0.74), _u(0.72)), radius=_u(0.12), fill=(245, 245, 248)
    )
    d.line((_u(0.27), _u(0.52), _u(0.73), _u(0.52)), fill=(200, 200, 206), width=_w(6))
    d.ellipse((_u(0.48), _u(0.62), _u(0.52), _u(0.64)), fill=(60, 220, 120))
    for x in (0.34, 0.56) if not alt else (0.30, 0.60):
        d.ellipse((_u(x), _u(0.18), _u(x + 0.10), _u(0.28)), fill=(250, 250, 252))
        d.rounded_rectangle(
            (_u(x + 0.035), _u(0.25), _u(x + 0.065), _u(0.38)),
            radius=_u(0.015),
            fill=(250, 250, 252),
        )
        d.ellipse((_u(x + 0.02), _u(0.20), _u(x + 0.05), _u(0.23)), fill=(40, 40, 50))


def sneaker(d: Draw, img: Image.Image, alt: bool) -> None:
    _shadow(img, _u(0.5), _u(0.70), _u(0.40), _u(0.04))
    red, white = (226, 44, 52), (245, 245, 245)
    sole = [(0.10, 0.62), (0.90, 0.62), (0.92, 0.68), (0.12, 0.70)]
    body = [
        (0.12, 0.62),
        (0.16, 0.42),
        (0.36, 0.36),
        (0.52, 0.30),
        (0.60, 0.40),
        (0.78, 0.46),
        (0.90, 0.54),
        (0.90, 0.62),
    ]
    if alt:
        sole = [(1 - x, y) for x, y in sole]
        body = [(1 - x, y) for x, y in body]
    d.polygon([(_u(x), _u(y)) for x, y in body], fill=red)
    d.polygon([(_u(x), _u(y)) for x, y in sole], fill=white)
    for i in range(4):
        x = 0.42 + i * 0.05 if not alt else 0.58 - i * 0.05
        d.line(
            (_u(x), _u(0.36 + i * 0.02), _u(x + 0.05), _u(0.44 + i * 0.02)),
            fill=white,
            width=_w(12),
        )
    swoosh = [(0.30, 0.56), (0.60, 0.50), (0.80, 0.52)]
    if alt:
        swoosh = [(1 - x, y) for x, y in swoosh]
    d.line([(_u(x), _u(y)) for x, y in swoosh], fill=white, width=_w(16))


def tote(d: Draw, img: Image.Image, alt: bool) -> None:
    _shadow(img, _u(0.5), _u(0.84), _u(0.30), _u(0.04))
    linen = (222, 206, 170)
    d.arc((_u(0.34), _u(0.14), _u(0.66), _u(0.50)), 180, 360, fill=(170, 150, 110), width=_w(26))
    d.polygon(
        [(_u(0.22), _u(0.32)), (_u(0.78), _u(0.32)), (_u(0.82), _u(0.84)), (_u(0.18), _u(0.84))],
        fill=linen,
    )
    for i in range(30):
        y = 0.34 + i * 0.017
        d.line((_u(0.22), _u(y), _u(0.80), _u(y)), fill=(212, 196, 160), width=_w(2))
    leaf = (70, 130, 80) if not alt else (200, 90, 60)
    d.ellipse((_u(0.40), _u(0.46), _u(0.60), _u(0.66)), fill=leaf)
    d.line((_u(0.50), _u(0.46), _u(0.50), _u(0.72)), fill=(50, 90, 60), width=_w(8))


def watch(d: Draw, img: Image.Image, alt: bool) -> None:
    _shadow(img, _u(0.5), _u(0.86), _u(0.22), _u(0.03))
    strap = (30, 30, 40) if not alt else (200, 120, 60)
    d.rounded_rectangle((_u(0.41), _u(0.06), _u(0.59), _u(0.94)), radius=_u(0.04), fill=strap)
    d.ellipse((_u(0.27), _u(0.27), _u(0.73), _u(0.73)), fill=(190, 190, 200))
    d.ellipse((_u(0.30), _u(0.30), _u(0.70), _u(0.70)), fill=(10, 20, 60))
    for k in range(12):
        a = k * math.pi / 6
        x, y = 0.5 + 0.17 * math.cos(a), 0.5 + 0.17 * math.sin(a)
        d.ellipse(
            (_u(x - 0.008), _u(y - 0.008), _u(x + 0.008), _u(y + 0.008)), fill=(240, 240, 240)
        )
    d.line((_u(0.5), _u(0.5), _u(0.5), _u(0.38)), fill=(240, 240, 240), width=_w(12))
    d.line((_u(0.5), _u(0.5), _u(0.6), _u(0.55)), fill=(255, 190, 40), width=_w(8))


def thermos(d: Draw, img: Image.Image, alt: bool) -> None:
    _shadow(img, _u(0.5), _u(0.88), _u(0.18), _u(0.03))
    steel = (70, 110, 190) if not alt else (60, 60, 70)
    d.rounded_rectangle((_u(0.36), _u(0.22), _u(0.64), _u(0.88)), radius=_u(0.05), fill=steel)
    d.rounded_rectangle(
        (_u(0.38), _u(0.10), _u(0.62), _u(0.24)), radius=_u(0.03), fill=(210, 210, 215)
    )
    d.rectangle((_u(0.40), _u(0.26), _u(0.44), _u(0.84)), fill=(130, 160, 225))  # highlight
    d.rectangle((_u(0.36), _u(0.60), _u(0.64), _u(0.64)), fill=(200, 200, 205))


def candle(d: Draw, img: Image.Image, alt: bool) -> None:
    _shadow(img, _u(0.5), _u(0.80), _u(0.24), _u(0.035))
    d.rounded_rectangle(
        (_u(0.28), _u(0.34), _u(0.72), _u(0.80)), radius=_u(0.04), fill=(150, 110, 200)
    )
    d.rectangle((_u(0.28), _u(0.50), _u(0.72), _u(0.66)), fill=(245, 240, 250))  # label
    d.ellipse((_u(0.30), _u(0.30), _u(0.70), _u(0.38)), fill=(225, 215, 240))
    d.line((_u(0.5), _u(0.34), _u(0.5), _u(0.27)), fill=(40, 40, 40), width=_w(6))
    flame = (255, 170, 40) if not alt else (255, 120, 30)
    d.ellipse((_u(0.47), _u(0.16), _u(0.53), _u(0.28)), fill=flame)
    d.ellipse((_u(0.485), _u(0.21), _u(0.515), _u(0.27)), fill=(255, 240, 170))
    for k in range(3):  # lavender sprigs on the label
        x = 0.40 + k * 0.10
        d.line((_u(x), _u(0.64), _u(x), _u(0.53)), fill=(90, 140, 90), width=_w(5))
        d.ellipse((_u(x - 0.012), _u(0.52), _u(x + 0.012), _u(0.57)), fill=(130, 90, 190))


Painter = Callable[[Draw, Image.Image, bool], None]

PRODUCTS: list[dict[str, object]] = [
    {
        "handle": "bamboo-desk-organizer",
        "sku": "BDO-01",
        "title": "Bamboo Desk Organizer with Drawer",
        "description": "Keeps pens, phone and notes in one place. Sustainable bamboo, "
        "one pull-out drawer.",
        "price": "34.99",
        "compare_at_price": "49.99",
        "cost": "12.40",
        "currency": "USD",
        "category": "Home & Office",
        "material": "bamboo",
        "color": "natural",
        "paint": organizer,
        "bg": ((250, 244, 232), (228, 214, 190)),
    },
    {
        "handle": "speckled-ceramic-mug",
        "sku": "MUG-350",
        "title": "Speckled Ceramic Mug 350 ml",
        "description": "Hand-glazed stoneware. Dishwasher and microwave safe.",
        "price": "18.00",
        "compare_at_price": "",
        "cost": "4.10",
        "currency": "USD",
        "category": "Kitchen",
        "material": "stoneware",
        "color": "teal",
        "paint": mug,
        "bg": ((252, 250, 246), (226, 222, 214)),
    },
    {
        "handle": "wireless-earbuds-pro",
        "sku": "EB-PRO",
        "title": "Wireless Earbuds Pro",
        "description": "Active noise cancelling. 30 hours with the case. USB-C fast charge.",
        "price": "79.00",
        "compare_at_price": "129.00",
        "cost": "21.00",
        "currency": "USD",
        "category": "Electronics",
        "material": "plastic",
        "color": "white",
        "paint": earbuds,
        "bg": ((40, 44, 58), (16, 18, 26)),
    },
    {
        "handle": "trail-running-sneaker",
        "sku": "TRS-42",
        "title": "Trail Running Sneaker",
        "description": "Grippy outsole, breathable mesh, 260 g per shoe.",
        "price": "89.95",
        "compare_at_price": "119.95",
        "cost": "31.00",
        "currency": "EUR",
        "category": "Shoes",
        "material": "mesh",
        "color": "red",
        "paint": sneaker,
        "bg": ((240, 242, 245), (205, 210, 218)),
    },
    {
        "handle": "organic-linen-tote",
        "sku": "TOTE-L",
        "title": "Organic Linen Tote Bag",
        "description": "Strong enough for the weekly shop, light enough to fold into a pocket.",
        "price": "24.00",
        "compare_at_price": "",
        "cost": "6.50",
        "currency": "GBP",
        "category": "Bags",
        "material": "linen",
        "color": "sand",
        "paint": tote,
        "bg": ((236, 242, 236), (200, 214, 202)),
    },
    {
        "handle": "classic-smart-watch",
        "sku": "SW-2",
        "title": "Classic Smart Watch",
        "description": "Heart rate, sleep and steps. Seven-day battery. Swim-proof.",
        "price": "149.00",
        "compare_at_price": "199.00",
        "cost": "58.00",
        "currency": "USD",
        "category": "Electronics",
        "material": "aluminium",
        "color": "navy",
        "paint": watch,
        "bg": ((236, 232, 226), (196, 188, 176)),
    },
    {
        "handle": "vacuum-thermos-500",
        "sku": "BW-500",
        "title": "不锈钢真空保温杯 500ml",
        "description": "保温12小时，保冷24小时。304不锈钢内胆，一键开盖。",
        "price": "199",
        "compare_at_price": "299",
        "cost": "45",
        "currency": "CNY",
        "category": "家居",
        "material": "不锈钢",
        "color": "蓝色",
        "paint": thermos,
        "bg": ((244, 246, 250), (208, 216, 232)),
    },
    {
        "handle": "lavender-soy-candle",
        "sku": "CND-LAV",
        "title": "Lavender Soy Candle",
        "description": "Hand-poured soy wax, cotton wick, 45 hours of calm.",
        "price": "22.50",
        "compare_at_price": "28.00",
        "cost": "5.20",
        "currency": "USD",
        "category": "Home Fragrance",
        "material": "soy wax",
        "color": "lavender",
        "paint": candle,
        "bg": ((248, 244, 252), (222, 210, 236)),
    },
]

COLUMNS = [
    "handle",
    "sku",
    "title",
    "description",
    "price",
    "compare_at_price",
    "cost",
    "currency",
    "category",
    "images",
    "material",
    "color",
]


def make_photo(product: dict[str, object], alt: bool) -> Path:
    top, bottom = product["bg"]  # type: ignore[misc]
    if alt:
        top, bottom = bottom, top
    img = _canvas(top, bottom)
    paint: Painter = product["paint"]  # type: ignore[assignment]
    paint(ImageDraw.Draw(img), img, alt)
    img = img.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    path = PHOTOS / f"{product['handle']}{'-2' if alt else ''}.jpg"
    img.save(path, "JPEG", quality=80, optimize=True)
    return path


def main() -> None:
    PHOTOS.mkdir(parents=True, exist_ok=True)
    (HERE / "products").mkdir(exist_ok=True)
    rows = []
    for product in PRODUCTS:
        images = [make_photo(product, alt).relative_to(HERE).as_posix() for alt in (False, True)]
        row = {k: product.get(k, "") for k in COLUMNS}
        row["images"] = "|".join(images)  # one column, split on "|" by the CSV importer
        rows.append(row)
        as_json = {
            "title": product["title"],
            "description": product["description"],
            "price": product["price"],
            "compare_at_price": product["compare_at_price"] or None,
            "cost": product["cost"],
            "currency": product["currency"],
            "category": product["category"],
            "attributes": {
                "material": product["material"],
                "color": product["color"],
                "sku": product["sku"],
            },
            "images": [f"../{image}" for image in images],
            "external_id": product["handle"],
        }
        (HERE / "products" / f"{product['handle']}.json").write_text(
            json.dumps(as_json, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    with (HERE / "catalog.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        # the studio's one rule for cells it writes (studio.ingest.spreadsheet_safety)
        writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)


if __name__ == "__main__":
    main()
