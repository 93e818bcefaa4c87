"""The public shapes of the studio's resources (pydantic models).

Services return these; the API answers with them and the command line's ``--json`` prints
them, so the same resource reads the same through every door.
"""
