from ita_desktop.cli import main

raise SystemExit(main())
