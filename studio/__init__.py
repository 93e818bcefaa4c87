"""The studio: a plugin-based AI video studio for e-commerce sellers."""

from studio.hookspecs import hookimpl

__version__ = "0.1.0"
__all__ = ["__version__", "hookimpl"]
