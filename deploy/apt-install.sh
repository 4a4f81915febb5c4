#!/usr/bin/env bash
# Sourced by build.sh and deploy/local-cluster.sh: apt_install PACKAGE... installs Debian packages when missing
# (as root, or through sudo), and says plainly what to do when it cannot.
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "Missing Debian packages: $* (and this user cannot install them). Run 'apt-get install -y $*' as root." >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null; then
    echo "Missing: $* (apt-get is not available). Install them with this system's package manager." >&2
    return 1
  fi
  echo "Installing Debian packages: $*"
  local apt_opts=(-o DPkg::Lock::Timeout=180 -qq)
  DEBIAN_FRONTEND=noninteractive $sudo apt-get "${apt_opts[@]}" update \
    && DEBIAN_FRONTEND=noninteractive $sudo apt-get "${apt_opts[@]}" install -y --no-install-recommends "$@" >/dev/null \
    || { echo "Installing $* failed." >&2; return 1; }
}
