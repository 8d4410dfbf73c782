"""The app's routers: the JSON API (`api`) and the server-rendered pages (`pages_*`)."""
