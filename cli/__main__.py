"""`python -m ecgraph.cli` runs the `ecgraph` command (the Makefile uses this form)."""

from ecgraph.cli.entry import main

main()
