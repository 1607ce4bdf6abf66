"""Every error ConflictWatch raises on purpose.

The tree::

    ConflictWatchError
    ├── InputError            bad input: a file, a line, an option
    │   ├── UnsupportedInput  a path or format we cannot read
    │   ├── BadDocument       a document line or page we cannot use
    │   └── ReviewError       a review action that cannot be done as asked
    ├── ConfigError           a settings file, an unknown component name
    ├── DataError             packaged or built data missing or corrupt
    │   └── GazetteerMissing  the gazetteer index has not been built yet
    ├── StoreError            the store cannot be opened, read or written
    │   ├── StoreVersionError the store was made by a newer version, or needs an upgrade
    │   └── NotFound          no event or document with that id
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


class BadDocument(InputError):
    """A document (a JSONL line, an HTML page) that cannot be used."""


class ReviewError(InputError):
    """A review action (merge, split, edit...) that cannot be done as asked."""


class ConfigError(ConflictWatchError):
    """A configuration value or a component name is wrong."""


class DataError(ConflictWatchError):
    """Packaged or built data is missing or corrupt."""


class GazetteerMissing(DataError):
    """The gazetteer index has not been built."""


class StoreError(ConflictWatchError):
    """The store cannot be opened, read or written."""


class StoreVersionError(StoreError):
    """The store's schema is not the one this version uses."""


class NotFound(StoreError):
    """No event or document with the id asked for."""


class MissingDependency(ConflictWatchError):
    """An optional package is needed for this input."""

    def __init__(self, package: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the package '{package}', which is not installed; "
            f"install it with: pip install {package}"
        )
        self.package = package
