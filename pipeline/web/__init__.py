"""The web interface (FastAPI + Jinja2, server-rendered): pages, JSON API and access control."""
