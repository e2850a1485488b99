for t in segment tag-numbers classify-metric emit-tsv; do $BIN/$t tests/faults; echo "$t exit $?"; done 2>&1
