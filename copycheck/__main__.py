from copycheck.cli import main

raise SystemExit(main())
