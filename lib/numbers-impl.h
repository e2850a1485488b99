/*
 * numbers-impl.h - the number reader's insides, for numbers*.c only (users
 * include numbers.h): struct numbers, its rules loaded by numbers-load.c
 * and its scratch for the reading, numbers.c; the lower-case tables of
 * numbers-fold.c; and the helpers they share, inline where the reading
 * calls them for every sentence.
 */
#ifndef CHISO_NUMBERS_IMPL_H
#define CHISO_NUMBERS_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "decimal.h"
#include "leadidx.h"
#include "numbers.h"
#include "rules.h"
#include "rxstart.h"

/* ---------------------------------------------------------------- words */

/*
 * A word list entry, kept lower-cased and normalised like the text.  A
 * space in an entry matches any run of spaces; an entry must end where a
 * token of the text ends, so "ha" never matches inside "hai".
 */
struct phrase {
	char *s;
	size_t len;
	int ival;
	const char *sval;
	/* The entry's bytes before its first space, eight at most, as one
	 * word (and the mask of them): match_at() rules out most entries
	 * by one compare with the text (plist_sort() sets them). */
	uint64_t pre8, mask8;
};

/*
 * Entries are sorted by first byte and, within one first byte, longest
 * first, so a lookup reads only v[at[c]..at[c+1]) for the text's byte c
 * and the first entry that fits is the longest.
 */
struct plist {
	struct phrase *v;
	size_t n;
	unsigned char first[32];	/* first bytes of the entries */
	size_t at[257];
};

/* Values of a spelled-digit entry's ival beyond the digit itself. */
enum { SP_INNER = 1 << 8, SP_NOTALONE = 1 << 9 };

/* What must come after a run of digits and spaces: one of the literals
 * v[0..n), folded; n 0: anything.  With literals, the run has at most
 * run_max digits, and with then_digits each literal is one character
 * that that many digits or more follow, spaces passed (rxstart.h). */
struct follow {
	struct phrase *v;
	size_t n;
	uint8_t first[256 / 8];	/* their first bytes */
	size_t run_max;
	size_t then_digits;
	bool digit;		/* after_lead only: or a digit */
};

struct span_rule {
	enum num_kind kind;
	enum { B_NONE, B_DATE, B_TIME, B_YTD, B_TAIL, B_QUARTER, B_SPAN,
	    B_NUMBER, B_ORDINAL, B_FRACTION, B_TEXT } build;
	struct rx *rx, *before, *after, *unless_before, *unless_after;
	bool digitless;
	/* Its matches begin where it is tried (no m group, no \K): at a
	 * start inside a claim, a match would overlap it (run_rule()). */
	bool starts_at_try;
	struct rx *anch;	/* the pattern anchored with \G */
	unsigned char first[32];	/* bytes a match can start with */
	bool any_start;		/* rxstart could not tell: try every start */
	struct follow follow;	/* at a digit: what must follow its digits
				 * (rxstart_after_digits) */
	/* At any other start: what must follow the first run of digits
	 * after it, which must begin within pre_max bytes of it
	 * (rxstart_after_first_digits); pre_max SIZE_MAX: not known. */
	struct follow lfollow;
	/* What follows a lead of it (rxstart_after_lead): literals, or a
	 * digit; none: anything. */
	struct follow after_lead;
	size_t pre_max;
	bool pre_space;		/* and whether they may take white space */
	/* At a digit, what the text right after its run must be, item by
	 * item (rxstart_shape), of which the first shape_upto can be read
	 * greedily (shape_fits()); 0: nothing known. */
	struct rxshape shape;
	size_t shape_upto;
	size_t reach;		/* a digit must follow within this many bytes */
	const char *unit;
	int g_m0, g_y, g_y2, g_m, g_d, g_h, g_mi, g_q, g_n, g_num, g_den;
};

/*
 * The words a mention can begin with: the first word of every entry of
 * the lists read_mention() tries first.  A word of the text that is not
 * in the set starts no mention, which one hash lookup tells, where the
 * lists themselves would cost a dozen lookups.
 */
#define SKETCH_BITS 14

struct wordset {
	struct phrase *slot;		/* open addressing; s NULL: empty */
	size_t mask;
	/* By sketch(): a clear bit says no word of the set is like this
	 * one, which most words of a text are not, before any hashing.
	 * Sixty-four bits a word: a shift tells the bit, where a byte took
	 * two shifts and a mask. */
	uint64_t maybe[(1u << SKETCH_BITS) / 64];
};

/* A start (an index into starts) where rule may match. */
struct cand {
	uint32_t rule, k;
};

struct cue_guard {
	struct plist cues;
	struct rx *before, *after;
};

