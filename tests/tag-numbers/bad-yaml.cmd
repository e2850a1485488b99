d=$(mktemp -d); cp "$CHISO_RULES"/*.yaml "$d"; printf 'scales:\n  nghìn: [3\n' >"$d/numbers.yaml"; cd "$d" && "$BIN/tag-numbers" -r . </dev/null; rc=$?; rm -rf "$d"; exit $rc
