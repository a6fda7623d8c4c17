import sys

from kutipan.cli import main

sys.exit(main())
