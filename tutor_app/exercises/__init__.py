"""exercises package."""
