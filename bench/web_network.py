"""The network page at scale: time to load and be interactive, measured in headless Chromium.

Builds seeded synthetic SQLite stores directly with SQL inserts
(tests/serve/synthetic.py; no extraction: this times the page) — a baseline of
200 actors / 2,000 facts and the target of 2,000 actors / 20,000 facts (one
claim per fact, actors picked with a Zipf-like skew so a few are hubs, every
actor-to-actor predicate, ten years of dates) —
starts `threatnet serve` on each in a subprocess on 127.0.0.1, and loads
/network in headless Chromium (Debian `chromium` + `chromium-driver`, driven by
Selenium). For each load it reads, in the browser:

* `ready`: navigation start → the page fetched /api/network, built the graph,
  laid it out and drew it, with its filters and click handlers bound
  (`window.tnReady`, set on Cytoscape's first render);
* `interactive`: the later of `ready` and the end of the last long task (≥ 50 ms
  of blocked main thread, PerformanceObserver `longtask`): from then on the page
  answers input at once;
* `loaded` / `drawn`: facts in the page / drawn at first — a big network opens on its
  3,000 strongest, the rest loaded and filterable but given to Cytoscape only when the
  confidence filter is lowered;
* `draw all ms`: lowering the confidence filter to 0, until the frame with every fact;
* `API cold` / `API ms`: GET /api/network as soon as a fresh server answers (it
  starts computing the default network in the background when it starts; this
  waits for that) and then warm (the JSON bytes cached while the store is unchanged);
* `filter ms`: one interaction, unchecking a relation class (hides its edges and
  the actors left alone) and checking it again.

Prints the median of `--runs` loads after one warm-up load (which starts the
browser's caches), and the ratio of the target to the baseline. Target: the
target's `interactive` under 2,500 ms, with the page's full styling (hedged facts dashed,
contested ones marked, labels placed hubs first).

    .venv/bin/python bench/web_network.py
    .venv/bin/python bench/web_network.py --runs 3 --sizes 2000:20000
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "serve"))
import browser  # noqa: E402
from synthetic import build  # noqa: E402

TARGET_MS = 2500
LONG_TASKS = """
window.__long = [];
new PerformanceObserver(l => window.__long.push(...l.getEntries()))
  .observe({type: 'longtask', buffered: true});
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "threatnet", "serve", "--db",
                                f"sqlite:///{db}", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"threatnet serve exited: {process.stdout.read().decode()}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/documents", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("threatnet serve did not answer within 60 s")


def load(driver, url: str) -> dict[str, float]:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 120).until(
        lambda d: d.execute_script("return document.getElementById('cy').dataset.ready"
                                   " === '1'"))
    driver.execute_script(LONG_TASKS)
    time.sleep(0.3)  # let buffered long tasks arrive
    ready = driver.execute_script("return window.tnReady")
    last_long = driver.execute_script(
        "return Math.max(0, ...window.__long.map(e => e.startTime + e.duration))")
    filter_ms = driver.execute_script(  # the page's first filter: a relation class
        "const box = document.querySelector('.class-filter'); const t = performance.now();"
        "box.click(); box.click(); return performance.now() - t;")
    drawn = driver.execute_script("return tnCy.edges(':visible').length")
    driver.set_script_timeout(120)
    everything = driver.execute_async_script(
        "const done = arguments[0]; const s = document.getElementById('min-confidence');"
        "const t = performance.now(); s.value = 0; s.dispatchEvent(new Event('input'));"
        "let fired = false;"
        "tnCy.one('render', () => { fired = true; done(performance.now() - t); });"
        "requestAnimationFrame(() => requestAnimationFrame(() => {"
        "  if (!fired) done(performance.now() - t); }));")  # nothing new to draw
    nodes, edges = driver.execute_script("return [tnCy.nodes().length, tnCy.edges().length]")
    return {"ready": ready, "interactive": max(ready, last_long), "filter": filter_ms,
            "everything": everything, "drawn": drawn,
            "nodes": nodes, "edges": edges}


def api_ms(port: int) -> float:
    t = time.perf_counter()
    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/network", timeout=60).read()
    return (time.perf_counter() - t) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200:2000,2000:20000",
                        help="actors:facts pairs; the first is the baseline")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    why = browser.missing()
    if why:
        print(f"cannot run: {why}", file=sys.stderr)
        return 1
    sizes = [tuple(map(int, s.split(":"))) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="tn-web-") as tmp:
        driver = browser.start()
        try:
            for n_actors, n_facts in sizes:
                db = Path(tmp) / f"net-{n_actors}-{n_facts}.db"
                build(db, n_actors, n_facts)
                port = free_port()
                server = serve(db, port)
                try:
                    url = f"http://127.0.0.1:{port}/network"
                    cold = api_ms(port)  # the first answer computes the network
                    load(driver, url)  # warm-up: browser caches, server imports
                    api = statistics.median(api_ms(port) for _ in range(args.runs))
                    runs = [load(driver, url) for _ in range(args.runs)]
                finally:
                    server.terminate()
                    server.wait(timeout=10)
                row = {k: statistics.median(r[k] for r in runs)
                       for k in ("ready", "interactive", "filter", "everything")}
                row.update(actors=n_actors, facts=n_facts, api=api, cold=cold,
                           nodes=runs[0]["nodes"], edges=runs[0]["edges"],
                           drawn=runs[0]["drawn"])
                rows.append(row)
        finally:
            driver.quit()
    print(f"{'actors':>7} {'facts':>7} {'loaded':>7} {'drawn':>6} {'API cold':>9} "
          f"{'API ms':>7} {'ready ms':>9} {'interactive ms':>15} {'filter ms':>10} "
          f"{'draw all ms':>12}")
    for r in rows:
        print(f"{r['actors']:>7} {r['facts']:>7} {r['edges']:>7} {r['drawn']:>6} "
              f"{r['cold']:>9.0f} {r['api']:>7.0f} {r['ready']:>9.0f} "
              f"{r['interactive']:>15.0f} {r['filter']:>10.1f} {r['everything']:>12.0f}")
    base, top = rows[0], rows[-1]
    if len(rows) > 1:
        print(f"ratio {top['actors']}:{top['facts']} / {base['actors']}:{base['facts']}: "
              f"interactive {top['interactive'] / base['interactive']:.2f}x, "
              f"API {top['api'] / base['api']:.2f}x")
    verdict = "meets" if top["interactive"] < TARGET_MS else "MISSES"
    print(f"{top['actors']} actors / {top['facts']} facts: interactive in "
          f"{top['interactive'] / 1000:.2f} s ({verdict} the {TARGET_MS / 1000:g} s target; "
          f"median of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
