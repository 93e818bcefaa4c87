"""The soundtrack: music faded in and out, the music ducked while the voice speaks, silence
when there is nothing to play — always exactly as long as the video."""

from __future__ import annotations

import subprocess
from pathlib import Path

from studio.render import render_video
from studio.render.plan import AudioPlan, Box, ClipLayer, OutputSpec, RenderPlan, Scene

from .helpers import mean_volume, probe, tone

MUSIC_BAND = (300, 600)  # the music is a 440 Hz tone
VOICE_BAND = (1500, 3000)  # the "voice" a 2 kHz tone


def plan_with(audio: AudioPlan, seconds: float = 4.0) -> RenderPlan:
    return RenderPlan(OutputSpec(160, 160), (Scene(seconds, background_color="#202020"),),
                      audio=audio)


def test_music_fades_in_and_out_and_is_trimmed(media: Path, tmp_path: Path) -> None:
    music = tone(media / "music.wav", 10.0, 440)
    out = render_video(plan_with(AudioPlan(music=music, music_fade_in=1.0, music_fade_out=1.0)),
                       tmp_path / "o.mp4").path
    assert abs(probe(out).duration - 4.0) <= 0.1
    start = mean_volume(out, 0.0, 0.2)
    full = mean_volume(out, 1.5, 2.5)
    end = mean_volume(out, 3.8, 4.0)
    assert full > -20
    assert start < full - 10 and end < full - 10


def test_short_music_loops_to_the_end(media: Path, tmp_path: Path) -> None:
    music = tone(media / "short.wav", 1.5, 440)
    out = render_video(plan_with(AudioPlan(music=music, music_fade_in=0, music_fade_out=0)),
                       tmp_path / "o.mp4").path
    assert mean_volume(out, 3.0, 3.9) > -20


def test_music_is_ducked_under_the_voice_over(media: Path, tmp_path: Path) -> None:
    music = tone(media / "music.wav", 10.0, 440, amplitude=0.3)
    voice = tone(media / "voice.wav", 1.5, 2000, amplitude=0.5)
    audio = AudioPlan(music=music, music_fade_in=0, music_fade_out=0, voiceover=voice,
                      voiceover_start=1.5)
    out = render_video(plan_with(audio, 5.0), tmp_path / "ducked.mp4").path
    before = mean_volume(out, 0.3, 1.4, band=MUSIC_BAND)
    under_voice = mean_volume(out, 2.0, 2.9, band=MUSIC_BAND)
    after = mean_volume(out, 4.2, 4.9, band=MUSIC_BAND)
    assert under_voice < before - 6, (before, under_voice)
    assert after > before - 3  # the music comes back
    assert mean_volume(out, 2.0, 2.9, band=VOICE_BAND) > mean_volume(
        out, 0.3, 1.4, band=VOICE_BAND) + 20  # the voice starts at its time

    plain = AudioPlan(music=music, music_fade_in=0, music_fade_out=0, voiceover=voice,
                      voiceover_start=1.5, duck_music_under_voice=False)
    undimmed = render_video(plan_with(plain, 5.0), tmp_path / "plain.mp4").path
    assert abs(mean_volume(undimmed, 2.0, 2.9, band=MUSIC_BAND) - before) < 2


def test_no_audio_means_a_silent_track_of_full_length(tmp_path: Path) -> None:
    out = render_video(plan_with(AudioPlan()), tmp_path / "o.mp4").path
    info = probe(out)
    assert info.audio_codec == "aac"
    assert abs(info.duration - 4.0) <= 0.1
    assert mean_volume(out, 0.0, 4.0) < -80


def test_a_clip_keeps_its_sound_only_while_on_screen(media: Path, tmp_path: Path) -> None:
    clip = media / "clip.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=160x160:rate=30:d=1",
         "-f", "lavfi", "-i", "sine=frequency=2000:duration=1", "-pix_fmt", "yuv420p",
         "-c:a", "aac", str(clip)], check=True,
    )
    plan = RenderPlan(OutputSpec(160, 160), (
        Scene(1.0, background_color="#000000"),
        Scene(2.0, main=ClipLayer(clip, Box(0, 0, 160, 160), "cover", keep_audio=True)),
    ))
    out = render_video(plan, tmp_path / "o.mp4").path
    assert abs(probe(out).duration - 3.0) <= 0.1
    assert mean_volume(out, 0.1, 0.9, band=VOICE_BAND) < -60  # first scene: silence
    assert mean_volume(out, 1.2, 2.8, band=VOICE_BAND) > -35  # the clip's tone, looped
