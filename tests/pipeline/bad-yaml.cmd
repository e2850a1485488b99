d=$(mktemp -d) && cp "$CHISO_RULES"/*.yaml "$d"/ && printf 'metrics:\n  - id: [oops\n' > "$d"/metrics.yaml &&
$BIN/chiso -r "$d" samples/nghe-an-cong-thuong-2019.txt 2>"$d/err"
rc=$?; sed "s|$d|RULES|g" "$d/err"; rm -rf "$d"; exit $rc
