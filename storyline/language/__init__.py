"""Language layer: per-language knowledge (registry) and language identification."""
