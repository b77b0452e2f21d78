"""File formats: the JSON exchange format, CSV exports and the importers of other apps' exports.

No SQL here: a format turns files into plain domain records and back. The
store merges those records into a journal; the CLI and the window pick an
importer from the registry.
"""
