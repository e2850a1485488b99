# A document is classified as if it came alone: the second document's
# rows must not depend on the first (its clause, split at a ';', once
# leaked into the next document's sentence at the same place).
d=$(mktemp -d)
printf 'Kim ngạch xuất khẩu tháng 1 năm 2024 đạt 4,1 tỷ USD; từ tháng 3 đến tháng 5 đạt 6,3 tỷ USD.\n' >"$d/a.txt"
printf 'Năm 2023, kim ngạch xuất khẩu và nhập khẩu lần lượt đạt 2.150 triệu USD và 1.320 triệu USD, tăng 8,2%% và 5,1%% so với năm 2022.\n' >"$d/b.txt"
$BIN/chiso -H -c doc,metric,period,measure,value "$d/b.txt" >"$d/alone"
$BIN/chiso -H -c doc,metric,period,measure,value "$d/a.txt" "$d/b.txt" | grep '^b' >"$d/after"
cat "$d/after"
diff "$d/alone" "$d/after" && echo "b: the same after a"
rm -rf "$d"
