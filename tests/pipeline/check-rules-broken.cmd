# An example broken on purpose fails with a diff naming file:line.
d=$(mktemp -d) && cp "$CHISO_RULES"/*.yaml "$d"/ && sed -i "s/'iip 2019 estimate change 8.39 % yoy'/'iip 2019 estimate change 8.4 % yoy'/" "$d"/metrics.yaml &&
$BIN/chiso check-rules -r "$d" >"$d/out"
rc=$?; sed "s|$d|RULES|g" "$d/out" | grep -v '^  ' | sed 's/^check-rules: [0-9]* passed/check-rules: N passed/'; rm -rf "$d"; exit $rc
