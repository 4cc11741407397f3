"""Media: image and audio files of items, imported safely and served through expiring links."""
