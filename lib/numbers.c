/* numbers.c - see numbers.h. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "decimal.h"
#include "err.h"
#include "leadidx.h"
#include "numbers.h"
#include "rules.h"
#include "rxstart.h"
#include "textnorm.h"

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
	 * one, which most words of a text are not, before any hashing. */
	uint8_t maybe[(1u << SKETCH_BITS) / 8];
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
	uint8_t pass_near[65536 / 8], pass_far[65536 / 8];
	struct wordset starters;
	/* The first bytes of a punctuation token a mention may begin with
	 * (of a cue, sign, prefix unit or vague word, and '-'): at any
	 * other, read_mention() finds nothing. */
	uint8_t punct_starts[256 / 8];
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

static const char *const kind_names[] = {
	"quantity", "percent", "count", "date", "time", "year", "period",
	"identifier", "ordinal", "fraction", "idiom", "other", "none",
};

const char *
num_kind_name(enum num_kind k)
{
	return kind_names[k];
}

static enum num_kind
kind_from(const struct ynode *n)
{
	const char *s = ystr(n, "a kind");

	for (size_t i = 0; i < sizeof(kind_names) / sizeof(*kind_names); i++)
		if (strcmp(s, kind_names[i]) == 0)
			return (enum num_kind)i;
	ydie(n, "unknown kind '%s'", s);
}

void
numbers_flags(unsigned flags, char *buf, size_t cap)
{
	static const char *const names[] = { "ambiguous", "vague",
	    "range_lo", "range_hi", "from", "to", "scaled", "noun",
	    "spelled", "overflow" };
	size_t n = 0;

	/* By hand, not snprintf: called for every mention written. */
	if (cap == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; flags >> i != 0 &&
	    i < sizeof(names) / sizeof(*names); i++) {
		size_t l;

		if (!(flags & (1u << i)))
			continue;
		l = strlen(names[i]);
		if (n + (n > 0) + l >= cap)
			return;
		if (n > 0)
			buf[n++] = ',';
		memcpy(buf + n, names[i], l + 1);
		n += l;
	}
}

/* ---------------------------------------------------------- lower-case */

/*
 * Tables for the characters Vietnamese text is made of (U+0000..U+024F,
 * the combining marks, U+1E00..U+1EFF), filled once from utf8proc: the
 * tokeniser asks "letter?" and "lower case?" for every character of every
 * sentence with a digit, and a table lookup is many times cheaper than
 * utf8proc's property search.  Other characters still go to utf8proc.
 */
static int32_t lower_lo[0x370], lower_hi[0x100];	/* see same_len_lower */
static unsigned char letter_lo[0x370], letter_hi[0x100];
/* What a byte is where a span match may start (scan()): 0 space, 1 a
 * letter (any byte of a character beyond ASCII), 2 digit, 3 other. */
static unsigned char start_class[256];
static unsigned char ascii_lower[128];
/* The token class (TC_*) of a character of the folded text: an ASCII
 * byte, and the table characters by the index of their original. */
static unsigned char tok_ascii[128], tok_lo[0x370], tok_hi[0x100];
/* scan()'s three answers for an ASCII byte in one load: its lower case,
 * its start_class << 8 and its tok_ascii << 16. */
static uint32_t ascii_scan[128];
/* run_on()'s one load a byte in a run of letters: an ASCII letter's lower
 * case; the lead byte of a character the tables may cover, 1 of two bytes
 * (U+0080..U+037F), 2 of three (0xE1); 0 the end. */
static unsigned char word_byte[256];
/* The same for the table characters (table_char()): the UTF-8 bytes of
 * the lower case after any lead byte (two for U+0080..U+036F, the last
 * two of three for U+1E00..U+1EFF), and the token class << 16. */
static uint32_t fold_lo_enc[0x370], fold_hi_enc[0x100];
static bool tables_done;

static size_t letter_len(const char *s, size_t len, size_t i);

/* The lower case of cp where its UTF-8 has the same length, else cp:
 * fold() keeps offsets. */
static int32_t
same_len_lower(int32_t cp)
{
	utf8proc_uint8_t a[4], b[4];
	int32_t lc = utf8proc_tolower(cp);

	return utf8proc_encode_char(lc, b) == utf8proc_encode_char(cp, a) ?
	    lc : cp;
}

static bool
is_letter_slow(int32_t cp)
{
	if (cp < 0)
		return false;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		return true;
	default:
		return false;
	}
}

static void
tables_init(void)
{
	if (tables_done)
		return;
	for (int32_t c = 0; c < 0x370; c++) {
		lower_lo[c] = same_len_lower(c);
		letter_lo[c] = is_letter_slow(c);
	}
	for (int32_t c = 0; c < 0x100; c++) {
		lower_hi[c] = same_len_lower(0x1E00 + c);
		letter_hi[c] = is_letter_slow(0x1E00 + c);
	}
	for (int c = 0; c < 128; c++)
		ascii_lower[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	for (int c = 0; c < 128; c++)
		tok_ascii[c] = c == ' ' || c == '\t' || c == '\n' || c == '\r' ?
		    TC_SPACE : c >= '0' && c <= '9' ? TC_DIGIT :
		    (c | 32) >= 'a' && (c | 32) <= 'z' ? TC_WORD : TC_PUNCT;
	/* As tokenise() would read the folded character (is_space(),
	 * letter_len()). */
	for (int32_t c = 0x80; c < 0x370; c++) {
		char b[4];
		size_t n = (size_t)utf8proc_encode_char(lower_lo[c],
		    (utf8proc_uint8_t *)b);

		tok_lo[c] = n == 2 && (unsigned char)b[0] == 0xC2 &&
		    (unsigned char)b[1] == 0xA0 ? TC_SPACE :
		    letter_len(b, n, 0) > 0 ? TC_WORD : TC_PUNCT;
	}
	for (int32_t c = 0; c < 0x100; c++) {
		char b[4];
		size_t n = (size_t)utf8proc_encode_char(lower_hi[c],
		    (utf8proc_uint8_t *)b);

		tok_hi[c] = letter_len(b, n, 0) > 0 ? TC_WORD : TC_PUNCT;
	}
	for (int c = 0; c < 256; c++)
		start_class[c] = c == ' ' || c == '\t' ? 0 :
		    c >= '0' && c <= '9' ? 2 :
		    c >= 0x80 || ((c | 32) >= 'a' && (c | 32) <= 'z') ? 1 : 3;
	for (int c = 0; c < 128; c++)
		ascii_scan[c] = ascii_lower[c] | (uint32_t)start_class[c] << 8 |
		    (uint32_t)tok_ascii[c] << 16;
	for (int c = 0; c < 256; c++)
		word_byte[c] = c < 0x80 ? (tok_ascii[c] == TC_WORD ?
		    ascii_lower[c] : 0) : c >= 0xC2 && c <= 0xCD ? 1 :
		    c == 0xE1 ? 2 : 0;
	for (int c = 0; c < 0x370; c++)
		fold_lo_enc[c] = (0xC0u | (uint32_t)lower_lo[c] >> 6) |
		    (0x80u | (lower_lo[c] & 0x3F)) << 8 |
		    (uint32_t)tok_lo[c] << 16;
	for (int c = 0; c < 0x100; c++)
		fold_hi_enc[c] = (0x80u | ((uint32_t)lower_hi[c] >> 6 & 0x3F)) |
		    (0x80u | (lower_hi[c] & 0x3F)) << 8 |
		    (uint32_t)tok_hi[c] << 16;
	tables_done = true;
}

static bool
is_letter(int32_t cp)
{
	if (cp >= 0 && cp < 0x370)
		return letter_lo[cp];
	if (cp >= 0x1E00 && cp < 0x1F00)
		return letter_hi[cp - 0x1E00];
	return is_letter_slow(cp);
}

static int32_t
to_lower(int32_t cp)
{
	if (cp >= 0 && cp < 0x370)
		return lower_lo[cp];
	if (cp >= 0x1E00 && cp < 0x1F00)
		return lower_hi[cp - 0x1E00];
	return same_len_lower(cp);
}

/* Decodes the character at s[i]; returns its length, *cp = -1 if bad. */
static size_t
cp_at(const char *s, size_t len, size_t i, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t n = len - i;

	if (n == 0) {
		*cp = -1;
		return 1;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* The two- and three-byte forms, checked, by hand (the hot case). */
	if (u[0] >= 0xC2 && u[0] < 0xE0 && n >= 2 && (u[1] & 0xC0) == 0x80) {
		*cp = ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		return 2;
	}
	if (u[0] >= 0xE0 && u[0] < 0xF0 && n >= 3 && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80) {
		int32_t c = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) |
		    (u[2] & 0x3F);

		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
			*cp = c;
			return 3;
		}
	}
	utf8proc_ssize_t r = utf8proc_iterate(u, (utf8proc_ssize_t)n, cp);

	if (r <= 0) {
		*cp = -1;
		return 1;
	}
	return (size_t)r;
}

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

/* Whether the character at s[i] is a decimal digit beyond ASCII (what
 * PCRE2's \d takes with Unicode properties). */
static bool
is_udigit(const char *s, size_t len, size_t i)
{
	int32_t cp;

	cp_at(s, len, i, &cp);
	return cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
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

/*
 * Lower-cases the character at s[i] (not ASCII) into out[i..]; returns
 * its length.  A character whose lower case has another UTF-8 length is
 * kept as it is, so offsets in the copy are offsets in the sentence
 * (Vietnamese letters all keep their length).
 */
static size_t
fold_char(const char *s, size_t len, size_t i, char *out)
{
	const unsigned char *u = (const unsigned char *)s + i;
	unsigned char *o = (unsigned char *)out + i;
	int32_t cp;
	size_t n;
	unsigned tc;

	if ((n = fold_table(u, len - i, o, &tc)) > 0)
		return n;
	n = cp_at(s, len, i, &cp);
	/* to_lower() keeps the length, so the encoding fits in place. */
	if (cp >= 0 && to_lower(cp) != cp)
		utf8proc_encode_char(to_lower(cp), o);
	else
		memcpy(o, u, n);
	return n;
}

/* Lower-cases s into out byte for byte (see fold_char). */
static void
fold(const char *s, size_t len, struct buf *out)
{
	buf_reset(out);
	buf_grow(out, len + 1);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80)
			out->p[i++] = (char)ascii_lower[c];
		else
			i += fold_char(s, len, i, out->p);
	}
	out->len = len;
	out->p[len] = '\0';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ------------------------------------------------------------- loading */

static void
plist_add(struct numbers *nr, struct plist *l, const char *word, int ival,
    const char *sval)
{
	struct buf t = { 0 }, f = { 0 };

	/* Normalise words as the text is; but keep punctuation entries as
	 * written too ("–" as well as the "-" normalise makes of it), so a
	 * text that skipped normalise still reads. */
	bool letters = false;
	size_t wl = strlen(word);

	for (size_t i = 0; i < wl && !letters;) {
		int32_t cp;

		i += cp_at(word, wl, i, &cp);
		letters = is_letter(cp);
	}
	if (letters)
		textnorm_apply(nr->tn, word, strlen(word), &t, NULL);
	else
		buf_add(&t, word, strlen(word));
	/* Triggers are searched in the text as it is, so keep their case. */
	if (l == &nr->triggers)
		buf_add(&f, t.p ? t.p : "", t.len);
	else
		fold(t.p ? t.p : "", t.len, &f);
	buf_free(&t);
	if (f.len == 0) {
		buf_free(&f);
		return;
	}
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = (struct phrase){ .s = f.p, .len = f.len,
	    .ival = ival, .sval = sval };
}

static int
by_first_len_desc(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;
	unsigned char cx = (unsigned char)x->s[0], cy = (unsigned char)y->s[0];

	if (cx != cy)
		return cx < cy ? -1 : 1;
	return (x->len < y->len) - (x->len > y->len);
}

/* Longest entries first, so "đô la mỹ" is tried before "đô la". */
static void
plist_sort(struct plist *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), by_first_len_desc);
	memset(l->first, 0, sizeof(l->first));
	for (size_t i = 0; i < l->n; i++) {
		struct phrase *ph = &l->v[i];
		unsigned char c = (unsigned char)ph->s[0];
		size_t m = 0;

		l->first[c >> 3] |= (unsigned char)(1u << (c & 7));
		while (m < 8 && m < ph->len && ph->s[m] != ' ')
			m++;
		ph->pre8 = 0;
		memcpy(&ph->pre8, ph->s, m);
		ph->mask8 = m == 8 ? ~(uint64_t)0 : ((uint64_t)1 << 8 * m) - 1;
	}
	for (size_t b = 0, k = 0; b <= 256; b++) {
		while (k < l->n && (unsigned char)l->v[k].s[0] < b)
			k++;
		l->at[b] = k;
	}
}

/* A list given as a scalar or a sequence of scalars. */
static void
load_words(struct numbers *nr, struct plist *l, const struct ynode *n,
    int ival, const char *sval)
{
	if (n == NULL)
		return;
	if (n->type == Y_SCALAR) {
		plist_add(nr, l, n->str, ival, sval);
		return;
	}
	yexpect(n, Y_SEQ, "a list of words");
	for (size_t i = 0; i < n->n; i++)
		plist_add(nr, l, ystr(n->kids[i], "a word"), ival, sval);
}

/* A map of id: [words], each word carrying the id. */
static void
load_idmap(struct numbers *nr, struct plist *l, const struct ynode *n,
    int ival)
{
	if (n == NULL)
		return;
	yexpect(n, Y_MAP, "a map of id: [words]");
	for (size_t i = 0; i < n->n; i++)
		load_words(nr, l, n->kids[2 * i + 1], ival,
		    ystr(n->kids[2 * i], "an id"));
}

