d=$(mktemp -d) && cd $d && { printf 'dòng một\n' | gzip; printf 'dòng hai\n\n' | gzip; printf 'dòng ba' | gzip; } >m.txt.gz && $BIN/normalise m.txt.gz && cd / && rm -rf $d
