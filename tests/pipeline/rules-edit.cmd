# Editing a rule changes the next run, with no build: drop the retail label.
d=$(mktemp -d) && cp "$CHISO_RULES"/*.yaml "$d"/ &&
$BIN/chiso -r "$d" --no-header --columns metric samples/nghe-an-cong-thuong-2019.txt | sort | uniq -c &&
sed -i 's/bán lẻ/BÁN_LẺ_KHÔNG_CÓ/g' "$d"/metrics.yaml &&
echo --- && $BIN/chiso -r "$d" --no-header --columns metric samples/nghe-an-cong-thuong-2019.txt | sort | uniq -c
rc=$?; rm -rf "$d"; exit $rc
