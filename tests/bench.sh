#!/bin/sh
# Speed benchmark of the chiso stages (`make bench`; never part of make check).
#
# Makes, or reuses, a generated crawl of BENCH_MB megabytes of text under
# bench-data/mbN/ with ../shared/bench/gen-corpus.py (WET file plus a folder
# of .txt.gz documents), then prints one table: gzip -dc on the WET file
# (the floor), each stage alone on its own input (normalise on the WET
# file, every later stage on the saved output of the one before), and the
# whole bin/chiso run on the WET file and on the docs folder (xargs -P2).
# Each figure is the median of BENCH_RUNS runs; MB/s is always megabytes of
# uncompressed article text (the MANIFEST's text_bytes) per wall second, so
# the rows compare directly.  Then the naive Python extractor on a smaller
# crawl, and both programs' F1 on the seed articles.
#
# Environment:
#   BENCH_MB=200        size of the crawl (20 gives a quicker run)
#   BENCH_RUNS=3        runs per row (the median is shown)
#   BENCH_NAIVE_MB=20   crawl size for the naive comparison (0: skip it)
#   BENCH_PROFILE=1     also print instructions/byte per stage and the hot
#                       spots (callgrind on a BENCH_PROFILE_MB=5 crawl);
#                       BENCH_PROFILE=only prints just that (make bench-profile)
#   BENCH_DATA=bench-data, BIN=bin
#
# Needs GNU time (/usr/bin/time: apt-get install time), python3, and for the
# profile valgrind (apt-get install valgrind).  The generator uses Debian's
# Vietnamese documentation as filler prose when installed (apt-get install
# maint-guide-vi manpages-vi), else the seeds' own sentences; the MANIFEST
# records which (filler_paragraphs), so compare runs on like data only.
set -u
BIN=${BIN:-bin}
MB=${BENCH_MB:-200}
RUNS=${BENCH_RUNS:-3}
NAIVE_MB=${BENCH_NAIVE_MB:-20}
PROFILE=${BENCH_PROFILE:-0}
PROFILE_MB=${BENCH_PROFILE_MB:-5}
DATA=${BENCH_DATA:-bench-data}
SHARED=${BENCH_SHARED:-../shared}
CHISO_RULES=${CHISO_RULES:-$(pwd)/rules}
LC_ALL=C.UTF-8
export CHISO_RULES LC_ALL
STAGES="normalise segment tag-numbers classify-metric emit-tsv"