/* A map of word: integer. */
static void
load_intmap(struct numbers *nr, struct plist *l, const struct ynode *n,
    int lo, int hi)
{
	if (n == NULL)
		return;
	yexpect(n, Y_MAP, "a map of word: number");
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *v = n->kids[2 * i + 1];
		char *end;
		long x = strtol(ystr(v, "a number"), &end, 10);

		if (*end != '\0' || end == v->str || x < lo || x > hi)
			ydie(v, "expected a number from %d to %d", lo, hi);
		plist_add(nr, l, ystr(n->kids[2 * i], "a word"), (int)x, NULL);
	}
}

/* Marks the entries of l named in the list n with the bit flag. */
static void
mark_words(struct numbers *nr, struct plist *l, const struct ynode *n,
    int flag)
{
	struct plist tmp = { 0 };

	load_words(nr, &tmp, n, 0, NULL);
	for (size_t i = 0; i < tmp.n; i++) {
		bool found = false;

		for (size_t j = 0; j < l->n; j++)
			if (l->v[j].len == tmp.v[i].len &&
			    memcmp(l->v[j].s, tmp.v[i].s, tmp.v[i].len) == 0) {
				l->v[j].ival |= flag;
				found = true;
			}
		if (!found)
			ydie(n, "'%s' is not among the spelled digits",
			    tmp.v[i].s);
		free(tmp.v[i].s);
	}
	free(tmp.v);
}

/* Compiles a context pattern wrapped as wrap_pre P wrap_post. */
static struct rx *
ctx_rx(const struct ynode *n, const char *pre, const char *post,
    bool caseless)
{
	struct rx *rx;
	struct buf b = { 0 };

	if (n == NULL)
		return NULL;
	/* Compile it bare first, so a mistake is reported at its place. */
	rx_free(rx_compile(n, caseless));
	buf_printf(&b, "%s(?:%s)%s", pre, n->str, post);
	rx = rx_compile_str(b.p, caseless);
	rx->at = n;
	buf_free(&b);
	return rx;
}

static int
group(const struct rx *rx, const char *name)
{
	int g = pcre2_substring_number_from_name(rx->code,
	    (PCRE2_SPTR)name);

	return g > 0 ? g : -1;
}

/*
 * The bytes a match of the rule can start with, from PCRE2's own start
 * analysis, so the rule is tried only where it can match.  All bytes
 * when PCRE2 cannot tell.
 */
static void
first_bytes(struct span_rule *sr)
{
	uint32_t type = 0, unit = 0;
	const uint8_t *map = NULL;

	memset(sr->first, 0xff, sizeof(sr->first));
	if (pcre2_pattern_info(sr->rx->code, PCRE2_INFO_FIRSTCODETYPE,
	    &type) != 0)
		return;
	if (type == 1 && pcre2_pattern_info(sr->rx->code,
	    PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 0x80) {
		memset(sr->first, 0, sizeof(sr->first));
		sr->first[unit >> 3] |= (unsigned char)(1u << (unit & 7));
		/* Caseless: the other ASCII case may start it too. */
		if ((unit | 32) >= 'a' && (unit | 32) <= 'z') {
			unit ^= 32;
			sr->first[unit >> 3] |= (unsigned char)(1u << (unit & 7));
		}
	} else if (type == 0 && pcre2_pattern_info(sr->rx->code,
	    PCRE2_INFO_FIRSTBITMAP, &map) == 0 && map != NULL)
		memcpy(sr->first, map, sizeof(sr->first));
}

static void
load_spans(struct numbers *nr, const struct ynode *list)
{
	static const char *const keys[] = { "name", "kind", "value",
	    "pattern", "before", "after", "unless_before", "unless_after",
	    "digitless", "case", "unit", "note", "reach", NULL };
	static const char *const builds[] = { "none", "date", "time", "ytd",
	    "tail", "quarter", "span", "number", "ordinal", "fraction", "text",
	    NULL };

	if (list == NULL)
		return;
	yexpect(list, Y_SEQ, "a list of span rules");
	nr->rules = xrealloc(nr->rules, (nr->nrules + list->n) *
	    sizeof(*nr->rules));
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *r = list->kids[i], *p, *v;
		struct span_rule *sr = &nr->rules[nr->nrules++];
		bool caseless;

		memset(sr, 0, sizeof(*sr));
		yexpect(r, Y_MAP, "a span rule (a map)");
		ymap_check_keys(r, keys);
		if ((p = ymap_get(r, "pattern")) == NULL)
			ydie(r, "a span rule needs a pattern");
		if ((v = ymap_get(r, "kind")) == NULL)
			ydie(r, "a span rule needs a kind");
		sr->kind = kind_from(v);
		sr->build = B_NONE;
		if ((v = ymap_get(r, "value")) != NULL) {
			const char *s = ystr(v, "a value builder");
			int b;

			for (b = 0; builds[b] != NULL; b++)
				if (strcmp(builds[b], s) == 0)
					break;
			if (builds[b] == NULL)
				ydie(v, "unknown value builder '%s' (none, "
				    "date, time, ytd, tail, quarter, span, "
				    "number, ordinal, fraction, text)", s);
			sr->build = b;
		}
		caseless = !ymap_bool(r, "case", false);
		sr->rx = rx_compile(p, caseless);
		sr->before = ctx_rx(ymap_get(r, "before"), "", "\\z", caseless);
		sr->unless_before = ctx_rx(ymap_get(r, "unless_before"), "",
		    "\\z", caseless);
		sr->after = ctx_rx(ymap_get(r, "after"), "\\G", "", caseless);
		sr->unless_after = ctx_rx(ymap_get(r, "unless_after"), "\\G", "",
		    caseless);
		sr->digitless = ymap_bool(r, "digitless", false);
		sr->reach = (size_t)ymap_long(r, "reach", 48, 1, 1000);
		sr->anch = ctx_rx(p, "\\G", "", caseless);
		first_bytes(sr);
		sr->unit = ymap_str(r, "unit", "");
		sr->g_m0 = group(sr->rx, "m");
		sr->starts_at_try = sr->g_m0 < 0 &&
		    strstr(sr->rx->src, "\\K") == NULL;
		sr->g_y = group(sr->rx, "y");
		sr->g_y2 = group(sr->rx, "y2");
		sr->g_m = group(sr->rx, "mo");
		sr->g_d = group(sr->rx, "d");
		sr->g_h = group(sr->rx, "h");
		sr->g_mi = group(sr->rx, "mi");
		sr->g_q = group(sr->rx, "q");
		sr->g_n = group(sr->rx, "n");
		sr->g_num = group(sr->rx, "num");
		sr->g_den = group(sr->rx, "den");
	}
}

static void
load_main(struct numbers *nr, const struct ynode *root)
{
	static const char *const keys[] = { "triggers", "bare_year", "scales",
	    "spelled", "signs", "vague", "units", "prefix_units", "cues",
	    "post_cues", "cue_guards", "ranges", "spans", NULL };
	static const char *const spkeys[] = { "digits", "inner_only",
	    "not_alone", "ten", "tens", "hundred", "zero_tens", "half",
	    "point", NULL };
	static const char *const rkeys[] = { "open", "range", "move",
	    "between", NULL };
	static const char *const ukinds[] = { "quantity", "percent", "count",
	    NULL };
	const struct ynode *n, *sp;

	yexpect(root, Y_MAP, "a map");
	ymap_check_keys(root, keys);
	load_words(nr, &nr->triggers, ymap_get(root, "triggers"), 0, NULL);
	if ((n = ymap_get(root, "bare_year")) != NULL) {
		yexpect(n, Y_MAP, "a map with min and max");
		nr->year_min = ymap_long(n, "min", 1900, 0, 9999);
		nr->year_max = ymap_long(n, "max", 2100, 0, 9999);
	}
	load_intmap(nr, &nr->scales, ymap_get(root, "scales"), 1, 18);
	if ((sp = ymap_get(root, "spelled")) != NULL) {
		yexpect(sp, Y_MAP, "a map");
		ymap_check_keys(sp, spkeys);
		load_intmap(nr, &nr->digits, ymap_get(sp, "digits"), 0, 9);
		mark_words(nr, &nr->digits, ymap_get(sp, "inner_only"),
		    SP_INNER);
		mark_words(nr, &nr->digits, ymap_get(sp, "not_alone"),
		    SP_NOTALONE);
		load_words(nr, &nr->ten, ymap_get(sp, "ten"), 0, NULL);
		load_words(nr, &nr->tens, ymap_get(sp, "tens"), 0, NULL);
		load_words(nr, &nr->hundred, ymap_get(sp, "hundred"), 0, NULL);
		load_words(nr, &nr->zero_tens, ymap_get(sp, "zero_tens"), 0,
		    NULL);
		load_words(nr, &nr->half, ymap_get(sp, "half"), 0, NULL);
		load_words(nr, &nr->point, ymap_get(sp, "point"), 0, NULL);
	}
	load_words(nr, &nr->signs, ymap_get(root, "signs"), 0, NULL);
	load_words(nr, &nr->vague, ymap_get(root, "vague"), 0, NULL);
	if ((n = ymap_get(root, "units")) != NULL) {
		yexpect(n, Y_MAP, "a map of kind: {id: [words]}");
		ymap_check_keys(n, ukinds);
		load_idmap(nr, &nr->units, ymap_get(n, "quantity"), NK_QUANTITY);
		load_idmap(nr, &nr->units, ymap_get(n, "percent"), NK_PERCENT);
		load_idmap(nr, &nr->units, ymap_get(n, "count"), NK_COUNT);
	}
	load_idmap(nr, &nr->prefix_units, ymap_get(root, "prefix_units"),
	    NK_QUANTITY);
	load_idmap(nr, &nr->cues, ymap_get(root, "cues"), 0);
	load_idmap(nr, &nr->post_cues, ymap_get(root, "post_cues"), 0);
	if ((n = ymap_get(root, "cue_guards")) != NULL) {
		static const char *const gkeys[] = { "cues", "before", "after",
		    "note", NULL };

		yexpect(n, Y_SEQ, "a list of guards");
		/* Appended to: any numbers*.yaml may add guards. */
		nr->guards = xrealloc(nr->guards,
		    (nr->nguards + n->n) * sizeof(*nr->guards));
		memset(nr->guards + nr->nguards, 0, n->n * sizeof(*nr->guards));
		for (size_t i = 0; i < n->n; i++) {
			const struct ynode *g = n->kids[i];
			struct cue_guard *cg = &nr->guards[nr->nguards++];

			yexpect(g, Y_MAP, "a guard (a map)");
			ymap_check_keys(g, gkeys);
			load_words(nr, &cg->cues, ymap_get(g, "cues"), 0, NULL);
			if (cg->cues.n == 0)
				ydie(g, "a guard needs cues");
			cg->before = ctx_rx(ymap_get(g, "before"), "", "\\z",
			    true);
			cg->after = ctx_rx(ymap_get(g, "after"), "\\G", "", true);
		}
	}
	if ((n = ymap_get(root, "ranges")) != NULL) {
		const char **kinds;
		size_t nk;

		yexpect(n, Y_MAP, "a map");
		ymap_check_keys(n, rkeys);
		load_words(nr, &nr->open, ymap_get(n, "open"), 0, NULL);
		load_words(nr, &nr->range, ymap_get(n, "range"), 0, NULL);
		load_words(nr, &nr->move, ymap_get(n, "move"), 0, NULL);
		nk = ymap_strlist(n, "between", &kinds);
		for (size_t i = 0; i < nk; i++) {
			struct ynode fake = *ymap_get(n, "between");

			fake.type = Y_SCALAR;
			fake.str = (char *)kinds[i];
			nr->between_kinds |= 1u << kind_from(&fake);
		}
		free(kinds);
	}
	load_spans(nr, ymap_get(root, "spans"));
}

static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* A cheap summary of a word: its first two bytes, its last byte and its
 * length, in SKETCH_BITS bits.  Vietnamese words share their first two
 * bytes and length a lot ("nhà"/"nhé", "trên"/"trăm"): without the last
 * byte and with 12 bits, 20.3K words of seg.2m went on to the hash for
 * 2.7K starters, now 5.0K. */
static inline unsigned
sketch(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned x = (unsigned)u[0] << 24 | (n > 1 ? u[1] : 0) << 16 |
	    (unsigned)u[n - 1] << 8 | (unsigned)(n & 0xFF);

	return (x * 2654435761u) >> (32 - SKETCH_BITS);
}

static bool
wordset_lookup(const struct wordset *ws, const char *s, size_t n)
{
	for (size_t i = hash_bytes(s, n) & ws->mask; ws->slot[i].s != NULL;
	    i = (i + 1) & ws->mask)
		if (ws->slot[i].len == n && memcmp(ws->slot[i].s, s, n) == 0)
			return true;
	return false;
}

/* Asked of every word of a sentence read: the sketch, inline, rules out
 * most. */
static inline bool
wordset_has(const struct wordset *ws, const char *s, size_t n)
{
	unsigned b = sketch(s, n);

	return (ws->maybe[b >> 3] & (1u << (b & 7))) &&
	    wordset_lookup(ws, s, n);
}

/* The leading run of letters of an entry: the word a text token must be
 * for the entry to match there (tokenise() splits the text so). */
static size_t
first_word(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		int32_t cp;
		size_t n = cp_at(s, len, i, &cp);

		if (!is_letter(cp))
			break;
		i += n;
	}
	return i;
}

