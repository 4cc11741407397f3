"""Datadam: run an AI-training-data construction programme end to end."""
