"""The storage tests use the S3 fake server fixtures of tests/conftest.py."""
