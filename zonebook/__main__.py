import os
import sys

from zonebook.cli import main

code = main()
if sys.argv[1:2] == ["build"]:
    # Everything the build opened is closed by now (kernels stopped, files written, lock released): skip the
    # interpreter's teardown, a fifth of a second spent freeing pandas' and Sphinx's objects.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