die() { echo "bench: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "needs GNU time as /usr/bin/time (apt-get install time)"
command -v python3 >/dev/null || die "needs python3 to generate the crawl"
[ -f "$SHARED/bench/gen-corpus.py" ] || die "no $SHARED/bench/gen-corpus.py (set BENCH_SHARED)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# Time a snapshot of the programs, so that a rebuild of bin/ during the
# bench (others at work on the tree) cannot mix versions within one table;
# chiso finds its stages beside itself, so they all go together.
mkdir "$tmp/bin"
cp "$BIN"/* "$tmp/bin/" || die "no programs in $BIN (make all first)"
BIN=$tmp/bin

# built TOOL: true when bin/TOOL is the real program, not a placeholder
# (placeholders fail on --help).
built() { "$BIN/$1" --help >/dev/null 2>&1; }

# corpus N: makes bench-data/mbN unless it is complete (gen-corpus.py writes
# the MANIFEST last), and prints its directory.
corpus() {
	d=$DATA/mb$1
	if [ ! -f "$d/MANIFEST" ]; then
		rm -rf "$d"
		echo "bench: generating a $1 MB crawl in $d" >&2
		python3 "$SHARED/bench/gen-corpus.py" "$d" --mb "$1" \
		    --formats txt,wet >&2 || die "gen-corpus.py failed"
	fi
	echo "$d"
}

# text_bytes DIR: the uncompressed article text the crawl holds.
text_bytes() { sed -n 's/^text_bytes //p' "$1/MANIFEST"; }

# stage_inputs DIR: runs the pipeline once, untimed, keeping every stage's
# output as DIR/work/STAGE.out, the next stage's input.  This also warms
# the page cache, so every timed run reads from memory.  Rebuilt on every
# bench since the stages and rules change.
stage_inputs() {
	w=$1/work
	mkdir -p "$w"
	cat "$1/crawl.warc.wet.gz" >/dev/null
	# normalise is also timed on the inflated (plain) WET: the same text without
	# the inflating that gzip -dc's row already measures.
	gzip -dc "$1/crawl.warc.wet.gz" >"$w/crawl.warc.wet"
	in=$1/crawl.warc.wet.gz
	for s in $STAGES; do
		rm -f "$w/$s.out"
		if built "$s" && [ -n "$in" ] &&
		    "$BIN/$s" "$in" >"$w/$s.out" 2>"$tmp/$s.err"; then
			in=$w/$s.out
		else
			[ -s "$tmp/$s.err" ] && sed "s/^/bench: $s: /" "$tmp/$s.err" | head -3 >&2
			rm -f "$w/$s.out"
			in=
		fi
	done
}

# input_of DIR STAGE: the file the stage reads ("" when its producer failed).
input_of() {
	prev=
	for s in $STAGES; do
		if [ "$s" = "$2" ]; then
			if [ -z "$prev" ]; then echo "$1/crawl.warc.wet.gz"
			elif [ -f "$1/work/$prev.out" ]; then echo "$1/work/$prev.out"
			fi
			return
		fi
		prev=$s
	done
}

# timed N CMD: runs the shell command N times and prints the medians of
# "wall user+sys maxrss_kB", or "FAIL rc" when a run fails.  GNU time
# reports the whole process tree: CPU summed over it, peak RSS of its
# largest process (not the sum: a pipeline's stages each stay small).
timed() {
	n=$1; shift
	: >"$tmp/times"
	i=0
	while [ "$i" -lt "$n" ]; do
		if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/t1" sh -c "$1" \
		    >/dev/null 2>"$tmp/err"; then
			echo "FAIL"
			sed 's/^/bench:   /' "$tmp/err" | head -3 >&2
			return
		fi
		tail -n 1 "$tmp/t1" >>"$tmp/times"
		i=$((i + 1))
	done
	for c in 1 cpu 4; do
		case $c in
		cpu) awk '{ print $2 + $3 }' "$tmp/times" ;;
		*) awk -v c="$c" '{ print $c }' "$tmp/times" ;;
		esac | sort -n | awk '{ v[NR] = $1 } END { printf "%s ", v[int((NR + 1) / 2)] }'
	done
	echo
}

# row NAME BYTES BASE RESULT [speedup]: one table line.  The last column is
# the wall time over BASE's (gzip -dc), or with "speedup" BASE's over it.
row() {
	inv=${5:-}
	# shellcheck disable=SC2086 # RESULT is split into its figures on purpose
	set -- "$1" "$2" "$3" $4
	if [ "$4" = FAIL ] || [ "$4" = - ]; then
		printf '| %-28s | %8s | %8s | %8s | %8s | %7s |\n' "$1" "$4" - - - -
		return
	fi
	awk -v name="$1" -v bytes="$2" -v base="$3" -v wall="$4" -v cpu="$5" -v rss="$6" \
	    -v inv="$inv" 'BEGIN {
		mbs = wall > 0 ? bytes / 1e6 / wall : 0
		if (inv == "")
			ratio = base > 0 ? sprintf("%.2f", wall / base) : "-"
		else
			ratio = wall > 0 ? sprintf("%.0f", base / wall) : "-"
		printf "| %-28s | %8.2f | %8.1f | %8.2f | %8.1f | %7s |\n",
		    name, wall, mbs, cpu, rss / 1024, ratio
	}'
}

machine() {
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
	echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr)," \
	    "$(${CC:-cc} --version 2>/dev/null | head -n 1); $(date -u '+%Y-%m-%d %H:%M UTC')"
}

# table N: the main table on an N MB crawl.
table() {
	d=$(corpus "$1")
	bytes=$(text_bytes "$d")
	docs=$(sed -n 's/^documents //p' "$d/MANIFEST")
	stage_inputs "$d"
	wet=$d/crawl.warc.wet.gz
	echo
	echo "Crawl: $d, $docs documents, $bytes bytes of text" \
	    "(WET $(du -k "$wet" | cut -f1) kB gzipped); median of $RUNS runs."
	echo
	echo "| what                         |   wall s |     MB/s |    CPU s |   RSS MB | × gzip |"
	echo "|------------------------------|---------:|---------:|---------:|---------:|--------:|"
	res=$(timed "$RUNS" "gzip -dc '$wet'")
	floor=$(echo "$res" | awk '{ print $1 }')
	[ "$floor" = FAIL ] && floor=0
	row "gzip -dc (WET)" "$bytes" "$floor" "$res"
	for s in $STAGES; do
		in=$(input_of "$d" "$s")
		if built "$s" && [ -n "$in" ]; then
			res=$(timed "$RUNS" "'$BIN/$s' '$in'")
		else
			res=-
		fi
		row "$s alone" "$bytes" "$floor" "$res"
		echo "$s $res" >>"$tmp/stages"
		[ "$s" = normalise ] || continue
		if built "$s"; then
			res=$(timed "$RUNS" "'$BIN/$s' '$d/work/crawl.warc.wet'")
		else
			res=-
		fi
		row "$s alone (plain WET)" "$bytes" "$floor" "$res"
		echo "$s(plain) $res" >>"$tmp/stages"
	done
	if built chiso && built normalise; then
		res=$(timed "$RUNS" "'$BIN/chiso' '$wet'")
		echo "chiso $res" >>"$tmp/stages"
		row "chiso (WET)" "$bytes" "$floor" "$res"
		# The list is made beforehand: sort's RSS is not chiso's.
		find "$d/docs" -name '*.txt.gz' | sort >"$tmp/docs"
		res=$(timed "$RUNS" "xargs -P2 -n 1000 '$BIN/chiso' -H <'$tmp/docs'")
		row "chiso (txt.gz, xargs -P2)" "$bytes" "$floor" "$res"
	else
		row "chiso (WET)" "$bytes" "$floor" -
		row "chiso (txt.gz, xargs -P2)" "$bytes" "$floor" -
	fi
	targets "$bytes" "$floor"
}

# targets BYTES FLOOR: checks the issue's goals against the table's figures.
targets() {
	echo
	awk -v bytes="$1" -v floor="$2" '
	$2 == "FAIL" || $2 == "-" { miss[++m] = $1 " did not run"; next }
	$1 == "chiso" {
		r = $2 / floor
		printf "- chiso over WET: %.2f × gzip -dc (target ≤ 1.5): %s\n", r, (r <= 1.5 ? "met" : "MISSED")
		next
	}
	{
		mbs = bytes / 1e6 / $2
		if (mbs < 300) slow = slow sprintf(" %s %.0f MB/s (%.0f%% short);", $1, mbs, 100 * (1 - mbs / 300))
		if ($4 > 32 * 1024) fat = fat sprintf(" %s %.1f MB;", $1, $4 / 1024)
	}
	END {
		print "- each stage ≥ 300 MB/s: " (slow == "" ? "met" : "MISSED:" slow)
		print "- each stage ≤ 32 MB peak RSS: " (fat == "" ? "met" : "MISSED:" fat)
		for (i = 1; i <= m; i++) print "- " miss[i]
	}' "$tmp/stages"
	rm -f "$tmp/stages"
}

# naive N: bin/chiso against ../shared/bench/naive_extract.py, both on one
# core over the same N MB folder of documents, then both scored on the seeds.
naive() {
	d=$(corpus "$1")
	bytes=$(text_bytes "$d")
	nx=$SHARED/bench/naive_extract.py
	find "$d/docs" -name '*.txt.gz' | sort >"$tmp/list"
	echo
	echo "Naive extractor ($nx) against chiso, one process each, on the"
	echo "$(wc -l <"$tmp/list") documents ($bytes bytes of text) of $d/docs:"
	echo
	echo "| what                         |   wall s |     MB/s |    CPU s |   RSS MB | speed-up |"
	echo "|------------------------------|---------:|---------:|---------:|---------:|---------:|"
	# One run of the slow one is enough to show the order of magnitude.
	nres=$(timed 1 "xargs python3 '$nx' <'$tmp/list'")
	nwall=$(echo "$nres" | awk '{ print ($1 == "FAIL" ? 0 : $1) }')
	row "naive_extract.py" "$bytes" "$nwall" "$nres" speedup
	if built chiso && built normalise; then
		cres=$(timed "$RUNS" "xargs '$BIN/chiso' -H <'$tmp/list'")
		row "chiso" "$bytes" "$nwall" "$cres" speedup
		echo "$nres $cres" | awk '$1 != "FAIL" && $4 != "FAIL" && $4 > 0 {
			r = $1 / $4
			printf "\n- chiso is %.0f× faster than the naive extractor (target ≥ 50×): %s\n",
			    r, (r >= 50 ? "met" : "MISSED") }'
	else
		row "chiso" "$bytes" "$nwall" -
	fi
	echo
	echo "F1 on the seed articles ($SHARED/eval/score.py, loose / strict):"
	echo
	python3 "$nx" "$SHARED"/eval/seeds/*.txt >"$tmp/naive.tsv" 2>/dev/null
	echo "- naive_extract.py: $(score "$tmp/naive.tsv")"
	if built chiso && built normalise &&
	    "$BIN/chiso" "$SHARED"/eval/seeds/*.txt >"$tmp/chiso.tsv" 2>/dev/null; then
		echo "- chiso:            $(score "$tmp/chiso.tsv")"
	else
		echo "- chiso:            did not run"
	fi
}

# score TSV: the scorer's summary line without its label.
score() {
	python3 "$SHARED/eval/score.py" "$SHARED/eval/seeds.gold.tsv" "$1" 2>&1 |
	    tail -n 1 | sed 's/^summary: //'
}

# profile N: instructions per byte of text for each stage (and gzip -dc) on
# an N MB crawl, counted by callgrind, and each stage's top functions.
profile() {
	command -v valgrind >/dev/null || die "the profile needs valgrind (apt-get install valgrind)"
	d=$(corpus "$1")
	bytes=$(text_bytes "$d")
	stage_inputs "$d"
	echo
	echo "Instructions per byte of text (callgrind, $d, $bytes bytes; -O2 build):"
	echo
	echo "| what                         |  instructions |  per byte |"
	echo "|------------------------------|--------------:|----------:|"
	for s in gzip $STAGES; do
		if [ "$s" = gzip ]; then
			cmd="gzip -dc $d/crawl.warc.wet.gz"
		else
			in=$(input_of "$d" "$s")
			if ! built "$s" || [ -z "$in" ]; then
				printf '| %-28s | %13s | %9s |\n' "$s" - -
				continue
			fi
			cmd="$BIN/$s $in"
		fi
		# shellcheck disable=SC2086 # the command's words are split on purpose
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$s" $cmd \
		    >/dev/null 2>"$tmp/vg.err" || { printf '| %-28s | %13s | %9s |\n' "$s" FAIL -; continue; }
		ir=$(sed -n 's/^totals: *//p; s/^summary: *//p' "$tmp/cg.$s" | head -n 1 | awk '{ print $1 }')
		awk -v s="$s" -v ir="$ir" -v b="$bytes" 'BEGIN {
			printf "| %-28s | %13.0f | %9.1f |\n", s, ir, ir / b }'
	done
	command -v callgrind_annotate >/dev/null || return 0
	echo
	echo "Hot spots (self instructions of each function, share of the stage's):"
	for s in $STAGES; do
		[ -f "$tmp/cg.$s" ] || continue
		echo
		echo "$s:"
		callgrind_annotate --auto=no --threshold=100 "$tmp/cg.$s" 2>/dev/null | hotspots
	done
}

