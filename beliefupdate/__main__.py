from beliefupdate.cli import main

raise SystemExit(main())
