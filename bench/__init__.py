"""Benchmarks of the Idlib situation map against the tools a user would use instead (`make bench`)."""
