from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.publish_request import PublishRequest
from ...models.published_ads_public import PublishedAdsPublic
from ...types import Response


def _get_kwargs(
    batch_id: int,
    *,
    body: PublishRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/batches/{batch_id}/publish".format(
            batch_id=quote(str(batch_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | PublishedAdsPublic | None:
    if response.status_code == 202:
        response_202 = PublishedAdsPublic.from_dict(response.json())

        return response_202

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
) -> Response[ProblemDetails | PublishedAdsPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    batch_id: int,
    *,
    client: AuthenticatedClient,
    body: PublishRequest,
) -> Response[ProblemDetails | PublishedAdsPublic]:
    """Publish Batch

     Every video of the batch made or being made, one ad each, into the same ad set.

    Args:
        batch_id (int): An id from the matching list.
        body (PublishRequest): Where and how: the ad set / ad group of a connected account; paused
            unless
            ``start_paused`` is false.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | PublishedAdsPublic]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    batch_id: int,
    *,
    client: AuthenticatedClient,
    body: PublishRequest,
) -> ProblemDetails | PublishedAdsPublic | None:
    """Publish Batch

     Every video of the batch made or being made, one ad each, into the same ad set.

    Args:
        batch_id (int): An id from the matching list.
        body (PublishRequest): Where and how: the ad set / ad group of a connected account; paused
            unless
            ``start_paused`` is false.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | PublishedAdsPublic
    """

    return sync_detailed(
        batch_id=batch_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    batch_id: int,
    *,
    client: AuthenticatedClient,
    body: PublishRequest,
) -> Response[ProblemDetails | PublishedAdsPublic]:
    """Publish Batch

     Every video of the batch made or being made, one ad each, into the same ad set.

    Args:
        batch_id (int): An id from the matching list.
        body (PublishRequest): Where and how: the ad set / ad group of a connected account; paused
            unless
            ``start_paused`` is false.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | PublishedAdsPublic]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    batch_id: int,
    *,
    client: AuthenticatedClient,
    body: PublishRequest,
) -> ProblemDetails | PublishedAdsPublic | None:
    """Publish Batch

     Every video of the batch made or being made, one ad each, into the same ad set.

    Args:
        batch_id (int): An id from the matching list.
        body (PublishRequest): Where and how: the ad set / ad group of a connected account; paused
            unless
            ``start_paused`` is false.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | PublishedAdsPublic
    """

    return (
        await asyncio_detailed(
            batch_id=batch_id,
            client=client,
            body=body,
        )
    ).parsed
