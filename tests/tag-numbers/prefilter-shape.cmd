# The text right after a match's first digits, item by item
# (rxstart_shape: "[/.-] then one or two digits then the same separator
# then four digits" for a d/m/y date, read through its back reference):
# the same records with the start index as with every rule tried at
# every start (CHISO_NO_PREFILTER).
d=$(mktemp -d) && printf 'sent\tt\t1\t1\t%s\n' 'Ngày 12/05/2020, 1.2.2020 và 3-4-2019; bản 3.0.1, 12.3.45, 1.000.000 và 9.9.20201 đồng.' 'Từ 2020-05-06 đến 2019-05-0, lúc 10:30 và 1:2, mã 7/2019/ND-CP, 1/2/3 và 31-12-19999, 05-2020.' 'Số 1.48.5. và 3.0.html, ngày 5/6/2020x, 5 / 6 / 2020 và 15/6-2020.' >"$d/in" && "$BIN/tag-numbers" "$d/in" >"$d/a" && CHISO_NO_PREFILTER=1 "$BIN/tag-numbers" "$d/in" >"$d/b" && cmp "$d/a" "$d/b" && grep '^num' "$d/a" | cut -f6,7,11; rc=$?; rm -rf "$d"; exit $rc
