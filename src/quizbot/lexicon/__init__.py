"""Word lists both the pack loader and the grader need (units), kept below both layers."""