/* A token of the sentence, in the lower-cased copy. */
enum tt { TK_NUM, TK_WORD, TK_PUNCT, TK_CLAIM };

enum {
	NUM_PLAIN = 1,		/* digits only */
	NUM_LONE3 = 2,		/* one separator and three digits: grouped */
	NUM_BAD = 4,		/* separators that make no number */
	NUM_DEC_COMMA = 8,	/* uses ',' as the decimal point */
	NUM_DEC_DOT = 16,
	NUM_GRP_COMMA = 32,	/* uses ',' to group thousands */
	NUM_GRP_DOT = 64,
};

/* Only t, s, e and sp are set for every token (push_tok: most are words,
 * and clearing the whole token cost more than the rest of tokenise()); the
 * other fields are set, and read, only for the kinds named. */
struct tok {
	enum tt t;
	bool sp;		/* space before it */
	char sep;		/* TK_NUM with NUM_LONE3: the separator */
	int claim;		/* TK_CLAIM: index into claims */
	size_t s, e;
	unsigned nf;		/* TK_NUM: NUM_* */
	struct dec v, alt;	/* TK_NUM: the value; alt: LONE3 as decimal */
};

/*
 * What tokenise() will see, found by scan() in its one pass over the
 * sentence: the runs of letters, the runs of digits and the other
 * characters one by one; the bytes between them are spaces.  Claims and
 * number separators are applied by tokenise(), which so reads no
 * character again.
 */
enum { TC_WORD, TC_DIGIT, TC_PUNCT, TC_SPACE };

struct pre {
	uint32_t s, e;
	uint32_t t;		/* TC_WORD, TC_DIGIT or TC_PUNCT */
};

/* A span claimed by a span rule; mention is its index in out, or -1. */
struct claim {
	size_t s, e;
	enum num_kind kind;
	long mention;
};

/* A number read by the grammar, before it becomes a mention. */
struct pm {
	size_t ti, tj;		/* tokens [ti, tj) */
	size_t s, e;		/* bytes */
	size_t numtok;		/* the first number token, for ambiguity */
	struct dec v;
	int scale;		/* power of ten of the first scale words */
	bool hasv, scaled, vague, spelled, year, overflow, neg;
	int nwords, spflags;	/* a spelled number's words, SP_* of one */
	const char *unit;
	enum num_kind kind;
	const char *approx;
	unsigned flags;
};

