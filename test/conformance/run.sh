#!/bin/sh
# Runs the TUF conformance suite against updops (see README.md here for the one-time set-up).
# Usage: test/conformance/run.sh SUITE_DIR [pytest args...]
# SUITE_DIR holds conformance/, tuf/, ssl/ and site/ (sitecustomize.py) as README.md describes.
set -eu
suite=$(readlink -f "$1"); shift
here=$(dirname "$(readlink -f "$0")")
cd "$suite/conformance"
PYTHONPATH="$suite/site:$suite/ssl:$suite/tuf:$suite/conformance" \
  exec /usr/bin/python3 -m pytest tuf_conformance -p no:cacheprovider --entrypoint "$here/updops-client" "$@"
