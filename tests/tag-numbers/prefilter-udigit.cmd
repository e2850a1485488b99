# PCRE2's \d takes any Unicode digit (UCP), which the start index's digit
# positions (ASCII) leave out: in a sentence with a character its tables
# do not cover, no rule is ruled out by where its digits are.  The same
# records with the index as with every rule tried at every start.
d=$(mktemp -d) && printf 'sent\tt\t1\t1\t%s\n' 'Lô T１háng 5 kg.' 'Vào tháng ２ năm 2023 có 7 lô.' 'Mã XK٣ và 12 tấn.' >"$d/in" && "$BIN/tag-numbers" "$d/in" >"$d/a" && CHISO_NO_PREFILTER=1 "$BIN/tag-numbers" "$d/in" >"$d/b" && cmp "$d/a" "$d/b" && grep '^num' "$d/a" | cut -f6,7,11; rc=$?; rm -rf "$d"; exit $rc
