# The README's multi-machine recipe, with parallel's --ssh pointed at a
# local stand-in: files go over with --transferfile, rows come back with
# --return, --cleanup removes both on the "remote" side.
. "$T/batch/corpus.sh"
export FAKE_SSH_HOME="$O/remote"
rm -rf "$FAKE_SSH_HOME" "$O/back" && mkdir -p "$FAKE_SSH_HOME" "$O/back" &&
cp "$W"/docs/doc000000[0-9].txt.gz "$O/back/" &&
cd "$O/back" &&
ls *.txt.gz | parallel --ssh "$T/batch/fake-ssh" -S 1/fakehost \
    --transferfile {} --return {}.tsv --cleanup \
    "$BIN/chiso --no-header {} > {}.tsv" &&
cat *.tsv | sort > "$O/ssh.tsv" &&
$BIN/chiso --no-header doc000000[0-9].txt.gz | sort > "$O/local.tsv" &&
cmp "$O/ssh.tsv" "$O/local.tsv" &&
echo "returned: $(ls *.tsv | wc -l | tr -d ' ') files, same rows" &&
echo "left on the remote side: $(find "$FAKE_SSH_HOME" -name '*.gz' -o -name '*.tsv' | wc -l | tr -d ' ') files"
