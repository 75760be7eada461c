"""Reviewed publishing: the public keeps the approved version while changes wait for review."""
