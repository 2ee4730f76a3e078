"""Writing packs: YAML writer, importers, exporters and the article drafter."""
