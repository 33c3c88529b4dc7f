"""Trained models shipped with storyline (spaCy pipeline folders), one folder per model.

Each folder has a README.md with its training data, licence, command and figures.
"""
