"""``python -m bot`` runs the eabot command line."""

from bot.cli import main

main(prog_name="eabot")
