"""Evaluation on real annotated data: ``storyline eval <task> --dataset <name>``."""