static void
index_starters(struct numbers *nr)
{
	const struct plist *lists[] = { &nr->cues, &nr->signs,
	    &nr->prefix_units, &nr->vague, &nr->digits, &nr->ten };
	struct wordset *ws = &nr->starters;
	size_t n = 0, cap = 16;

	for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++)
		n += lists[i]->n;
	while (cap < 2 * n)
		cap *= 2;
	ws->slot = xcalloc(cap, sizeof(*ws->slot));
	ws->mask = cap - 1;
	for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++)
		for (size_t j = 0; j < lists[i]->n; j++) {
			const struct phrase *ph = &lists[i]->v[j];
			size_t w = first_word(ph->s, ph->len), h;

			if (w == 0 || wordset_has(ws, ph->s, w))
				continue;
			h = sketch(ph->s, w);
			ws->maybe[h >> 3] |= (uint8_t)(1u << (h & 7));
			for (h = hash_bytes(ph->s, w) & ws->mask;
			    ws->slot[h].s != NULL; h = (h + 1) & ws->mask)
				;
			ws->slot[h] = (struct phrase){ .s = ph->s, .len = w };
		}
}

/* Reads follow st (freed) into f, folded like the text; digit_ok: f may
 * say "or a digit". */
static void
follow_of(struct follow *f, struct rxstart *st, bool off, struct buf *low,
    bool digit_ok)
{
	/* The follow list holds literals only: a pattern that may go on
	 * with a digit or an upper-case letter is not filtered. */
	st->any |= off || (st->digit && !digit_ok) || st->upper;
	f->digit = !st->any && st->digit;
	f->run_max = st->run_max;
	f->then_digits = st->then_digits;
	for (size_t j = 0; !st->any && j < st->nlit; j++) {
		fold(st->lit[j], strlen(st->lit[j]), low);
		f->v = xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
		f->v[f->n++] = (struct phrase){
		    .s = xstrndup(low->p, low->len), .len = low->len };
		f->first[(unsigned char)low->p[0] >> 3] |=
		    (uint8_t)(1u << ((unsigned char)low->p[0] & 7));
	}
	rxstart_free(st);
}

/* Sets pass (struct numbers: pass_near, pass_far) from the leads of li
 * and digits, and upper case when upper. */
static void
build_pass(uint8_t *pass, const struct leadidx *li, bool upper)
{
	memcpy(pass, li->pair, 65536 / 8);
	for (unsigned c0 = 0; c0 < 256; c0++) {
		if (is_digit((char)c0) || (upper && c0 >= 0xE0))
			memset(pass + c0 * 32, 0xff, 32);
		else if (upper && c0 >= 0xC2)
			/* A two-byte character: its pair tells it all. */
			for (unsigned c1 = 0x80; c1 < 0xC0; c1++)
				if (utf8proc_category((int32_t)((c0 & 0x1F) <<
				    6 | (c1 & 0x3F))) == UTF8PROC_CATEGORY_LU)
					pass[(c0 << 8 | c1) >> 3] |=
					    (uint8_t)(1u << (c1 & 7));
	}
}

/*
 * Reads rule r's shape (rxstart_shape) where it tells something: its first
 * item takes one character at least and no digit, so a match that begins
 * at a digit has taken the whole run of digits when the shape begins.
 * Step j + 1 is read after step j only when it is required and takes
 * none of step j's bytes: then the match takes as many of step j's bytes
 * as the text has (at most max; more rule it out).
 */
static void
shape_of(struct span_rule *r, bool off)
{
	struct rxshape *sh = &r->shape;

	/* Only where the digits' follow is known: elsewhere no shape
	 * passes the first test below, and reading it costs start-up. */
	sh->n = 0;
	if (!off && r->follow.n > 0)
		rxstart_shape(r->rx->src, sh);
	if (sh->n > 0 && sh->step[0].min == 0)
		sh->n = 0;
	for (char d = '0'; sh->n > 0 && d <= '9'; d++)
		if (byte_in(sh->step[0].set, d))
			sh->n = 0;
	r->shape_upto = sh->n;
	for (size_t j = 0; j + 1 < sh->n; j++) {
		bool apart = sh->step[j + 1].min > 0;

		for (size_t b = 0; apart && b < sizeof(sh->step[j].set); b++)
			apart = (sh->step[j].set[b] & sh->step[j + 1].set[b]) == 0;
		if (!apart) {
			r->shape_upto = j + 1;
			break;
		}
	}
}

/*
 * Reads what each span rule's matches begin with (rxstart.h) into the
 * lead index by first byte and the list of rules a digit may begin, so
 * that a sentence's starts are matched against them once for all rules.
 */
static void
index_leads(struct numbers *nr)
{
	struct buf low = { 0 };
	/* For checking the index itself: every rule at every start, as if
	 * rxstart knew nothing (tests/tag-numbers/prefilter). */
	bool off = getenv("CHISO_NO_PREFILTER") != NULL;

	for (size_t i = 0; i < nr->nrules; i++) {
		struct span_rule *r = &nr->rules[i];
		struct rxstart st;

		rxstart_after_digits(r->rx->src, &st);
		follow_of(&r->follow, &st, off, &low, false);
		rxstart_after_lead(r->rx->src, &st);
		follow_of(&r->after_lead, &st, off, &low, true);
		rxstart_after_first_digits(r->rx->src, &st, &r->pre_max,
		    &r->pre_space);
		if (off) {
			r->pre_max = SIZE_MAX;
			r->pre_space = true;
		}
		follow_of(&r->lfollow, &st, off, &low, false);
		shape_of(r, off);
		rxstart_of_joined(r->rx->src, &st);
		st.any |= off;
		r->any_start = st.any;
		if (!st.any && st.upper) {
			nr->upper_rules = xrealloc(nr->upper_rules,
			    (nr->nupper_rules + 1) * sizeof(*nr->upper_rules));
			nr->upper_rules[nr->nupper_rules++] = (uint32_t)i;
			nr->upper_digitless |= r->digitless;
		}
		if (!st.any && st.digit) {
			nr->digit_rules = xrealloc(nr->digit_rules,
			    (nr->ndigit_rules + 1) * sizeof(*nr->digit_rules));
			nr->digit_rules[nr->ndigit_rules++] = (uint32_t)i;
		}
		for (size_t j = 0; !st.any && j < st.nlit; j++) {
			/* A lead that is a digit adds nothing to st.digit. */
			if (st.digit && is_digit(st.lit[j][0]))
				continue;
			fold(st.lit[j], strlen(st.lit[j]), &low);
			leadidx_add(&nr->leads_near, (uint32_t)i, low.p,
			    low.len);
			if (r->digitless)
				leadidx_add(&nr->leads_far, (uint32_t)i, low.p,
				    low.len);
		}
		if (!r->digitless && r->reach > nr->max_reach)
			nr->max_reach = r->reach;
		rxstart_free(&st);
	}
	buf_free(&low);
	nr->digit_next = xcalloc(256 * nr->ndigit_rules + 1,
	    sizeof(*nr->digit_next));
	for (size_t c = 0, n = 0; c < 256; c++) {
		nr->digit_next_at[c] = n;
		for (size_t j = 0; j < nr->ndigit_rules; j++) {
			const struct span_rule *r =
			    &nr->rules[nr->digit_rules[j]];

			if (r->follow.n == 0 ||
			    (r->follow.first[c >> 3] & (1u << (c & 7))))
				nr->digit_next[n++] = nr->digit_rules[j];
		}
		nr->digit_next_at[c + 1] = n;
	}
	leadidx_build(&nr->leads_near);
	leadidx_build(&nr->leads_far);
	build_pass(nr->pass_near, &nr->leads_near, nr->nupper_rules > 0);
	build_pass(nr->pass_far, &nr->leads_far, nr->upper_digitless);
}

/* The anchors of the triggers (see struct numbers). */
static void
index_triggers(struct numbers *nr)
{
	for (size_t i = 0; i < nr->triggers.n; i++) {
		const unsigned char *u =
		    (const unsigned char *)nr->triggers.v[i].s;
		size_t len = nr->triggers.v[i].len, end, k, key;
		const unsigned char *sp = memchr(u, ' ', len);
		unsigned pair;

		if (len == 1) {
			nr->trig_tail[u[0]] = 2;
			continue;
		}
		/* The last byte of the last character beyond ASCII before
		 * the first space. */
		key = sp != NULL ? (size_t)(sp - u) : len;
		if (key < 2) {
			/* No anchor before the space: every offset. */
			nr->trig_any_off = true;
			key = len;
		}
		end = key - 1;
		for (k = key; k-- > 0;)
			if (u[k] >= 0x80) {
				end = k;
				break;
			}
		if (end == 0)
			end = 1;	/* a trigger that is one character */
		pair = (unsigned)u[end - 1] << 8 | u[end];
		if (nr->trig_tail[u[end]] == 0)
			nr->trig_tail[u[end]] = 1;
		for (k = 0; k < nr->ntrig_off && nr->trig_off[k] != end; k++)
			;
		if (k == nr->ntrig_off) {
			if (nr->ntrig_off == sizeof(nr->trig_off) /
			    sizeof(*nr->trig_off)) {
				nr->trig_any_off = true;
				k = 0;	/* any bit: every offset is tried */
			} else
				nr->trig_off[nr->ntrig_off++] = end;
		}
		nr->trig_pair[pair] |= (uint8_t)(1u << k);
	}
}

#ifdef __SSE2__
/* trig_vec from trig_tail (struct numbers). */
static void
index_tails(struct numbers *nr)
{
	unsigned char b[16];
	size_t nb = 0;

	nr->trig_vec_ok = false;
	for (unsigned c = 0; c < 256; c++)
		if (nr->trig_tail[c] != 0) {
			if (nb == sizeof(b))
				return;
			b[nb++] = (unsigned char)c;
		}
	if (nb == 0)
		return;
	for (size_t k = 0; k < 16; k++)
		nr->trig_vec[k] = _mm_set1_epi8((char)b[k < nb ? k : 0]);
	nr->trig_vec_ok = true;
	nr->trig_nvec = nb <= 8 ? 8 : nb <= 12 ? 12 : 16;
}
#endif

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct numbers *
numbers_load(void)
{
	struct numbers *nr = xcalloc(1, sizeof(*nr));
	struct plist *all[] = { &nr->triggers, &nr->scales, &nr->digits,
	    &nr->ten, &nr->tens, &nr->hundred, &nr->zero_tens, &nr->half,
	    &nr->point, &nr->signs, &nr->vague, &nr->units, &nr->prefix_units,
	    &nr->cues, &nr->post_cues, &nr->open, &nr->range, &nr->move };
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t nnames = 0;

	tables_init();
	nr->tn = textnorm_load(rules_dir());
	nr->year_min = 1900;
	nr->year_max = 2100;
	nr->trees[nr->ntrees] = rules_load("numbers.yaml");
	load_main(nr, nr->trees[nr->ntrees++]);
	/* numbers-*.yaml in name order: more span rules, or more words. */
	if ((d = opendir(rules_dir())) != NULL) {
		while ((de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name);

			if (strncmp(de->d_name, "numbers-", 8) == 0 && l > 13 &&
			    strcmp(de->d_name + l - 5, ".yaml") == 0) {
				names = xrealloc(names, (nnames + 1) *
				    sizeof(*names));
				names[nnames++] = xstrdup(de->d_name);
			}
		}
		closedir(d);
	}
	if (nnames > 1)
		qsort(names, nnames, sizeof(*names), cmp_str);
	for (size_t i = 0; i < nnames; i++) {
		if (nr->ntrees == (int)(sizeof(nr->trees) / sizeof(*nr->trees)))
			die(EXIT_USAGE, "%s: too many numbers-*.yaml files",
			    rules_dir());
		nr->trees[nr->ntrees] = rules_load(names[i]);
		load_main(nr, nr->trees[nr->ntrees++]);
		free(names[i]);
	}
	free(names);
	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++)
		plist_sort(all[i]);
	index_leads(nr);
	index_starters(nr);
	for (size_t i = 0; i < sizeof(nr->punct_starts); i++)
		nr->punct_starts[i] = nr->cues.first[i] | nr->signs.first[i] |
		    nr->prefix_units.first[i] | nr->vague.first[i];
	nr->dash_minus_only = !byte_in(nr->punct_starts, '-');
	nr->punct_starts['-' >> 3] |= 1u << ('-' & 7);
	for (size_t i = 0; i < nr->triggers.n; i++)
		leadidx_add(&nr->trigger_at, 0, nr->triggers.v[i].s,
		    nr->triggers.v[i].len);
	leadidx_build(&nr->trigger_at);
	index_triggers(nr);
#ifdef __SSE2__
	index_tails(nr);
#endif
	nr->lead_hits = xcalloc(nr->leads_near.n + nr->trigger_at.n + 1,
	    sizeof(*nr->lead_hits));
	nr->cand_at = xcalloc(nr->nrules + 1, sizeof(*nr->cand_at));
	nr->cand_end = xcalloc(nr->nrules + 1, sizeof(*nr->cand_end));
	nr->rule_words = (nr->nrules + 63) / 64;
	nr->cand_rules = xcalloc(nr->rule_words + 1, sizeof(*nr->cand_rules));
	nr->any_rules = xcalloc(nr->rule_words + 1, sizeof(*nr->any_rules));
	for (size_t i = 0; i < nr->nrules; i++)
		if (nr->rules[i].any_start)
			nr->any_rules[i / 64] |= 1ULL << (i % 64);
	return nr;
}

static void
plist_free(struct plist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].s);
	free(l->v);
}

