# GNU parallel on this machine gives the same rows as one serial run.
. "$T/batch/corpus.sh"
$BIN/chiso --no-header "$W"/docs/*.txt.gz | sort > "$O/serial.tsv" &&
find "$W/docs" -name '*.gz' | parallel -j2 -n8 $BIN/chiso --no-header | sort > "$O/parallel.tsv" &&
cmp "$O/serial.tsv" "$O/parallel.tsv" && echo "parallel -j2 -n8: same rows"
