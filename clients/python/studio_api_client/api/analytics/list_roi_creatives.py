import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.creatives_public import CreativesPublic
from ...models.list_roi_creatives_order import ListRoiCreativesOrder
from ...models.list_roi_creatives_revenue import ListRoiCreativesRevenue
from ...models.list_roi_creatives_sort import ListRoiCreativesSort
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    sort: ListRoiCreativesSort | Unset = ListRoiCreativesSort.ROI,
    order: ListRoiCreativesOrder | Unset = ListRoiCreativesOrder.DESC,
    template: None | str | Unset = UNSET,
    product: int | None | Unset = UNSET,
    platform: None | str | Unset = UNSET,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    revenue: ListRoiCreativesRevenue | Unset = ListRoiCreativesRevenue.ADS,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    json_template: None | str | Unset
    if isinstance(template, Unset):
        json_template = UNSET
    else:
        json_template = template
    params["template"] = json_template

    json_product: int | None | Unset
    if isinstance(product, Unset):
        json_product = UNSET
    else:
        json_product = product
    params["product"] = json_product

    json_platform: None | str | Unset
    if isinstance(platform, Unset):
        json_platform = UNSET
    else:
        json_platform = platform
    params["platform"] = json_platform

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

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/analytics/roi/creatives",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreativesPublic | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = CreativesPublic.from_dict(response.json())

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
) -> Response[CreativesPublic | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    sort: ListRoiCreativesSort | Unset = ListRoiCreativesSort.ROI,
    order: ListRoiCreativesOrder | Unset = ListRoiCreativesOrder.DESC,
    template: None | str | Unset = UNSET,
    product: int | None | Unset = UNSET,
    platform: None | str | Unset = UNSET,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    revenue: ListRoiCreativesRevenue | Unset = ListRoiCreativesRevenue.ADS,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[CreativesPublic | ProblemDetails]:
    """List Roi Creatives

     Every video with linked ad results, one row per video (and currency): its poster and MP4, spend,
    revenue, ROAS, ROI and hook rate. These are the ROI report's per-group figures with one group per
    video; `roi` is empty when the product's cost is not in the catalog (`roi_missing` says why). Rows
    without the sorted figure come last. `facets` lists the templates, products and platforms to filter
    by. Computed as:

    - ROAS = revenue ÷ ad spend
    - ROI = profit ÷ (spend + production cost)
    - profit = revenue × gross margin − spend − production cost
    - production cost = AI generation cost + render cost of the video
    - gross margin = (price − cost) ÷ price, of the variant a sale names (an order's SKU), else of the
    product
    - hook rate = 3-s plays (Meta) or 2-s plays (TikTok) ÷ impressions

    Args:
        sort (ListRoiCreativesSort | Unset):  Default: ListRoiCreativesSort.ROI.
        order (ListRoiCreativesOrder | Unset):  Default: ListRoiCreativesOrder.DESC.
        template (None | str | Unset): Only this template's videos (its id).
        product (int | None | Unset): Only this product's videos (its id).
        platform (None | str | Unset): Only results on this platform (meta, tiktok…).
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        revenue (ListRoiCreativesRevenue | Unset):  Default: ListRoiCreativesRevenue.ADS.
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreativesPublic | ProblemDetails]
    """

    kwargs = _get_kwargs(
        sort=sort,
        order=order,
        template=template,
        product=product,
        platform=platform,
        since=since,
        until=until,
        revenue=revenue,
        currency=currency,
        rate=rate,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    sort: ListRoiCreativesSort | Unset = ListRoiCreativesSort.ROI,
    order: ListRoiCreativesOrder | Unset = ListRoiCreativesOrder.DESC,
    template: None | str | Unset = UNSET,
    product: int | None | Unset = UNSET,
    platform: None | str | Unset = UNSET,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    revenue: ListRoiCreativesRevenue | Unset = ListRoiCreativesRevenue.ADS,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> CreativesPublic | ProblemDetails | None:
    """List Roi Creatives

     Every video with linked ad results, one row per video (and currency): its poster and MP4, spend,
    revenue, ROAS, ROI and hook rate. These are the ROI report's per-group figures with one group per
    video; `roi` is empty when the product's cost is not in the catalog (`roi_missing` says why). Rows
    without the sorted figure come last. `facets` lists the templates, products and platforms to filter
    by. Computed as:

    - ROAS = revenue ÷ ad spend
    - ROI = profit ÷ (spend + production cost)
    - profit = revenue × gross margin − spend − production cost
    - production cost = AI generation cost + render cost of the video
    - gross margin = (price − cost) ÷ price, of the variant a sale names (an order's SKU), else of the
    product
    - hook rate = 3-s plays (Meta) or 2-s plays (TikTok) ÷ impressions

    Args:
        sort (ListRoiCreativesSort | Unset):  Default: ListRoiCreativesSort.ROI.
        order (ListRoiCreativesOrder | Unset):  Default: ListRoiCreativesOrder.DESC.
        template (None | str | Unset): Only this template's videos (its id).
        product (int | None | Unset): Only this product's videos (its id).
        platform (None | str | Unset): Only results on this platform (meta, tiktok…).
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        revenue (ListRoiCreativesRevenue | Unset):  Default: ListRoiCreativesRevenue.ADS.
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreativesPublic | ProblemDetails
    """

    return sync_detailed(
        client=client,
        sort=sort,
        order=order,
        template=template,
        product=product,
        platform=platform,
        since=since,
        until=until,
        revenue=revenue,
        currency=currency,
        rate=rate,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    sort: ListRoiCreativesSort | Unset = ListRoiCreativesSort.ROI,
    order: ListRoiCreativesOrder | Unset = ListRoiCreativesOrder.DESC,
    template: None | str | Unset = UNSET,
    product: int | None | Unset = UNSET,
    platform: None | str | Unset = UNSET,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    revenue: ListRoiCreativesRevenue | Unset = ListRoiCreativesRevenue.ADS,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[CreativesPublic | ProblemDetails]:
    """List Roi Creatives

     Every video with linked ad results, one row per video (and currency): its poster and MP4, spend,
    revenue, ROAS, ROI and hook rate. These are the ROI report's per-group figures with one group per
    video; `roi` is empty when the product's cost is not in the catalog (`roi_missing` says why). Rows
    without the sorted figure come last. `facets` lists the templates, products and platforms to filter
    by. Computed as:

    - ROAS = revenue ÷ ad spend
    - ROI = profit ÷ (spend + production cost)
    - profit = revenue × gross margin − spend − production cost
    - production cost = AI generation cost + render cost of the video
    - gross margin = (price − cost) ÷ price, of the variant a sale names (an order's SKU), else of the
    product
    - hook rate = 3-s plays (Meta) or 2-s plays (TikTok) ÷ impressions

    Args:
        sort (ListRoiCreativesSort | Unset):  Default: ListRoiCreativesSort.ROI.
        order (ListRoiCreativesOrder | Unset):  Default: ListRoiCreativesOrder.DESC.
        template (None | str | Unset): Only this template's videos (its id).
        product (int | None | Unset): Only this product's videos (its id).
        platform (None | str | Unset): Only results on this platform (meta, tiktok…).
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        revenue (ListRoiCreativesRevenue | Unset):  Default: ListRoiCreativesRevenue.ADS.
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreativesPublic | ProblemDetails]
    """

    kwargs = _get_kwargs(
        sort=sort,
        order=order,
        template=template,
        product=product,
        platform=platform,
        since=since,
        until=until,
        revenue=revenue,
        currency=currency,
        rate=rate,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    sort: ListRoiCreativesSort | Unset = ListRoiCreativesSort.ROI,
    order: ListRoiCreativesOrder | Unset = ListRoiCreativesOrder.DESC,
    template: None | str | Unset = UNSET,
    product: int | None | Unset = UNSET,
    platform: None | str | Unset = UNSET,
    since: datetime.date | None | Unset = UNSET,
    until: datetime.date | None | Unset = UNSET,
    revenue: ListRoiCreativesRevenue | Unset = ListRoiCreativesRevenue.ADS,
    currency: None | str | Unset = UNSET,
    rate: list[str] | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> CreativesPublic | ProblemDetails | None:
    """List Roi Creatives

     Every video with linked ad results, one row per video (and currency): its poster and MP4, spend,
    revenue, ROAS, ROI and hook rate. These are the ROI report's per-group figures with one group per
    video; `roi` is empty when the product's cost is not in the catalog (`roi_missing` says why). Rows
    without the sorted figure come last. `facets` lists the templates, products and platforms to filter
    by. Computed as:

    - ROAS = revenue ÷ ad spend
    - ROI = profit ÷ (spend + production cost)
    - profit = revenue × gross margin − spend − production cost
    - production cost = AI generation cost + render cost of the video
    - gross margin = (price − cost) ÷ price, of the variant a sale names (an order's SKU), else of the
    product
    - hook rate = 3-s plays (Meta) or 2-s plays (TikTok) ÷ impressions

    Args:
        sort (ListRoiCreativesSort | Unset):  Default: ListRoiCreativesSort.ROI.
        order (ListRoiCreativesOrder | Unset):  Default: ListRoiCreativesOrder.DESC.
        template (None | str | Unset): Only this template's videos (its id).
        product (int | None | Unset): Only this product's videos (its id).
        platform (None | str | Unset): Only results on this platform (meta, tiktok…).
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
        revenue (ListRoiCreativesRevenue | Unset):  Default: ListRoiCreativesRevenue.ADS.
        currency (None | str | Unset): Report currency.
        rate (list[str] | None | Unset): Exchange rate into `currency`, as CODE=RATE (e.g.
            EUR=1.08); repeatable.
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreativesPublic | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            sort=sort,
            order=order,
            template=template,
            product=product,
            platform=platform,
            since=since,
            until=until,
            revenue=revenue,
            currency=currency,
            rate=rate,
            limit=limit,
            offset=offset,
        )
    ).parsed
