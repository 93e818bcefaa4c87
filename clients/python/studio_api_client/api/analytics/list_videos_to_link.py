from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.creative_videos_public import CreativeVideosPublic
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    template: None | str | Unset = UNSET,
    product: int | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/analytics/roi/creatives/choices",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreativeVideosPublic | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = CreativeVideosPublic.from_dict(response.json())

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
) -> Response[CreativeVideosPublic | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    template: None | str | Unset = UNSET,
    product: int | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[CreativeVideosPublic | ProblemDetails]:
    """List Videos To Link

     Finished videos with their posters, newest first, to pick the one an unlinked ad
    shows; `q` matches the product's title or the creative code. Link with
    `POST /ad-imports/links` (`video` = the chosen `creative_code`).

    Args:
        template (None | str | Unset): Only this template's videos (its id).
        product (int | None | Unset): Only this product's videos (its id).
        q (None | str | Unset): Words of the product's title, or a creative code.
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreativeVideosPublic | ProblemDetails]
    """

    kwargs = _get_kwargs(
        template=template,
        product=product,
        q=q,
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
    template: None | str | Unset = UNSET,
    product: int | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> CreativeVideosPublic | ProblemDetails | None:
    """List Videos To Link

     Finished videos with their posters, newest first, to pick the one an unlinked ad
    shows; `q` matches the product's title or the creative code. Link with
    `POST /ad-imports/links` (`video` = the chosen `creative_code`).

    Args:
        template (None | str | Unset): Only this template's videos (its id).
        product (int | None | Unset): Only this product's videos (its id).
        q (None | str | Unset): Words of the product's title, or a creative code.
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreativeVideosPublic | ProblemDetails
    """

    return sync_detailed(
        client=client,
        template=template,
        product=product,
        q=q,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    template: None | str | Unset = UNSET,
    product: int | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[CreativeVideosPublic | ProblemDetails]:
    """List Videos To Link

     Finished videos with their posters, newest first, to pick the one an unlinked ad
    shows; `q` matches the product's title or the creative code. Link with
    `POST /ad-imports/links` (`video` = the chosen `creative_code`).

    Args:
        template (None | str | Unset): Only this template's videos (its id).
        product (int | None | Unset): Only this product's videos (its id).
        q (None | str | Unset): Words of the product's title, or a creative code.
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreativeVideosPublic | ProblemDetails]
    """

    kwargs = _get_kwargs(
        template=template,
        product=product,
        q=q,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    template: None | str | Unset = UNSET,
    product: int | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> CreativeVideosPublic | ProblemDetails | None:
    """List Videos To Link

     Finished videos with their posters, newest first, to pick the one an unlinked ad
    shows; `q` matches the product's title or the creative code. Link with
    `POST /ad-imports/links` (`video` = the chosen `creative_code`).

    Args:
        template (None | str | Unset): Only this template's videos (its id).
        product (int | None | Unset): Only this product's videos (its id).
        q (None | str | Unset): Words of the product's title, or a creative code.
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreativeVideosPublic | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            template=template,
            product=product,
            q=q,
            limit=limit,
            offset=offset,
        )
    ).parsed
