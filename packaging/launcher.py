"""The packaged application's entry point: the same ``workbench`` command as the installed script."""

import sys

from workbench.cli import main

sys.exit(main())
