"""Helpers for renderer tests: generated media, ffprobe, decoded frames and audio levels.

Frames are decoded by a separate ffmpeg command honouring the file's BT.709 tags, the way a
player would, so colour tests see what a viewer sees.
"""

from __future__ import annotations

import json
import re
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image


@dataclass(frozen=True)
class Probe:
    width: int
    height: int
    fps: float
    duration: float
    frames: int
    video_codec: str
    audio_codec: str | None
    pix_fmt: str
    tags: dict[str, str]


def probe(path: Path) -> Probe:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-show_streams", "-show_format",
         "-of", "json", str(path)],
        check=True, capture_output=True, text=True,
    ).stdout
    info = json.loads(out)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    audio = next((s for s in info["streams"] if s["codec_type"] == "audio"), None)
    num, den = (int(x) for x in video["r_frame_rate"].split("/"))
    return Probe(
        width=video["width"], height=video["height"], fps=num / den,
        duration=float(info["format"]["duration"]), frames=int(video["nb_read_frames"]),
        video_codec=video["codec_name"], audio_codec=audio["codec_name"] if audio else None,
        pix_fmt=video["pix_fmt"], tags=info["format"].get("tags", {}),
    )


def frames(path: Path, *, gray: bool = False) -> np.ndarray:
    """Every frame as uint8 (n, h, w, 3) RGB or (n, h, w) gray."""
    p = probe(path)
    pix = "gray" if gray else "rgb24"
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", pix, "-"],
        check=True, capture_output=True,
    ).stdout
    shape = (-1, p.height, p.width) if gray else (-1, p.height, p.width, 3)
    return np.frombuffer(raw, dtype=np.uint8).reshape(shape)


def frame_hashes(path: Path) -> list[str]:
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:v", "-f", "framemd5", "-"],
        check=True, capture_output=True, text=True,
    ).stdout
    return [line.rsplit(",", 1)[-1].strip() for line in out.splitlines()
            if line and not line.startswith("#")]


def mean_volume(path: Path, start: float, end: float, *, band: tuple[int, int] | None = None
                ) -> float:
    """Mean volume in dB of the output's audio between two times (optionally band-passed)."""
    chain = f"atrim={start}:{end}"
    if band:
        chain += f",highpass=f={band[0]},lowpass=f={band[1]}"
    err = subprocess.run(
        ["ffmpeg", "-v", "info", "-nostats", "-i", str(path), "-vn", "-af",
         chain + ",volumedetect", "-f", "null", "-"],
        check=True, capture_output=True, text=True,
    ).stderr
    match = re.search(r"mean_volume: (-?[\d.]+|-inf) dB", err)
    assert match, err
    return float(match.group(1)) if match.group(1) != "-inf" else -200.0


def solid(path: Path, size: tuple[int, int], color: tuple[int, ...], mode: str = "RGB") -> Path:
    Image.new(mode, size, color).save(path)
    return path


def tone(path: Path, seconds: float, freq: float, amplitude: float = 0.3,
         rate: int = 48000) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    wave_ = amplitude * np.sin(2 * np.pi * freq * t)
    pcm = (np.stack([wave_, wave_], axis=1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return path
