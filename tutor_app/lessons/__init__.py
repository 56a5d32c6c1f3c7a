"""Lesson data and logic (no Qt): lesson specs from resources/lessons and their computations."""
