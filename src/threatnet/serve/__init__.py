"""Serve: the web app and JSON API over the store and the analysis (`threatnet serve`)."""

from threatnet.serve.app import create_app
from threatnet.serve.config import Settings

__all__ = ["Settings", "create_app"]
