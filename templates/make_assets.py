"""Make the built-in templates' assets: synthesized music and preview thumbnails.

    python templates/make_assets.py music        # templates/<id>/music.m4a (numpy + ffmpeg)
    python templates/make_assets.py thumbnails   # templates/<id>/thumbnail.jpg

The music is generated here from sine/noise voices (no samples, no third-party recordings), so
it is CC0. Thumbnails are the template rendered on a sample product: a frame from the real
renderer when studio.render is installed, otherwise the same plan composed by Pillow.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
RATE = 44100
NOTE = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}

# id -> (tempo bpm, key root MIDI, progression in scale degrees, voice, seconds)
SONGS = {
    "showcase": (96, 57, [0, 5, 3, 4], "pad_pluck", 24),
    "price-drop": (128, 60, [0, 4, 5, 3], "pluck_beat", 24),
    "feature-list": (110, 62, [0, 3, 4, 4], "bell", 24),
    "comparison": (100, 55, [5, 3, 0, 4], "pad_pluck", 24),
    "clip-hero": (118, 53, [0, 0, 3, 4], "pluck_beat", 24),
    "ugc-captions": (90, 64, [0, 5, 3, 4], "soft", 24),
}
MAJOR = [0, 2, 4, 5, 7, 9, 11]


def _freq(midi: float) -> float:
    return 440.0 * 2 ** ((midi - 69) / 12)


def _chord(root: int, degree: int) -> list[int]:
    return [root + MAJOR[(degree + k) % 7] + 12 * ((degree + k) // 7) for k in (0, 2, 4)]


def _env(n: int, attack: float, decay: float) -> np.ndarray:
    t = np.arange(n) / RATE
    return np.minimum(1.0, t / max(attack, 1e-3)) * np.exp(-t / decay)


def song(tempo: int, root: int, progression: list[int], voice: str, seconds: int) -> np.ndarray:
    rng = np.random.default_rng(7)  # fixed seed: the same song every time
    total = int(seconds * RATE)
    out = np.zeros((total, 2))
    beat = 60.0 / tempo
    bar = 4 * beat
    t_all = np.arange(total) / RATE
    bars = int(seconds / bar) + 1
    for b in range(bars):
        start = int(b * bar * RATE)
        if start >= total:
            break
        notes = _chord(root, progression[b % len(progression)])
        n = min(int(bar * RATE), total - start)
        t = t_all[:n]
        if voice in ("pad_pluck", "soft", "bell"):  # sustained pad, slightly detuned
            pad = sum(
                np.sin(2 * np.pi * _freq(m) * t) + 0.5 * np.sin(2 * np.pi * _freq(m) * 1.003 * t)
                for m in notes
            )
            env = np.minimum(1, t / 0.3) * np.minimum(1, (bar - t) / 0.3)
            level = 0.05 if voice != "soft" else 0.07
            out[start:start + n, 0] += level * pad * env
            out[start:start + n, 1] += level * pad * env * 0.9
        steps = 8 if voice != "soft" else 4
        for s in range(steps):  # arpeggio
            pos = start + int(s * bar / steps * RATE)
            m = notes[s % 3] + 12 * (s // 3 % 2)
            length = min(int(beat * RATE), total - pos)
            if length <= 0:
                continue
            tt = t_all[:length]
            if voice == "bell":
                tone = np.sin(2 * np.pi * _freq(m + 12) * tt)
                tone += 0.3 * np.sin(2 * np.pi * _freq(m + 31) * tt)
                env = _env(length, 0.002, 0.35)
            else:
                sine = np.sin(2 * np.pi * _freq(m) * tt)
                tone = np.sign(sine) * 0.3 + sine
                env = _env(length, 0.003, 0.18)
            pan = 0.5 + 0.3 * np.sin(s)
            out[pos:pos + length, 0] += 0.08 * tone * env * (1 - pan)
            out[pos:pos + length, 1] += 0.08 * tone * env * pan
        bass_len = min(int(bar * RATE), total - start)
        tb = t_all[:bass_len]
        bass = np.sin(2 * np.pi * _freq(notes[0] - 24) * tb) * np.minimum(1, (bar - tb) / 0.2)
        out[start:start + bass_len] += 0.12 * bass[:, None]
        if voice == "pluck_beat":
            for k in range(4):  # kick on every beat, hat on the off-beat
                pos = start + int(k * beat * RATE)
                length = min(int(0.25 * RATE), total - pos)
                if length <= 0:
                    continue
                tk = t_all[:length]
                kick = np.sin(2 * np.pi * (50 + 80 * np.exp(-tk * 30)) * tk) * np.exp(-tk * 12)
                out[pos:pos + length] += 0.35 * kick[:, None]
                hpos = pos + int(beat / 2 * RATE)
                hlen = min(int(0.05 * RATE), total - hpos)
                if hlen > 0:
                    hat = rng.standard_normal(hlen) * np.exp(-t_all[:hlen] * 80)
                    out[hpos:hpos + hlen] += 0.05 * hat[:, None]
    peak = np.max(np.abs(out)) or 1.0
    return out / peak * 0.8


def write_music(template_id: str) -> Path:
    tempo, root, progression, voice, seconds = SONGS[template_id]
    samples = song(tempo, root, progression, voice, seconds)
    target = HERE / template_id / "music.m4a"
    with tempfile.TemporaryDirectory() as tmp:
        wav_path = Path(tmp) / "music.wav"
        with wave.open(str(wav_path), "wb") as wav:
            wav.setnchannels(2)
            wav.setsampwidth(2)
            wav.setframerate(RATE)
            wav.writeframes((samples * 32767).astype("<i2").tobytes())
        subprocess.run(
            ["ffmpeg", "-y", "-loglevel", "error", "-i", str(wav_path), "-c:a", "aac",
             "-b:a", "64k", "-map_metadata", "-1", "-fflags", "+bitexact",
             "-flags:a", "+bitexact", str(target)],
            check=True,
        )
    return target


def write_thumbnails() -> None:
    sys.path.insert(0, str(HERE.parent))
    from studio.templating.registry import TemplateRegistry
    from studio.templating.thumbnails import make_thumbnail

    registry = TemplateRegistry()
    registry.load_folder(HERE)
    for problem in registry.problems:
        print("problem:", problem)
    for template in registry.list():
        path = make_thumbnail(template)
        print(template.id, path)


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "music"
    if what == "music":
        for template_id in SONGS:
            if (HERE / template_id).is_dir():
                print(write_music(template_id))
    elif what == "thumbnails":
        write_thumbnails()
    else:
        raise SystemExit("usage: make_assets.py music|thumbnails")
