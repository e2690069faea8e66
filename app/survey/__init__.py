"""Survey definitions: the YAML format, its validation, conditions and publishing."""
