#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, under a throwaway
# HOME, so that tests use the real Secret Service (through keytar) and never the developer's own
# keychain. Exits with the command's status.
set -eu
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: dbus-run-session and gnome-keyring-daemon are needed (Debian: dbus, gnome-keyring)" >&2
  exit 1
fi
tmp_home=$(mktemp -d "${TMPDIR:-/tmp}/patchbay-home.XXXXXX")
trap 'rm -rf "$tmp_home"' EXIT INT TERM
export PATCHBAY_REAL_HOME="${HOME:-}"
export HOME="$tmp_home"
export XDG_DATA_HOME="$tmp_home/.local/share"
export XDG_CONFIG_HOME="$tmp_home/.config"
export XDG_RUNTIME_DIR="$tmp_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export PATCHBAY_TEST_KEYRING=1
# Playwright's browser cache lives under the real HOME on machines that have one.
if [ -n "$PATCHBAY_REAL_HOME" ] && [ -z "${PLAYWRIGHT_BROWSERS_PATH:-}" ]; then
  export PLAYWRIGHT_BROWSERS_PATH="$PATCHBAY_REAL_HOME/.cache/ms-playwright"
fi
exec dbus-run-session -- sh -c '
  printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' with-keyring "$@"
