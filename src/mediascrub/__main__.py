import sys

try:
    from .cli.app import entrypoint
except KeyboardInterrupt:  # Ctrl-C while the libraries are still loading: nothing was started
    sys.exit(130)

entrypoint()
