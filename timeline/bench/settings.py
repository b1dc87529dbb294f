"""The project's settings as the benchmark's server runs them: production's DEBUG=False (no
query log, cached templates) and the bare page's address beside the project's own. Only
`manage.py benchmark` uses this module; everything else reads config/settings.py alone."""

import warnings

from config.settings import *  # noqa: F403

# No collectstatic for a benchmark: WhiteNoise would say so on every start.
warnings.filterwarnings("ignore", message="No directory at")

DEBUG = False
ROOT_URLCONF = "timeline.bench.urls"
