"""`threatnet serve` as a user starts it: a subprocess on 127.0.0.1, and its errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from typer.testing import CliRunner
from webclient import free_port

from threatnet.cli import app

SRC = str(Path(__file__).resolve().parents[2] / "src")


def test_serve_binds_localhost_and_answers(serve_store_url, store):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": SRC, "THREATNET_TOKEN": ""}
    process = subprocess.Popen([sys.executable, "-m", "threatnet", "serve", "--db",
                                serve_store_url, "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stdout.read().decode()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/documents",
                                            timeout=2) as r:
                    documents = json.load(r)
                break
            except OSError:
                assert time.monotonic() < deadline, "threatnet serve did not answer"
                time.sleep(0.2)
        assert [d["id"] for d in documents] == [d["id"] for d in store.documents()]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/network", timeout=5) as r:
            assert "content-security-policy" in r.headers
    finally:
        process.terminate()
        out = process.communicate(timeout=10)[0].decode()
    assert f"on http://127.0.0.1:{port}/" in out


def test_serve_errors_are_one_line():
    result = CliRunner().invoke(app, ["serve", "--db", "nosuchdriver://x", "--port", "0"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "error" in result.output
    result = CliRunner().invoke(app, ["serve", "--port", "0"],
                                env={"THREATNET_MAX_UPLOAD": "lots"})
    assert result.exit_code == 1 and "THREATNET_MAX_UPLOAD" in result.output
