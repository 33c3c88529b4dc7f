"""Extraction stages that read cleaned documents: time expressions, and later events, quotes, relations."""
