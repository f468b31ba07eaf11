"""Data files shipped with duban (the built-in Linwu plan)."""
