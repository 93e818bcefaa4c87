import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_recommendation_revenue import GetRecommendationRevenue
from ...models.problem_details import ProblemDetails
from ...models.recommendations_detailed import RecommendationsDetailed
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    slots: int | Unset = 10,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
    revenue: GetRecommendationRevenue | Unset = GetRecommendationRevenue.ADS,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["slots"] = slots

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

    json_revenue: str | Unset = UNSET
    if not isinstance(revenue, Unset):
        json_revenue = revenue.value

    params["revenue"] = json_revenue

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
        "url": "/api/v1/analytics/recommendation",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | RecommendationsDetailed | None:
    if response.status_code == 200:
        response_200 = RecommendationsDetailed.from_dict(response.json())

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
) -> Response[ProblemDetails | RecommendationsDetailed]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    slots: int | Unset = 10,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
    revenue: GetRecommendationRevenue | Unset = GetRecommendationRevenue.ADS,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
) -> Response[ProblemDetails | RecommendationsDetailed]:
    """Recommendation

     Which templates to render next (Thompson sampling over ROI), in plain words and as
    data: `items` lists each template's share of the next videos, its probability of having
    the best ROI and whether it has enough data yet, in the order of `summary`.
    `summary` and `explanation` are in Simplified Chinese when `Accept-Language` prefers
    `zh` over `en`; `language` says which.

    Args:
        slots (int | Unset): How many videos to plan. Default: 10.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        category (None | str | Unset):
        revenue (GetRecommendationRevenue | Unset):  Default: GetRecommendationRevenue.ADS.
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RecommendationsDetailed]
    """

    kwargs = _get_kwargs(
        slots=slots,
        since=since,
        until=until,
        category=category,
        revenue=revenue,
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
    slots: int | Unset = 10,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
    revenue: GetRecommendationRevenue | Unset = GetRecommendationRevenue.ADS,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
) -> ProblemDetails | RecommendationsDetailed | None:
    """Recommendation

     Which templates to render next (Thompson sampling over ROI), in plain words and as
    data: `items` lists each template's share of the next videos, its probability of having
    the best ROI and whether it has enough data yet, in the order of `summary`.
    `summary` and `explanation` are in Simplified Chinese when `Accept-Language` prefers
    `zh` over `en`; `language` says which.

    Args:
        slots (int | Unset): How many videos to plan. Default: 10.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        category (None | str | Unset):
        revenue (GetRecommendationRevenue | Unset):  Default: GetRecommendationRevenue.ADS.
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RecommendationsDetailed
    """

    return sync_detailed(
        client=client,
        slots=slots,
        since=since,
        until=until,
        category=category,
        revenue=revenue,
        currency=currency,
        rate=rate,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    slots: int | Unset = 10,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
    revenue: GetRecommendationRevenue | Unset = GetRecommendationRevenue.ADS,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
) -> Response[ProblemDetails | RecommendationsDetailed]:
    """Recommendation

     Which templates to render next (Thompson sampling over ROI), in plain words and as
    data: `items` lists each template's share of the next videos, its probability of having
    the best ROI and whether it has enough data yet, in the order of `summary`.
    `summary` and `explanation` are in Simplified Chinese when `Accept-Language` prefers
    `zh` over `en`; `language` says which.

    Args:
        slots (int | Unset): How many videos to plan. Default: 10.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        category (None | str | Unset):
        revenue (GetRecommendationRevenue | Unset):  Default: GetRecommendationRevenue.ADS.
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RecommendationsDetailed]
    """

    kwargs = _get_kwargs(
        slots=slots,
        since=since,
        until=until,
        category=category,
        revenue=revenue,
        currency=currency,
        rate=rate,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    slots: int | Unset = 10,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    category: None | str | Unset = UNSET,
    revenue: GetRecommendationRevenue | Unset = GetRecommendationRevenue.ADS,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
) -> ProblemDetails | RecommendationsDetailed | None:
    """Recommendation

     Which templates to render next (Thompson sampling over ROI), in plain words and as
    data: `items` lists each template's share of the next videos, its probability of having
    the best ROI and whether it has enough data yet, in the order of `summary`.
    `summary` and `explanation` are in Simplified Chinese when `Accept-Language` prefers
    `zh` over `en`; `language` says which.

    Args:
        slots (int | Unset): How many videos to plan. Default: 10.
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        category (None | str | Unset):
        revenue (GetRecommendationRevenue | Unset):  Default: GetRecommendationRevenue.ADS.
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RecommendationsDetailed
    """

    return (
        await asyncio_detailed(
            client=client,
            slots=slots,
            since=since,
            until=until,
            category=category,
            revenue=revenue,
            currency=currency,
            rate=rate,
        )
    ).parsed
