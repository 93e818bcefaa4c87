import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_roi_trend_by import GetRoiTrendBy
from ...models.get_roi_trend_interval import GetRoiTrendInterval
from ...models.problem_details import ProblemDetails
from ...models.trend_public import TrendPublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    by: GetRoiTrendBy | Unset = GetRoiTrendBy.TEMPLATE,
    interval: GetRoiTrendInterval | Unset = GetRoiTrendInterval.WEEK,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_by: str | Unset = UNSET
    if not isinstance(by, Unset):
        json_by = by.value

    params["by"] = json_by

    json_interval: str | Unset = UNSET
    if not isinstance(interval, Unset):
        json_interval = interval.value

    params["interval"] = json_interval

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.date):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.date):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    else:
        json_category = category
    params["category"] = json_category

    json_currency: None | str | Unset
    if isinstance(currency, Unset):
        json_currency = UNSET
    else:
        json_currency = currency
    params["currency"] = json_currency

    json_rate: list[str] | None | Unset
    if isinstance(rate, Unset):
        json_rate = UNSET
    elif isinstance(rate, list):
        json_rate = rate

    else:
        json_rate = rate
    params["rate"] = json_rate

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/analytics/roi/trend",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | TrendPublic | None:
    if response.status_code == 200:
        response_200 = TrendPublic.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ProblemDetails.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ProblemDetails.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ProblemDetails.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ProblemDetails.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ProblemDetails.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ProblemDetails | TrendPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    by: GetRoiTrendBy | Unset = GetRoiTrendBy.TEMPLATE,
    interval: GetRoiTrendInterval | Unset = GetRoiTrendInterval.WEEK,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
) -> Response[ProblemDetails | TrendPublic]:
    """Roi Trend

     Spend, revenue, ROAS and ROI of each group (template, category…) for every day, week or month of the
    range, from one database query. A series has a point for every period (zeros where the group had no
    results), so series line up on one chart. At most 400 periods: choose a wider interval for long
    ranges. Only ad results that are linked to a video count. Each figure is computed as:

    - period = the day, the ISO week (Monday to Sunday, named by its Monday) or the calendar month
    (named by its first day) of each ad result's date
    - ROAS = revenue ÷ ad spend, with both summed over the period
    - profit = revenue × gross margin − spend − production cost, per video, summed
    - production cost of a video is counted once, in the first period of the range in which that video
    has ad results
    - ROI = profit ÷ (spend + production cost) of the period

    Args:
        by (GetRoiTrendBy | Unset):  Default: GetRoiTrendBy.TEMPLATE.
        interval (GetRoiTrendInterval | Unset):  Default: GetRoiTrendInterval.WEEK.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        category (None | str | Unset):
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | TrendPublic]
    """

    kwargs = _get_kwargs(
        by=by,
        interval=interval,
        since=since,
        until=until,
        category=category,
        currency=currency,
        rate=rate,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    by: GetRoiTrendBy | Unset = GetRoiTrendBy.TEMPLATE,
    interval: GetRoiTrendInterval | Unset = GetRoiTrendInterval.WEEK,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
) -> ProblemDetails | TrendPublic | None:
    """Roi Trend

     Spend, revenue, ROAS and ROI of each group (template, category…) for every day, week or month of the
    range, from one database query. A series has a point for every period (zeros where the group had no
    results), so series line up on one chart. At most 400 periods: choose a wider interval for long
    ranges. Only ad results that are linked to a video count. Each figure is computed as:

    - period = the day, the ISO week (Monday to Sunday, named by its Monday) or the calendar month
    (named by its first day) of each ad result's date
    - ROAS = revenue ÷ ad spend, with both summed over the period
    - profit = revenue × gross margin − spend − production cost, per video, summed
    - production cost of a video is counted once, in the first period of the range in which that video
    has ad results
    - ROI = profit ÷ (spend + production cost) of the period

    Args:
        by (GetRoiTrendBy | Unset):  Default: GetRoiTrendBy.TEMPLATE.
        interval (GetRoiTrendInterval | Unset):  Default: GetRoiTrendInterval.WEEK.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        category (None | str | Unset):
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | TrendPublic
    """

    return sync_detailed(
        client=client,
        by=by,
        interval=interval,
        since=since,
        until=until,
        category=category,
        currency=currency,
        rate=rate,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    by: GetRoiTrendBy | Unset = GetRoiTrendBy.TEMPLATE,
    interval: GetRoiTrendInterval | Unset = GetRoiTrendInterval.WEEK,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
) -> Response[ProblemDetails | TrendPublic]:
    """Roi Trend

     Spend, revenue, ROAS and ROI of each group (template, category…) for every day, week or month of the
    range, from one database query. A series has a point for every period (zeros where the group had no
    results), so series line up on one chart. At most 400 periods: choose a wider interval for long
    ranges. Only ad results that are linked to a video count. Each figure is computed as:

    - period = the day, the ISO week (Monday to Sunday, named by its Monday) or the calendar month
    (named by its first day) of each ad result's date
    - ROAS = revenue ÷ ad spend, with both summed over the period
    - profit = revenue × gross margin − spend − production cost, per video, summed
    - production cost of a video is counted once, in the first period of the range in which that video
    has ad results
    - ROI = profit ÷ (spend + production cost) of the period

    Args:
        by (GetRoiTrendBy | Unset):  Default: GetRoiTrendBy.TEMPLATE.
        interval (GetRoiTrendInterval | Unset):  Default: GetRoiTrendInterval.WEEK.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        category (None | str | Unset):
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | TrendPublic]
    """

    kwargs = _get_kwargs(
        by=by,
        interval=interval,
        since=since,
        until=until,
        category=category,
        currency=currency,
        rate=rate,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    by: GetRoiTrendBy | Unset = GetRoiTrendBy.TEMPLATE,
    interval: GetRoiTrendInterval | Unset = GetRoiTrendInterval.WEEK,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
) -> ProblemDetails | TrendPublic | None:
    """Roi Trend

     Spend, revenue, ROAS and ROI of each group (template, category…) for every day, week or month of the
    range, from one database query. A series has a point for every period (zeros where the group had no
    results), so series line up on one chart. At most 400 periods: choose a wider interval for long
    ranges. Only ad results that are linked to a video count. Each figure is computed as:

    - period = the day, the ISO week (Monday to Sunday, named by its Monday) or the calendar month
    (named by its first day) of each ad result's date
    - ROAS = revenue ÷ ad spend, with both summed over the period
    - profit = revenue × gross margin − spend − production cost, per video, summed
    - production cost of a video is counted once, in the first period of the range in which that video
    has ad results
    - ROI = profit ÷ (spend + production cost) of the period

    Args:
        by (GetRoiTrendBy | Unset):  Default: GetRoiTrendBy.TEMPLATE.
        interval (GetRoiTrendInterval | Unset):  Default: GetRoiTrendInterval.WEEK.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        category (None | str | Unset):
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | TrendPublic
    """

    return (
        await asyncio_detailed(
            client=client,
            by=by,
            interval=interval,
            since=since,
            until=until,
            category=category,
            currency=currency,
            rate=rate,
        )
    ).parsed
