"""Persistence: TinyDB files made crash-safe, locked and partitioned (DESIGN.md section 5)."""
