"""One module per source, registered by name in `ecgraph.ingest.registry`."""
