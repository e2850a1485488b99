/* numbers.c - reading a sentence's numbers (see numbers.h). */
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
#include "numbers-impl.h"
#include "rules.h"
#include "rxstart.h"
#include "textnorm.h"

static const char *const kind_names[] = {
	"quantity", "percent", "count", "date", "time", "year", "period",
	"identifier", "ordinal", "fraction", "idiom", "other", "none",
};

const char *
num_kind_name(enum num_kind k)
{
	return kind_names[k];
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

bool
numbers_wordset_lookup(const struct wordset *ws, const char *s, size_t n)
{
	for (size_t i = hash_bytes(s, n) & ws->mask; ws->slot[i].s != NULL;
	    i = (i + 1) & ws->mask)
		if (ws->slot[i].len == n && memcmp(ws->slot[i].s, s, n) == 0)
			return true;
	return false;
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
 * TC_DIGIT) going on at o[i], lower-cased in place as scan() would: in
 * one, nothing but the lower case changes from character to character.
 * o holds the text, folded up to i, and a NUL after it, which ends every
 * run (so no test of the length per byte).  Stops before a character the
 * tables do not cover (scan() reads it).
 */
static size_t
run_on(unsigned char *o, size_t i, unsigned tc)
{
	unsigned char *p = o + i;	/* a pointer: no base and index */

	if (tc == TC_DIGIT) {
		while (is_digit((char)*p))
			p++;
		return (size_t)(p - o);
	}
	/* table_char()'s tests by the lead byte's word_byte, and the
	 * folded bytes written only for a letter; a continuation byte is
	 * never NUL. */
	for (;;) {
		unsigned l = word_byte[*p], x;
		uint32_t e;

		if (l > 2) {
			*p++ = (unsigned char)l;
			continue;
		}
		if (l == 0)
			break;	/* most runs end here, at a space */
		if (l == 1) {
			if ((p[1] & 0xC0) != 0x80 ||
			    (x = (p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu)) >=
			    0x370 || ((e = fold_lo_enc[x]) >> 16) != TC_WORD)
				break;	/* scan() writes it again, or reads it */
			p[0] = (unsigned char)e;
			p[1] = (unsigned char)(e >> 8);
			p += 2;
			continue;
		}
		if (p[1] < 0xB8 || p[1] > 0xBB ||
		    (p[2] & 0xC0) != 0x80 ||
		    ((e = fold_hi_enc[(p[1] & 3u) << 6 | (p[2] & 0x3Fu)]) >>
		    16) != TC_WORD)
			break;
		p[1] = (unsigned char)e;
		p[2] = (unsigned char)(e >> 8);
		p += 3;
	}
	return (size_t)(p - o);
}

/*
 * In one pass: lower-cases the sentence into nr->lower (see
 * numbers_fold()), finds where a match may start: the first byte of a
 * word, of a digit run, or a punctuation character (span patterns start
 * at \\b or a lookbehind; characters beyond ASCII count as letters, which
 * Vietnamese ones are), and splits it for tokenise() (struct pre), each
 * character told by table.  Not inlined: alone, its loop keeps the
 * folded copy, the pieces and the starts in registers, for which
 * numbers_read() around it leaves no room (fewer instructions, measured).
 */
/* scan() of a character beyond ASCII the tables do not cover, at s[i]:
 * folded alone (the bytes after it are not written yet); returns where
 * it ends and its token class (two registers, so that scan()'s own tc
 * never goes through memory).  Called: it is rare, and inlined it took
 * registers from scan()'s loop. */
struct scanned {
	size_t end;
	unsigned tc;
};

static __attribute__((noinline)) struct scanned
scan_other(struct numbers *nr, const char *s, size_t len, size_t i)
{
	size_t at = i;

	i += numbers_fold_char(s, len, i, nr->lower.p);
	nr->udigit |= numbers_is_udigit(s, len, at);
	return (struct scanned){ i,
	    letter_len(nr->lower.p, i, at) > 0 ? TC_WORD : TC_PUNCT };
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
	size_t *starts, *digits;
	int prev = 0;
	unsigned cur = TC_SPACE;

	buf_reset(out);
	/* The NUL after it, and room for sketch() to read past a word. */
	buf_grow(out, len + SKETCH_PAD);
	o = (unsigned char *)out->p;
	/* Folded in place, the text copied first (most of it stays as it
	 * is), with a NUL after it that ends every run: run_on() and the
	 * tests after a run need no test of the length. */
	memcpy(o, s, len);
	o[len] = '\0';
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
	/* Pointers to where the next piece, start and digit go, in locals:
	 * one register each, where a base and a count took two (the loop
	 * then kept them on the stack), and a store through o may alias
	 * nr's fields, which the compiler would load again after each. */
	pre = nr->pre;
	starts = nr->starts;
	digits = nr->digits_at;
	nr->udigit = false;
	for (size_t i = 0; i < len;) {
		const unsigned char *u = o + i;
		size_t at = i;
		int cls;
		unsigned tc, l;
		uint32_t e;

		if (u[0] < 0x80) {
			e = ascii_scan[u[0]];

			o[i++] = (unsigned char)e;
			cls = e >> 8 & 0xFF;
			tc = e >> 16;
		} else if (u[0] < 0xC0) {
			i++;	/* a stray continuation: no start */
			*pre++ = (struct pre){ (uint32_t)at, (uint32_t)i,
			    TC_PUNCT };
			cur = TC_PUNCT;
			continue;
		} else {
			size_t n = fold_table(u, len - i, o + i, &tc);

			if (n > 0)
				i += n;
			else {
				struct scanned sc = scan_other(nr, s, len, i);

				i = sc.end;
				tc = sc.tc;
			}
			cls = 1;
		}
		if (tc == cur && tc <= TC_DIGIT)
			pre[-1].e = (uint32_t)i;	/* the run goes on */
		else if (tc != TC_SPACE)
			*pre++ = (struct pre){ (uint32_t)at, (uint32_t)i, tc };
		cur = tc;
		if (starts_here[prev][cls]) {
			*starts++ = at;
			if (cls == 2)
				*digits++ = at;
		}
		prev = cls;
		/* A run, what follows it, and the word or number after a
		 * space, without a new round of the loop: each "continue"
		 * below goes on to the run of a piece just made. */
		for (;;) {
			/* The rest of a run of letters or digits changes
			 * neither class: only its lower case is written. */
			while (tc <= TC_DIGIT) {
				i = run_on(o, i, tc);
				pre[-1].e = (uint32_t)i;
				/* A space and an ASCII letter after a word,
				 * the most common way on: the next word's
				 * piece and start as the loop would make them
				 * (prev and cur stay), and its run. */
				if (tc != TC_WORD || o[i] != ' ' ||
				    (l = word_byte[o[i + 1]]) <= 2)
					break;
				o[i + 1] = (unsigned char)l;
				/* Its end: set after its run, above. */
				pre->s = (uint32_t)i + 1;
				pre++->t = TC_WORD;
				*starts++ = i + 1;
				i += 2;
			}
			/* ASCII punctuation after a run or punctuation
			 * ("2020.", "...", "),"): each a piece and a start,
			 * as the loop would make them. */
			if (o[i] != ' ' && tc != TC_SPACE)
				while (i < len && o[i] < 0x80 &&
				    (ascii_scan[o[i]] >> 16) == TC_PUNCT) {
					*pre++ = (struct pre){ (uint32_t)i,
					    (uint32_t)i + 1, TC_PUNCT };
					*starts++ = i++;
					prev = 3;
					cur = TC_PUNCT;
				}
			/* A space after it tells nothing but that: no
			 * start, no piece. */
			if (o[i] != ' ')
				break;
			i++;
			/* A letter or digit after it: its piece and start
			 * as the loop would make them, and its run. */
			if (o[i] < 0x80 && ((e = ascii_scan[o[i]]) >> 16) <=
			    TC_DIGIT) {
				tc = e >> 16;
				o[i] = (unsigned char)e;
				pre->s = (uint32_t)i;	/* e: after its run */
				pre++->t = tc;
				*starts++ = i;
				if (tc == TC_DIGIT)
					*digits++ = i;
				i++;
				prev = tc == TC_DIGIT ? 2 : 1;
				cur = tc;
				continue;
			}
			/* A letter the tables fold: the same (folded in
			 * place: folding it again, below, changes nothing
			 * when it is no letter). */
			if (o[i] >= 0xC0) {
				unsigned tl;
				size_t n = fold_table(o + i, len - i, o + i,
				    &tl);

				if (n > 0 && tl == TC_WORD) {
					pre->s = (uint32_t)i;
					pre++->t = TC_WORD;
					*starts++ = i;
					i += n;
					prev = 1;
					cur = tc = TC_WORD;
					continue;
				}
			}
			prev = 0;
			cur = TC_SPACE;
			break;
		}
	}
	nr->npre = (size_t)(pre - nr->pre);
	nr->nstarts = (size_t)(starts - nr->starts);
	nr->ndigits = (size_t)(digits - nr->digits_at);
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
	numbers_cp_at(s, len, p, &cp);
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

/* The far starts from starts[k] on, up to from (see find_cands()), the
 * first digit at or after them digits_at[d]; ud: nr->upper_digitless.
 * Returns the index of the first start not far. */
static inline __attribute__((always_inline)) size_t
far_starts(struct numbers *nr, const char *s, size_t len, size_t k,
    size_t from, size_t d, bool ud)
{
	const char *t = nr->lower.p;
	size_t p;

	for (; (p = nr->starts[k]) < from; k++) {
		const unsigned char *u = (const unsigned char *)t + p;
		unsigned b = (unsigned)u[0] << 8 | u[1];	/* t[len]: NUL */

		/* No digit is far, so where no rule tried here may begin
		 * with upper case (ud), only a lead can begin here: two
		 * bytes tell most, four more (may4). */
		if (!(nr->pass_far[b >> 6] >> (b & 63) & 1) ?
		    !ud || same_fold(s, t, len, p) :
		    !ud && !leadidx_may4(&nr->leads_far, u, len - p))
			continue;
		cands_far(nr, s, len, k, p, d);
	}
	return k;
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
	/* A start past every other (scan() made room for one per byte and
	 * one more): the loops over the starts stop there, as their runs
	 * end before it (from and next are at most SIZE_MAX), with no test
	 * of ns. */
	nr->starts[ns] = SIZE_MAX;
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
		/* ud is known at load: a loop for each, with no test of
		 * it per start. */
		k = ud ? far_starts(nr, s, len, k, from, d, true) :
		    far_starts(nr, s, len, k, from, d, false);
		if (next == SIZE_MAX)
			break;		/* no digit after: all were far */
		/* The run ends at the start after the digit's, before the
		 * one past every other. */
		for (; (p = starts[k]) <= next; k++) {
			const unsigned char *u = (const unsigned char *)t + p;
			unsigned b = (unsigned)u[0] << 8 | u[1];

			/* No lead, no digit, no upper case can begin here;
			 * at an ASCII byte no digit, left as it is by the
			 * fold (so no upper case), a lead only: may4 tells. */
			if (!(nr->pass_near[b >> 6] >> (b & 63) & 1) ?
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
	    k->e - k->s) : punct_start(nr, s[k->s]))
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
			/* By a pointer to the piece, not an index (one
			 * register, no multiply by its size). */
			const struct pre *pc = &pv[x];

			while (pc->e <= lim) {
				k = &tk[nt];
				k->s = pc->s;
				k->sp = pc->s > i;
				if (pc->t == TC_DIGIT) {
					k->t = TK_NUM;
					hd[nh++] = (uint32_t)nt++;
					i = read_num_tok(nr, s, lim, k);
					while (pc->e <= i)
						pc++;
					if (pc->s < i)
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
					if (punct_start(nr, s[pc->s]))
						hd[nh++] = (uint32_t)nt;
				}
				nt++;
				i = pc->e;
				pc++;
			}
			x = (size_t)(pc - pv);
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
	/* "3,124 tỷ USD" is 3.124 billion, by the Vietnamese convention,
	 * unless the sentence writes English style elsewhere; but "1,050
	 * triệu USD" is 1,050 million: decimals are not written with a
	 * trailing zero. */
	if (pm->numtok == k && (nr->tok[k].nf & NUM_LONE3) &&
	    nr->tok[k].sep == ',' && nr->lower.p[nr->tok[k].e - 1] != '0' &&
	    !(nr->num_uses & (NUM_DEC_DOT | NUM_GRP_COMMA)))
		g = nr->tok[k].alt;
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
		dash = !numbers_is_letter((unsigned char)ph->s[0]) &&
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
 * given either way, except for a percentage (1,125% is 1.125) and, with
 * a comma, an amount with a scale word (3,124 tỷ: read_number()).
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
