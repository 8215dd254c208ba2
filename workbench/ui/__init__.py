"""The Qt face of Workbench. Only this package imports Qt; it calls the core, never the reverse."""
