"""Photo tests live in tests/products/test_photos.py; this name stays importable.

tests/roles/test_publishing.py imports `image_file` from here. Delete this module
once that import names tests.products.test_photos.
"""

from tests.products.test_photos import image_file

__all__ = ["image_file"]
