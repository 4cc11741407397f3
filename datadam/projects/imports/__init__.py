"""Import pipeline: readers (bytes → text lines) → parsers (lines → rows) → makers (rows → items)."""
