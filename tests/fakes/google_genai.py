"""A local fake of the Gemini Developer API (google-genai SDK, ``api_version="v1beta"``).

Point the SDK at it with ``genai.Client(api_key=FakeGoogle.API_KEY,
http_options=types.HttpOptions(base_url=fake.url, api_version="v1beta"))``. Speaks:
- Veo: ``POST /v1beta/models/{model}:predictLongRunning`` → operation; ``GET /v1beta/{operation}``
  walks ``video_states`` (False = not done, True = done); the result names the clip by an
  ``https://generativelanguage.googleapis.com/v1beta/files/ID:download?alt=media`` URI (the SDK
  only extracts a file id from an https URI) and ``GET /v1beta/files/ID:download`` serves a
  real MP4.
- Files: resumable upload ``POST /upload/v1beta/files`` (start → ``x-goog-upload-url``; then
  ``upload, finalize`` → ``x-goog-upload-status: final`` + ``{"file": …}``); ``GET
  /v1beta/files/ID`` walks PROCESSING → ACTIVE over ``file_polls_until_active`` looks.
- ``POST /v1beta/models/{model}:generateContent`` → ``answers`` in order, else a valid canned
  answer for the schema asked (matched by its property names); ``usageMetadata`` reports
  thinking tokens (``thoughtsTokenCount``) beside the answer's, as Gemini 2.5 does.
- Rate limits as Google sends them (:meth:`FakeGoogle.rate_limit_next`): HTTP 429
  ``RESOURCE_EXHAUSTED`` with ``google.rpc.QuotaFailure`` and ``google.rpc.RetryInfo`` in the
  body and no ``Retry-After`` header.
"""

from __future__ import annotations

import itertools
import json
from collections import deque
from typing import Any

from studio.testing import FakeHTTPServer, Reply, Seen, sample_video
from tests.fakes.openai_videos import CANNED

PUBLIC_FILES = "https://generativelanguage.googleapis.com/v1beta/files/"
PER_MINUTE = "GenerateRequestsPerMinutePerProjectPerModel"
PER_DAY = "GenerateRequestsPerDayPerProjectPerModel-FreeTier"


def canned_for_schema(schema: dict[str, Any] | None) -> dict[str, Any]:
    """The canned answer whose fields are exactly the schema's properties."""
    props = set((schema or {}).get("properties", {}))
    return next((answer for answer in CANNED.values() if set(answer) == props), {})


