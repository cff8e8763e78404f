"""Demo press area for `seed_demo`."""


def seed_press(home):
    """Create the demo press area; return how many pages were created."""
    return 0
