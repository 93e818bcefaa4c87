"""Built-in plugins: ordinary plugin modules, registered exactly as a third-party package is."""
