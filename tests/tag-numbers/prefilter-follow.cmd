# What must follow the first digits of a match (rxstart_after_digits and
# _after_first_digits: a most number of digits in the run, one character
# and then at least so many digits, spaces passed): the same records with
# the start index as with every rule tried at every start
# (CHISO_NO_PREFILTER).
d=$(mktemp -d) && printf 'sent\tt\t1\t1\t%s\n' 'Ngày 5 / 6/2020 lúc 9 : 30, mã 12345/2020, năm 2020 -  21 và tháng 5 /  2020.' 'Từ 15.3.2021 đến 1-4-2021, lúc 7h 05 và 23:59:01, tỷ lệ 3 / 4 và 123.456 đồng.' 'Bản 2.0 và 1.5 triệu, tháng 10/2020 và 10/20, 2019-5 và 2019-05, năm 2020-2 và năm 2020 - 21, lúc 9:5 và 9: 05.' >"$d/in" && "$BIN/tag-numbers" "$d/in" >"$d/a" && CHISO_NO_PREFILTER=1 "$BIN/tag-numbers" "$d/in" >"$d/b" && cmp "$d/a" "$d/b" && grep '^num' "$d/a" | cut -f6,7,11; rc=$?; rm -rf "$d"; exit $rc
