d=$(mktemp -d) && cp "$CHISO_RULES"/*.yaml "$d"/ && sed -i 's/^    level_units: \[VND\]$/    levle_units: [VND]/' "$d"/metrics.yaml &&
$BIN/classify-metric -r "$d" </dev/null 2>"$d/err"
rc=$?; sed "s|$d|RULES|g" "$d/err"; rm -rf "$d"; exit $rc
