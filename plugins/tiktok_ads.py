"""TikTok ads: Ads Manager exports, the Business API ``report/integrated/get``, and
publishing videos as ads (``sync``; see plugins/tiktok_publishing.py and studio.publishing).

There is no official TikTok Python SDK we rely on; the Business API is plain HTTPS + JSON.
Its errors come as HTTP 200 with ``code != 0``, so every answer's ``code`` is checked.
``base_url`` in the config, or ``STUDIO_TIKTOK_BASE_URL``, points it at another host.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from studio import hookimpl

if TYPE_CHECKING:  # httpx is loaded when a source is called, not when plugins are listed
    import httpx
from studio.contracts import (
    AdStatRow,
    FetchedRow,
    FetchQuery,
    PluginError,
    RejectedRow,
    SyncResult,
)
from studio.ingest import parse_date, parse_decimal, parse_int
from studio.ingest.ad_source import AdStatsSource
from studio.ingest.adstats import ExportSpec
from studio.publishing import AccountInfo, AdState, publish_each

BASE_URL = "https://business-api.tiktok.com"
REPORT_PATH = "/open_api/v1.3/report/integrated/get/"
EXPORT_HINT = (
    "In TikTok Ads Manager open Campaign > Ad, set the breakdown to Day, then Export (CSV or XLSX)"
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("By Day", "Date", "Day", "Stat time day", "日期", "按天"),
    "ad_id": ("Ad ID", "广告ID", "广告 ID"),
    "ad_name": ("Ad name", "Ad Name", "广告名称"),
    "campaign_name": ("Campaign name", "Campaign Name", "推广系列名称"),
    "account_id": ("Advertiser ID", "Account ID", "广告账户ID"),
    "currency": ("Currency", "币种"),
    "spend": ("Cost", "Spend", "Total cost", "花费", "消耗"),
    "impressions": ("Impressions", "展示次数", "展示量"),
    "clicks": ("Clicks (all)", "Clicks(all)"),
    "link_clicks": (
        "Clicks (destination)",
        "Clicks",
        "点击量（目标页面）",
        "点击量(目标页面)",
        "点击量",
    ),
    "purchases": ("Complete payment", "Purchases", "Complete Payment", "完成支付", "完成支付数"),
    "revenue": (
        "Complete payment value",
        "Total complete payment value",
        "Purchase value",
        "Total purchase value",
        "完成支付价值",
        "总完成支付价值",
    ),
    "roas": ("Complete payment ROAS", "Purchase ROAS", "完成支付ROAS"),
    "plays_2s": ("2-second video views", "2-second views", "2秒视频播放量", "视频播放2秒"),
    "utm_content": ("utm_content",),
}
SPEC = ExportSpec(platform="tiktok", columns=COLUMNS, export_hint=EXPORT_HINT)

METRICS = [
    "ad_name",
    "campaign_name",
    "currency",
    "spend",
    "impressions",
    "clicks",
    "complete_payment",
    "total_complete_payment_rate",  # despite the name: the total purchase VALUE
    "video_watched_2s",
    "video_views_p100",
]


class TikTokAds(AdStatsSource):
    name = "tiktok"
    version = "1.1"
    spec = SPEC

    def connect(self, config: Mapping[str, Any]) -> None:
        from studio.ai.credentials import read_credential

        base = None if config.get("base_url") else read_credential("TIKTOK_BASE_URL")
        super().connect({**({"base_url": base} if base else {}), **config})

    # --- publishing (studio.publishing.AdPublisher) ---------------------------------------

    def _api(self) -> Any:
        from plugins.tiktok_publishing import TikTok

        if not self.config.get("access_token") or not (
                self.config.get("advertiser_id") or self.config.get("account_id")):
            raise PluginError("tiktok: connect the advertiser first (advertiser id and token)")
        return TikTok(self.config)

    def account(self) -> AccountInfo:
        from plugins.tiktok_publishing import account_info

        api = self._api()
        try:
            return account_info(api)
        finally:
            api.close()

    def ad_states(self, ad_ids: Sequence[str]) -> list[AdState]:
        from plugins.tiktok_publishing import ad_states

        api = self._api()
        try:
            return ad_states(api, list(ad_ids))
        finally:
            api.close()

    def sync(self, data: Iterable[Any]) -> SyncResult:
        from plugins.tiktok_publishing import publish

        api = self._api()
        identity = dict(self.config.get("identity") or {})
        try:
            return publish_each(data, lambda item: publish(api, item, identity))
        finally:
            api.close()

    def _fetch_api(self, query: FetchQuery, currency: str | None) -> Iterator[FetchedRow]:
        import httpx

        token = self.config.get("access_token")
        advertiser = self.config.get("advertiser_id") or self.config.get("account_id")
        if not token or not advertiser:
            raise PluginError(
                "tiktok: set access_token and advertiser_id (TikTok for Business developer app), "
                "or import an Ads Manager export file"
            )
        if query.since is None or query.until is None:
            raise PluginError("tiktok: the report API needs a date range (--since and --until)")
        url = str(self.config.get("base_url") or BASE_URL).rstrip("/") + REPORT_PATH
        page, index = 1, 0
        with httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0)) as client:
            while True:
                params = {
                    "advertiser_id": str(advertiser),
                    "report_type": "BASIC",
                    "data_level": "AUCTION_AD",
                    "dimensions": json.dumps(["ad_id", "stat_time_day"]),
                    "metrics": json.dumps(METRICS),
                    "start_date": query.since.isoformat(),
                    "end_date": query.until.isoformat(),
                    "page": page,
                    "page_size": int(self.config.get("page_size", 1000)),
                }
                data = _call(client, url, params, token)
                for item in data.get("list") or []:
                    index += 1
                    yield report_row(item, index, currency, str(advertiser))
                info = data.get("page_info") or {}
                if page >= int(info.get("total_page") or 1):
                    return
                page += 1


def _call(client: httpx.Client, url: str, params: dict[str, Any], token: str) -> dict[str, Any]:
    import httpx

    try:
        response = client.get(url, params=params, headers={"Access-Token": token})
    except httpx.HTTPError as exc:
        raise PluginError(f"tiktok: cannot reach {url}: {exc}", transient=True) from None
    if response.status_code != 200:
        raise PluginError(
            f"tiktok: HTTP {response.status_code}", transient=response.status_code >= 500
        )
    body = response.json()
    code = int(body.get("code", -1))
    if code != 0:
        from plugins.tiktok_publishing import error_for

        # a revoked token asks for reconnecting; a rate limit is transient
        raise error_for(code, body.get("message"), body.get("request_id"), token)
    return body.get("data") or {}


def report_row(
    item: dict[str, Any], index: int, currency: str | None, advertiser: str
) -> FetchedRow:
    dims, m = item.get("dimensions") or {}, item.get("metrics") or {}
    try:
        row_currency = (m.get("currency") or currency or "").upper()
        if not row_currency:
            raise ValueError("no currency in the report; set currency in the tiktok config")
        return AdStatRow(
            platform="tiktok",
            account_id=advertiser,
            ad_id=str(dims.get("ad_id")) if dims.get("ad_id") else None,
            ad_name=m.get("ad_name"),
            campaign_name=m.get("campaign_name"),
            date=parse_date(dims.get("stat_time_day"), field="stat_time_day"),
            currency=row_currency,
            spend=parse_decimal(m.get("spend"), field="spend") or Decimal("0"),
            impressions=parse_int(m.get("impressions"), field="impressions") or 0,
            link_clicks=parse_int(m.get("clicks"), field="clicks"),
            purchases=parse_int(m.get("complete_payment"), field="complete_payment"),
            revenue=parse_decimal(
                m.get("total_complete_payment_rate"), field="total_complete_payment_rate"
            ),
            plays_2s=parse_int(m.get("video_watched_2s"), field="video_watched_2s"),
            thruplays=parse_int(m.get("video_views_p100"), field="video_views_p100"),
            raw=item,
        )
    except ValueError as exc:
        return RejectedRow(
            row_number=index,
            reason=f"report row {index} (ad {dims.get('ad_id')}, "
            f"{dims.get('stat_time_day')}): {exc}",
            raw=item,
        )


@hookimpl
def register_data_sources(register: Any) -> None:
    register(TikTokAds())
