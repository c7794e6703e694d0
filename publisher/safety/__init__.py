"""Reading untrusted input safely: files by handle, YAML and TOML within limits, CSS and SVG
by parsing, and cache entries as plain data that cannot run code."""
