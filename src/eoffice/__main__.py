"""``python -m eoffice`` behaves exactly like the ``eoffice`` command."""

import sys

from eoffice.cli import main

sys.exit(main())
