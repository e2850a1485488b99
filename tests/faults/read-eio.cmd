for t in normalise segment emit-tsv; do $BIN/$t /proc/self/mem >/dev/null; echo "$t exit $?"; done 2>&1
