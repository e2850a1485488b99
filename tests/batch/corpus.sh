# Sourced by the batch cases: a small generated crawl in $W (all three
# formats from the same documents), made once per test run.
W=${TMPDIR:-/tmp}/chiso-batch-$(id -u)
if [ ! -f "$W/MANIFEST" ]; then
	rm -rf "$W"
	python3 ../shared/bench/gen-corpus.py "$W" --mb 0.4 --seed 7 >/dev/null ||
	    exit 1
fi
# Each case's own outputs go to a directory of its own, so two test runs
# (make check, make asan) may share the crawl but never each other's files.
O=$(mktemp -d) || exit 1
trap 'rm -rf "$O"' EXIT
