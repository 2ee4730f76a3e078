"""Helpers shared by the authoring tests."""

from __future__ import annotations


def as_json(data: object) -> object:
    """YAML data as an editor's JSON view sees it: mapping keys are strings."""
    if isinstance(data, dict):
        return {str(key): as_json(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_json(item) for item in data]
    return data
