"""The store never imports the analysis (issue 19): the grades it keeps are computed by
the kept layer (`threatnet.kept`), which registers itself with the store by name."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import threatnet.store

STORE = Path(threatnet.store.__file__).parent


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
    return out


def test_no_module_of_the_store_imports_the_analysis():
    offenders = {str(p.relative_to(STORE)): sorted(m for m in imported(p)
                                                   if m.startswith("threatnet.analyse"))
                 for p in STORE.rglob("*.py")}
    assert {p: m for p, m in offenders.items() if m} == {}


def test_the_store_loads_the_kept_layer_only_when_it_grades():
    probe = ("import sys; import threatnet.store; "
             "print(sorted(m for m in sys.modules if m.startswith(('threatnet.analyse', "
             "'threatnet.kept'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip() == "[]"