# hotspots: callgrind_annotate's function list to its top lines, with the
# nameless JIT code summed into one line.
hotspots() {
	awk '
	/file:function/ { on = 1; next }
	on && /^$/ { exit }
	on && /^ *[0-9,]+ +\( *[0-9.]+%\)/ {
		ir = $1; gsub(",", "", ir)
		fn = $0; sub(/^[^)]*\) +/, "", fn)
		obj = fn; sub(/^.* \[/, "", obj); sub(/\]$/, "", obj); sub(/^.*\//, "", obj)
		sub(/ \[[^]]*\]$/, "", fn); sub(/^.*\//, "", fn)
		# Code in no object is what PCRE2 JIT-compiled; nameless code
		# in a library is that library'"'"'s (such as zlib'"'"'s inflate).
		if (fn ~ /^\?\?\?:0x/)
			fn = obj == "???" ? "(PCRE2 JIT code)" : "(" obj ", no symbols)"
		cost[fn] += ir; total += ir
	}
	END { for (f in cost) printf "%d\t%s\n", cost[f], f }' |
	    sort -rn | head -n 8 |
	    awk -F '\t' -v all="$(sed -n 's/^totals: *//p; s/^summary: *//p' "$tmp/cg.$s" | head -n 1)" '
	    { printf "  %5.1f%%  %s\n", 100 * $1 / all, $2 }'
}

machine
case $PROFILE in
only) profile "$PROFILE_MB" ;;
*)
	table "$MB"
	[ "$NAIVE_MB" != 0 ] && naive "$NAIVE_MB"
	[ "$PROFILE" = 1 ] && profile "$PROFILE_MB"
	;;
esac
exit 0
