"""Demo and benchmark data: generated export declarations with planted cases and their truth.

A tool, not a source: it builds records that ingest/ then reads like any operator's file. It may import
ingest/ (to read the real list snapshot it plants listed parties from) and schemas/; ingest/, rules/ and
graph/ never import it.
"""