class FakeGoogle(FakeHTTPServer):
    API_KEY = "AIza-fake-key"

    def __init__(self, *, video_states: list[bool] | None = None,
                 file_polls_until_active: int = 2, latency: float = 0.0) -> None:
        super().__init__(latency=latency)
        self.video_states = video_states if video_states is not None else [False, False, True]
        self.file_polls_until_active = file_polls_until_active
        self.operations: dict[str, dict[str, Any]] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.uploads: dict[str, dict[str, Any]] = {}
        self.answers: deque[str] = deque()
        self.fail_operation: dict[str, Any] | None = None  # e.g. {"code": 3, "message": …}
        self.corrupt_content = False
        self.thoughts_tokens = 1200  # Gemini 2.5 thinks before it answers, billed as output
        self._ids = itertools.count(1)

    def rate_limit_next(self, *, retry_delay: str = "45.8s", quota_id: str = PER_MINUTE,
                        times: int = 1, path_contains: str | None = None) -> None:
        """Answer the next matching request(s) with Google's real 429: the wait and the quota
        are in the body (RetryInfo, QuotaFailure); there is no Retry-After header."""
        self.fail_next(429, {"error": {
            "code": 429, "status": "RESOURCE_EXHAUSTED",
            "message": "You exceeded your current quota, please check your plan and billing "
                       "details.",
            "details": [
                {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{
                    "quotaMetric": "generativelanguage.googleapis.com/generate_requests",
                    "quotaId": quota_id,
                    "quotaDimensions": {"location": "global", "model": "veo-3.1"},
                    "quotaValue": "10"}]},
                {"@type": "type.googleapis.com/google.rpc.Help", "links": [{
                    "description": "Learn more about Gemini API quotas",
                    "url": "https://ai.google.dev/gemini-api/docs/rate-limits"}]},
                {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": retry_delay},
            ]}}, headers={}, times=times, method="POST" if path_contains is None else None,
            path_contains=path_contains)

    def handle(self, request: Seen) -> Reply:
        # an upload URL carries its own upload_id token, as Google's do: no key on chunks
        chunk = request.path.startswith("/upload/") and request.query.startswith("upload_id=")
        if not chunk and request.headers.get("x-goog-api-key") != self.API_KEY:
            return Reply(400, {"error": {"code": 400, "status": "INVALID_ARGUMENT",
                                         "message": "API key not valid."}})
        path = request.path
        if path.startswith("/upload/v1beta/files"):
            return self._upload(request)
        if not path.startswith("/v1beta/"):
            return super().handle(request)
        rest = path.removeprefix("/v1beta/")
        if request.method == "POST" and rest.endswith(":predictLongRunning"):
            return self._start_video(rest.removesuffix(":predictLongRunning"), request)
        if request.method == "POST" and rest.endswith(":generateContent"):
            return self._generate(request)
        if request.method == "GET" and "/operations/" in rest:
            return self._operation(rest)
        if request.method == "GET" and rest.startswith("files/") and rest.endswith(":download"):
            if self.corrupt_content:
                return Reply(200, b"garbage, not an mp4")
            return Reply(200, sample_video(size=(720, 1280)).read_bytes(),
                         {"content-type": "video/mp4"})
        if request.method == "GET" and rest.startswith("files/"):
            return self._file(rest.removeprefix("files/"))
        return super().handle(request)

    # --- Veo --------------------------------------------------------------------------------

    def _start_video(self, model_path: str, request: Seen) -> Reply:
        body = request.json()
        instance = (body.get("instances") or [{}])[0]
        if not instance.get("prompt") and not instance.get("image"):
            return Reply(400, {"error": {"code": 400, "status": "INVALID_ARGUMENT",
                                         "message": "prompt or image is required"}})
        name = f"{model_path}/operations/op{next(self._ids):04d}"
        self.operations[name] = {"looks": 0, "request": body}
        return Reply(200, {"name": name})

    def _operation(self, name: str) -> Reply:
        operation = self.operations.get(name)
        if operation is None:
            return Reply(404, {"error": {"code": 404, "status": "NOT_FOUND",
                                         "message": f"operation {name} not found"}})
        states = self.video_states or [True]
        done = states[min(operation["looks"], len(states) - 1)]
        operation["looks"] += 1
        if not done:
            return Reply(200, {"name": name, "done": False})
        if self.fail_operation is not None:
            return Reply(200, {"name": name, "done": True, "error": self.fail_operation})
        file_id = f"vid{next(self._ids):04d}"
        uri = f"{PUBLIC_FILES}{file_id}:download?alt=media"
        return Reply(200, {"name": name, "done": True, "response": {
            "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta."
                     "PredictLongRunningResponse",
            "generateVideoResponse": {"generatedSamples": [{"video": {"uri": uri}}]},
        }})

    # --- files ------------------------------------------------------------------------------

    def _upload(self, request: Seen) -> Reply:
        command = request.headers.get("x-goog-upload-command", "")
        if command == "start":
            upload_id = f"up{next(self._ids):04d}"
            meta = request.json() or {}
            self.uploads[upload_id] = {
                "meta": meta.get("file", {}), "data": b"",
                "size": int(request.headers.get("x-goog-upload-header-content-length") or 0),
                "mime": request.headers.get("x-goog-upload-header-content-type", ""),
            }
            return Reply(200, {}, {"x-goog-upload-url":
                                   f"{self.url}/upload/v1beta/files?upload_id={upload_id}",
                                   "x-goog-upload-status": "active"})
        upload_id = request.query.removeprefix("upload_id=")
        upload = self.uploads.get(upload_id)
        if upload is None:
            return Reply(404, {"error": {"code": 404, "message": "unknown upload"}})
        offset = int(request.headers.get("x-goog-upload-offset", "0"))
        if offset != len(upload["data"]):
            return Reply(400, {"error": {"code": 400, "message": "offset mismatch"}})
        upload["data"] += request.body
        if "finalize" not in command:
            return Reply(200, b"", {"x-goog-upload-status": "active"})
        file_id = f"file{next(self._ids):04d}"
        record = {
            "name": f"files/{file_id}", "mimeType": upload["mime"] or "video/mp4",
            "sizeBytes": str(len(upload["data"])), "state": "PROCESSING",
            "uri": f"{PUBLIC_FILES}{file_id}", "looks": 0,
        }
        self.files[file_id] = record
        return Reply(200, {"file": self._public(record)}, {"x-goog-upload-status": "final"})

    def _file(self, file_id: str) -> Reply:
        record = self.files.get(file_id)
        if record is None:
            return Reply(404, {"error": {"code": 404, "message": f"files/{file_id} not found"}})
        record["looks"] += 1
        if record["looks"] >= self.file_polls_until_active:
            record["state"] = "ACTIVE"
        return Reply(200, self._public(record))

    @staticmethod
    def _public(record: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in record.items() if k != "looks"}

    # --- generateContent -------------------------------------------------------------------

    def _generate(self, request: Seen) -> Reply:
        body = request.json()
        config = body.get("generationConfig") or {}
        schema = config.get("responseJsonSchema") or config.get("responseSchema")
        text = self.answers.popleft() if self.answers else json.dumps(canned_for_schema(schema))
        return Reply(200, {
            "candidates": [{"content": {"role": "model", "parts": [{"text": text}]},
                            "finishReason": "STOP", "index": 0}],
            "usageMetadata": {"promptTokenCount": 2400, "candidatesTokenCount": 180,
                              "thoughtsTokenCount": self.thoughts_tokens,
                              "totalTokenCount": 2580 + self.thoughts_tokens},
            "modelVersion": "gemini-2.5-flash",
        })
