"""Every error ConflictWatch raises on purpose.

The tree::

    ConflictWatchError
    ├── InputError            bad input: a file, a line, an option
    │   ├── UnsupportedInput  a path or format we cannot read
    │   │   └── BinaryInput   bytes that are not text (a program, an image)
    │   ├── BadDocument       a document line or page we cannot use
    │   └── TooLarge          a document over the size limit per document
    ├── OutputError           an output that cannot or may not be written
    ├── ConfigError           a settings file, an unknown component name
    ├── DataError             packaged or built data missing or corrupt
    │   └── GazetteerMissing  the gazetteer index has not been built yet
    └── MissingDependency     an optional package is not installed

Messages name the input and say what to do.
"""

from __future__ import annotations


class ConflictWatchError(Exception):
    """Base class of every error raised on purpose by ConflictWatch."""


class InputError(ConflictWatchError):
    """The input cannot be used as given."""


class UnsupportedInput(InputError):
    """A path or format ConflictWatch cannot read."""


class BinaryInput(UnsupportedInput):
    """Bytes that are not text: a program, an image, an archive."""


class BadDocument(InputError):
    """A document (a JSONL line, an HTML page) that cannot be used."""


class TooLarge(InputError):
    """A document over the size limit per document (``max_document_mb``)."""


class OutputError(ConflictWatchError):
    """An output file that cannot be written (a missing folder, a directory, no
    permission, a full disk) or may not be (it is one of the inputs)."""


class ConfigError(ConflictWatchError):
    """A configuration value or a component name is wrong."""


class DataError(ConflictWatchError):
    """Packaged or built data is missing or corrupt."""


class GazetteerMissing(DataError):
    """The gazetteer index has not been built."""


class MissingDependency(ConflictWatchError):
    """An optional package is needed for this input."""

    def __init__(self, package: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the package '{package}', which is not installed; "
            f"install it with: pip install {package}"
        )
        self.package = package