void
numbers_free(struct numbers *nr)
{

	struct plist *all[] = { &nr->triggers, &nr->scales, &nr->digits,
	    &nr->ten, &nr->tens, &nr->hundred, &nr->zero_tens, &nr->half,
	    &nr->point, &nr->signs, &nr->vague, &nr->units, &nr->prefix_units,
	    &nr->cues, &nr->post_cues, &nr->open, &nr->range, &nr->move };

	if (nr == NULL)
		return;
	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++)
		plist_free(all[i]);
	for (size_t i = 0; i < nr->nguards; i++) {
		plist_free(&nr->guards[i].cues);
		rx_free(nr->guards[i].before);
		rx_free(nr->guards[i].after);
	}
	free(nr->guards);
	for (size_t i = 0; i < nr->nrules; i++) {
		struct span_rule *r = &nr->rules[i];

		rx_free(r->rx);
		rx_free(r->anch);
		rx_free(r->before);
		rx_free(r->after);
		rx_free(r->unless_before);
		rx_free(r->unless_after);
		for (size_t j = 0; j < r->follow.n; j++)
			free(r->follow.v[j].s);
		free(r->follow.v);
		for (size_t j = 0; j < r->lfollow.n; j++)
			free(r->lfollow.v[j].s);
		free(r->lfollow.v);
		for (size_t j = 0; j < r->after_lead.n; j++)
			free(r->after_lead.v[j].s);
		free(r->after_lead.v);
	}
	free(nr->rules);
	leadidx_free(&nr->leads_near);
	leadidx_free(&nr->leads_far);
	leadidx_free(&nr->trigger_at);
	free(nr->lead_hits);
	free(nr->digit_rules);
	free(nr->digit_next);
	free(nr->upper_rules);
	free(nr->starters.slot);
	free(nr->cand);
	free(nr->cand_k);
	free(nr->cand_at);
	free(nr->cand_end);
	free(nr->cand_rules);
	free(nr->any_rules);
	for (int i = 0; i < nr->ntrees; i++)
		ydoc_free(nr->trees[i]);
	textnorm_free(nr->tn);
	buf_free(&nr->lower);
	free(nr->out);
	free(nr->tok);
	free(nr->head);
	free(nr->cl);
	free(nr->pm);
	free(nr->starts);
	free(nr->pre);
	free(nr->digits_at);
	free(nr);
}

/* ------------------------------------------------------------- helpers */

/* Grows an array to hold one more item; arrays are reused across calls. */
#define GROW(p, n, cap) do { \
	if ((n) == (cap)) { \
		(cap) = (cap) ? 2 * (cap) : 64; \
		(p) = xrealloc((p), (cap) * sizeof(*(p))); \
	} \
} while (0)

static struct num_mention *
push_mention(struct numbers *nr, size_t s, size_t e, enum num_kind kind)
{
	struct num_mention *m;

	GROW(nr->out, nr->nout, nr->capout);
	m = &nr->out[nr->nout++];
	m->start = s;
	m->end = e;
	m->kind = kind;
	m->value[0] = '\0';
	m->unit = "";
	m->approx = "";
	m->flags = 0;
	return m;
}

#ifdef __SSE2__
/* Whether s[i..i + 16) holds an ASCII digit: c - '0' below 10. */
static inline bool
digit16(const char *s, size_t i)
{
	__m128i y = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(s + i)),
	    _mm_set1_epi8('0'));

	return _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(y,
	    _mm_set1_epi8(9)), y)) != 0;
}
#endif

/* A scan for ASCII digits, sixteen bytes (SSE2) or eight at a time: the
 * common case is a sentence with none, and it should cost next to
 * nothing.  With SSE2 the last block ends where the sentence does,
 * overlapping the one before, so no byte is read alone. */
static bool
has_digit(const char *s, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	if (n >= 16) {
		for (; i + 16 < n; i += 16)
			if (digit16(s, i))
				return true;
		return digit16(s, n - 16);
	}
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t w, lo, hi;

		memcpy(&w, s + i, 8);
		/* Bytes >= '0': add 0x50 sets bit 7 for 0x30..0x7f. */
		lo = (w | 0x8080808080808080ULL) - 0x3030303030303030ULL;
		hi = (w | 0x8080808080808080ULL) - 0x3a3a3a3a3a3a3a3aULL;
		/* A byte is a digit when lo kept bit 7 and hi lost it, and
		 * the byte itself is ASCII. */
		if ((lo & ~hi & ~w & 0x8080808080808080ULL) != 0)
			break;
	}
	for (; i < n; i++)
		if (is_digit(s[i]))
			return true;
	return false;
}

/* Whether a trigger ends its anchor at u[i], a byte trig_tail marks (see
 * struct numbers): the trigger index at each offset the pair before it
 * tells (at every offset when there are too many to list). */
static inline __attribute__((always_inline)) bool
trigger_at(struct numbers *nr, const unsigned char *u, size_t n, size_t i)
{
	unsigned pair, offs;

	if (nr->trig_tail[u[i]] == 2)
		return true;
	if (i == 0)
		return false;
	pair = (unsigned)u[i - 1] << 8 | u[i];
	if ((offs = nr->trig_pair[pair]) == 0)
		return false;
	if (nr->trig_any_off) {
		for (size_t j = 0; j <= i; j++)
			if (leadidx_find(&nr->trigger_at, u + j, n - j,
			    nr->lead_hits) > 0)
				return true;
		return false;
	}
	for (; offs != 0; offs &= offs - 1) {
		size_t o = nr->trig_off[__builtin_ctz(offs)];

		if (o <= i && leadidx_find(&nr->trigger_at, u + i - o,
		    n - (i - o), nr->lead_hits) > 0)
			return true;
	}
	return false;
}

#ifdef __SSE2__
/* The bytes of x equal to a byte of one of v[0..4), each a vector of one
 * byte: all written out, no loop. */
static inline __m128i
eq_any4(__m128i x, const __m128i *v)
{
	return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, v[0]),
	    _mm_cmpeq_epi8(x, v[1])), _mm_or_si128(_mm_cmpeq_epi8(x, v[2]),
	    _mm_cmpeq_epi8(x, v[3])));
}
#endif

/* Whether a trigger occurs anywhere in s: a walk to the bytes that end
 * an anchor (trig_tail), sixteen at a time by compares with each of them
 * when they are few (SSE2, trig_vec), then trigger_at() there. */
static bool
has_trigger(struct numbers *nr, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	const uint8_t *tail = nr->trig_tail;
	size_t i = 0;

#ifdef __SSE2__
	if (nr->trig_vec_ok)
		for (; i + 16 <= n; i += 16) {
			const __m128i *v = nr->trig_vec;
			__m128i x = _mm_loadu_si128((const __m128i *)(u + i));
			__m128i m = _mm_or_si128(eq_any4(x, v),
			    eq_any4(x, v + 4));

			if (nr->trig_nvec > 8)
				m = _mm_or_si128(m, eq_any4(x, v + 8));
			if (nr->trig_nvec > 12)
				m = _mm_or_si128(m, eq_any4(x, v + 12));

			for (unsigned bits = (unsigned)_mm_movemask_epi8(m);
			    bits != 0; bits &= bits - 1)
				if (trigger_at(nr, u, n, i +
				    (size_t)__builtin_ctz(bits)))
					return true;
		}
#endif
	for (; i < n; i++) {
		/* Four bytes a round while none ends an anchor. */
		while (i + 4 <= n && (tail[u[i]] | tail[u[i + 1]] |
		    tail[u[i + 2]] | tail[u[i + 3]]) == 0)
			i += 4;
		if (i < n && tail[u[i]] != 0 && trigger_at(nr, u, n, i))
			return true;
	}
	return false;
}

/* ------------------------------------------------------------ span rules */

static bool
gspan(const PCRE2_SIZE *ov, int g, size_t *gs, size_t *ge)
{
	if (g < 0 || ov[2 * g] == PCRE2_UNSET)
		return false;
	*gs = ov[2 * g];
	*ge = ov[2 * g + 1];
	return *ge > *gs;
}

static long
roman(const char *s, size_t n)
{
	long v = 0, prev = 0;

	for (size_t i = n; i-- > 0;) {
		long d;

		switch (s[i] | 32) {
		case 'i': d = 1; break;
		case 'v': d = 5; break;
		case 'x': d = 10; break;
		case 'l': d = 50; break;
		case 'c': d = 100; break;
		case 'd': d = 500; break;
		case 'm': d = 1000; break;
		default: return -1;
		}
		v += d < prev ? -d : d;
		if (d > prev)
			prev = d;
	}
	return v > 0 ? v : -1;
}

/* A group as an integer: digits (leading zeros fine) or a Roman
 * numeral; -1 when absent, -2 when it is neither. */
