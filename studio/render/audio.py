"""The soundtrack: music (looped, trimmed, faded), voice-over at its start time with the music
ducked under it, or silence. Always stereo 48 kHz and exactly as long as the video."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studio.render import ff
from studio.render.plan import AudioPlan

RATE = 48000
# ducking: the voice drives a compressor on the music (about -10 dB while someone speaks)
DUCK = {"threshold": 0.02, "ratio": 6, "attack": 15, "release": 350, "makeup": 1}


def normalized(stream: ff.Stream) -> ff.Stream:
    return stream.filter(
        "aformat", sample_fmts="fltp", sample_rates=RATE, channel_layouts="stereo"
    )


def exact(stream: ff.Stream, duration: float) -> ff.Stream:
    return stream.filter("atrim", duration=duration).filter("asetpts", "N/SR/TB")


def music_track(plan: AudioPlan, duration: float) -> ff.Stream:
    assert plan.music is not None
    music = exact(normalized(ff.audio(plan.music, loop=True)), duration)
    if plan.music_volume != 1.0:
        music = music.filter("volume", plan.music_volume)
    if plan.music_fade_in > 0:
        music = music.filter("afade", t="in", st=0, d=min(plan.music_fade_in, duration))
    if plan.music_fade_out > 0:
        fade = min(plan.music_fade_out, duration)
        music = music.filter("afade", t="out", st=duration - fade, d=fade)
    return music


def voice_track(plan: AudioPlan, duration: float) -> ff.Stream:
    assert plan.voiceover is not None
    voice = normalized(ff.audio(plan.voiceover, loop=False))
    delay_ms = max(0, round(plan.voiceover_start * 1000))
    if delay_ms:
        voice = voice.filter("adelay", delays=f"{delay_ms}", all=1)
    # padded with silence so the mix (and the ducking side chain) lasts the whole video
    return exact(voice.filter("apad"), duration)


@dataclass(frozen=True, slots=True)
class ClipSound:
    """A clip's own sound (``ClipLayer.keep_audio``), played while its scene is on screen."""

    video: Path
    loop: bool
    start: float
    duration: float


def clip_track(sound: ClipSound, duration: float) -> ff.Stream:
    audio = normalized(ff.clip(sound.video, loop=sound.loop)["a"])
    audio = audio.filter("atrim", duration=sound.duration).filter("asetpts", "N/SR/TB")
    delay_ms = max(0, round(sound.start * 1000))
    if delay_ms:
        audio = audio.filter("adelay", delays=f"{delay_ms}", all=1)
    return exact(audio.filter("apad"), duration)


def soundtrack(plan: AudioPlan, duration: float, clips: tuple[ClipSound, ...] = ()) -> ff.Stream:
    main = main_track(plan, duration)
    if not clips:
        return main
    tracks = [main, *(clip_track(sound, duration) for sound in clips)]
    mixed = ff.merge(tracks, "amix", inputs=len(tracks), duration="first", normalize=0)
    return exact(mixed, duration)


def main_track(plan: AudioPlan, duration: float) -> ff.Stream:
    if plan.music is None and plan.voiceover is None:
        return exact(ff.silence(RATE), duration)
    if plan.voiceover is None:
        return music_track(plan, duration)
    voice = voice_track(plan, duration)
    if plan.music is None:
        return voice
    music = music_track(plan, duration)
    if plan.duck_music_under_voice:
        voice, side_chain = ff.asplit(voice, 2)
        music = ff.merge([music, side_chain], "sidechaincompress", **DUCK)
    mixed = ff.merge([music, voice], "amix", inputs=2, duration="first", normalize=0)
    return exact(mixed, duration)
