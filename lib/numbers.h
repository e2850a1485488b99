/*
 * numbers.h - the Vietnamese number reader behind tag-numbers.
 *
 * Given a sentence's bytes, numbers_read() lists the numbers it mentions,
 * each with a kind, an exact value, a unit, an approximation cue and
 * flags, in order of their start offset.  The meanings of the fields are
 * the `num` record's (lib/record.h, README): kinds quantity, percent,
 * count, date, time, year, period, identifier, ordinal, fraction, idiom,
 * other; values as plain decimals in base units (never through binary
 * floating point, see decimal.h) or ISO 8601 texts for dates and periods.
 *
 * Everything a rule author may change is read from the rules directory:
 * numbers.yaml (words: scales, spelled digits, units, cues, connectors)
 * and every numbers-*.yaml in name order (span rules: PCRE2 patterns that
 * claim dates, years, periods, identifiers, ... before the number grammar
 * runs).  A broken file stops the program with file:line:col, exit 2.
 *
 * Reading is done in two passes: span rules claim their spans first, then
 * a small grammar reads digits, spelled numerals, scale words, units,
 * cues and ranges in what is left.  A sentence with no ASCII digit and no
 * trigger word (numbers.yaml) is skipped with one cheap scan.
 *
 * Ownership: numbers_load() returns a reader that numbers_free() frees.
 * numbers_read() fills an array owned by the reader, valid until its next
 * call; unit and approx strings are owned by the reader and live until
 * numbers_free().  After warm-up no call allocates.  The reader keeps no
 * state between sentences, and is not thread-safe (one per thread).
 */
#ifndef CHISO_NUMBERS_H
#define CHISO_NUMBERS_H

#include <stddef.h>

enum num_kind {
	NK_QUANTITY, NK_PERCENT, NK_COUNT, NK_DATE, NK_TIME, NK_YEAR,
	NK_PERIOD, NK_IDENTIFIER, NK_ORDINAL, NK_FRACTION, NK_IDIOM, NK_OTHER,
	NK_NONE			/* a span rule that claims text for no mention */
};

/* Flags, written comma-separated in this order by numbers_flags(). */
enum {
	NF_AMBIGUOUS = 1 << 0,	/* the separators allow another reading */
	NF_VAGUE = 1 << 1,	/* "hàng nghìn": no value */
	NF_RANGE_LO = 1 << 2,	/* "từ X đến Y", "X-Y" */
	NF_RANGE_HI = 1 << 3,
	NF_FROM = 1 << 4,	/* "từ X lên/xuống Y" */
	NF_TO = 1 << 5,
	NF_SCALED = 1 << 6,	/* a scale word (nghìn, triệu, tỷ) was read */
	NF_NOUN = 1 << 7,	/* unit (and scale) taken from a range partner */
	NF_SPELLED = 1 << 8,	/* written in words */
	NF_OVERFLOW = 1 << 9,	/* too large to write exactly: no value */
};

#define NUM_VALUE_MAX 160

struct num_mention {
	size_t start, end;		/* byte offsets into the sentence */
	enum num_kind kind;
	char value[NUM_VALUE_MAX];	/* "" when not applicable */
	const char *unit;		/* "" when none */
	const char *approx;		/* nearly|over|about|under or "" */
	unsigned flags;
};

struct numbers;

/* Loads the rules from rules_dir() (see rules.h). */
struct numbers *numbers_load(void);
void numbers_free(struct numbers *nr);

/*
 * Reads the sentence s[0..len) (any bytes; invalid UTF-8 is tolerated).
 * Returns the number of mentions and points *out at them.
 */
size_t numbers_read(struct numbers *nr, const char *s, size_t len,
    const struct num_mention **out);

/* The kind's name as written in a num record. */
const char *num_kind_name(enum num_kind k);

/* Writes flags as "a,b,c" ("" for none) into buf of size cap. */
void numbers_flags(unsigned flags, char *buf, size_t cap);

#endif
