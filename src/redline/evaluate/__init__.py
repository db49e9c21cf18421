"""Scoring Redline against gold files: each module scores one task (precision, recall, F1)."""
