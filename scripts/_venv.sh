# Shared by scripts/run and scripts/test: make .venv, install the app into it, check Qt can load.
# Sourced, not executed. Expects $ROOT and $EXTRAS ("" or "[test]").

PY=${PYTHON:-python3}
VENV="$ROOT/.venv"

if ! command -v "$PY" >/dev/null 2>&1; then
    echo "beliefupdate needs Python 3.11 or newer ($PY not found)." >&2
    exit 1
fi
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "beliefupdate needs Python 3.11 or newer; $PY is $("$PY" --version 2>&1)." >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV" || {
        echo "could not create $VENV; on Debian/Ubuntu: sudo apt-get install python3-venv" >&2
        exit 1
    }
fi

# Reinstall only when pyproject.toml changed since these extras were installed: keeps start-up fast.
hash="$(sha256sum < "$ROOT/pyproject.toml" | cut -c1-16)"
STAMP="$VENV/.installed${EXTRAS:-[app]}"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$hash" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT$EXTRAS" >&2 || {
        echo "installing beliefupdate into $VENV failed (see above)" >&2
        exit 1
    }
    echo "$hash" > "$STAMP"
fi

# Qt's xcb/offscreen plugins need a few system libraries that minimal systems lack.
if ! "$VENV/bin/python" -c 'import PySide6.QtWidgets' 2>/dev/null; then
    echo "Qt cannot load: system libraries are missing. Install them with:" >&2
    echo "  sudo apt-get install -y libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0" >&2
    "$VENV/bin/python" -c 'import PySide6.QtWidgets' 2>&1 | tail -n 1 >&2
    exit 1
fi

# On a desktop, Qt's xcb plugin also needs the X11 helper libraries; without them it aborts
# with a long message. Name the packages instead (ldd is cheap: no Qt start-up).
XCB_PACKAGES="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxkbcommon-x11-0"
xcb_missing() {
    local plugin
    plugin="$(ls "$VENV"/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so 2>/dev/null | head -n 1)"
    [ -n "$plugin" ] && command -v ldd >/dev/null 2>&1 && ldd "$plugin" 2>/dev/null | grep -q "not found"
}
