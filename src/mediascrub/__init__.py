"""mediascrub: make photos safe to publish.

Public API::

    from mediascrub import Pipeline, Policy, scrub_file, check_file
"""

from .pipeline import Pipeline, check_file, scrub_file
from .policy import Policy

__version__ = "0.1.0"
__all__ = ["Pipeline", "Policy", "scrub_file", "check_file", "__version__"]
