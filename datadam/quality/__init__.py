"""Quality engine: gold and honeypots, agreement, aggregation, sampling inspection, fraud flags."""
