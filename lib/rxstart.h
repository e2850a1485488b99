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
};

/* Reads pattern (PCRE2 syntax) into *out, which the caller frees. */
void rxstart_of(const char *pattern, struct rxstart *out);

/*
 * For a match that begins with a digit: what follows its first run of
 * digits, spaces skipped.  follow->any when the pattern does not say
 * (its first required item is more than digits, a digit may follow, an
 * alternation at the top).  Lets a digit be passed over unless the text
 * after it can go on as the pattern does.
 */
void rxstart_after_digits(const char *pattern, struct rxstart *follow);

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

void rxstart_free(struct rxstart *st);

#endif
