/*
 * litreq.h - the literal text a match of a pattern cannot do without,
 * read from the pattern, and a case fold to test it against text.
 *
 * classify-metric tries some sixty patterns on every sentence (labels,
 * period expressions, cues), and most of them fail: a PCRE2 call that
 * fails still scans its whole subject.  litreq_of() reads a pattern's
 * source (as compiled, after textnorm) and lists what any match must
 * contain: a conjunction of "one of these strings" sets ("kim ngạch",
 * one of "-" or "đến", ...).  A memmem in a case-folded copy of the text
 * then rules the pattern out before PCRE2 is called.  Rule authors keep
 * writing plain patterns: nothing is declared by hand.
 *
 * The answer is a necessary condition, never more: literals under an
 * optional quantifier, in lookarounds, in classes or anything the reader
 * does not know are left out, and a pattern it cannot read (verbs,
 * conditionals, (?x), recursion) gets no requirement at all.
 *
 * Case: both the literals and the text go through litfold(), Unicode full
 * case folding (utf8proc), with dotted and dotless i folded to 'i'.
 * Characters that PCRE2 matches caselessly fold alike, so a caseless match
 * implies the folded literal is in the folded text; for a case-sensitive
 * pattern the test is merely looser.
 */
#ifndef CHISO_LITREQ_H
#define CHISO_LITREQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"

struct litreq;

/* The requirements of pattern; NULL when nothing is known (always run). */
struct litreq *litreq_of(const char *pattern);

/*
 * litreq_of(), for a pattern matched only against a subject that is the
 * text asked (a whole sentence, not a window of a longer subject): the
 * words a positive lookahead needs must then be in it too, and count.
 */
struct litreq *litreq_of_whole(const char *pattern);
void litreq_free(struct litreq *q);

/* Can a match lie in the folded text t[0..n)?  true for q == NULL. */
bool litreq_may(const struct litreq *q, const char *t, size_t n);

/*
 * The byte pairs of a folded text (hashed to 14 bits, the low 7 of each
 * byte: folded text has no upper-case ASCII, so lead bytes rarely share
 * a slot with a letter), built once per sentence: most literals are
 * ruled out by a few lookups instead of a memchr over the text per
 * literal.  A slot holds the stamp of the last text that had the pair,
 * so a new text needs no clearing.  The slot of bytes a, b is
 * (a & 0x7F) | (b & 0x7F) << 8: the pair as a little-endian 16-bit word
 * masked, one load and one AND a pair (half the table is never used).
 * Zero-initialise before the first litidx_build().
 */
struct litidx {
	uint16_t bg[1u << 15];
	uint16_t gen;
	uint64_t serial;	/* of the text built: never repeats, in
				 * any index */
};

void litidx_build(struct litidx *ix, const char *t, size_t n);

/* The slot of the byte pair u[0], u[1] (struct litidx): where the first
 * byte in memory is the lowest of a word, one 16-bit load. */
static inline unsigned
litidx_pair(const unsigned char *u)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint16_t v;

	memcpy(&v, u, 2);
	return v & 0x7F7Fu;
#else
	return (u[0] & 0x7Fu) | (u[1] & 0x7Fu) << 8;
#endif
}

/* Does ix's text hold the first, middle and last byte pairs of the
 * folded s[0..m)?  false: s is nowhere in it, and need not be searched
 * for.  Three lookups rule out most such literals; every pair costs
 * more than it saves. */
static inline bool
litidx_holds(const struct litidx *ix, const char *s, size_t m)
{
	const unsigned char *u = (const unsigned char *)s;

	return m < 2 || (ix->bg[litidx_pair(u)] == ix->gen &&
	    ix->bg[litidx_pair(u + (m - 2) / 2)] == ix->gen &&
	    ix->bg[litidx_pair(u + m - 2)] == ix->gen);
}

/* Is a[0..n) b[0..n)?  The rest of a literal after its head is a few
 * bytes: a loop inline costs less than the call to memcmp. */
