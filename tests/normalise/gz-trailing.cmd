d=$(mktemp -d) && cd $d && { printf 'dòng một\n' | gzip -n; printf 'dòng hai\n' | gzip -n; printf '\0\0\0\0garbage'; } >t.txt.gz && $BIN/normalise t.txt.gz; rc=$?; cd / && rm -rf $d; exit $rc
