"""Public data catalog: published releases, datasheets and counted downloads."""