static inline bool
lit_same(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* What a requirement remembers of the last indexed text it was asked
 * about (litreq_may_in()); the first member of every struct litreq. */
struct litreq_memo {
	uint64_t seen;		/* that text's litidx serial; 0 none */
	bool may;		/* false: a set has no literal in it at all */
};

/* Is q known to be ruled out of every part of ix's text?  Inline, as
 * most questions about a sentence end here once the first was asked. */
static inline bool
litreq_ruled_out(const struct litreq *q, const struct litidx *ix)
{
	const struct litreq_memo *m = (const void *)q;

	return q != NULL && m->seen == ix->serial && !m->may;
}

/* litreq_may() for t[0..n), a part of the text ix was built from (ix may
 * be NULL): a literal missing from the whole text is not searched for.
 * q remembers which of its literals the text holds (asked again of
 * another part, it is not looked up again). */
bool litreq_may_in(const struct litreq *q, const struct litidx *ix,
    const char *t, size_t n);
/* The same for a requirement asked once of ix's text (a label, of the
 * whole sentence; ix may be NULL): each literal's pairs are looked up
 * only while its set is undecided, and nothing is remembered.
 * litreq_may_in() ends in it where its memory does not help. */
bool litreq_may_once(const struct litreq *q, const struct litidx *ix,
    const char *t, size_t n);

/*
 * A gate: for each of a requirement's first sets, the first-tested pairs
 * (up to LITGATE_PAIRS) of each of its literals.  A text whose pair
 * index holds every key of none of a set's literals cannot hold the
 * set: litgate_may() rules out most texts in a few lookups, inline,
 * before litreq_may_in() is called at all (classify-metric asks every
 * label of every sentence with a figure).  A gate with no sets passes
 * everything.
 */
#define LITGATE_KEYS 8
#define LITGATE_SETS 4
#define LITGATE_PAIRS 4
struct litgate {
	/* key[k]: literal k's pairs, the last repeated if it has fewer */
	uint16_t key[LITGATE_KEYS][LITGATE_PAIRS];
	uint8_t end[LITGATE_SETS];	/* set g: key[end[g-1] (0) .. end[g]) */
	uint8_t n;			/* sets */
	/* A pair every text the gate passes holds (a set of one literal
	 * has one), tried first: most texts end there, in one lookup. */
	uint16_t must, must2;
	bool has_must;
};

void litgate_of(const struct litreq *q, struct litgate *g);

static inline bool
litgate_may(const struct litgate *g, const struct litidx *ix)
{
	unsigned k = 0;

	if (g->has_must && (ix->bg[g->must] != ix->gen ||
	    ix->bg[g->must2] != ix->gen))
		return false;
	for (unsigned s = 0; s < g->n; s++) {
		for (; k < g->end[s]; k++) {
			const uint16_t *kk = g->key[k];

			/* Written out: a loop here costs more than it saves. */
			if (ix->bg[kk[0]] == ix->gen && ix->bg[kk[1]] == ix->gen &&
			    ix->bg[kk[2]] == ix->gen && ix->bg[kk[3]] == ix->gen)
				break;
		}
		if (k == g->end[s])
			return false;
		k = g->end[s];
	}
	return true;
}

/* Can q (whose gate is g) be in ix's text at all?  What q remembers of
 * the text answers; else the gate, and a closed one is remembered: a
 * pattern asked of several windows of a sentence pays for its gate once. */
static inline bool
litreq_gate_may(const struct litreq *q, const struct litgate *g,
    const struct litidx *ix)
{
	/* The memory is no part of what q says: the cast writes to an
	 * object allocated as modifiable (litreq_of()). */
	struct litreq_memo *m = (void *)(uintptr_t)q;

	if (q == NULL || m->seen == ix->serial)
		return q == NULL || m->may;
	if (litgate_may(g, ix))
		return true;
	m->seen = ix->serial;
	m->may = false;
	return false;
}

/*
 * Folds s[0..len) into out (reset first).  If map is not NULL it gets
 * len + 1 entries: map[i] is the folded offset of the character holding
 * byte i (a continuation byte maps to the start of its character, so a
 * range cut inside a character drops that character), map[len] the end.
 */
void litfold(const char *s, size_t len, struct buf *out, uint32_t *map);

#endif
