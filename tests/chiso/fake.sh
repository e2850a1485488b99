#!/bin/sh
# Runs a copy of chiso among stand-in stages (tests/chiso/fake-stage):
#   sh tests/chiso/fake.sh [chiso arguments...]
# chiso finds its stages beside its own executable, so the copy and the
# fakes share a temporary directory.  Exits with chiso's status.
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
cp "$BIN/chiso" "$dir/chiso"
for s in normalise segment tag-numbers classify-metric emit-tsv; do
	cp "$T/chiso/fake-stage" "$dir/$s"
	chmod +x "$dir/$s"
done
"$dir/chiso" "$@"
