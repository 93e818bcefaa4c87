"""The English sentence of every error code, with its ``{params}``.

This table is the list of codes: the web studio has a translation of each (``ui/i18n``), and
a test fails when a code raised anywhere is missing here or in either language. A sentence
says what is wrong and what to do, in the words of the person who sees it — no server paths,
no command-line advice (the CLI adds its own hints), no internal names.
"""

from __future__ import annotations

import string
from typing import Any

MESSAGES: dict[str, str] = {
    # generic
    "not_found": "{name} {id} was not found in this workspace; check the id against the "
                 "list",
    "invalid_input": "{detail}",
    "validation": "{detail}",
    "conflict": "{detail}",
    "server_error": "the studio hit an unexpected error; retry later, and quote the request "
                    "id if it persists",
    "text.control_characters": "{what} contains a control character (such as a NUL byte) at "
                               "position {position}; remove it and send the text again",
    "time.needs_zone": "{name} needs a time zone, e.g. 2026-11-01T00:00:00Z",
    "range.swapped": "since ({since}) is after until ({until}); swap them",
    # sign-in, keys, limits
    "auth.missing_key": "the API key is missing, malformed or revoked; send "
                        "`Authorization: Bearer sk_…` with a key of this workspace",
    "auth.signed_out": "sign in, or send `Authorization: Bearer sk_…` with an API key",
    "auth.wrong_password": "email or password is wrong; check both (passwords are "
                           "case-sensitive)",
    "auth.not_a_user": "this caller is an API key, not a signed-in user",
    "auth.forbidden_origin": "a signed-in request from {origin} is not allowed; open the studio "
                             "from its own address, or call the API with an API key",
    "account.no_workspace_name": "the workspace name is empty; give the shop or team name",
    "account.bad_email": "{email!r} is not an email address",
    "account.email_taken": "a user with email {email} already exists; sign in instead",
    "account.weak_password": "the password needs at least {min} characters",
    "auth.reset_invalid": "this password-reset link is not valid or was already used; ask "
                          "for a new one",
    "auth.reset_expired": "this password-reset link has expired (links work {minutes} "
                          "minutes); ask for a new one",
    "team.owners_only": "only the workspace's owners can invite, change or remove "
                        "teammates; ask an owner",
    "team.owners_only_keys": "only the workspace's owners can see and manage API keys; ask "
                             "an owner",
    "team.bad_role": "role {role!r} does not exist; choose one of {allowed}",
    "team.last_owner": "a workspace needs an owner; make another teammate an owner first",
    "team.already_member": "{email} is already on this team",
    "team.email_has_account": "{email} already signs in to another workspace; invite "
                              "another address",
    "team.invite_invalid": "this invitation link is not valid or was already used; ask the "
                           "owner who invited you for a new one",
    "team.invite_expired": "this invitation link has expired (links work {days} days); ask "
                           "the owner who invited you for a new one",
    "rate_limited": "rate limit of {rate} requests/s (burst {burst}) exceeded; retry after "
                    "{retry_after} s",
    "too_large": "the request body is larger than the {limit}-byte limit for {what}; {hint}",
    "idempotency.bad_key": "Idempotency-Key must be 1 to 255 characters; a UUID is ideal",
    "idempotency.reused": "this Idempotency-Key was already used with a different request "
                          "body; use a new key for a new request",
    "idempotency.in_progress": "the first request with this Idempotency-Key is still being "
                               "processed; retry in a moment to get its response",
    # products and catalogs
    "product.required": "{name} cannot be emptied; send a value",
    "product.not_null": "{name} cannot be null; send {empty} to clear it",
    "product.image_reference": "image {value!r} must be an http(s) URL or a path inside the "
                               "media folder (e.g. 'uploads/shoe.jpg'); absolute paths and "
                               "'..' are not accepted",
    "product.image_missing": "image {index} of product {id} {why}",
    "product.image_unavailable": "photo {image} of {product} could not be read: {detail}",
    "import.empty_file": "the file {file} is empty; choose the export again",
    "import.no_rows": "the file {file} has a header but no rows; export it again with the "
                      "products or ads in it",
    "import.unreadable": "{file}: {detail}",
    "import.unclosed_quote": "{file}: row {row}: a quote (\") opens here and is never closed — "
                             "close it or remove it, then import again",
    "import.unknown_source": "no data source named {source!r} for {kind}; use one of "
                             "{available}",
    "import.wrong_kind": "data source {source!r} does not provide {kind}",
    "import.source_config": "{source}: {detail}",
    "import.not_found": "import {id} was not found in this workspace",
    # ad accounts, publishing, the autopilot (issue 19)
    "connection.unknown_platform": "there is no ad platform {platform!r}; connect one of "
                                   "{available}",
    "connection.refused": "{platform} refused the connection: {detail}",
    "connection.unreachable": "{platform} could not be reached just now ({detail}); try "
                              "again in a minute",
    "connection.needs_reconnecting": "the {platform} account {account} needs reconnecting: "
                                     "{reason}",
    "connection.missing_identity": "ads on {platform} are posted as {what}: give its id "
                                   "({name})",
    "publish.no_landing_url": "the ad needs a page to open: give the landing page, or set the "
                              "shop page on the {platform} connection",
    "publish.video_unusable": "video {id} is {status} and cannot be published; render it "
                              "again first",
    "publish.batch_empty": "batch {id} has no video made or being made to publish",
    "autopilot.unknown_template": "there is no template {template!r}; pick one from the "
                                  "templates list",
    # templates and previews
    "template.not_found": "{detail}",
    "template.input": "{detail}",
    "template.format": "{detail}",
    "render.failed": "the preview could not be rendered: {detail}",
    "preview.pending": "the preview is still rendering; follow {status_url}",
    "preview.failed": "the preview could not be made: {detail}",
    "template.gallery_missing": "this gallery preview of {template} is not made yet or shows "
                                "an older version of the template; open the gallery again",
    "batch.nothing_to_download": "batch {id} has no finished video yet; download it once "
                                 "at least one video is done",
    "batch.file_missing": "the file of video {video} is missing from storage, so the ZIP of "
                          "batch {id} was not made; render that video again, then download",
    # batches, videos, candidates
    "batch.empty": "a batch needs at least one video (a product × template × format)",
    "batch.no_products": "no product matches the catalog filter; widen it or import products",
    "batch.too_many_videos": "the filter asks for more than {max} videos; narrow it or raise "
                             "the maximum (up to 5000)",
    "batch.product_missing": "item {item} ({template}, {format}): product {product} not found "
                             "in this workspace",
    "batch.bad_format": "item {item} ({template}, {format}): format must be one of {allowed}",
    "batch.template_unknown": "item {item} ({template}, {format}): {detail}",
    "video.template_required": "item {item} ({format}): the template renderer needs a "
                               "template; name one, or choose a generator that needs none",
    "batch.bad_status": "status {status!r} does not exist; use one of {allowed}",
    "batch.creative_code": "could not allocate a unique creative code; try again",
    "generator.unknown": "no video generator named {names}; available: {available}",
    "video.busy": "video {id} is still {status}; wait or cancel it first",
    "video.archived": "video {id} is archived (deleted); it cannot be re-rendered",
    "video.not_ready": "video {id} is {status}; download it once it succeeded",
    "video.no_file": "there is no file for this video yet; wait until it succeeded",
    "video.file_missing": "the file of video {id} is missing from storage; render it again",
    "video.cannot_archive": "video {id} is {status}; cancel it first",
    "video.bad_status": "status {status!r} does not exist; use one of {allowed}",
    "candidates.not_member": "video {video_id} is not one of the candidates of {group}; pick "
                             "one of {choices}",
    "candidates.not_finished": "video {id} is {status}; select a finished candidate",
    "candidates.prompts_unavailable": "{name} could not write the candidates' prompts: "
                                      "{detail}. Try again, write your own prompts, or let "
                                      "the offline \"local\" service write them",
    "candidates.count": "ask for between 1 and {max} candidates",
    "candidates.no_ai_service": "no AI service named {name!r} writes the candidates' prompts",
    # ads, linking, ROI
    "ads.link_unknown": "{detail}",
    "ads.platform": "platform {platform!r} is not one of {allowed}",
    "analytics.bad_group": "cannot group by {by!r}; use one of {allowed}",
    "analytics.bad_rate": "rate {rate!r}: write CODE=RATE, e.g. EUR=1.08",
    "analytics.rate_needs_currency": "rates need the report currency: add currency=USD",
    "analytics.too_many_periods": "{detail}",
    "analytics.bad_revenue": "revenue must be 'ads' or 'orders', not {revenue!r}",
    "creatives.bad_sort": "cannot sort videos by {sort!r}; use one of {allowed}",
    "creatives.bad_order": "order must be 'desc' (best first) or 'asc', not {order!r}",
    "creatives.bad_page": "ask for 1 to {max} videos at a time, from an offset of 0 or more",
    # events and webhooks
    "events.bad_type": "each event type is 1-100 characters, e.g. video.succeeded",
    "events.subject_pair": "send subject_type and subject_id together (e.g. batch + 12)",
    "events.bad_resume": "Last-Event-ID must be the numeric id of the last event received",
    "webhook.bad_url": "{detail}",
    "webhook.inactive": "webhook {id} is inactive; make it active first",
    "webhook.unknown_types": "unknown event type(s) {unknown}; use {allowed}",
    "generator.failed_to_load": "{plugin} failed to load: {error}; the video generator "
                                "{name!r} is unavailable until the plugin is fixed and the "
                                "studio restarted",
    # the import box: a file's kind detected before it is imported; merging duplicates
    "import.not_a_table": "{file} is {what_name}, not a spreadsheet; choose the CSV, TSV or "
                          "Excel (.xlsx) export instead",
    "import.unknown_kind": "{file}: the studio cannot tell what this file is from its columns "
                           "({columns}); choose a Shopify product export, a catalog with a "
                           "title and a price column, a Meta or TikTok ad export, or a shop "
                           "order export",
    "import.wrong_page": "{file} is {kind_name}; import it on the {page_name} page",
    "import.mapped_column_missing": "{file} has no column {column!r} (chosen for the "
                                    "{needed}); its columns are: {columns}",
    "import.needs_column": "{file}: no column holds the {needed}; choose the column that does "
                           "(columns: {columns})",
    "import.currency_needed": "{file} does not say which currency its amounts are in; choose "
                              "the currency (for a Shopify export: the store's currency)",
    "import.bad_currency": "{currency!r} is not a currency code; choose one such as USD, EUR "
                           "or CNY",
    "import.bad_kind": "{kind!r} is not a kind of file the studio imports; use one of "
                       "{allowed}",
    "import.bad_page": "page {page!r} is not one of {allowed}",
    "import.bad_mapping": "the column choice must be JSON naming a column per field, such as "
                          "{{\"title\": \"Product name\"}}: {detail}",
    "product.merge_none": "choose at least one duplicate to merge into {title!r}",
    "product.merge_self": "{title!r} cannot be merged into itself; choose another product as "
                          "its duplicate",
    # brand kit and saved templates
    "brand.logo_too_large": "the logo is larger than {limit} bytes; upload a PNG or JPEG under "
                            "5 MB",
    "brand.logo_unreadable": "{file} is not a picture the studio can read; upload the logo as "
                             "PNG, JPEG or WebP",
    "brand.no_logo": "this workspace has no logo yet; upload one in the brand kit",
    "my_template.not_found": "there is no saved template {id} in this workspace; pick one "
                             "from the list",
    "my_template.base_unknown": "there is no template {base} to save from; pick one of the "
                                "templates",
    "my_template.base_gone": "{name} was made from the template {base}, which is not "
                             "installed any more; save it again from another template",
    "my_template.no_name": "give the template a name of your own",
    "my_template.name_taken": "you already have a template named {name}; choose another name "
                              "or change that one",
    "my_template.unknown_field": "{template} has no field {name}; it has {known}",
    "my_template.field_not_saved": "{name} comes from each product (its price, photos or "
                                   "clip), so a template cannot keep it; leave it empty",
    "my_template.bad_color": "{name}: {value!r} is not a colour; pick one or write #RRGGBB",
    "my_template.bad_choice": "{name} must be one of {options}",
    "my_template.too_long": "{name} is at most {max} characters; shorten it",
    "my_template.bad_music": "there is no music {music!r}; choose the template's own, none, "
                             "or another template's",
    "my_template.too_many": "a workspace keeps at most {max} saved templates; delete some "
                            "first",
}


class _Keep(dict[str, Any]):
    """Missing params stay visible as ``{name}`` instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def message_for(code: str, params: dict[str, Any]) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return str(params.get("detail") or code)
    try:
        return string.Formatter().vformat(template, (), _Keep(params))
    except (ValueError, IndexError, AttributeError):
        return template


def codes() -> list[str]:
    return sorted(MESSAGES)
