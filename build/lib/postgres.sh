# Shared helpers for a local PostgreSQL cluster started from the machine's server binaries, and for installing Debian packages.
# Sourced by build/run and .ci/run.

# Installs the Debian PostgreSQL server package when no server binaries are present.
leap_pg_ensure_binaries() {
  if leap_pg_bindir >/dev/null 2>&1; then return 0; fi
  echo "PostgreSQL server binaries not found; installing the Debian package…" >&2
  leap_apt_install postgresql
  leap_pg_bindir >/dev/null
}

# Installs Debian packages: as root directly, else through sudo; without either it says what to install and fails.
leap_apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "Cannot install $* (not root, no sudo): install it as root (apt-get install -y $*) and run this again." >&2
      return 1
    fi
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# Prints the directory holding initdb/pg_ctl (newest installed major version).
leap_pg_bindir() {
  if [ -n "${LEAP_PG_BIN:-}" ] && [ -x "$LEAP_PG_BIN/initdb" ]; then echo "$LEAP_PG_BIN"; return 0; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

# Runs a command as the postgres user when we are root (initdb refuses to run as root).
leap_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    # From /, so a working directory the postgres user cannot enter (root's home, a mktemp -d directory) does not matter.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}
