"""Programmes: operators, targets, graduates' outcomes and the programme dashboard."""
