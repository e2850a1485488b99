#!/bin/sh
# fuzz/run.sh - `make fuzz`: builds each fuzz/fuzz_TARGET.c with clang's
# libFuzzer, ASan and UBSan (library included, in build/fuzz/), and runs
# it for FUZZ_SECONDS (default 60) seconds, starting from the seeds in
# tests/fuzz/TARGET/ and the corpus grown by earlier runs
# (build/fuzz/corpus/TARGET/).  A crash, leak or timeout is kept as
# tests/fuzz/TARGET/crashes/KIND-HASH, which `make check` then replays
# (tests/fuzz/run.sh) until it is fixed.
#
#   FUZZ_TARGETS="numbers segment"   only these targets
#   FUZZ_SECONDS=600                 per target
#   FUZZ_FLAGS="-jobs=2 -workers=2"  more libFuzzer flags
#
# Exit status: 0 nothing found, 1 something found, 2 no clang or no build.
set -u

# All in a function, read whole before it runs: the script may be edited
# while a long run is going on.
main() {
	cd "$(dirname "$0")/.."
	secs=${FUZZ_SECONDS:-60}
	CLANG=${CLANG:-clang}
	if ! command -v "$CLANG" >/dev/null 2>&1; then
		echo "fuzz: clang is missing: libFuzzer comes with it." >&2
		echo "fuzz: install it with: sudo apt-get install clang" >&2
		return 2
	fi
	san="-fsanitize=address,undefined -fno-sanitize-recover=all"
	cflags="-O1 -g -fno-omit-frame-pointer $san"
	# The libraries the Makefile builds with (one list, there).
	pkgs=$(sed -n "s/^PKGS *= *//p" Makefile)

	# The library, instrumented for coverage, in its own tree.
	make -s BUILD=build/fuzz BIN=build/fuzz/bin CC="$CLANG" \
	    CFLAGS="$cflags -fsanitize=fuzzer-no-link" build/fuzz/libchiso.a ||
	    return 2

	found=0
	targets=${FUZZ_TARGETS:-$(ls fuzz/fuzz_*.c | sed 's|fuzz/fuzz_||; s|\.c$||')}
	for t in $targets; do
		src=fuzz/fuzz_$t.c
		exe=build/fuzz/fuzz_$t
		corpus=build/fuzz/corpus/$t
		art=build/fuzz/artifacts/$t
		mkdir -p "$corpus" "$art" "tests/fuzz/$t"
		# shellcheck disable=SC2046
		if ! "$CLANG" -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
		    -Ilib $(pkg-config --cflags $pkgs) $cflags -fsanitize=fuzzer \
		    -o "$exe" "$src" fuzz/fuzzlib.c build/fuzz/libchiso.a \
		    $(pkg-config --libs $pkgs) -lm -Wl,--wrap=exit; then
			# A target whose library half is not written yet.
			echo "fuzz: $t: does not build, skipped" >&2
			continue
		fi
		leaks=1
		grep -q 'fuzz: no-leak-check' "$src" && leaks=0
		# Rule files are the biggest inputs; lines and sentences are short.
		maxlen=8192
		[ "$t" = rules ] && maxlen=16384
		# Only what this run finds is kept: older artifacts may be fixed.
		touch "build/fuzz/$t.start"
		echo "fuzz: $t: $secs s" >&2
		# A target that leaks by design (fuzz.h) would outgrow the RSS limit
		# in a long run, so it runs in chunks of at most 20 s, each a fresh
		# process that starts from the corpus the last one grew.
		chunk=$secs
		[ $leaks = 0 ] && [ "$chunk" -gt 20 ] && chunk=20
		left=$secs
		: >"build/fuzz/$t.log"
		rc=0
		while [ "$left" -gt 0 ] && [ $rc -eq 0 ]; do
			[ "$chunk" -gt "$left" ] && chunk=$left
			# shellcheck disable=SC2086
			ASAN_OPTIONS=detect_leaks=$leaks CHISO_RULES=$(pwd)/rules \
			    "$exe" -max_total_time="$chunk" \
			    -max_len=$maxlen -timeout=10 -rss_limit_mb=2048 \
			    -detect_leaks=$leaks -print_final_stats=1 \
			    -artifact_prefix="$art/" ${FUZZ_FLAGS:-} \
			    "$corpus" "tests/fuzz/$t" >>"build/fuzz/$t.log" 2>&1
			rc=$?
			left=$((left - chunk))
		done
		awk -v t="$t" '/^stat::number_of_executed_units/ { n += $2 }
		    /^SUMMARY/ { print "fuzz: " t ": " $0 }
		    END { print "fuzz: " t ": " n " inputs run" }' \
		    "build/fuzz/$t.log" >&2
		new=$(find "$art" -type f -newer "build/fuzz/$t.start" \
		    \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \))
		if [ -n "$new" ] || [ $rc -ne 0 ]; then
			found=1
			echo "fuzz: $t: FOUND something (exit $rc), see build/fuzz/$t.log" >&2
			for f in $new; do
				mkdir -p "tests/fuzz/$t/crashes"
				cp "$f" "tests/fuzz/$t/crashes/" &&
				    echo "fuzz: $t: kept tests/fuzz/$t/crashes/${f##*/}" >&2
			done
		fi
	done
	return $found
}
main "$@"
exit $?