static long
gnum(const char *s, const PCRE2_SIZE *ov, int g)
{
	size_t a, b;
	long v = 0;

	if (!gspan(ov, g, &a, &b))
		return -1;
	if (!is_digit(s[a]))
		return b - a > 12 ? -2 : (roman(s + a, b - a) < 0 ? -2 :
		    roman(s + a, b - a));
	for (size_t i = a; i < b; i++) {
		if (!is_digit(s[i]) || v > 100000000)
			return -2;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Writes v in decimal, zero-padded to width characters as printf's
 * "%0*ld" does; returns the end. */
static char *
put_num(char *o, long v, int width)
{
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	char tmp[24];
	int n = 0;

	do
		tmp[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0) {
		*o++ = '-';
		width--;
	}
	for (; width > n; width--)
		*o++ = '0';
	while (n > 0)
		*o++ = tmp[--n];
	return o;
}

/* Builds a rule's value into m; false when the groups make no sense
 * (a 13th month), so that the rule does not claim the span. */
static bool
build_value(const struct span_rule *r, const char *s, const PCRE2_SIZE *ov,
    size_t ss, size_t se, struct num_mention *m)
{
	long y = gnum(s, ov, r->g_y), y2 = gnum(s, ov, r->g_y2);
	long mo = gnum(s, ov, r->g_m), d = gnum(s, ov, r->g_d);
	long h = gnum(s, ov, r->g_h), mi = gnum(s, ov, r->g_mi);
	long q = gnum(s, ov, r->g_q), n = gnum(s, ov, r->g_n);
	long num = gnum(s, ov, r->g_num), den = gnum(s, ov, r->g_den);
	long m1 = 0, m2 = 0;
	char *v = m->value, *o = v;
	size_t cap = sizeof(m->value);

	/* Every value written below is short, far below cap: no snprintf
	 * (some 900 instructions a call), and nothing to cut. */
	if (y == -2 || y2 == -2 || mo == -2 || d == -2 || h == -2 ||
	    mi == -2 || q == -2 || n == -2 || num == -2 || den == -2)
		return false;
	if ((y >= 0 && (y < 1000 || y > 2999)) || (mo >= 0 &&
	    (mo < 1 || mo > 12)) || (d >= 0 && (d < 1 || d > 31)))
		return false;
	switch (r->build) {
	case B_NONE:
		break;
	case B_DATE:
		/* "%04ld-%02ld-%02ld", "%04ld-%02ld", "--%02ld-%02ld",
		 * "%04ld", "--%02ld" */
		if (y >= 0 && mo >= 0) {
			o = put_num(o, y, 4);
			*o++ = '-';
			o = put_num(o, mo, 2);
			if (d >= 0) {
				*o++ = '-';
				o = put_num(o, d, 2);
			}
		} else if (mo >= 0 && d >= 0) {
			*o++ = '-';
			*o++ = '-';
			o = put_num(o, mo, 2);
			*o++ = '-';
			o = put_num(o, d, 2);
		} else if (y >= 0 && d < 0)
			o = put_num(o, y, 4);
		else if (mo >= 0 && d < 0) {
			*o++ = '-';
			*o++ = '-';
			o = put_num(o, mo, 2);
		} else
			return false;
		*o = '\0';
		break;
	case B_TIME:
		if (h < 0 || h > 24 || mi > 59)
			return false;
		o = put_num(o, h, 2);		/* "%02ld:%02ld" */
		*o++ = ':';
		o = put_num(o, mi < 0 ? 0 : mi, 2);
		*o = '\0';
		break;
	case B_YTD:
	case B_TAIL:
	case B_QUARTER:
		if (r->build == B_QUARTER) {
			if (q < 1 || q > 4)
				return false;
			m1 = 3 * q - 2;
			m2 = 3 * q;
		} else {
			if (n < 1 || n > 12)
				return false;
			m1 = r->build == B_YTD ? 1 : 13 - n;
			m2 = r->build == B_YTD ? n : 12;
		}
		/* "%04ld-%02ld/%04ld-%02ld", or "--%02ld/--%02ld" */
		for (int i = 0; i < 2; i++) {
			if (i > 0)
				*o++ = '/';
			if (y >= 0)
				o = put_num(o, y, 4);
			else
				*o++ = '-';
			*o++ = '-';
			o = put_num(o, i == 0 ? m1 : m2, 2);
		}
		*o = '\0';
		break;
	case B_SPAN:
		if (y < 0 || y2 < 0)
			return false;
		if (y2 < 100)		/* "2019-20" */
			y2 += y / 100 * 100;
		if (y2 <= y)
			return false;
		o = put_num(o, y, 4);		/* "%04ld/%04ld" */
		*o++ = '/';
		o = put_num(o, y2, 4);
		*o = '\0';
		break;
	case B_NUMBER:
	case B_ORDINAL:
		if (n < 0)
			return false;
		*put_num(o, n, 1) = '\0';	/* "%ld" */
		break;
	case B_FRACTION:
		if (num < 0 || den <= 0)
			return false;
		o = put_num(o, num, 1);		/* "%ld/%ld" */
		*o++ = '/';
		*put_num(o, den, 1) = '\0';
		break;
	case B_TEXT:
		if (se - ss >= cap)
			se = ss + cap - 1;
		memcpy(v, s + ss, se - ss);
		v[se - ss] = '\0';
		break;
	}
	return true;
}

/* True when rx matches the text just before byte at (within a window). */
static bool
ctx_before(struct rx *rx, const char *s, size_t at)
{
	size_t from = at > 200 ? at - 200 : 0;
	PCRE2_SIZE *ov;

	while (from < at && ((unsigned char)s[from] & 0xC0) == 0x80)
		from++;
	return rx_match(rx, s, at, from, &ov);
}

static bool
ctx_after(struct rx *rx, const char *s, size_t len, size_t at)
{
	PCRE2_SIZE *ov;

	return rx_match(rx, s, len, at, &ov);
}

static bool
overlaps(const struct numbers *nr, size_t s, size_t e)
{
	for (size_t i = 0; i < nr->ncl; i++)
		if (nr->cl[i].s < e && s < nr->cl[i].e)
			return true;
	return false;
}

/* Whether byte p lies inside a claim. */
static bool
in_claim(const struct numbers *nr, size_t p)
{
	for (size_t i = 0; i < nr->ncl; i++)
		if (nr->cl[i].s <= p && p < nr->cl[i].e)
			return true;
	return false;
}

/*
 * The end of the run of characters of token class tc (TC_WORD or
 * TC_DIGIT) going on at s[i], lower-cased into o as scan() would: in
 * one, nothing but the lower case changes from character to character.
 * Stops before a character the tables do not cover (scan() reads it).
 */
static size_t
run_on(const char *s, size_t len, size_t i, unsigned char *o, unsigned tc)
{
	const unsigned char *u = (const unsigned char *)s;

	if (tc == TC_DIGIT) {
		while (i < len && is_digit(s[i])) {
			o[i] = u[i];
			i++;
		}
		return i;
	}
	/* table_char()'s tests by the lead byte's word_byte, and the
	 * folded bytes written only for a letter. */
	while (i < len) {
		unsigned l = word_byte[u[i]], x;
		uint32_t e;

		if (l > 2) {
			o[i++] = (unsigned char)l;
			continue;
		}
		if (l == 1) {
			if (i + 1 >= len || (u[i + 1] & 0xC0) != 0x80 ||
			    (x = (u[i] & 0x1Fu) << 6 | (u[i + 1] & 0x3Fu)) >=
			    0x370 || ((e = fold_lo_enc[x]) >> 16) != TC_WORD)
				break;	/* scan() writes it again, or reads it */
			o[i] = (unsigned char)e;
			o[i + 1] = (unsigned char)(e >> 8);
			i += 2;
			continue;
		}
		if (l == 0 || i + 2 >= len || u[i + 1] < 0xB8 ||
		    u[i + 1] > 0xBB || (u[i + 2] & 0xC0) != 0x80 ||
		    ((e = fold_hi_enc[(u[i + 1] & 3u) << 6 |
		    (u[i + 2] & 0x3Fu)]) >> 16) != TC_WORD)
			break;
		o[i] = 0xE1;
		o[i + 1] = (unsigned char)e;
		o[i + 2] = (unsigned char)(e >> 8);
		i += 3;
	}
	return i;
}

/*
 * In one pass: lower-cases the sentence into nr->lower (see fold()),
 * finds where a match may start: the first byte of a word, of a digit
 * run, or a punctuation character (span patterns start at \\b or a
 * lookbehind; characters beyond ASCII count as letters, which
 * Vietnamese ones are), and splits it for tokenise() (struct pre), each
 * character told by table.  Not inlined: alone, its loop keeps the
 * folded copy, the pieces and the starts in registers, for which
 * numbers_read() around it leaves no room (fewer instructions, measured).
 */
/* scan() of a character beyond ASCII the tables do not cover, at s[i]:
 * folded alone (the bytes after it are not written yet); returns where
 * it ends, *tc its token class.  Called: it is rare, and inlined it
 * took registers from scan()'s loop. */
static __attribute__((noinline)) size_t
scan_other(struct numbers *nr, const char *s, size_t len, size_t i,
    unsigned *tc)
{
	size_t at = i;

	i += fold_char(s, len, i, nr->lower.p);
	nr->udigit |= is_udigit(s, len, at);
	*tc = letter_len(nr->lower.p, i, at) > 0 ? TC_WORD : TC_PUNCT;
	return i;
}

static __attribute__((noinline)) void
scan(struct numbers *nr, const char *s, size_t len)
{
	/* A start is a byte of another class than the one before, or any
	 * punctuation; never a space. */
	static const bool starts_here[4][4] = {
		{ false, true, true, true }, { false, false, true, true },
		{ false, true, false, true }, { false, true, true, true },
	};
	struct buf *out = &nr->lower;
	unsigned char *o;
	struct pre *pre;
	size_t np = 0, nst = 0, nd = 0, *starts, *digits;
	int prev = 0;
	unsigned cur = TC_SPACE;

	buf_reset(out);
	buf_grow(out, len + 1);
	o = (unsigned char *)out->p;
	/* At most a start and a token per byte: room once, no test per
	 * start. */
	if (nr->capstarts < len + 1) {
		nr->capstarts = len + 1;
		nr->starts = xrealloc(nr->starts, nr->capstarts *
		    sizeof(*nr->starts));
		nr->capdigits = len + 1;
		nr->digits_at = xrealloc(nr->digits_at, nr->capdigits *
		    sizeof(*nr->digits_at));
		nr->pre = xrealloc(nr->pre, nr->capstarts * sizeof(*nr->pre));
	}
	/* In locals: a store through o may alias nr's fields, which the
	 * compiler would load again after each. */
	pre = nr->pre;
	starts = nr->starts;
	digits = nr->digits_at;
	nr->udigit = false;
	for (size_t i = 0; i < len;) {
		const unsigned char *u = (const unsigned char *)s + i;
		size_t at = i;
		int cls;
		unsigned tc;

		if (u[0] < 0x80) {
			uint32_t e = ascii_scan[u[0]];

			o[i++] = (unsigned char)e;
			cls = e >> 8 & 0xFF;
			tc = e >> 16;
		} else if (u[0] < 0xC0) {
			o[i++] = u[0];	/* a stray continuation: no start */
			pre[np++] = (struct pre){ (uint32_t)at, (uint32_t)i,
			    TC_PUNCT };
			cur = TC_PUNCT;
			continue;
		} else {
			size_t n = fold_table(u, len - i, o + i, &tc);

			if (n > 0)
				i += n;
			else
				i = scan_other(nr, s, len, i, &tc);
			cls = 1;
		}
		if (tc == cur && tc <= TC_DIGIT)
			pre[np - 1].e = (uint32_t)i;	/* the run goes on */
		else if (tc != TC_SPACE)
			pre[np++] = (struct pre){ (uint32_t)at, (uint32_t)i,
			    tc };
		cur = tc;
		if (starts_here[prev][cls]) {
			starts[nst++] = at;
			if (cls == 2)
				digits[nd++] = at;
		}
		prev = cls;
		/* The rest of a run of letters or digits changes neither
		 * class: only its lower case is to be written. */
		if (tc <= TC_DIGIT && i < len) {
			i = run_on(s, len, i, o, tc);
			pre[np - 1].e = (uint32_t)i;
		}
		/* A space after it tells nothing but that: no start, no
		 * piece. */
		if (i < len && s[i] == ' ') {
			o[i++] = ' ';
			prev = 0;
			cur = TC_SPACE;
		}
	}
	nr->npre = np;
	nr->nstarts = nst;
	nr->ndigits = nd;
	out->len = len;
	out->p[len] = '\0';
}

/*
 * Runs rule r at the starts it may match at, in order: the starts
 * ks[0..nks), indexes into starts, or every start when ks is NULL.
 */
static void
run_rule(struct numbers *nr, struct span_rule *r, const char *s, size_t len,
    const uint32_t *ks, size_t nks)
{
	size_t resume = 0, d = 0;
	PCRE2_SIZE *ov;

	for (size_t i = 0; i < nks; i++) {
		size_t k = ks ? ks[i] : i;
		size_t p = nr->starts[k], ss, se;
		unsigned char c = (unsigned char)s[p];
		struct num_mention m;

		if (p < resume || !(r->first[c >> 3] & (1u << (c & 7))) ||
		    (ks && i > 0 && ks[i - 1] == k))
			continue;
		if (!r->digitless) {
			/* Every such match holds a digit soon after its start. */
			while (d < nr->ndigits && nr->digits_at[d] < p)
				d++;
			if (d == nr->ndigits)
				return;
			if (nr->digits_at[d] - p > r->reach)
				continue;
		}
		/* A match from inside a claim overlaps it: it would be
		 * dropped below, so PCRE2 is not asked (some 15% of calls,
		 * mostly "năm", "tháng" inside a date claimed before). */
		if (r->starts_at_try && nr->ncl > 0 && in_claim(nr, p))
			continue;
		if (!rx_match(r->anch, s, len, p, &ov))
			continue;
		ss = ov[0];
		se = ov[1];
		gspan(ov, r->g_m0, &ss, &se);
		if (se <= ss)
			continue;
		m.start = ss;
		m.end = se;
		m.value[0] = '\0';
		if (overlaps(nr, ss, se) ||
		    !build_value(r, s, ov, ss, se, &m) ||
		    (r->before && !ctx_before(r->before, s, ss)) ||
		    (r->unless_before && ctx_before(r->unless_before, s, ss)) ||
		    (r->after && !ctx_after(r->after, s, len, se)) ||
		    (r->unless_after && ctx_after(r->unless_after, s, len, se)))
			continue;
		resume = ov[1];
		GROW(nr->cl, nr->ncl, nr->capcl);
		nr->cl[nr->ncl] = (struct claim){ ss, se, r->kind, -1 };
		if (r->kind != NK_NONE) {
			struct num_mention *o = push_mention(nr, ss, se, r->kind);

			memcpy(o->value, m.value, sizeof(o->value));
			o->unit = r->unit;
			nr->cl[nr->ncl].mention = (long)(nr->nout - 1);
		}
		nr->ncl++;
	}
}

/* The length of the first literal of f the folded text at u (n bytes)
 * begins with, 0 when none does. */
static inline size_t
lit_at(const struct follow *f, const char *u, size_t n)
{
	unsigned char c = (unsigned char)u[0];

	if (n == 0 || !(f->first[c >> 3] & (1u << (c & 7))))
		return 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].len <= n &&
		    memcmp(u, f->v[i].s, f->v[i].len) == 0)
			return f->v[i].len;
	return 0;
}

/* Whether the folded text at u (n bytes, NUL-terminated) can go on as f
 * requires after a run of run digits and the spaces after it. */
static inline bool
follows(const struct follow *f, const char *u, size_t n, size_t run)
{
	size_t l, w;

	if (f->n == 0)
		return true;
	/* then_digits: the literals are characters, one of which is here. */
	if (run > f->run_max || (l = lit_at(f, u, n)) == 0)
		return false;
	if (f->then_digits == 0)
		return true;
	while ((w = ws_len((const unsigned char *)u + l, n - l)) > 0)
		l += w;
	for (w = 0; l + w < n && is_digit(u[l + w]); w++)
		if (w + 1 >= f->then_digits)
			return true;
	return false;
}

/* Whether the folded text t (len bytes) can go on at x, right after a run
 * of digits rule r begins with, as r's shape says (shape_of()). */
static __attribute__((noinline)) bool
shape_fits(const struct span_rule *r, const char *t, size_t x, size_t len)
{
	for (size_t j = 0; j < r->shape_upto; j++) {
		const struct rxshape_step *st = &r->shape.step[j];
		size_t k = 0;

		while (x + k < len && k <= st->max && byte_in(st->set, t[x + k]))
			k++;
		if (k < st->min)
			return false;
		if (j + 1 == r->shape_upto)
			break;
		if (k > st->max)
			return false;
		x += k;
	}
	return true;
}

/* Whether the folded text at u (n bytes) can go on after a lead of a
 * rule as its after_lead f says, spaces passed. */
static inline bool
fits_after_lead(const struct follow *f, const char *u, size_t n)
{
	size_t l = 0, w;

	if (f->n == 0 && !f->digit)
		return true;
	while ((w = ws_len((const unsigned char *)u + l, n - l)) > 0)
		l += w;
	return (f->digit && l < n && is_digit(u[l])) ||
	    lit_at(f, u + l, n - l) > 0;
}

/* The end of the run of digits at t[q], of *run digits, and the spaces
 * after it (t is NUL-terminated at len). */
static inline size_t
past_digits(const char *t, size_t len, size_t q, size_t *run)
{
	size_t sl, from = q;

	while (is_digit(t[q]))
		q++;
	*run = q - from;
	while ((sl = ws_len((const unsigned char *)t + q, len - q)))
		q += sl;
	return q;
}

/*
 * Whether rule r, tried at start p where no digit is, can reach the first
 * run of digits after it (digits_at[d], or none) and go on after that run
 * as its pattern requires (pre_max, lfollow).
 */
static inline bool
digits_fit(const struct numbers *nr, const struct span_rule *r, size_t p,
    size_t d, size_t len)
{
	size_t q, run;

	if (r->pre_max == SIZE_MAX && r->lfollow.n == 0 && r->pre_space)
		return true;		/* nothing known */
	if (d == nr->ndigits || nr->digits_at[d] - p > r->pre_max)
		return false;
	/* A space before the digits that no item before them can take. */
	if (!r->pre_space &&
	    memchr(nr->lower.p + p, ' ', nr->digits_at[d] - p) != NULL)
		return false;
	if (r->lfollow.n == 0)
		return true;
	q = past_digits(nr->lower.p, len, nr->digits_at[d], &run);
	return follows(&r->lfollow, nr->lower.p + q, len - q, run);
}

/* Whether the character at s[p] is an upper-case letter; the folded copy
 * t tells at once where lower-casing changed it. */
