"""`briefcli browse`: the brief in a terminal browser (Textual). Imported by that command only,
so that no other command pays for loading Textual."""

from briefcli.browse.app import BrowseApp

__all__ = ["BrowseApp"]
