"""``publisher serve``: build, serve a live preview on 127.0.0.1, rebuild on every save.

``session`` runs it; ``rebuild`` builds in this process with what ``memory`` keeps between
builds; ``watch`` hears the folder; ``server`` and ``page`` answer the browser.
"""
