#!/bin/sh
# tests/fuzz/run.sh - replays the fuzz corpora: every seed and every kept
# crash under tests/fuzz/TARGET/ (and TARGET/crashes/) goes through the
# target fuzz/fuzz_TARGET.c, built here with plain cc and fuzz/replay.c
# against the library of the build under test ($BIN/../libchiso.a, or
# build/libchiso.a), with its sanitizer when it has one.  No clang, no
# libFuzzer: `make fuzz` (fuzz/run.sh) is what finds new inputs.
# Last line: "fuzz: N passed, N failed" (one count per input file).
set -u
cd "$(dirname "$0")/../.."
BIN=${BIN:-bin}
lib=${BIN%/}/../libchiso.a
[ -f "$lib" ] || lib=build/libchiso.a
CHISO_RULES=${CHISO_RULES:-$(pwd)/rules}
export CHISO_RULES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0

if [ ! -f "$lib" ]; then
	echo "fuzz: no $lib: run make first"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
# Build the replayers as the library was built, so a sanitizer build
# replays under its sanitizer.
san=
nm "$lib" 2>/dev/null | grep -q __asan_ && san="$san -fsanitize=address"
nm "$lib" 2>/dev/null | grep -q __ubsan_ && san="$san -fsanitize=undefined"
# The libraries the Makefile builds with (one list, there).
pkgs=$(sed -n "s/^PKGS *= *//p" Makefile)

for dir in tests/fuzz/*/; do
	t=$(basename "$dir")
	src=fuzz/fuzz_$t.c
	[ -f "$src" ] || continue
	set -- "$dir"* "$dir"crashes/*
	files=
	for f; do [ -f "$f" ] && files="$files $f"; done
	[ -n "$files" ] || continue
	# shellcheck disable=SC2046,SC2086
	if ! ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	    -Ilib $(pkg-config --cflags $pkgs) -g -O1 $san \
	    -o "$tmp/$t" "$src" fuzz/fuzzlib.c fuzz/replay.c "$lib" \
	    $(pkg-config --libs $pkgs) -lm -Wl,--wrap=exit 2>"$tmp/cc"; then
		cat "$tmp/cc"
		echo "FAIL fuzz/$t: does not build"
		fail=$((fail + 1))
		continue
	fi
	# A target whose inputs may make the library exit (see fuzz/fuzz.h)
	# leaks by design.
	ASAN_OPTIONS=
	grep -q 'fuzz: no-leak-check' "$src" && ASAN_OPTIONS=detect_leaks=0
	export ASAN_OPTIONS
	# All inputs in one process; only on failure one process per input,
	# to name the ones that fail.
	# shellcheck disable=SC2086
	if "$tmp/$t" $files >/dev/null 2>"$tmp/err"; then
		pass=$((pass + $(echo $files | wc -w)))
		continue
	fi
	for f in $files; do
		if "$tmp/$t" "$f" >/dev/null 2>"$tmp/err"; then
			pass=$((pass + 1))
		else
			echo "FAIL fuzz/$t: $f"
			grep -v ' ok$' "$tmp/err" | head -n 20
			fail=$((fail + 1))
		fi
	done
done
echo "fuzz: $pass passed, $fail failed"
[ $fail -eq 0 ]
