"""`python -m redline`."""

from redline.cli import cli

if __name__ == "__main__":
    cli()
