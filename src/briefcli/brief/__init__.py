"""The brief: its model, reading YAML safely, loading files, and validation."""
