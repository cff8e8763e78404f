"""Demo satisfaction survey for `seed_demo`."""


def seed_survey(home):
    """Create the demo survey; return how many pages were created."""
    return 0
