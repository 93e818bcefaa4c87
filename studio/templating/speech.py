"""Voice-over: a replaceable text-to-speech hook (offline default espeak-ng) and captions.

The script goes to espeak-ng through a file (``-f``), never on the command line, so a
product text starting with ``-`` or holding quotes is spoken, not parsed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from studio.templating.fonts import is_cjk


class SpeechError(RuntimeError):
    pass


# synthesize(text, voice, words_per_minute, out_wav) -> out_wav
Synthesizer = Callable[[str, str, int, Path], Path]


def espeak_synthesize(text: str, voice: str, speed: int, out_wav: Path) -> Path:
    exe = shutil.which("espeak-ng") or shutil.which("espeak")
    if exe is None:
        raise SpeechError("espeak-ng is not installed: apt-get install espeak-ng, or turn the "
                          "template's voice-over off")
    script = out_wav.with_suffix(".txt")
    script.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [exe, "-v", voice, "-s", str(speed), "-w", str(out_wav), "-f", str(script)],
        capture_output=True, timeout=120, check=False,
    )
    if result.returncode != 0 or not out_wav.exists() or out_wav.stat().st_size < 100:
        raise SpeechError(f"espeak-ng failed: {result.stderr.decode(errors='replace')[:300]}")
    return out_wav


_synthesizer: Synthesizer = espeak_synthesize


def set_synthesizer(synthesizer: Synthesizer | None) -> None:
    """Swap the voice (a cloud TTS plugin, a test double); None restores espeak-ng."""
    global _synthesizer
    _synthesizer = synthesizer or espeak_synthesize


def synthesize(text: str, voice: str, speed: int, out_wav: Path) -> Path:
    return _synthesizer(text, voice, speed, out_wav)


def default_voice(text: str) -> str:
    if any(is_cjk(ch) for ch in text):
        if re.search(r"[\u3040-\u30ff]", text):
            return "ja"
        if re.search(r"[\uac00-\ud7af]", text):
            return "ko"
        return "cmn"
    return "en-us"


def wav_duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())


@dataclass(frozen=True)
class Caption:
    text: str
    start: float
    end: float


def split_phrases(script: str, max_words: int) -> list[str]:
    """Phrases at punctuation, at most ``max_words`` words (CJK: ~2 characters a 'word')."""
    phrases: list[str] = []
    # split after punctuation followed by a space (not inside "34.99"), or after CJK punctuation
    for chunk in re.split(r"(?<=[.!?,;:])\s+|(?<=[。！？，；：])|\n+", script):
        chunk = chunk.strip()
        if not chunk:
            continue
        if " " not in chunk and any(is_cjk(c) for c in chunk):
            step = max_words * 3
            phrases.extend(chunk[i : i + step] for i in range(0, len(chunk), step))
            continue
        words = chunk.split()
        phrases.extend(" ".join(words[i : i + max_words]) for i in range(0, len(words), max_words))
    return phrases


def time_captions(phrases: list[str], start: float, duration: float) -> list[Caption]:
    """Each phrase gets time in proportion to its length in the measured speech."""
    weights = [max(1, len(p.replace(" ", ""))) + 3 for p in phrases]  # +3: the pause after
    total = sum(weights)
    captions, t = [], start
    for phrase, weight in zip(phrases, weights, strict=True):
        length = duration * weight / total
        captions.append(Caption(phrase, round(t, 3), round(t + length, 3)))
        t += length
    return captions
