import sys

from zonebook.cli import main

sys.exit(main())
