"""Workbench: a desktop annotation workbench for historians."""

__version__ = "0.2.0"
