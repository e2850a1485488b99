# What must follow a rule's lead when the pattern begins with a group of
# literal branches (rxstart_after_lead: "Giấy phép" then "số" or digits),
# matched after the lead as the text has it (white space of any kind):
# the same records with the start index as with every rule tried at every
# start (CHISO_NO_PREFILTER).
d=$(mktemp -d) && printf 'sent\tt\t1\t1\t%s\n' "$(printf 'Theo Giấy phép số 12/GP và Giấy  phép\302\24012/2020/GP-BTTTT, Nghị quyết liên tịch số 5 và Nghị quyết 18-NQ/TW, Quốc lộ 1A, Km 12+300.')" "$(printf 'Hội nghị lần thứ 8, Hội nghị Trung ương 6 khóa XII, Đại hội XIII, Đại hội\vĐảng bộ tỉnh lần thứ 20, hotline: 0912345678, điện thoại (024) 3825 1234.')" "$(printf 'Giai đoạn 2021 - 2025, nhiệm kỳ 2020-2025, vụ 5 năm 2016 - 2020, công nghiệp 4.0 và kinh tế\f2.0.')" >"$d/in" && "$BIN/tag-numbers" "$d/in" >"$d/a" && CHISO_NO_PREFILTER=1 "$BIN/tag-numbers" "$d/in" >"$d/b" && cmp "$d/a" "$d/b" && grep '^num' "$d/a" | cut -f6,7,11; rc=$?; rm -rf "$d"; exit $rc