struct numbers {
	struct ynode *trees[16];
	int ntrees;
	struct textnorm *tn;
	struct plist triggers, scales, digits, ten, tens, hundred, zero_tens,
	    half, point, signs, vague, units, prefix_units, cues, post_cues,
	    open, range, move;
	struct cue_guard *guards;
	size_t nguards;
	struct span_rule *rules;
	size_t nrules;
	/*
	 * What each span rule's matches begin with, folded like the text:
	 * a rule is tried at a start only where one of its leads begins, or
	 * a digit when its matches may begin with one.  A rule that needs
	 * a digit within reach is in leads_near only, which is asked only
	 * where a digit is that near (max_reach); leads_far holds the rest.
	 */
	struct leadidx leads_near, leads_far;
	struct leadidx trigger_at;	/* the triggers, as rule 0 */
	/*
	 * Where a trigger may be: each trigger has an anchor, the two bytes
	 * that end its last character beyond ASCII before its first space
	 * (the last two bytes there when it has none), at offset trig_off[]
	 * from its start (no white space comes before it, so the offset is
	 * the same wherever the trigger is).  has_trigger() skips bytes no
	 * anchor ends with by table (trig_tail: 1 an anchor's last byte, 2
	 * a one-byte trigger), asks the pair of the few that are
	 * (trig_pair: the offsets, as bits of trig_off, of the triggers it
	 * anchors), and only there looks for a trigger at those offsets
	 * back.  Most continuation bytes of Vietnamese text end no anchor,
	 * and ASCII letters none.
	 */
	uint8_t trig_tail[256];
	uint8_t trig_pair[65536];
#ifdef __SSE2__
	/* The bytes trig_tail marks, sixteen or fewer (repeated to fill
	 * sixteen: trig_vec_ok), each in every byte of a vector; trig_nvec
	 * of them, rounded up to eight or twelve, are compared. */
	__m128i trig_vec[16];
	bool trig_vec_ok;
	size_t trig_nvec;
#endif
	size_t trig_off[8], ntrig_off;
	bool trig_any_off;		/* more offsets than trig_off holds */
	size_t max_reach;
	struct leadhit *lead_hits;	/* scratch for leadidx_find() */
	uint32_t *digit_rules;		/* rules a digit may begin */
	/* The digit rules by the first byte after a run of digits and
	 * spaces: those whose follow (rxstart_after_digits) may begin with
	 * it, in rule order, digit_next[digit_next_at[c]..[c + 1]). */
	uint32_t *digit_next;
	size_t digit_next_at[257];
	uint32_t *upper_rules;		/* rules an upper-case letter may */
	size_t nupper_rules;
	bool upper_digitless;		/* one of them needs no digit */
	/*
	 * The first two bytes of a start where find_cands() may find
	 * anything: a lead (of leads_near where a digit is near, of
	 * leads_far elsewhere), a digit, or, when a rule tried there may
	 * begin with an upper-case letter, a character the folded copy
	 * leaves as it is (else it differs from the text there) that may be
	 * upper case: a two-byte one that is, every longer one.  Most
	 * starts fail one probe of pass_near (which holds pass_far), the
	 * rest not near a digit a probe of pass_far.
	 */
	uint64_t pass_near[65536 / 64], pass_far[65536 / 64];	/* as pair */
	struct wordset starters;
	/* The first bytes of a punctuation token a mention may begin with
	 * (of a cue, sign, prefix unit or vague word, and '-'): at any
	 * other, read_mention() finds nothing.  Sixty-four bits a word:
	 * asked of every punctuation token, a shift tells (punct_start()). */
	uint64_t punct_starts[256 / 64];
	/* No entry of those lists begins with '-': it begins a mention only
	 * as a minus sign, before a number written on. */
	bool dash_minus_only;
	size_t ndigit_rules;
	long year_min, year_max;
	unsigned between_kinds;		/* claim kinds allowed inside từ..lên */
	/* Per-sentence scratch, kept between calls so nothing allocates. */
	struct buf lower;
	struct num_mention *out;
	size_t nout, capout;
	struct tok *tok;
	size_t ntok, captok;
	/* The tokens a mention may begin at, in order (tokenise()): every
	 * number, a word of starters, punctuation of punct_starts; the
	 * grammar visits these only. */
	uint32_t *head;
	size_t nhead;
	unsigned num_uses;		/* the NUM_* of every TK_NUM in tok */
	struct claim *cl;
	size_t ncl, capcl;
	struct pm *pm;
	size_t npm, cappm;
	size_t *starts, nstarts, capstarts;
	struct pre *pre;
	size_t npre;
	size_t *digits_at, ndigits, capdigits;
	/* A digit beyond ASCII was seen (scan()): PCRE2's \d takes it, but
	 * the start index (digits_at, the digit rules, follows) knows only
	 * ASCII ones. */
	bool udigit;
	struct cand *cand;
	size_t ncand, capcand;
	uint32_t *cand_k;		/* cand's k, grouped by rule */
	size_t capcand_k;
	/* Rule r: cand_k[cand_at[r]..cand_end[r]) when its bit is set in
	 * cand_rules (cand_end counts its candidates before that, and is 0
	 * between sentences), so a sentence costs nothing for the rules
	 * with none.  any_rules: the rules tried at every start. */
	size_t *cand_at, *cand_end;
	uint64_t *cand_rules, *any_rules;
	size_t rule_words;
};

