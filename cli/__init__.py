"""The analyst's command line: thin commands that orchestrate ingest, rules and graph."""
