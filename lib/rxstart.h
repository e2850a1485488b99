/*
 * rxstart.h - how a match of a pattern can begin, read from its text.
 *
 * A rule engine that tries many patterns at many places spends most of
 * its time in PCRE2 calls that fail at once.  rxstart_of() reads a
 * pattern's source and says what a match must begin with: one of a few
 * literal strings, an ASCII digit, an upper-case letter, or (when the
 * pattern does not say) anything.  Testing that against the text costs
 * a byte compare or two, so the engine calls PCRE2 only where a match
 * can start.
 *
 * The answer is a superset: no place where the pattern matches is ever
 * ruled out.  Literals are given as written; for a caseless pattern
 * compare them lower-cased against lower-cased text.  Zero-width items
 * (\b, lookaround, anchors) are skipped, optional items add their own
 * beginnings to what follows them, and anything the reader does not know
 * (a class of letters, \p other than \p{Lu}, ., backreferences, verbs,
 * (?x)) gives "any".
 */
#ifndef CHISO_RXSTART_H
#define CHISO_RXSTART_H

#include <stdbool.h>
#include <stddef.h>

struct rxstart {
	bool any;		/* a match may begin with anything */
	bool digit;		/* or with an ASCII digit */
	bool upper;		/* or with an upper-case letter (\p{Lu}) */
	char **lit;		/* or with one of these strings */
	size_t nlit;
	/* rxstart_after_digits(), _after_first_digits() only: */
	size_t run_max;		/* the most digits the run has (SIZE_MAX:
				 * no bound) */
	size_t then_digits;	/* not 0: each of lit is one character,
				 * and after it (spaces passed) come at least
				 * this many digits */
};

/* Reads pattern (PCRE2 syntax) into *out, which the caller frees. */
void rxstart_of(const char *pattern, struct rxstart *out);

/*
 * rxstart_of(), with literals read on across white space: a ' ' in one
 * stands for a run of one or more white-space characters (\s with
 * Unicode properties) in the text, where the pattern has \s+, \s or ' '
 * ("năm\s+học" gives "năm học", not "năm").  Compare with a reader that
 * knows so (leadidx.h).
 */
void rxstart_of_joined(const char *pattern, struct rxstart *out);

/*
 * What follows the lead of a match, spaces skipped, when the pattern
 * begins (zero-width items aside) with a group of literal branches that
 * rxstart_of_joined() reads whole ("\b(?:Giấy\s+phép|Đơn)\s+(?:số|\d)":
 * "số" or a digit); else after->any.
 */
void rxstart_after_lead(const char *pattern, struct rxstart *after);

/*
 * For a match that begins with a digit: what follows its first run of
 * digits, spaces skipped.  follow->any when the pattern does not say
 * (its first required item is more than digits, a digit may follow, an
 * alternation at the top).  Lets a digit be passed over unless the text
 * after it can go on as the pattern does.
 */
void rxstart_after_digits(const char *pattern, struct rxstart *follow);

/*
 * For a match that begins anywhere: what follows the first run of digits
 * in it (as rxstart_after_digits()), when the pattern is one branch whose
 * first required item that is not zero-width and matches digits only is
 * preceded by items that can match no ASCII digit, so that run is the
 * first the text has after the match's start.  *prefix_max gets the most
 * bytes those items can take (SIZE_MAX: unbounded, or the pattern is not
 * so), *prefix_space whether they may take a white-space character (true
 * when the pattern is not so); SIZE_MAX, true and follow->any say nothing
 * is known.
 */
void rxstart_after_first_digits(const char *pattern, struct rxstart *follow,
    size_t *prefix_max, bool *prefix_space);

/*
 * For a pattern whose beginnings rxstart_of() cannot tell because it
 * opens with optional words and spaces ("(?:giai đoạn|từ năm)?\s*"
 * before a year): what the rest, which a match must have, begins with
 * (into core, any and upper never set), the most characters the optional
 * words can take (*chars; spaces not counted) and those words' letters
 * (*prefix, to free), so that a caller can check that none of them begins
 * the rest.  A match is then the words, then spaces, then the rest.
 * false (nothing to free) for any other pattern.
 */
bool rxstart_core(const char *pattern, struct rxstart *core, size_t *chars,
    char **prefix);

/*
 * For a match that begins with a digit (as rxstart_after_digits()): the
 * items right after its first run of digits, one by one, as long as each
 * takes ASCII characters that are no letters, told byte by byte: a
 * character, a class, \d or digits, a back reference to a group of one
 * such character (read as that group's class); each with the fewest and
 * most times it repeats.  Zero-width items are passed over; the first
 * item of any other sort ends the list (n 0: nothing known).  A superset
 * of the text a match has there: "\d{1,2}(?<sep>[/.-])\d{1,2}\k<sep>\d{4}"
 * gives [/.-] once, a digit once or twice, [/.-] once, a digit four
 * times.
 */
#define RXSHAPE_MAX 8

struct rxshape_step {
	unsigned char set[256 / 8];	/* the bytes it takes */
	size_t min, max;		/* max SIZE_MAX: no bound */
};

struct rxshape {
	size_t n;
	struct rxshape_step step[RXSHAPE_MAX];
};

void rxstart_shape(const char *pattern, struct rxshape *sh);

void rxstart_free(struct rxstart *st);

#endif
