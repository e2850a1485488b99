# What follows the first digits of a match when an optional group may
# hold them (rxstart_after_first_digits, group_first_digits: "vụ(?:\s+
# \d{1,2}\s+năm)?\s+(?<y>\d{4})\s*(?:-|đến|tới)": "năm" after one run,
# a range word after the other): the same records with the start index
# as with every rule tried at every start (CHISO_NO_PREFILTER).
d=$(mktemp -d) && printf 'sent\tt\t1\t1\t%s\n' 'Giai đoạn 5 năm 2016-2020 và giai đoạn 5 năm 2021 – 2025, nhiệm kỳ 2020 đến 2025.' 'Vụ 2 năm 2019 - 2020, vụ năm 2019/20, vụ 3  năm  từ năm 2018 tới 2021, vụ 12 năm 2019 và vụ 2019.' 'Khóa 10 năm từ 2015 tới 2025; kế hoạch 5 năm 2021-2025; quy hoạch  2021 -  2030; chiến lược 10 năm 2021 đến năm 2030; niên vụ 2022/23.' >"$d/in" && "$BIN/tag-numbers" "$d/in" >"$d/a" && CHISO_NO_PREFILTER=1 "$BIN/tag-numbers" "$d/in" >"$d/b" && cmp "$d/a" "$d/b" && grep '^num' "$d/a" | cut -f6,7,11; rc=$?; rm -rf "$d"; exit $rc
