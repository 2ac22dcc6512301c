"""briefcli: query a structured intelligence brief from the terminal."""

__version__ = "0.1.0"
