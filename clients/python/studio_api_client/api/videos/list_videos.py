import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.videos_public import VideosPublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: None | str | Unset = UNSET,
    batch_id: int | None | Unset = UNSET,
    product_id: int | None | Unset = UNSET,
    template_id: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    creative_code: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    else:
        json_status = status
    params["status"] = json_status

    json_batch_id: int | None | Unset
    if isinstance(batch_id, Unset):
        json_batch_id = UNSET
    else:
        json_batch_id = batch_id
    params["batch_id"] = json_batch_id

    json_product_id: int | None | Unset
    if isinstance(product_id, Unset):
        json_product_id = UNSET
    else:
        json_product_id = product_id
    params["product_id"] = json_product_id

    json_template_id: None | str | Unset
    if isinstance(template_id, Unset):
        json_template_id = UNSET
    else:
        json_template_id = template_id
    params["template_id"] = json_template_id

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    else:
        json_format_ = format_
    params["format"] = json_format_

    json_creative_code: None | str | Unset
    if isinstance(creative_code, Unset):
        json_creative_code = UNSET
    else:
        json_creative_code = creative_code
    params["creative_code"] = json_creative_code

    json_created_after: None | str | Unset
    if isinstance(created_after, Unset):
        json_created_after = UNSET
    elif isinstance(created_after, datetime.datetime):
        json_created_after = created_after.isoformat()
    else:
        json_created_after = created_after
    params["created_after"] = json_created_after

    json_created_before: None | str | Unset
    if isinstance(created_before, Unset):
        json_created_before = UNSET
    elif isinstance(created_before, datetime.datetime):
        json_created_before = created_before.isoformat()
    else:
        json_created_before = created_before
    params["created_before"] = json_created_before

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/videos",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | VideosPublic | None:
    if response.status_code == 200:
        response_200 = VideosPublic.from_dict(response.json())

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
) -> Response[ProblemDetails | VideosPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: None | str | Unset = UNSET,
    batch_id: int | None | Unset = UNSET,
    product_id: int | None | Unset = UNSET,
    template_id: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    creative_code: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[ProblemDetails | VideosPublic]:
    """List Videos

     Newest first; archived (deleted) videos only when asked for with status=archived.

    Args:
        status (None | str | Unset):
        batch_id (int | None | Unset):
        product_id (int | None | Unset):
        template_id (None | str | Unset):
        format_ (None | str | Unset):
        creative_code (None | str | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | VideosPublic]
    """

    kwargs = _get_kwargs(
        status=status,
        batch_id=batch_id,
        product_id=product_id,
        template_id=template_id,
        format_=format_,
        creative_code=creative_code,
        created_after=created_after,
        created_before=created_before,
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
    status: None | str | Unset = UNSET,
    batch_id: int | None | Unset = UNSET,
    product_id: int | None | Unset = UNSET,
    template_id: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    creative_code: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> ProblemDetails | VideosPublic | None:
    """List Videos

     Newest first; archived (deleted) videos only when asked for with status=archived.

    Args:
        status (None | str | Unset):
        batch_id (int | None | Unset):
        product_id (int | None | Unset):
        template_id (None | str | Unset):
        format_ (None | str | Unset):
        creative_code (None | str | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | VideosPublic
    """

    return sync_detailed(
        client=client,
        status=status,
        batch_id=batch_id,
        product_id=product_id,
        template_id=template_id,
        format_=format_,
        creative_code=creative_code,
        created_after=created_after,
        created_before=created_before,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: None | str | Unset = UNSET,
    batch_id: int | None | Unset = UNSET,
    product_id: int | None | Unset = UNSET,
    template_id: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    creative_code: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[ProblemDetails | VideosPublic]:
    """List Videos

     Newest first; archived (deleted) videos only when asked for with status=archived.

    Args:
        status (None | str | Unset):
        batch_id (int | None | Unset):
        product_id (int | None | Unset):
        template_id (None | str | Unset):
        format_ (None | str | Unset):
        creative_code (None | str | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | VideosPublic]
    """

    kwargs = _get_kwargs(
        status=status,
        batch_id=batch_id,
        product_id=product_id,
        template_id=template_id,
        format_=format_,
        creative_code=creative_code,
        created_after=created_after,
        created_before=created_before,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: None | str | Unset = UNSET,
    batch_id: int | None | Unset = UNSET,
    product_id: int | None | Unset = UNSET,
    template_id: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    creative_code: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> ProblemDetails | VideosPublic | None:
    """List Videos

     Newest first; archived (deleted) videos only when asked for with status=archived.

    Args:
        status (None | str | Unset):
        batch_id (int | None | Unset):
        product_id (int | None | Unset):
        template_id (None | str | Unset):
        format_ (None | str | Unset):
        creative_code (None | str | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        limit (int | Unset): Rows per page. Default: 50.
        offset (int | Unset): Rows to skip. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | VideosPublic
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            batch_id=batch_id,
            product_id=product_id,
            template_id=template_id,
            format_=format_,
            creative_code=creative_code,
            created_after=created_after,
            created_before=created_before,
            limit=limit,
            offset=offset,
        )
    ).parsed
