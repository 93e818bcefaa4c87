from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.events_public import EventsPublic
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    type_: list[str] | None | Unset = UNSET,
    subject_type: None | str | Unset = UNSET,
    subject_id: None | str | Unset = UNSET,
    after: int | Unset = 0,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_type_: list[str] | None | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, list):
        json_type_ = type_

    else:
        json_type_ = type_
    params["type"] = json_type_

    json_subject_type: None | str | Unset
    if isinstance(subject_type, Unset):
        json_subject_type = UNSET
    else:
        json_subject_type = subject_type
    params["subject_type"] = json_subject_type

    json_subject_id: None | str | Unset
    if isinstance(subject_id, Unset):
        json_subject_id = UNSET
    else:
        json_subject_id = subject_id
    params["subject_id"] = json_subject_id

    params["after"] = after

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EventsPublic | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = EventsPublic.from_dict(response.json())

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
) -> Response[EventsPublic | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    subject_type: None | str | Unset = UNSET,
    subject_id: None | str | Unset = UNSET,
    after: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[EventsPublic | ProblemDetails]:
    """List Events

     Events oldest first, after `after`; filter by type and subject (type + id together).

    Args:
        type_ (list[str] | None | Unset): Exact (`video.succeeded`) or prefix (`video.*`).
        subject_type (None | str | Unset):
        subject_id (None | str | Unset):
        after (int | Unset): Events after this seq. Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventsPublic | ProblemDetails]
    """

    kwargs = _get_kwargs(
        type_=type_,
        subject_type=subject_type,
        subject_id=subject_id,
        after=after,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    subject_type: None | str | Unset = UNSET,
    subject_id: None | str | Unset = UNSET,
    after: int | Unset = 0,
    limit: int | Unset = 100,
) -> EventsPublic | ProblemDetails | None:
    """List Events

     Events oldest first, after `after`; filter by type and subject (type + id together).

    Args:
        type_ (list[str] | None | Unset): Exact (`video.succeeded`) or prefix (`video.*`).
        subject_type (None | str | Unset):
        subject_id (None | str | Unset):
        after (int | Unset): Events after this seq. Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventsPublic | ProblemDetails
    """

    return sync_detailed(
        client=client,
        type_=type_,
        subject_type=subject_type,
        subject_id=subject_id,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    subject_type: None | str | Unset = UNSET,
    subject_id: None | str | Unset = UNSET,
    after: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[EventsPublic | ProblemDetails]:
    """List Events

     Events oldest first, after `after`; filter by type and subject (type + id together).

    Args:
        type_ (list[str] | None | Unset): Exact (`video.succeeded`) or prefix (`video.*`).
        subject_type (None | str | Unset):
        subject_id (None | str | Unset):
        after (int | Unset): Events after this seq. Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventsPublic | ProblemDetails]
    """

    kwargs = _get_kwargs(
        type_=type_,
        subject_type=subject_type,
        subject_id=subject_id,
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    subject_type: None | str | Unset = UNSET,
    subject_id: None | str | Unset = UNSET,
    after: int | Unset = 0,
    limit: int | Unset = 100,
) -> EventsPublic | ProblemDetails | None:
    """List Events

     Events oldest first, after `after`; filter by type and subject (type + id together).

    Args:
        type_ (list[str] | None | Unset): Exact (`video.succeeded`) or prefix (`video.*`).
        subject_type (None | str | Unset):
        subject_id (None | str | Unset):
        after (int | Unset): Events after this seq. Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventsPublic | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            type_=type_,
            subject_type=subject_type,
            subject_id=subject_id,
            after=after,
            limit=limit,
        )
    ).parsed