static inline bool
byte_in(const uint8_t *set, char c)
{
	unsigned char b = (unsigned char)c;

	return set[b >> 3] & (1u << (b & 7));
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* A cheap summary of a word: its first eight bytes or fewer, one load
 * and a mask, hashed to SKETCH_BITS bits (a word holds no NUL, so one of
 * fewer than eight bytes tells its length too).  Most Vietnamese words
 * are eight bytes or shorter, so a word of the set and one that is not
 * seldom share a bit: 3.2K words of seg.2m go on to the hash for 2.7K
 * starters (5.0K by the first two bytes, the last one and the length,
 * which took more instructions to put together).  Reads s[0..8)
 * whatever n is: the text and the words of the set have room after them
 * (SKETCH_PAD). */
#define SKETCH_PAD 8

static inline unsigned
sketch(const char *s, size_t n)
{
	static const uint64_t keep[9] = { 0, 0xFF, 0xFFFF, 0xFFFFFF,
	    0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF,
	    UINT64_MAX };
	uint64_t w;

	memcpy(&w, s, 8);
	w &= keep[n < 8 ? n : 8];
	return (unsigned)((w * 0x9E3779B97F4A7C15ULL) >> (64 - SKETCH_BITS));
}

/* Whether the set holds s[0..n) (numbers.c): out of line, for the few
 * words the sketch lets through. */
bool numbers_wordset_lookup(const struct wordset *ws, const char *s,
    size_t n);

/* Asked of every word of a sentence read: the sketch, inline, rules out
 * most. */
static inline bool
wordset_has(const struct wordset *ws, const char *s, size_t n)
{
	unsigned b = sketch(s, n);

	return (ws->maybe[b >> 6] >> (b & 63) & 1) &&
	    numbers_wordset_lookup(ws, s, n);
}

/* Whether a punctuation token beginning with c may begin a mention
 * (punct_starts). */
static inline bool
punct_start(const struct numbers *nr, char c)
{
	unsigned char b = (unsigned char)c;

	return nr->punct_starts[b >> 6] >> (b & 63) & 1;
}

/* ---------------------------------------------------------- lower-case */

/*
 * Tables for the characters Vietnamese text is made of (U+0000..U+024F,
 * the combining marks, U+1E00..U+1EFF), filled once from utf8proc: the
 * tokeniser asks "letter?" and "lower case?" for every character of every
 * sentence with a digit, and a table lookup is many times cheaper than
 * utf8proc's property search.  Other characters still go to utf8proc.
 */
extern unsigned char letter_lo[0x370], letter_hi[0x100];
/* scan()'s three answers for an ASCII byte in one load: its lower case,
 * its start_class << 8 and its tok_ascii << 16. */
extern uint32_t ascii_scan[128];
/* run_on()'s one load a byte in a run of letters: an ASCII letter's lower
 * case; the lead byte of a character the tables may cover, 1 of two bytes
 * (U+0080..U+037F), 2 of three (0xE1); 0 the end. */
extern unsigned char word_byte[256];
/* The same for the table characters (table_char()): the UTF-8 bytes of
 * the lower case after any lead byte (two for U+0080..U+036F, the last
 * two of three for U+1E00..U+1EFF), and the token class << 16. */
extern uint32_t fold_lo_enc[0x370], fold_hi_enc[0x100];

/* The lower-case tables and the fold (numbers-fold.c). */
void numbers_tables_init(void);
bool numbers_is_letter(int32_t cp);
size_t numbers_cp_at(const char *s, size_t len, size_t i, int32_t *cp);
bool numbers_is_udigit(const char *s, size_t len, size_t i);
size_t numbers_fold_char(const char *s, size_t len, size_t i, char *out);
void numbers_fold(const char *s, size_t len, struct buf *out);

/*
 * The character at u (n bytes left) when the tables cover it: returns 2
 * with *idx its index in letter_lo/lower_lo (U+0080..U+036F), or 3 with
 * *idx its index in letter_hi/lower_hi (U+1E00..U+1EFF); else 0.
 */
static inline size_t
table_char(const unsigned char *u, size_t n, int32_t *idx)
{
	if (u[0] >= 0xC2 && u[0] <= 0xCD && n >= 2 && (u[1] & 0xC0) == 0x80 &&
	    (*idx = (u[0] & 0x1F) << 6 | (u[1] & 0x3F)) < 0x370)
		return 2;
	if (u[0] == 0xE1 && n >= 3 && u[1] >= 0xB8 && u[1] <= 0xBB &&
	    (u[2] & 0xC0) == 0x80) {
		*idx = (u[1] & 3) << 6 | (u[2] & 0x3F);
		return 3;
	}
	return 0;
}

/*
 * Lower-cases the character at u (n bytes left) into o when the tables
 * cover it, with *tc its token class; returns its length, or 0 (then
 * nothing is written).
 */
static inline size_t
fold_table(const unsigned char *u, size_t n, unsigned char *o, unsigned *tc)
{
	int32_t x;
	uint32_t e;

	switch (table_char(u, n, &x)) {
	case 2:
		e = fold_lo_enc[x];
		o[0] = (unsigned char)e;
		o[1] = (unsigned char)(e >> 8);
		*tc = e >> 16;
		return 2;
	case 3:
		e = fold_hi_enc[x];
		o[0] = 0xE1;
		o[1] = (unsigned char)e;
		o[2] = (unsigned char)(e >> 8);
		*tc = e >> 16;
		return 3;
	}
	return 0;
}

/* The length of the letter at s[i], or 0 when it is none; Vietnamese
 * letters by table, the rest through utf8proc. */
static inline size_t
letter_len(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;
	int32_t cp;
	size_t n;

	if (u[0] < 0x80)
		return ((u[0] | 32) >= 'a' && (u[0] | 32) <= 'z');
	switch (n = table_char(u, len - i, &cp)) {
	case 2:
		return letter_lo[cp] ? 2 : 0;
	case 3:
		return letter_hi[cp] ? 3 : 0;
	}
	n = numbers_cp_at(s, len, i, &cp);
	return numbers_is_letter(cp) ? n : 0;
}

#endif
