"""Does a render cost in a straight line with the work? (issue 15, item 2 and item 4)

    .venv/bin/python bench/scaling.py --runs 5 --nice -10 [--long-runs 1]

Each timed render runs in a fresh process (``bench/render.py``'s worker: imports and plan
untimed), in rounds that alternate every variant, so load drifting on a shared machine hits
all of them alike:

- ``15s``: product15 (15 s, 1080x1920);
- ``60s``: the same video four times as long (16 scenes, the four photos in turn);
- ``1:1`` and ``4:5``: product15 at 1080x1080 and 1080x1350 (title at the top, badge and call
  to action kept at their distance from the bottom);
- ``300s`` (``--long-runs``): a 5-minute slideshow (80 scenes), for its peak memory.

Reported: wall and CPU medians, ratios of medians and medians of the per-round ratios
against ``15s``, each variant's pixel share of 9:16, and peak RSS (the process tree sampled
every 5 ms, and the Python process's own VmHWM). For the formats, each round also times the
encode floor of that format (``bench/render.py``'s (b): its own frames encoded again), so a
format's cost can be told apart from what x264 itself spends on those frames.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import render  # noqa: E402
from workload import FORMATS, build  # noqa: E402

VARIANTS = {  # name: (seconds, format)
    "15s": (15.0, "9:16"),
    "60s": (60.0, "9:16"),
    "1:1": (15.0, "1:1"),
    "4:5": (15.0, "4:5"),
}


FLOORED = ("15s", "1:1", "4:5")  # the formats, with their encode floors


def share(fmt: str) -> float:
    w, h = FORMATS[fmt]
    base_w, base_h = FORMATS["9:16"]
    return w * h / (base_w * base_h)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--long-runs", type=int, default=0,
                        help="5-minute renders at the end (peak memory)")
    parser.add_argument("--nice", type=int, default=0)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    render.NICE = args.nice
    print(f"cores: {os.cpu_count()}; niceness: {args.nice}; load average at the start: "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    variants = dict(VARIANTS)
    if args.long_runs:
        variants["300s"] = (300.0, "9:16")
    results: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as temp:
        folder = args.keep or Path(temp)
        build(folder)
        floors: dict[str, list[dict[str, float]]] = {n: [] for n in FLOORED}
        for round_ in range(args.runs):
            for name, (seconds, fmt) in VARIANTS.items():
                video = folder / f"{name.replace(':', 'x')}.mp4"
                row = render.run_worker("studio", folder, video,
                                        "--seconds", str(seconds), "--format", fmt)
                results[name].append(row)
                if name in FLOORED:
                    if not round_:
                        render.prepare_floor(folder, video, fmt)
                    floors[name].append(render.run_worker(
                        "floor", folder, folder / "floor.mp4", "--format", fmt))
            print(f"round {round_ + 1}: " + ", ".join(
                f"{n} {results[n][-1]['wall']:.2f} s" for n in VARIANTS), file=sys.stderr)
        for _ in range(args.long_runs):
            results["300s"].append(render.run_worker(
                "studio", folder, folder / "300s.mp4", "--seconds", "300", "--format", "9:16"))
            print(f"300s: {results['300s'][-1]['wall']:.2f} s", file=sys.stderr)
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(table(results))
    print(floor_table(results, floors))


def table(results: dict[str, list[dict[str, float]]]) -> str:
    med = statistics.median
    base = results["15s"]
    lines = [
        "| variant | n | wall s (median) | CPU s (median) | wall / 15s (medians; median "
        "of pairs) | CPU / 15s (medians; median of pairs) | limit | peak RSS tree MB | "
        "peak RSS python MB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, rows in results.items():
        if not rows:
            continue
        seconds, fmt = VARIANTS.get(name, (300.0, "9:16"))
        limit = (f"≤ {seconds / 15 * 1.025:.2f}" if seconds != 15 else
                 f"≤ {share(fmt) + 0.10:.3f} (share {share(fmt):.3f} + 0.10)")
        if name == "15s":
            limit = "—"
        elif name == "300s":
            limit = "peak RSS as 15s"
        paired = len(rows) == len(base)
        cells = []
        for key in ("wall", "cpu"):
            ratio = med(r[key] for r in rows) / med(r[key] for r in base)
            pairs = med(r[key] / b[key] for r, b in zip(rows, base, strict=True)) if paired \
                else float("nan")
            cells.append(f"{ratio:.3f}; {pairs:.3f}")
        lines.append(
            f"| {name} | {len(rows)} | {med(r['wall'] for r in rows):.2f} | "
            f"{med(r['cpu'] for r in rows):.2f} | {cells[0]} | {cells[1]} | {limit} | "
            f"{max(r['rss_tree_mb'] for r in rows):.0f} | "
            f"{max(r['rss_self_mb'] for r in rows):.0f} |"
        )
    cpu = med(r["cpu"] for r in base)
    lines += ["", f"- CPU per 15 s 9:16 video: {cpu:.2f} s; videos per hour on 2 cores at that "
              f"cost (CPU-bound): {2 * 3600 / cpu:.0f}"]
    return "\n".join(lines)


def floor_table(results: dict[str, list[dict[str, float]]],
                floors: dict[str, list[dict[str, float]]]) -> str:
    """Each format against its own encode floor, and the floors against 9:16's."""
    med = statistics.median
    lines = ["| format | studio CPU / its floor's (median of pairs) | studio wall / floor's | "
             "floor CPU / 9:16 floor CPU | studio CPU / 9:16 studio CPU |", "|---|---|---|---|---|"]
    base = floors["15s"]
    for name in FLOORED:
        rows, floor = results[name], floors[name]
        cpu = med(a["cpu"] / b["cpu"] for a, b in zip(rows, floor, strict=True))
        wall = med(a["wall"] / b["wall"] for a, b in zip(rows, floor, strict=True))
        floor_share = med(f["cpu"] for f in floor) / med(f["cpu"] for f in base)
        studio_share = med(r["cpu"] for r in rows) / med(r["cpu"] for r in results["15s"])
        lines.append(f"| {VARIANTS[name][1]} | {cpu:.3f} | {wall:.3f} | {floor_share:.3f} | "
                     f"{studio_share:.3f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
