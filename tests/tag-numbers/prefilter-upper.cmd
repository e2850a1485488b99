# A rule whose text after the digits may begin with an upper-case letter
# (or a literal) is still tried there: the same records with the start
# index as with every rule tried at every start (CHISO_NO_PREFILTER).
d=$(mktemp -d) && cp -r rules "$d/r" && sed -i 's/^spans:$/spans:\n  - name: lot-code\n    kind: identifier\n    case: true\n    pattern: '"'"'\\b\\d+\\s*(?:kg|\\p{Lu}{2,})\\b'"'"'/' "$d/r/numbers-spans.yaml" && printf 'sent\tt\t1\t1\t%s\n' 'Lô 12 ABC nặng 5 kg.' 'Lô 7ĐT và 30 HN.' >"$d/in" && "$BIN/tag-numbers" -r "$d/r" "$d/in" >"$d/a" && CHISO_NO_PREFILTER=1 "$BIN/tag-numbers" -r "$d/r" "$d/in" >"$d/b" && cmp "$d/a" "$d/b" && cut -f1,6,11 "$d/a" | grep '^num'; rc=$?; rm -rf "$d"; exit $rc
