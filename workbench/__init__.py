"""Workbench: a desktop annotation workbench for historians."""

__version__ = "0.1.0"
