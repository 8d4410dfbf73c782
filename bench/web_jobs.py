"""A long upload beside a short one: does the long report hold up the short one?

Starts `threatnet serve` on a fresh SQLite store in a subprocess on 127.0.0.1,
posts a short report alone (three sentences; its time to stored, `alone`), then
posts a long report (the dev corpus repeated to `--size` bytes) in the background
and, once it is extracting, the short report again (with one word changed, so it
is new): `meanwhile` is the short report's time to stored while the long one is
extracted. The issue's target: `meanwhile - alone <= alone` (the long report
delays the short one by no more than the short one's own extraction time).
Before reports became jobs, extraction and save held one lock: the short report
waited for the whole long one (524 s at 1 MB).

    python bench/web_jobs.py [--size 1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHORT = ("On 3 May 2025 militants of the Balochistan Liberation Army attacked a police post "
         "in Quetta. Police said the group had links with Tehrik-i-Taliban Pakistan. "
         "Officials blamed the Balochistan Liberation Army for the {} attack.\n")


def _post(base: str, body: dict, background: bool = False) -> dict:
    url = f"{base}/api/reports" + ("?background=true" if background else "")
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=3600) as r:
        return json.load(r)


def _get(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=60) as r:
        return json.load(r)


def long_report(size: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus/dev").glob("*.txt"))]
    parts, total, n = [], 0, 0
    while total < size:
        part = f"\n\nPart {n}.\n\n" + texts[n % len(texts)]
        parts.append(part)
        total += len(part.encode("utf-8"))
        n += 1
    return "".join(parts)[:size].rsplit(".", 1)[0] + ".\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of the long report")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests" / "serve"))
    from webclient import free_port

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "THREATNET_TOKEN": "",
               "THREATNET_MAX_UPLOAD": str(max(2 * args.size, 2_000_000))}
        server = subprocess.Popen([sys.executable, "-m", "threatnet", "serve", "--db",
                                   f"sqlite:///{folder}/kb.db", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    _get(base, "/api/documents")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit("threatnet serve did not start") from None
                    time.sleep(0.2)
            _post(base, {"text": SHORT.format("warm-up")})  # loads spaCy
            start = time.perf_counter()
            _post(base, {"text": SHORT.format("first")})
            alone = time.perf_counter() - start
            text = long_report(args.size)
            started = time.perf_counter()
            job = _post(base, {"text": text, "title": "long"}, background=True)
            while _get(base, job["url"])["state"] == "queued":
                time.sleep(0.05)
            start = time.perf_counter()
            _post(base, {"text": SHORT.format("second")})
            meanwhile = time.perf_counter() - start
            state = _get(base, job["url"])
            print(f"short report alone:        {alone * 1000:.0f} ms")
            print(f"short report meanwhile:    {meanwhile * 1000:.0f} ms (delay "
                  f"{(meanwhile - alone) * 1000:.0f} ms; target <= {alone * 1000:.0f} ms); "
                  f"the long report was still {state['state']} "
                  f"({state['progress']:.0%} estimated)", flush=True)
            while _get(base, job["url"])["state"] not in ("done", "failed"):
                time.sleep(0.5)
            long_took = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"long report: {len(text.encode('utf-8')):,} bytes, stored in {long_took:.1f} s")


if __name__ == "__main__":
    main()
