from beliefupdate.cli import command_main

raise SystemExit(command_main())
