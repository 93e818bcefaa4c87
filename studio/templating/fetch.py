"""Photos given as http(s) URLs: the ingestion work's safe fetcher, adapted.

``studio.ingest.images.fetch_image`` checks scheme, public address (unless
``settings.allow_private_urls``), every redirect hop, content type, a byte limit, a pixel
limit and timeouts, and caches each URL once. Here its refusal becomes an ImageProblem so the
seller sees it like any other bad photo. ``images.set_fetcher`` swaps the fetcher (tests).
"""

from __future__ import annotations

from studio.templating.images import ImageProblem


def fetch_image(url: str) -> bytes:
    from studio.ingest.images import ImageFetchError
    from studio.ingest.images import fetch_image as safe_fetch

    try:
        return safe_fetch(url).read_bytes()
    except ImageFetchError as exc:
        raise ImageProblem(str(exc)) from None
    except OSError as exc:  # httpx transport errors are OSError subclasses or HTTPError
        raise ImageProblem(f"{url}: could not download ({type(exc).__name__})") from None
    except Exception as exc:  # httpx.HTTPError and friends: the seller needs a message
        raise ImageProblem(f"{url}: could not download ({type(exc).__name__}: {exc})") from None
