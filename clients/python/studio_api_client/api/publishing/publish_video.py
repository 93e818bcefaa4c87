from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.publish_request import PublishRequest
from ...models.published_ad_public import PublishedAdPublic
from ...types import Response


def _get_kwargs(
    video_id: int,
    *,
    body: PublishRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/videos/{video_id}/publish".format(
            video_id=quote(str(video_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | PublishedAdPublic | None:
    if response.status_code == 202:
        response_202 = PublishedAdPublic.from_dict(response.json())

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
) -> Response[ProblemDetails | PublishedAdPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    video_id: int,
    *,
    client: AuthenticatedClient,
    body: PublishRequest,
) -> Response[ProblemDetails | PublishedAdPublic]:
    """Publish Video

     The video becomes an ad (a worker uploads it, waits for the platform's processing,
    adds the cover, the creative and the ad, paused). Asking again for the same ad set
    answers the same ad; a failed one is tried again. A video still rendering is published
    once it is made.

    Args:
        video_id (int): An id from the matching list.
        body (PublishRequest): Where and how: the ad set / ad group of a connected account; paused
            unless
            ``start_paused`` is false.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | PublishedAdPublic]
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    video_id: int,
    *,
    client: AuthenticatedClient,
    body: PublishRequest,
) -> ProblemDetails | PublishedAdPublic | None:
    """Publish Video

     The video becomes an ad (a worker uploads it, waits for the platform's processing,
    adds the cover, the creative and the ad, paused). Asking again for the same ad set
    answers the same ad; a failed one is tried again. A video still rendering is published
    once it is made.

    Args:
        video_id (int): An id from the matching list.
        body (PublishRequest): Where and how: the ad set / ad group of a connected account; paused
            unless
            ``start_paused`` is false.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | PublishedAdPublic
    """

    return sync_detailed(
        video_id=video_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    video_id: int,
    *,
    client: AuthenticatedClient,
    body: PublishRequest,
) -> Response[ProblemDetails | PublishedAdPublic]:
    """Publish Video

     The video becomes an ad (a worker uploads it, waits for the platform's processing,
    adds the cover, the creative and the ad, paused). Asking again for the same ad set
    answers the same ad; a failed one is tried again. A video still rendering is published
    once it is made.

    Args:
        video_id (int): An id from the matching list.
        body (PublishRequest): Where and how: the ad set / ad group of a connected account; paused
            unless
            ``start_paused`` is false.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | PublishedAdPublic]
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    video_id: int,
    *,
    client: AuthenticatedClient,
    body: PublishRequest,
) -> ProblemDetails | PublishedAdPublic | None:
    """Publish Video

     The video becomes an ad (a worker uploads it, waits for the platform's processing,
    adds the cover, the creative and the ad, paused). Asking again for the same ad set
    answers the same ad; a failed one is tried again. A video still rendering is published
    once it is made.

    Args:
        video_id (int): An id from the matching list.
        body (PublishRequest): Where and how: the ad set / ad group of a connected account; paused
            unless
            ``start_paused`` is false.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | PublishedAdPublic
    """

    return (
        await asyncio_detailed(
            video_id=video_id,
            client=client,
            body=body,
        )
    ).parsed
