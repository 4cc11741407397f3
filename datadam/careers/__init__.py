"""Career records: a worker's verifiable record of qualifications and work."""
