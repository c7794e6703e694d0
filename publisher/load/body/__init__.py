"""An article body → sanitised, repaired, well-formed XHTML with its notes, headings and ids."""
