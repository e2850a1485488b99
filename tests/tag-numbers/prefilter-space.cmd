# Leads and follows read across white space (rxstart_of_joined, the lead
# index's ' ', the text after a run of digits) must take any white space
# PCRE2's \s takes, not only one ' ': the same records with the start index
# as with every rule tried at every start (CHISO_NO_PREFILTER).
d=$(mktemp -d) && printf 'sent\tt\t1\t1\t%s\n' "$(printf 'Tháng 2 năm\v 2023 tăng.')" "$(printf 'Năm\302\240học 2022\302\240-\302\2402023 và năm  học 2019 - 2020.')" "$(printf 'Hội  nghị Trung\342\200\203ương 8 khóa XIII.')" "$(printf 'Ngày  5  tháng\f6  năm 2021.')" >"$d/in" && "$BIN/tag-numbers" "$d/in" >"$d/a" && CHISO_NO_PREFILTER=1 "$BIN/tag-numbers" "$d/in" >"$d/b" && cmp "$d/a" "$d/b" && grep '^num' "$d/a" | cut -f6,7; rc=$?; rm -rf "$d"; exit $rc
