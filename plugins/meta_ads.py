"""Meta ads: Ads Manager exports (CSV/XLSX, any column set), the Insights API, and
publishing videos as ads (``sync``; see plugins/meta_publishing.py and studio.publishing).

The API goes through the official ``facebook-business`` SDK. ``base_url`` in the config (or
``STUDIO_META_BASE_URL``) points the SDK's session at another Graph host
(``FacebookSession.GRAPH``, the attribute the SDK documents as "the Graph API URL"); tests use
it for a local fake server. ``STUDIO_META_VIDEO_URL``, ``STUDIO_META_CHUNKED_ABOVE`` (bytes)
and ``STUDIO_META_PROCESSING_WAIT`` (seconds) set where videos go, when the resumable upload
is used, and how long one attempt waits for Meta's processing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from studio import hookimpl
from studio.contracts import (
    AdStatRow,
    FetchedRow,
    FetchQuery,
    PluginError,
    RejectedRow,
    SyncResult,
)
from studio.ingest import HeaderMap, parse_date, parse_decimal, parse_int
from studio.ingest.ad_source import AdStatsSource
from studio.ingest.adstats import ExportSpec
from studio.publishing import AccountInfo, AdState, publish_each

EXPORT_HINT = (
    "In Ads Manager open the Ads tab, choose Breakdown > By time > Day, "
    "then Reports > Export table data (.csv or .xlsx)"
)

COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("Day", "Date"),
    "ad_id": ("Ad ID",),
    "ad_name": ("Ad name", "Ad Name"),
    "campaign_name": ("Campaign name", "Campaign Name"),
    "account_id": ("Account ID",),
    "currency": ("Currency",),
    "spend": ("Amount spent", "Amount Spent"),
    "impressions": ("Impressions",),
    "clicks": ("Clicks (all)",),
    "link_clicks": ("Link clicks",),
    "purchases": ("Purchases", "Website purchases", "Meta purchases"),
    "revenue": (
        "Purchases conversion value",
        "Website purchases conversion value",
        "Purchase conversion value",
    ),
    "roas": ("Purchase ROAS (return on ad spend)", "Website purchase ROAS (return on ad spend)"),
    "plays_3s": ("3-second video plays",),
    "thruplays": ("ThruPlays",),
    "url_params": ("URL parameters", "Url parameters"),
    "utm_content": ("utm_content",),
}

# Insights `actions` types that mean a purchase, best first; they overlap, so never summed
PURCHASE_TYPES = ("purchase", "omni_purchase", "offsite_conversion.fb_pixel_purchase")
INSIGHTS_FIELDS = [
    "account_id",
    "account_currency",
    "campaign_name",
    "ad_id",
    "ad_name",
    "spend",
    "impressions",
    "clicks",
    "inline_link_clicks",
    "actions",
    "action_values",
    "video_thruplay_watched_actions",
]


def _reporting_day(h: HeaderMap, row: dict[str, Any]) -> dt.date | None:
    """Without a Day column a row is one day only when Reporting starts == Reporting ends."""
    if h.find("Day", "Date"):
        return None
    start_col, end_col = h.find("Reporting starts"), h.find("Reporting ends")
    if not start_col:
        return None
    start = parse_date(row.get(start_col), field=start_col)
    end = parse_date(row.get(end_col), field=end_col) if end_col else start
    if start != end:
        raise ValueError(f"the row covers {start} to {end}, not one day. {EXPORT_HINT}")
    return start


SPEC = ExportSpec(
    platform="meta", columns=COLUMNS, export_hint=EXPORT_HINT, row_date=_reporting_day
)


# settings read from the environment when the config does not give them
ENVIRONMENT = {"base_url": "META_BASE_URL", "video_url": "META_VIDEO_URL",
               "chunked_above": "META_CHUNKED_ABOVE", "processing_wait": "META_PROCESSING_WAIT"}


class MetaAds(AdStatsSource):
    name = "meta"
    version = "1.1"
    spec = SPEC

    def connect(self, config: Mapping[str, Any]) -> None:
        from studio.ai.credentials import read_credential

        found = {key: value for key, env in ENVIRONMENT.items()
                 if not config.get(key) and (value := read_credential(env))}
        super().connect({**found, **config})

    # --- publishing (studio.publishing.AdPublisher) ---------------------------------------

    def _graph(self) -> Any:
        from plugins.meta_publishing import Graph

        if not self.config.get("access_token") or not self.config.get("account_id"):
            raise PluginError("meta: connect the ad account first (account id and token)")
        return Graph(self.config)

    def account(self) -> AccountInfo:
        from plugins.meta_publishing import account_info

        return account_info(self._graph())

    def ad_states(self, ad_ids: Sequence[str]) -> list[AdState]:
        from plugins.meta_publishing import ad_states

        return ad_states(self._graph(), list(ad_ids))

    def sync(self, data: Iterable[Any]) -> SyncResult:
        from plugins.meta_publishing import publish

        graph = self._graph()
        identity = dict(self.config.get("identity") or {})
        return publish_each(data, lambda item: publish(graph, item, identity))

    # --- Insights API ------------------------------------------------------------------------

    def _fetch_api(self, query: FetchQuery, currency: str | None) -> Iterator[FetchedRow]:
        from facebook_business.adobjects.adaccount import AdAccount
        from facebook_business.exceptions import FacebookRequestError

        from plugins.meta_publishing import Graph

        if not self.config.get("access_token") or not self.config.get("account_id"):
            raise PluginError(
                "meta: set access_token (a system-user token with ads_read) and account_id "
                "(act_…), or import an Ads Manager export file"
            )
        if query.since is None or query.until is None:
            raise PluginError("meta: the Insights API needs a date range (--since and --until)")
        graph = Graph(self.config)
        params = {
            "level": "ad",
            "time_increment": 1,
            "time_range": {"since": query.since.isoformat(), "until": query.until.isoformat()},
            "limit": int(self.config.get("page_size", 500)),
        }
        try:
            cursor = AdAccount(graph.account_id, api=graph.api).get_insights(
                fields=INSIGHTS_FIELDS, params=params
            )
            for index, item in enumerate(cursor, start=1):
                yield insights_row(item.export_all_data(), index)
        except FacebookRequestError as exc:
            # a revoked token, a rate limit (transient, with Meta's wait), a passing problem
            raise graph.error(exc) from None
        except OSError as exc:  # requests' errors: their text holds the URL and the token
            from plugins.meta_publishing import unreachable

            raise unreachable(exc) from None


def _action(items: list[dict[str, Any]] | None, types: tuple[str, ...]) -> str | None:
    by_type = {a.get("action_type"): a.get("value") for a in items or []}
    return next((by_type[t] for t in types if t in by_type), None)


def insights_row(data: dict[str, Any], index: int) -> FetchedRow:
    """One Insights API record (every number a string) → AdStatRow."""
    try:
        return AdStatRow(
            platform="meta",
            account_id=data.get("account_id"),
            ad_id=data.get("ad_id"),
            ad_name=data.get("ad_name"),
            campaign_name=data.get("campaign_name"),
            date=parse_date(data.get("date_start"), field="date_start"),
            currency=data.get("account_currency") or "",
            spend=parse_decimal(data.get("spend"), field="spend") or Decimal("0"),
            impressions=parse_int(data.get("impressions"), field="impressions") or 0,
            clicks=parse_int(data.get("clicks"), field="clicks"),
            link_clicks=parse_int(data.get("inline_link_clicks"), field="inline_link_clicks"),
            purchases=parse_int(_action(data.get("actions"), PURCHASE_TYPES), field="purchases"),
            revenue=parse_decimal(
                _action(data.get("action_values"), PURCHASE_TYPES), field="purchase value"
            ),
            plays_3s=parse_int(_action(data.get("actions"), ("video_view",)), field="video_view"),
            thruplays=parse_int(
                _action(data.get("video_thruplay_watched_actions"), ("video_view",)),
                field="thruplays",
            ),
            raw=data,
        )
    except ValueError as exc:
        return RejectedRow(
            row_number=index,
            reason=f"Insights record {index} (ad {data.get('ad_id')}, {data.get('date_start')}): "
            f"{exc}",
            raw=data,
        )


@hookimpl
def register_data_sources(register: Any) -> None:
    register(MetaAds())