static bool
is_upper_at(const char *s, const char *t, size_t len, size_t p)
{
	int32_t cp;

	if (s[p] != t[p])
		return true;
	if ((unsigned char)s[p] < 0x80)
		return false;
	cp_at(s, len, p, &cp);
	return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* Whether the fold left the first two bytes of the text at s[p] as they
 * are, so that the folded pair at t[p] tells its character. */
static inline bool
same_fold(const char *s, const char *t, size_t len, size_t p)
{
	return s[p] == t[p] && ((unsigned char)s[p] < 0x80 ||
	    (p + 1 < len && s[p + 1] == t[p + 1]));
}

static void
add_cand(struct numbers *nr, uint32_t rule, size_t k)
{
	GROW(nr->cand, nr->ncand, nr->capcand);
	nr->cand[nr->ncand++] = (struct cand){ rule, (uint32_t)k };
	nr->cand_end[rule]++;
	nr->cand_rules[rule / 64] |= 1ULL << (rule % 64);
}

/* The candidates at start k (at p; the first digit at or after it is
 * digits_at[d]): see find_cands(). */
static inline __attribute__((always_inline)) void
cands_at(struct numbers *nr, const char *s, size_t len, size_t k, size_t p,
    size_t d, bool near)
{
	const char *t = nr->lower.p;
	const unsigned char *u = (const unsigned char *)t + p;
	size_t nl, q = p, run = 0;

	if (is_digit((char)u[0])) {
		/* Past the digits and spaces: what must come next. */
		unsigned char c;

		q = past_digits(t, len, p, &run);
		c = (unsigned char)t[q];
		for (size_t j = nr->digit_next_at[c];
		    j < nr->digit_next_at[c + 1]; j++)
			if (follows(&nr->rules[nr->digit_next[j]].follow,
			    t + q, len - q, run) &&
			    (nr->rules[nr->digit_next[j]].shape_upto == 0 ||
			    shape_fits(&nr->rules[nr->digit_next[j]], t,
			    p + run, len)))
				add_cand(nr, nr->digit_next[j], k);
	}
	if ((near ? nr->nupper_rules > 0 : nr->upper_digitless) &&
	    is_upper_at(s, t, len, p))
		for (size_t j = 0; j < nr->nupper_rules; j++)
			if ((near ||
			    nr->rules[nr->upper_rules[j]].digitless) &&
			    digits_fit(nr, &nr->rules[nr->upper_rules[j]],
			    p, d, len))
				add_cand(nr, nr->upper_rules[j], k);
	nl = leadidx_find(near ? &nr->leads_near : &nr->leads_far, u,
	    len - p, nr->lead_hits);
	/* A lead of digits ("19", "0") is a digit all the same: what
	 * follows the run must fit too. */
	for (size_t j = 0; j < nl; j++) {
		uint32_t ri = nr->lead_hits[j].rule;
		size_t e = p + nr->lead_hits[j].end;
		const struct span_rule *r = &nr->rules[ri];

		if ((q == p ? digits_fit(nr, r, p, d, len) :
		    follows(&r->follow, t + q, len - q, run)) &&
		    fits_after_lead(&r->after_lead, t + e, len - e))
			add_cand(nr, ri, k);
	}
}

/* cands_at() for a far start, called: the loop over far starts, most of
 * which fail their one probe, then keeps its own in registers. */
static __attribute__((noinline)) void
cands_far(struct numbers *nr, const char *s, size_t len, size_t k, size_t p,
    size_t d)
{
	cands_at(nr, s, len, k, p, d, false);
}

/*
 * The starts where each rule may match: a start whose folded text begins
 * with one of the rule's leads, or a digit for the rules a digit may
 * begin.  A rule that needs a digit is not looked for at a start with no
 * digit within its reach, which is most of a sentence.  Found in one
 * pass over the starts for all rules, then grouped by rule (a counting
 * sort, which keeps each rule's starts in order).
 */
static void
find_cands(struct numbers *nr, const char *s, size_t len)
{
	const char *t = nr->lower.p;
	const size_t *starts = nr->starts;
	size_t d = 0, k = 0, ns = nr->nstarts;
	const bool ud = nr->upper_digitless;

	nr->ncand = 0;
	/* By runs of starts: those before the next digit's reach (far),
	 * then those within it up to the digit (near); most of either
	 * fail one probe of their pass (struct numbers).  A far start
	 * asks pass_far alone: it holds the leads_far of pass_near and
	 * upper case only where pass_near does too. */
	while (k < ns) {
		size_t p = starts[k], next, from;

		while (d < nr->ndigits && nr->digits_at[d] < p)
			d++;
		next = d < nr->ndigits ? nr->digits_at[d] : SIZE_MAX;
		from = next == SIZE_MAX ? SIZE_MAX : next > nr->max_reach ?
		    next - nr->max_reach : 0;
		for (; k < ns && (p = starts[k]) < from; k++) {
			const unsigned char *u = (const unsigned char *)t + p;
			unsigned b = (unsigned)u[0] << 8 | u[1]; /* t[len]: NUL */

			/* No digit is far, so where no rule tried here may
			 * begin with upper case (ud), only a lead can begin
			 * here: two bytes tell most, four more (may4). */
			if (!(nr->pass_far[b >> 3] & (1u << (b & 7))) ?
			    !ud || same_fold(s, t, len, p) :
			    !ud && !leadidx_may4(&nr->leads_far, u, len - p))
				continue;
			cands_far(nr, s, len, k, p, d);
		}
		for (; k < ns && (p = starts[k]) <= next; k++) {
			const unsigned char *u = (const unsigned char *)t + p;
			unsigned b = (unsigned)u[0] << 8 | u[1];

			/* No lead, no digit, no upper case can begin here;
			 * at an ASCII byte no digit, left as it is by the
			 * fold (so no upper case), a lead only: may4 tells. */
			if (!(nr->pass_near[b >> 3] & (1u << (b & 7))) ?
			    same_fold(s, t, len, p) : u[0] < 0x80 &&
			    !is_digit((char)u[0]) && s[p] == t[p] &&
			    !leadidx_may4(&nr->leads_near, u, len - p))
				continue;
			cands_at(nr, s, len, k, p, d, true);
		}
	}
	/* A counting sort over the rules that have candidates. */
	for (size_t w = 0, pos = 0; w < nr->rule_words; w++)
		for (uint64_t b = nr->cand_rules[w]; b != 0; b &= b - 1) {
			size_t r = w * 64 + (size_t)__builtin_ctzll(b);

			nr->cand_at[r] = pos;
			pos += nr->cand_end[r];
			nr->cand_end[r] = nr->cand_at[r];
		}
	if (nr->capcand_k < nr->ncand) {
		nr->capcand_k = nr->capcand;
		nr->cand_k = xrealloc(nr->cand_k, nr->capcand_k *
		    sizeof(*nr->cand_k));
	}
	for (size_t i = 0; i < nr->ncand; i++)
		nr->cand_k[nr->cand_end[nr->cand[i].rule]++] = nr->cand[i].k;
}

static void
run_spans(struct numbers *nr, const char *s, size_t len, bool digit)
{
	/* With a digit beyond ASCII, every rule at every start, as with
	 * CHISO_NO_PREFILTER: rare, and the index would miss its matches. */
	if (nr->udigit) {
		for (size_t i = 0; i < nr->nrules; i++)
			if (digit || nr->rules[i].digitless)
				run_rule(nr, &nr->rules[i], s, len, NULL,
				    nr->nstarts);
		return;
	}
	find_cands(nr, s, len);
	/* In rule order: the rules with candidates and those tried at
	 * every start. */
	for (size_t w = 0; w < nr->rule_words; w++) {
		uint64_t b = nr->cand_rules[w] | nr->any_rules[w];

		nr->cand_rules[w] = 0;
		for (; b != 0; b &= b - 1) {
			size_t i = w * 64 + (size_t)__builtin_ctzll(b);
			struct span_rule *r = &nr->rules[i];
			size_t from = nr->cand_at[i], to = nr->cand_end[i];

			nr->cand_end[i] = 0;
			if (!digit && !r->digitless)
				continue;
			if (r->any_start)
				run_rule(nr, r, s, len, NULL, nr->nstarts);
			else
				run_rule(nr, r, s, len, nr->cand_k + from,
				    to - from);
		}
	}
}

/*
 * Sorts v[0..n) as qsort() does here, by insertion when there are few:
 * qsort() cost some 300 instructions a call for the two or three claims
 * or mentions a sentence has.  glibc's qsort() is a merge sort, keeping
 * equal elements in their order; so does this.
 */
static inline void
sort_few(void *v, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	unsigned char tmp[256], *b = v;

	if (n > 16 || size > sizeof(tmp)) {
		qsort(v, n, size, cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		size_t j = i;

		if (cmp(b + (i - 1) * size, b + i * size) <= 0)
			continue;
		memcpy(tmp, b + i * size, size);
		while (j > 0 && cmp(b + (j - 1) * size, tmp) > 0) {
			memcpy(b + j * size, b + (j - 1) * size, size);
			j--;
		}
		memcpy(b + j * size, tmp, size);
	}
}

static int
claim_cmp(const void *a, const void *b)
{
	const struct claim *x = a, *y = b;

	return (x->s > y->s) - (x->s < y->s);
}

/* ------------------------------------------------------------ tokenising */

/* Adds a token; tokenise() has made room for every token beforehand.
 * The fields of other kinds are left as they are (struct tok). */
static inline struct tok *
push_tok(struct numbers *nr, enum tt t, size_t s, size_t e, bool sp)
{
	struct tok *k = &nr->tok[nr->ntok++];

	k->t = t;
	k->s = s;
	k->e = e;
	k->sp = sp;
	return k;
}

static size_t
digits_end(const char *s, size_t lim, size_t i)
{
	while (i < lim && is_digit(s[i]))
		i++;
	return i;
}

/*
 * Reads the number at s[i..lim) into k: digits grouped by '.', ',' or a
 * space, with a decimal ',' or '.'.  A lone separator before exactly three
 * digits groups (1.050 = 1050) and is marked NUM_LONE3 with the decimal
 * reading kept in alt; two kinds of separator make the last one the
 * decimal point (3.300,63).
 */
static size_t
read_num(const char *s, size_t lim, size_t i, struct tok *k)
{
	size_t run[16], nrun = 0, j = i, first;
	char sep[16];
	char digits[64];
	size_t nd = 0;
	int nseps = 0;
	bool mixed = false;

	j = digits_end(s, lim, i);
	first = j - i;
	run[nrun] = j;
	while (nrun < 15 && j + 1 < lim) {
		char c = s[j];

		if ((c == '.' || c == ',') && is_digit(s[j + 1]) &&
		    (nrun == 0 || sep[0] != ' ')) {
			sep[nrun++] = c;
			j = digits_end(s, lim, j + 1);
			run[nrun] = j;
		} else if (c == ' ' && (nrun == 0 || sep[nrun - 1] == ' ') &&
		    first <= 3 && s[i] != '0' && j + 4 <= lim &&
		    digits_end(s, lim, j + 1) == j + 4 &&
		    !(j + 5 < lim && (s[j + 4] == '.' || s[j + 4] == ',') &&
		    is_digit(s[j + 5]) && digits_end(s, lim, j + 5) == j + 8)) {
			sep[nrun++] = ' ';
			j += 4;
			run[nrun] = j;
		} else
			break;
	}
	k->e = j;
	/* Digits alone, the most common number: their value, read as the
	 * digits collected below would be (those keep 63 at most). */
	if (nrun == 0 && first < sizeof(digits)) {
		k->nf = NUM_PLAIN;
		if (!dec_parse(s + i, first, &k->v))
			k->nf = NUM_BAD;
		return j;
	}
	nseps = (int)nrun;
	for (int a = 1; a < nseps; a++)
		if (sep[a] != sep[0])
			mixed = true;
	/* Where does the decimal point sit, if anywhere? */
	int dec_at = -1;
	bool grouping_ok = first >= 1 && first <= 3 && s[i] != '0';

	for (int a = 0; a < nseps; a++) {
		size_t rl = run[a + 1] - run[a] - 1;

		if (sep[a] == ' ')
			rl = 3;
		if (rl != 3 && !(mixed && a == nseps - 1))
			grouping_ok = false;
	}
	if (nseps == 0) {
		k->nf = NUM_PLAIN;
	} else if (mixed) {
		/* The last separator is the point, the others group. */
		char g = sep[0];

		for (int a = 0; a < nseps - 1; a++)
			if (sep[a] != g)
				grouping_ok = false;
		if (sep[nseps - 1] == g || sep[nseps - 1] == ' ' ||
		    !grouping_ok) {
			if (sep[nseps - 1] == ' ' || g == ' ')
				k->nf = 0;	/* "1 000,5": fine */
			if (!(g == ' ' && grouping_ok))
				k->nf = NUM_BAD;
		}
		dec_at = nseps - 1;
		if (k->nf != NUM_BAD)
			k->nf = (sep[nseps - 1] == ',' ? NUM_DEC_COMMA :
			    NUM_DEC_DOT) | (g == ',' ? NUM_GRP_COMMA :
			    g == '.' ? NUM_GRP_DOT : 0);
	} else if (nseps == 1 && sep[0] != ' ') {
		size_t rl = run[1] - run[0] - 1;

		if (rl == 3 && grouping_ok) {
			k->nf = NUM_LONE3;
			k->sep = sep[0];
		} else {
			dec_at = 0;
			k->nf = sep[0] == ',' ? NUM_DEC_COMMA : NUM_DEC_DOT;
		}
	} else if (grouping_ok) {
		k->nf = sep[0] == ',' ? NUM_GRP_COMMA : sep[0] == '.' ?
		    NUM_GRP_DOT : 0;
	} else
		k->nf = NUM_BAD;
	if (k->nf & NUM_BAD)
		return j;
	/* Collect the digits, with '.' where the decimal point is. */
	for (size_t p = i; p < j && nd < sizeof(digits) - 1; p++) {
		if (is_digit(s[p]))
			digits[nd++] = s[p];
		else if (dec_at >= 0 && p == run[dec_at])
			digits[nd++] = '.';
	}
	if (!dec_parse(digits, nd, &k->v)) {
		k->nf = NUM_BAD;
		return j;
	}
	if (k->nf & NUM_LONE3) {
		nd = 0;
		for (size_t p = i; p < j; p++)
			digits[nd++] = is_digit(s[p]) ? s[p] : '.';
		if (!dec_parse(digits, nd, &k->alt))
			k->alt = k->v;
	}
	return j;
}

/*
 * Notes the word or punctuation token just added (in the folded text s)
 * as a head when a mention may begin there: a word of starters, or
 * punctuation some cue, sign, prefix unit or vague word begins with;
 * read_mention() finds nothing at any other (nor at a claim).
 */
static inline void
note_head(struct numbers *nr, const char *s)
{
	const struct tok *k = &nr->tok[nr->ntok - 1];

	if (k->t == TK_WORD ? wordset_has(&nr->starters, s + k->s,
	    k->e - k->s) : byte_in(nr->punct_starts, s[k->s]))
		nr->head[nr->nhead++] = (uint32_t)(nr->ntok - 1);
}

/* Reads the number token k begins (k->s) in s[..lim), its own fields
 * cleared first, and returns where it ends. */
static inline size_t
read_num_tok(struct numbers *nr, const char *s, size_t lim, struct tok *k)
{
	size_t e;

	k->nf = 0;
	k->sep = 0;
	k->v = k->alt = (struct dec){ 0 };
	e = read_num(s, lim, k->s, k);
	nr->num_uses |= k->nf;
	return e;
}

/* Adds the number token at s[at..lim) and returns where it ends. */
static inline size_t
push_num(struct numbers *nr, const char *s, size_t lim, size_t at, bool sp)
{
	struct tok *k = push_tok(nr, TK_NUM, at, at, sp);

	nr->head[nr->nhead++] = (uint32_t)(nr->ntok - 1);
	return read_num_tok(nr, s, lim, k);
}

static inline bool
is_space(const char *s, size_t len, size_t i, size_t *n)
{
	unsigned char c = (unsigned char)s[i];

	*n = 1;
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return true;
	if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
		*n = 2;
		return true;
	}
	return false;
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
	n = cp_at(s, len, i, &cp);
	return is_letter(cp) ? n : 0;
}

/*
 * Splits the folded sentence into tokens: numbers (read_num), words (runs
 * of letters), single punctuation characters, and the spans the span
 * rules claimed, each marked with whether a space came before it.  The
 * characters are scan()'s pieces (struct pre): a claim cuts them, a
 * number may take several, and what lies between them is spaces.
 */
/* Not inlined (nor emit()): once a sentence, and numbers_read()'s own
 * loops keep more in registers without them (measured). */
static __attribute__((noinline)) void
tokenise(struct numbers *nr, const char *s, size_t len)
{
	const struct pre *pv = nr->pre;
	size_t np = nr->npre, x = 0, i = 0, ci = 0;

	/* At most a token per piece, and per claim two (the claim and the
	 * rest of a piece it cuts). */
	if (nr->captok < np + 2 * nr->ncl + 1) {
		nr->captok = np + 2 * nr->ncl + 1;
		nr->tok = xrealloc(nr->tok, nr->captok * sizeof(*nr->tok));
		nr->head = xrealloc(nr->head, nr->captok * sizeof(*nr->head));
	}
	nr->ntok = 0;
	nr->nhead = 0;
	/* A piece past every text (scan() made room for one per byte and
	 * one more), so the loop over whole pieces needs no test of np.
	 * Stored here, not in scan(), whose loop it made slower. */
	nr->pre[np] = (struct pre){ UINT32_MAX, UINT32_MAX, TC_PUNCT };
	nr->num_uses = 0;
	while (i < len) {
		size_t lim = ci < nr->ncl ? nr->cl[ci].s : len, at, e;
		struct tok *k;

		while (x < np && pv[x].e <= i)
			x++;
		/* Most pieces lie whole between i and the next claim: each is
		 * a token as it is (a number may take several), with none of
		 * the cutting below.  The counts and arrays are kept in
		 * locals here: a store into a token may alias them. */
		size_t nt = nr->ntok, nh = nr->nhead;
		struct tok *tk = nr->tok;
		uint32_t *hd = nr->head;

		/* Pieces follow one another, so only the first and one
		 * after a number can begin before i; the piece past the end
		 * ends after every lim. */
		if (pv[x].s >= i) {
			while (pv[x].e <= lim) {
				const struct pre *pc = &pv[x];

				k = &tk[nt];
				k->s = pc->s;
				k->sp = pc->s > i;
				if (pc->t == TC_DIGIT) {
					k->t = TK_NUM;
					hd[nh++] = (uint32_t)nt++;
					i = read_num_tok(nr, s, lim, k);
					while (pv[x].e <= i)
						x++;
					if (pv[x].s < i)
						break;
					continue;
				}
				k->e = pc->e;
				if (pc->t == TC_WORD) {
					k->t = TK_WORD;
					if (wordset_has(&nr->starters,
					    s + pc->s, pc->e - pc->s))
						hd[nh++] = (uint32_t)nt;
				} else {
					k->t = TK_PUNCT;
					if (byte_in(nr->punct_starts, s[pc->s]))
						hd[nh++] = (uint32_t)nt;
				}
				nt++;
				i = pc->e;
				x++;
			}
		}
		nr->ntok = nt;
		nr->nhead = nh;
		if (i >= len)
			break;
		/* The next character that is no space: i itself when inside
		 * a piece (after a claim or a number that cut it). */
		at = x == np ? len : pv[x].s > i ? pv[x].s : i;
		if (ci < nr->ncl && lim <= at) {
			k = push_tok(nr, TK_CLAIM, nr->cl[ci].s, nr->cl[ci].e,
			    lim > i);
			k->claim = (int)ci;
			i = nr->cl[ci++].e;
			continue;
		}
		if (x == np)
			break;
		switch (pv[x].t) {
		case TC_DIGIT:
			i = push_num(nr, s, lim, at, at > i);
			break;
		case TC_WORD:
			e = pv[x].e < lim ? pv[x].e : lim;
			push_tok(nr, TK_WORD, at, e, at > i);
			note_head(nr, s);
			i = e;
			break;
		default:
			push_tok(nr, TK_PUNCT, at, pv[x].e, at > i);
			note_head(nr, s);
			i = pv[x].e;
		}
	}
	/* The first token has a space before it: the sentence's start
	 * counts as one (each token above was told so by the bytes between
	 * it and the last only). */
	if (nr->ntok > 0)
		nr->tok[0].sp = true;
}

/* ------------------------------------------------------------- grammar */

/*
 * Matches a word list at token k of the folded text: the longest entry
 * whose bytes equal the text from the token on, a space in the entry
 * standing for any spaces, ending where a token ends.  Returns the entry
 * and sets *next to the token after it, or NULL.
 */
static const struct phrase *
match_at(const struct numbers *nr, const struct plist *l, size_t k,
    unsigned char c0, size_t *next)
{
	const char *t = nr->lower.p;
	size_t len = nr->lower.len, p0 = nr->tok[k].s;
	uint64_t w = 0;

	/* The text's next eight bytes, where there are so many (else every
	 * entry goes to the byte loop: w and the masks tell nothing). */
	if (p0 + 8 <= len)
		memcpy(&w, t + p0, 8);
	for (size_t i = l->at[c0]; i < l->at[c0 + 1]; i++) {
		const struct phrase *ph = &l->v[i];
		size_t p = p0, q = 0, j;

		if (p0 + 8 <= len && (w & ph->mask8) != ph->pre8)
			continue;
		while (q < ph->len && p < len) {
			if (ph->s[q] == ' ') {
				size_t n;

				if (!is_space(t, len, p, &n))
					break;
				while (p < len && is_space(t, len, p, &n))
					p += n;
				q++;
			} else if (t[p] == ph->s[q]) {
				p++;
				q++;
			} else
				break;
		}
		if (q < ph->len)
			continue;
		for (j = k; j < nr->ntok && nr->tok[j].e < p; j++)
			if (nr->tok[j].t == TK_CLAIM)
				break;
		if (j < nr->ntok && nr->tok[j].e == p &&
		    nr->tok[j].t != TK_CLAIM) {
			*next = j + 1;
			return ph;
		}
	}
	return NULL;
}

/* Called for most tokens with most lists: the common answer, no entry
 * begins here, is found inline. */
static inline const struct phrase *
match(const struct numbers *nr, const struct plist *l, size_t k,
    size_t *next)
{
	unsigned char c0;

	if (k >= nr->ntok || nr->tok[k].t == TK_CLAIM)
		return NULL;
	/* Most tokens start no entry: one bit says so. */
	c0 = (unsigned char)nr->lower.p[nr->tok[k].s];
	if (!(l->first[c0 >> 3] & (1u << (c0 & 7))))
		return NULL;
	return match_at(nr, l, k, c0, next);
}

static bool
is_tok(const struct numbers *nr, size_t k, enum tt t)
{
	return k < nr->ntok && nr->tok[k].t == t;
}

/* A spelled digit at k: its value, or -1; inner says mốt/lăm/tư are ok. */
static int
sp_digit(const struct numbers *nr, size_t k, bool inner, size_t *next,
    int *flags)
{
	const struct phrase *ph = match(nr, &nr->digits, k, next);

	if (ph == NULL || (!inner && (ph->ival & SP_INNER)))
		return -1;
	if (flags)
		*flags = ph->ival;
	return ph->ival & 0xff;
}

/* A spelled number below a thousand at k: "một trăm linh năm". */
static int
sp_group(const struct numbers *nr, size_t k, size_t *next, int *nwords,
    int *flags)
{
	size_t p = k, q;
	int v = 0, d, f = 0;

	*nwords = 0;
	if ((d = sp_digit(nr, p, false, &q, &f)) >= 0 &&
	    match(nr, &nr->hundred, q, &q)) {
		v = d * 100;
		p = q;
		*nwords += 2;
		if (match(nr, &nr->zero_tens, p, &q) &&
		    (d = sp_digit(nr, q, true, &q, NULL)) >= 0) {
			*next = q;
			*nwords += 2;
			*flags = 0;
			return v + d;
		}
	}
	if (match(nr, &nr->ten, p, &q)) {
		v += 10;
		p = q;
		(*nwords)++;
		if ((d = sp_digit(nr, p, true, &q, &f)) >= 0 && d != 1) {
			v += d;
			p = q;
			(*nwords)++;
		} else if (d == 1 && !(f & SP_INNER)) {
			v += 1;		/* "mười một", not "mười mốt" */
			p = q;
			(*nwords)++;
		}
	} else if ((d = sp_digit(nr, p, false, &q, &f)) >= 0) {
		size_t r;

		if (match(nr, &nr->tens, q, &r)) {
			v += d * 10;
			p = r;
			*nwords += 2;
			if ((d = sp_digit(nr, p, true, &q, NULL)) >= 0) {
				v += d;
				p = q;
				(*nwords)++;
			}
		} else {
			v += d;
			p = q;
			(*nwords)++;
		}
	}
	if (*nwords == 0)
		return -1;
	*flags = *nwords == 1 ? f : 0;
	*next = p;
	return v;
}

/* Scale words at k ("nghìn tỷ" = 12); 0 when none. */
static int
scales_at(const struct numbers *nr, size_t k, size_t *next)
{
	int e = 0;
	size_t q;
	const struct phrase *ph;

	*next = k;
	while ((ph = match(nr, &nr->scales, k, &q)) != NULL) {
		e += ph->ival;
		k = q;
		*next = q;
	}
	return e;
}

/* Adds a scaled group to the running value; false on overflow. */
static bool
add_scaled(struct dec *acc, struct dec g, int e)
{
	return dec_scale(&g, e) && dec_add(*acc, g, acc);
}

/*
 * Reads the number at token k (digits or words, with scale words and
 * mixtures such as "3 tỷ 200 triệu"); returns the token after it, or k
 * when there is none.
 */
static size_t
read_number(const struct numbers *nr, size_t k, struct pm *pm)
{
	size_t p = k, q;
	int e, laste, nwords = 0, spflags = 0;
	struct dec g;

	pm->hasv = true;
	pm->v = dec_int(0);
	if (match(nr, &nr->vague, k, &q) && (e = scales_at(nr, q, &q)) > 0) {
		pm->vague = true;
		pm->hasv = false;
		pm->scaled = true;
		pm->scale = e;
		return q;
	}
	if (is_tok(nr, k, TK_NUM)) {
		if (nr->tok[k].nf & NUM_BAD)
			return k;
		g = nr->tok[k].v;
		pm->numtok = k;
		p = k + 1;
	} else if (is_tok(nr, k, TK_WORD)) {
		int v = sp_group(nr, k, &q, &nwords, &spflags);
		size_t r;

		if (v < 0)
			return k;
		g = dec_int((uint64_t)v);
		p = q;
		/* "hai phẩy năm": decimals said digit by digit. */
		if (match(nr, &nr->point, p, &q)) {
			int d, nd = 0;

			while ((d = sp_digit(nr, q, true, &r, NULL)) >= 0) {
				struct dec x = dec_int((uint64_t)d);

				dec_scale(&x, -(++nd));
				dec_add(g, x, &g);
				q = r;
			}
			if (nd > 0) {
				p = q;
				nwords += nd + 1;
			}
		}
		pm->spelled = true;
	} else
		return k;
	/* Scale words, then smaller groups: "3 tỷ 200 triệu 500 nghìn". */
	e = scales_at(nr, p, &q);
	if (e == 0) {
		pm->v = g;
		pm->nwords = nwords;
		pm->spflags = spflags;
		return p;
	}
	pm->scaled = true;
	pm->scale = e;
	if (!add_scaled(&pm->v, g, e))
		pm->overflow = true;
	p = q;
	laste = e;
	for (;;) {
		size_t r;
		int e2, nw;

		if (is_tok(nr, p, TK_NUM) && !(nr->tok[p].nf & NUM_BAD)) {
			g = nr->tok[p].v;
			r = p + 1;
		} else if (pm->spelled && is_tok(nr, p, TK_WORD) &&
		    sp_group(nr, p, &r, &nw, &spflags) >= 0) {
			g = dec_int((uint64_t)sp_group(nr, p, &r, &nw,
			    &spflags));
		} else
			break;
		e2 = scales_at(nr, r, &q);
		if (e2 == 0 || e2 >= laste)
			break;
		if (!add_scaled(&pm->v, g, e2))
			pm->overflow = true;
		laste = e2;
		p = q;
	}
	/* "1 triệu rưỡi": and a half of the last scale. */
	if (match(nr, &nr->half, p, &q)) {
		struct dec h = dec_int(5);

		if (!add_scaled(&pm->v, h, laste - 1))
			pm->overflow = true;
		p = q;
	}
	return p;
}

/* True when token k is a number glued to letters: a code like QL1A. */
static bool
glued_left(const struct numbers *nr, size_t k)
{
	const struct tok *t = nr->tok;

	if (k == 0 || t[k].sp)
		return false;
	if (t[k - 1].t == TK_WORD || t[k - 1].t == TK_NUM)
		return true;
	/* "COVID-19", "ĐT-741" */
	return k >= 2 && t[k - 1].t == TK_PUNCT && !t[k - 1].sp &&
	    t[k - 2].t == TK_WORD &&
	    (nr->lower.p[t[k - 1].s] == '-' || nr->lower.p[t[k - 1].s] == '/');
}

/* The end of a glued run of letters, digits and - / . starting at k. */
static size_t
code_end(const struct numbers *nr, size_t k)
{
	const struct tok *t = nr->tok;
	size_t j = k + 1;

	while (j < nr->ntok && !t[j].sp && t[j].t != TK_CLAIM) {
		if (t[j].t == TK_PUNCT) {
			char c = nr->lower.p[t[j].s];

			if (!(c == '-' || c == '/' || c == '.') ||
			    j + 1 >= nr->ntok || t[j + 1].sp ||
			    t[j + 1].t == TK_PUNCT || t[j + 1].t == TK_CLAIM)
				break;
		}
		j++;
	}
	return j;
}

static bool
guard_fires(struct numbers *nr, const char *s, const struct phrase *cue,
    size_t cue_s, size_t end)
{
	for (size_t i = 0; i < nr->nguards; i++) {
		struct cue_guard *g = &nr->guards[i];
		bool named = false;

		for (size_t j = 0; j < g->cues.n && !named; j++)
			named = g->cues.v[j].len == cue->len &&
			    memcmp(g->cues.v[j].s, cue->s, cue->len) == 0;
		if (!named)
			continue;
		if (g->before && !ctx_before(g->before, s, cue_s))
			continue;
		if (g->after && !ctx_after(g->after, s, nr->lower.len, end))
			continue;
		return true;
	}
	return false;
}

/*
 * Reads a mention at token k: [cue] [sign] [currency] number [unit]
 * [post cue].  Returns the token after it, or k when there is none.
 */
static size_t
read_mention(struct numbers *nr, const char *s, size_t k, struct pm *pm)
{
	const struct phrase *cue, *ph;
	size_t p = k, q, end;
	bool neg = false;
	const char *prefix = NULL;
	const struct tok *t = nr->tok;

	memset(pm, 0, sizeof(*pm));
	pm->numtok = (size_t)-1;
	pm->approx = "";
	pm->unit = "";
	if ((cue = match(nr, &nr->cues, p, &q)) != NULL)
		p = q;
	if (match(nr, &nr->signs, p, &q)) {
		neg = true;
		p = q;
	} else if (is_tok(nr, p, TK_PUNCT) && nr->lower.p[t[p].s] == '-' &&
	    is_tok(nr, p + 1, TK_NUM) && !t[p + 1].sp &&
	    (p == 0 || t[p].sp || t[p - 1].t == TK_PUNCT) &&
	    !(p > 0 && t[p - 1].t == TK_NUM)) {
		neg = true;
		p++;
	}
	if ((ph = match(nr, &nr->prefix_units, p, &q)) != NULL &&
	    (is_tok(nr, q, TK_NUM) || is_tok(nr, q, TK_WORD))) {
		prefix = ph->sval;
		p = q;
	}
	if (is_tok(nr, p, TK_NUM) && glued_left(nr, p)) {
		if (p != k)
			return k;
		/* A code: the letters before it were read as a word. */
		return k;
	}
	q = read_number(nr, p, pm);
	if (q == p)
		return k;
	pm->ti = cue ? k : p;
	pm->neg = neg;
	if (neg)
		pm->v = dec_neg(pm->v);
	if (prefix) {
		pm->unit = prefix;
		pm->kind = NK_QUANTITY;
	} else if ((ph = match(nr, &nr->units, q, &end)) != NULL) {
		pm->unit = ph->sval;
		pm->kind = (enum num_kind)ph->ival;
		q = end;
	} else {
		pm->kind = NK_QUANTITY;
	}
	/* Spelled words alone need a unit: "năm" is also "year". */
	if (pm->spelled && !pm->scaled && pm->nwords < 2 &&
	    ((pm->spflags & (SP_INNER | SP_NOTALONE)) || *pm->unit == '\0' ||
	    prefix))
		return k;
	/* A number glued to letters that are no unit: a code ("5G"). */
	if (pm->numtok != (size_t)-1 && *pm->unit == '\0' &&
	    q < nr->ntok && !t[q].sp && t[q].t == TK_WORD && !pm->scaled)
		return k;
	/* A per-unit suffix written on: "đồng/lít", "%/năm", "tạ/ha". */
	while (q + 1 < nr->ntok && !t[q].sp && t[q].t == TK_PUNCT &&
	    nr->lower.p[t[q].s] == '/' && !t[q + 1].sp &&
	    t[q + 1].t == TK_WORD && (*pm->unit != '\0' || pm->scaled))
		q += 2;
	if ((ph = match(nr, &nr->post_cues, q, &end)) != NULL) {
		pm->approx = ph->sval;
		q = end;
	}
	pm->tj = q;
	pm->e = t[q - 1].e;
	if (cue != NULL) {
		if (guard_fires(nr, s, cue, t[k].s, pm->e)) {
			pm->ti = p;
			cue = NULL;
		} else
			pm->approx = cue->sval;
	}
	if (neg && pm->ti == p && match(nr, &nr->signs, p, &end) == NULL &&
	    p > 0 && nr->lower.p[t[p - 1].s] == '-')
		pm->ti = p - 1;
	else if (neg && cue == NULL)
		pm->ti = k;
	pm->s = t[pm->ti].s;
	if (pm->vague) {
		pm->flags |= NF_VAGUE;
		if (*pm->approx == '\0')
			pm->approx = "about";
	}
	if (pm->scaled)
		pm->flags |= NF_SCALED;
	if (pm->spelled)
		pm->flags |= NF_SPELLED;
	/* A bare four-digit integer in the year range is a year. */
	if (*pm->unit == '\0' && !pm->scaled && !neg && cue == NULL &&
	    pm->numtok != (size_t)-1 && pm->tj == pm->numtok + 1 &&
	    (t[pm->numtok].nf & NUM_PLAIN) &&
	    t[pm->numtok].e - t[pm->numtok].s == 4) {
		int64_t y;

		if (dec_to_int(pm->v, &y) && y >= nr->year_min &&
		    y <= nr->year_max) {
			pm->kind = NK_YEAR;
			pm->year = true;
		}
	}
	return q;
}

/* ---------------------------------------------------------------- ranges */

static bool
opener_before(const struct numbers *nr, size_t ti)
{
	size_t q;

	for (size_t b = ti >= 3 ? ti - 3 : 0; b < ti; b++)
		if (match(nr, &nr->open, b, &q) && q == ti)
			return true;
	return false;
}

/* Gives b what a has and b lacks: unit, scale, kind (a shared unit). */
static void
inherit(struct pm *a, struct pm *b)
{
	if (*b->unit != '\0' || b->scaled || b->vague || a->vague)
		return;
	if (a->scaled && b->hasv) {
		if (!dec_scale(&b->v, a->scale))
			b->overflow = true;
		b->flags |= NF_SCALED;
	}
	if (*a->unit != '\0' || a->scaled) {
		b->unit = a->unit;
		b->kind = a->kind;
		b->year = false;
		b->flags |= NF_NOUN;
	}
}

static void
link_ranges(struct numbers *nr)
{
	for (size_t i = 0; i + 1 < nr->npm; i++) {
		struct pm *a = &nr->pm[i], *b = &nr->pm[i + 1];
		size_t p = a->tj, q;
		bool opened = false, dash, move = false, skipped = false;
		const struct phrase *ph;

		if (a->flags & (NF_RANGE_HI | NF_TO))
			continue;
		/* Whether an opener comes before a is asked only where it
		 * tells something: at a claim after a, or before a move. */
		if (is_tok(nr, p, TK_CLAIM))
			opened = opener_before(nr, a->ti);
		while (opened && is_tok(nr, p, TK_CLAIM) &&
		    (nr->between_kinds & (1u << nr->cl[nr->tok[p].claim].kind))) {
			p++;
			skipped = true;
		}
		if ((ph = match(nr, &nr->range, p, &q)) != NULL)
			;
		else if ((ph = match(nr, &nr->move, p, &q)) != NULL &&
		    (opened || opener_before(nr, a->ti)))
			move = true;
		else
			continue;
		if (q != b->ti)
			continue;
		dash = !is_letter((unsigned char)ph->s[0]) &&
		    (unsigned char)ph->s[0] < 0x80;
		if (dash && skipped)
			continue;
		if (*a->unit && *b->unit && strcmp(a->unit, b->unit) != 0)
			continue;
		if (a->year != b->year && (*a->unit == '\0') == (*b->unit == '\0'))
			continue;
		struct pm a2 = *a, b2 = *b;

		inherit(&b2, &a2);
		inherit(&a2, &b2);
		if (!move && a2.hasv && b2.hasv && dec_cmp(a2.v, b2.v) > 0)
			continue;
		*a = a2;
		*b = b2;
		a->flags |= move ? NF_FROM : NF_RANGE_LO;
		b->flags |= move ? NF_TO : NF_RANGE_HI;
		if (*b->approx == '\0' && !move)
			b->approx = a->approx;
	}
}

/* ------------------------------------------------------------- reading */

static int
mention_cmp(const void *a, const void *b)
{
	const struct num_mention *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

/*
 * Flags a lone separator before three digits that may be read the other
 * way.  Vietnamese groups with '.' and marks decimals with ',', so 1.050
 * is only in doubt when the sentence writes English style elsewhere
 * (10.8%, 1,234,567); 1,050 goes against the convention and is in doubt
 * unless the sentence is plainly English style.  The grouping reading is
 * given either way, except for a percentage (1,125% is 1.125).
 */
static void
mark_ambiguous(struct numbers *nr)
{
	unsigned uses = nr->num_uses;

	for (size_t i = 0; i < nr->npm; i++) {
		struct pm *pm = &nr->pm[i];
		const struct tok *t;

		if (pm->numtok == (size_t)-1)
			continue;
		t = &nr->tok[pm->numtok];
		if (!(t->nf & NUM_LONE3))
			continue;
		if (pm->kind == NK_PERCENT && !pm->scaled) {
			/* 1.125% is read as a decimal: 1125% is no rate. */
			pm->v = pm->neg ? dec_neg(t->alt) : t->alt;
			pm->flags |= NF_AMBIGUOUS;
		} else if ((t->sep == ',' && !(uses & (NUM_DEC_DOT |
		    NUM_GRP_COMMA))) || (t->sep == '.' && (uses &
		    (NUM_DEC_DOT | NUM_GRP_COMMA))))
			pm->flags |= NF_AMBIGUOUS;
	}
}

static __attribute__((noinline)) void
emit(struct numbers *nr, const struct pm *pm)
{
	struct num_mention *m = push_mention(nr, pm->s, pm->e, pm->kind);

	m->unit = pm->unit;
	m->approx = pm->approx;
	m->flags = pm->flags;
	if (pm->overflow)
		m->flags |= NF_OVERFLOW;
	else if (pm->hasv)
		dec_format(pm->v, m->value, sizeof(m->value));
}

size_t
numbers_read(struct numbers *nr, const char *s, size_t len,
    const struct num_mention **out)
{
	bool digit = has_digit(s, len);

	nr->nout = 0;
	nr->ncl = 0;
	nr->npm = 0;
	*out = nr->out;
	if (!digit && !has_trigger(nr, s, len))
		return 0;
	scan(nr, s, len);
	run_spans(nr, s, len, digit);
	if (nr->ncl > 1)
		sort_few(nr->cl, nr->ncl, sizeof(*nr->cl), claim_cmp);
	tokenise(nr, nr->lower.p, len);
	/* Token by token from k, but a token no mention may begin at (no
	 * head) is passed over as read_mention() would find nothing. */
	for (size_t h = 0, k = 0; h < nr->nhead; h++) {
		struct pm pm;
		size_t next;

		if (nr->head[h] < k)
			continue;
		k = nr->head[h];
		if (nr->tok[k].t == TK_NUM && glued_left(nr, k)) {
			k = code_end(nr, k);
			continue;
		}
		/* The most frequent head that begins nothing: a dash. */
		if (nr->dash_minus_only && nr->tok[k].t == TK_PUNCT &&
		    nr->lower.p[nr->tok[k].s] == '-' &&
		    (!is_tok(nr, k + 1, TK_NUM) || nr->tok[k + 1].sp))
			continue;
		next = read_mention(nr, s, k, &pm);
		if (next == k) {
			k++;
			continue;
		}
		GROW(nr->pm, nr->npm, nr->cappm);
		nr->pm[nr->npm++] = pm;
		k = next;
	}
	mark_ambiguous(nr);
	link_ranges(nr);
	for (size_t i = 0; i < nr->npm; i++)
		emit(nr, &nr->pm[i]);
	if (nr->nout > 1)
		sort_few(nr->out, nr->nout, sizeof(*nr->out), mention_cmp);
	*out = nr->out;
	return nr->nout;
}
