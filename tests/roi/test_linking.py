"""Matching ad rows to videos by creative code."""

from __future__ import annotations

from studio.linking import CodeMatcher, codes_in, suggested_ad_name

CODES = {"K7M2Q9XA": 1, "P3RT8WZC": 2, "H4N6V2BD": 3}


def test_explicit_mapping_wins():
    m = CodeMatcher(CODES, {("meta", "120200"): 3})
    found = m.match("meta", "120200", "Dress K7M2Q9XA", None)
    assert (found.video_id, found.method) == (3, "ad_link")
    assert m.match("tiktok", "120200", "Dress K7M2Q9XA", None).video_id == 1


def test_code_in_ad_name_survives_copies_and_edits():
    m = CodeMatcher(CODES)
    for name in (
        "Linen dress | flash-sale | K7M2Q9XA",
        "Linen dress | flash-sale | K7M2Q9XA - Copy",
        "Copy of k7m2q9xa (2) - Copy - Copy",
        "dress_K7M2Q9XA_v2",
        "summer-sale-K7M2Q9XA-retarget",
        "dressK7M2Q9XAnew",  # glued to other words
    ):
        found = m.match("meta", "1", name, None)
        assert (found.video_id, found.method) == (1, "creative_code"), name


def test_utm_content_when_the_name_has_no_code():
    m = CodeMatcher(CODES)
    found = m.match("meta", "1", "Spring video", "P3RT8WZC")
    assert (found.video_id, found.method) == (2, "utm_content")
    assert m.match("meta", "1", "Spring", "utm=Spring H4N6V2BD - Copy").video_id == 3


def test_unmatched_and_ambiguous_rows_say_why():
    m = CodeMatcher(CODES)
    none = m.match("meta", "1", "Best ad ever", None)
    assert none.video_id is None and "no creative code" in none.note
    both = m.match("meta", "1", "K7M2Q9XA vs P3RT8WZC", None)
    assert both.video_id is None and "several creative codes" in both.note


def test_suggested_name_carries_the_code():
    name = suggested_ad_name("Linen dress", "flash-sale", "K7M2Q9XA")
    assert codes_in(name + " - Copy", CODES) == {"K7M2Q9XA"}
