#!/bin/sh
# seeds.sh - (re)makes the seed corpora tests/fuzz/TARGET/ from the test
# cases and the bundled samples (never the evaluation seeds).  Run from
# the top of the tree after `make`; kept crashes (TARGET/crashes/) stay.
# Each seed is small (libFuzzer mutates small inputs best): one line,
# sentence or document per file.
set -eu
export CHISO_RULES=${CHISO_RULES:-rules}
B=${BIN:-bin}
F=tests/fuzz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# seed TARGET NAME: stdin becomes tests/fuzz/TARGET/NAME (empty skipped).
seed() {
	mkdir -p "$F/$1"
	cat >"$tmp/s"
	[ -s "$tmp/s" ] && mv "$tmp/s" "$F/$1/$2"
	return 0
}

# The streams between stages, from the samples and the tests' inputs.
for s in samples/*.txt samples/*.gz; do
	n=$(basename "$s" | sed 's/\..*//')
	$B/normalise "$s" >"$tmp/n" || true
	$B/segment "$tmp/n" >"$tmp/s1" || true
	$B/tag-numbers "$tmp/s1" >"$tmp/t" 2>/dev/null || cp "$tmp/s1" "$tmp/t"
	$B/classify-metric "$tmp/t" >"$tmp/c" 2>/dev/null || cp "$tmp/t" "$tmp/c"
	head -c 4000 "$tmp/n" | seed record "$n.line"
	head -c 4000 "$tmp/c" | seed record "$n.rows"
	head -c 3000 "$tmp/t" | gzip -n | seed record "$n.num.gz"
	# One text per line of the sample, for the text-level targets.
	i=0
	awk -F'\t' '$1 == "line" { print $4 }' "$tmp/n" | while IFS= read -r l; do
		i=$((i + 1))
		printf '%s' "$l" | seed segment "$n.$i"
	done
	gzip -dcf "$s" | head -c 3000 | seed textnorm "$n"
	awk -F'\t' '$1 == "sent" { print $5 }' "$tmp/s1" |
	    grep '[0-9]' | head -n 12 | while IFS= read -r l; do
		i=$((i + 1))
		printf '%s' "$l" | seed numbers "$n.$i"
	done
done
for in in tests/*/*.in; do
	[ -f "$in" ] || continue
	n=$(echo "$in" | sed 's|tests/||; s|/|-|; s|\.in$||')
	case $n in fuzz-*|faults-*) continue ;; esac
	head -c 4000 "$in" | seed record "$n"
	awk -F'\t' '$1 == "line" { print $4 } $1 == "sent" { print $5 }' "$in" |
	    head -c 2000 | seed segment "$n"
	awk -F'\t' '$1 == "sent" { print $5 }' "$in" | grep '[0-9]' |
	    head -n 1 | tr -d '\n' | seed numbers "$n"
done
# Text the normaliser must handle: decomposed marks, old-style tones,
# odd spaces and quotes, control characters, invalid UTF-8.
printf 'Ho\314\201a th\306\260\314\211y \342\200\234qu\303\275\342\200\235\302\240\342\200\213x\tY\r' | seed textnorm decomposed
printf 'ho\303\241 thu\341\273\267 \342\200\224 \357\273\277\001z \300\257 \355\240\200 \364\220\200\200 \342\202' | seed textnorm invalid
# Numbers in the forms the guidelines list.
printf '%s\n' 'gần 51 nghìn tỷ đồng, tăng 8,39% so với cùng kỳ' \
    'từ 1.200 đến 1.500 doanh nghiệp, khoảng 3-4 triệu USD' \
    'ngày 20/1/2020, quý I/2024, 6 tháng đầu năm 2023' \
    'hơn hai mươi lăm nghìn lượt khách, tăng 1,5 lần' |
while IFS= read -r l; do
	i=$(printf '%s' "$l" | cksum | cut -c1-8)
	printf '%s' "$l" | seed numbers "guide-$i"
done

# normalise's inputs, behind the byte that picks format and limits
# (fuzz_docsrc.c): as detected, and forced with tiny limits.
for f in tests/normalise/data/* samples/*; do
	[ -f "$f" ] || continue
	n=${f##*/}
	head -c 6000 "$f" | { printf '\000'; cat; } | seed docsrc "$n"
	case $n in
	*.wet*) k=6 ;; *.jsonl*) k=7 ;; *) k=5 ;;
	esac
	head -c 3000 "$f" | { printf "\\$(printf '%03o' $k)"; cat; } |
	    seed docsrc "$n.small"
done

# The rule files, each behind the byte that selects it (fuzz_rules.c).
i=0
for f in segment normalise numbers numbers-spans metrics context periods \
    provinces; do
	{ printf "\\$(printf '%03o' $i)"; cat "rules/$f.yaml"; } | seed rules "$f"
	i=$((i + 1))
done
for f in tests/*/badrules/*.yaml; do
	[ -f "$f" ] || continue
	case ${f##*/} in segment.yaml) k=0 ;; normalise.yaml) k=1 ;;
	numbers.yaml) k=2 ;; metrics.yaml) k=4 ;; *) continue ;; esac
	{ printf "\\$(printf '%03o' $k)"; cat "$f"; } |
	    seed rules "bad-$(echo "$f" | tr / -)"
done
