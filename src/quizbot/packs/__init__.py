"""Question packs: the model, the YAML loader and validator, the built-in packs."""
