"""The errors attachmap shows to people: each is a sentence, never a traceback."""


class AttachmapError(Exception):
    """A problem the user can fix; the command line prints it and exits 1."""
