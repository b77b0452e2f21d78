"""The `beliefupdate` command. Placeholder until the CLI lands."""


def main(argv=None) -> int:
    return 0


def gui_main() -> int:
    return 0
