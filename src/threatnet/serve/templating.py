"""The Jinja2 environment of the pages: autoescaping on, a few filters for the claim model."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi.templating import Jinja2Templates

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.autoescape = True  # report text is never marked safe
templates.env.filters["pct"] = lambda x: f"{100 * float(x):.0f}%"
templates.env.filters["docurl"] = lambda doc_id: "/documents/" + quote(str(doc_id), safe=":")
