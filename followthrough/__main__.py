import sys

from followthrough.cli import main

sys.exit(main())
