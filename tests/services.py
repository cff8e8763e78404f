"""Stopping and starting the services of scripts/services.sh from a test."""

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "services.sh"


def run_service(action, service):
    """Run `services.sh <action> <service>`; a failure fails the test."""
    subprocess.run(
        ["bash", str(SCRIPT), action, service],
        check=True,
        capture_output=True,
        timeout=300,
    )
