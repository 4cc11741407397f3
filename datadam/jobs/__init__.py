"""Job board: every open project's crowd jobs in one public place, with feeds."""
