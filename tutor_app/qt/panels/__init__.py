"""One Qt panel per interactive lesson, named by the ``panel`` field of its lesson file."""
