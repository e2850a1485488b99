# GNU parallel on this machine gives the same rows as one serial run.
. "$T/batch/corpus.sh"
$BIN/chiso --no-header "$W"/docs/*.txt.gz | sort > "$W/serial.tsv" &&
find "$W/docs" -name '*.gz' | parallel -j2 -n8 $BIN/chiso --no-header | sort > "$W/parallel.tsv" &&
cmp "$W/serial.tsv" "$W/parallel.tsv" && echo "parallel -j2 -n8: same rows"
