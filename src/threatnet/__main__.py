"""`python -m threatnet` runs the CLI."""

from threatnet.cli import main

main()
