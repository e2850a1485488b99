/* rxscan.c - see rxscan.h. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "err.h"
#include "leadidx.h"
#include "litreq.h"
#include "rxscan.h"
#include "rxstart.h"

/* How a folded byte may begin a match: not, surely (a digit), or when
 * one of the literals with that first byte is there. */
enum { B_NO, B_YES, B_LIT };

/* How rxscan_find() finds the next place (struct walk). */
enum { SEEK_WALK, SEEK_DIGITS, SEEK_LITS };
#define RXSCAN_SEEK_LITS 5

struct rxscan {
	unsigned char by[256];
	/* By the sentence's own byte: may a character that begins with it
	 * begin a match?  An ASCII byte folds to itself lowered, so it is
	 * told exactly; a lead byte may fold to anything and is asked of
	 * the fold; a continuation byte begins nothing.  Most bytes are
	 * passed over on this one lookup. */
	unsigned char src[256];
	char **lit;		/* folded beginnings, by first byte */
	size_t *len;
	size_t nlit;
	size_t *anchor;		/* the byte lit_next() seeks by memchr */
	uint32_t *head;		/* the first four bytes of each (lit_is()) */
	bool digit;		/* a digit may begin a match */
	/* What the beginnings above begin is not the match but what
	 * follows its optional words and spaces (rxstart_core()): a match
	 * begins at most back characters and a run of spaces before them. */
	bool core;
	size_t back;
	int seek;		/* SEEK_* */
	uint16_t from[256];	/* the first of them with that first byte */
	/* By the byte before a place: can a match begin there?  0: no
	 * (an ASCII byte that the pattern's opening \b or negative
	 * lookbehind rules out, read by lead_before()); the other bytes 1.
	 * Most digits stand after a digit, and PCRE2 is not asked there. */
	unsigned char after_ok[256];
	/* At a digit: what must follow its run of digits, spaces passed
	 * (rxstart_after_digits()): one of flit, folded; nflit 0 anything. */
	char **flit;
	size_t *flen;
	size_t nflit;
	size_t run_max, then_digits;
};

/*
 * Can the optional words (their letters in words) and the spaces before
 * what a match goes on with begin none of it?  Then no place where the
 * scan stops lies inside a match's words and spaces, which is what lets
 * rxscan_find() search each stop only from the stop before.  Spaces are
 * ASCII or Unicode ones (lead bytes C2, E1, E2, E3).
 */
static bool
core_apart(const struct rxscan *sc, const char *words)
{
	struct buf f = { 0 };
	bool apart = true;
	static const unsigned char space[] = { ' ', '\t', '\n', '\v', '\f',
	    '\r', 0xC2, 0xE1, 0xE2, 0xE3 };

	litfold(words, strlen(words), &f, NULL);
	for (size_t i = 0; i < f.len && apart; i++)
		apart = sc->by[(unsigned char)f.p[i]] == B_NO;
	for (size_t i = 0; i < sizeof(space) && apart; i++)
		apart = sc->by[space[i]] == B_NO;
	buf_free(&f);
	return apart;
}

/* Where the run of spaces (as PCRE2's \s with UCP knows them) that ends
 * at p begins, not before floor. */
static size_t
spaces_before(const unsigned char *u, size_t floor, size_t p)
{
	while (p > floor) {
		unsigned char c = u[p - 1];
		size_t q = p - 1;
		utf8proc_int32_t cp;
		utf8proc_propval_t cat;

		if (c == ' ' || (c >= '\t' && c <= '\r')) {
			p--;
			continue;
		}
		if (c < 0x80)
			break;
		while (q > floor && (u[q] & 0xC0) == 0x80)
			q--;
		if (utf8proc_iterate(u + q, (utf8proc_ssize_t)(p - q), &cp) !=
		    (utf8proc_ssize_t)(p - q))
			break;
		cat = utf8proc_category(cp);
		if (cat != UTF8PROC_CATEGORY_ZS && cat != UTF8PROC_CATEGORY_ZL &&
		    cat != UTF8PROC_CATEGORY_ZP && cp != 0x85 && cp != 0x180E)
			break;
		p = q;
	}
	return p;
}

/* Is the character at u (NUL-terminated) a word character, as \w with
 * Unicode properties knows it (letters, numbers, marks, '_')? */
static bool
word_char(const char *u)
{
	utf8proc_int32_t cp;
	utf8proc_propval_t cat;

	if (utf8proc_iterate((const utf8proc_uint8_t *)u, -1, &cp) < 1)
		return false;
	cat = utf8proc_category(cp);
	return cp == '_' || (cat >= UTF8PROC_CATEGORY_LU &&
	    cat <= UTF8PROC_CATEGORY_NO);
}

/* Marks in no[] the ASCII bytes of the class at *pp ('[' ... ']') and
 * moves *pp past it; false when the class holds anything but ASCII
 * punctuation, digits and \d (letters, ranges, negation, other escapes):
 * then nothing is known. */
static bool
class_bytes(const char **pp, unsigned char *no)
{
	const char *p = *pp + 1;

	if (*p == '^' || *p == ']')
		return false;
	for (; *p != ']'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '\\') {
			c = (unsigned char)*++p;
			if (c == 'd') {
				memset(&no['0'], 1, 10);
				continue;
			}
			/* \w, \s, \p, \x ...: not one character */
			if (c == '\0' || c >= 0x80 || c == '_' ||
			    (c >= '0' && c <= '9') ||
			    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
				return false;
		} else if (c == '\0' || c >= 0x80 || c == '[' ||
		    (c == '-' && p[1] != ']' && p != *pp + 1) ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return false;
		no[c] = 1;
	}
	*pp = p + 1;
	return true;
}

/*
 * The bytes that, standing right before a place, rule out a match there,
 * read from the zero-width items a pattern opens with (into no[]): a
 * negative lookbehind of one class of ASCII characters ("(?<![\d/.,-])")
 * rules out those characters, and \b, when every beginning of a match is
 * a word character (words), rules out the ASCII word characters.  Items
 * not understood end the reading; a '|' at the top is seen by the caller
 * (rxstart's beginnings are of every branch, \b perhaps of one only), so
 * only a pattern with none is read.
 */
/* The ']' that ends the class opening at q (escapes passed over), or
 * NULL when it does not end. */
static const char *
class_end(const char *q)
{
	for (q++; *q != '\0' && *q != ']'; q++)
		if (*q == '\\' && q[1] != '\0')
			q++;
	return *q != '\0' ? q : NULL;
}

static void
lead_before(const char *src, bool words, unsigned char *no)
{
	const char *p = src;
	int depth = 0;

	/* A '|' outside every group (escapes and classes passed over):
	 * the opening items may be one branch's only. */
	for (const char *q = src; *q != '\0'; q++) {
		if (*q == '\\' && q[1] != '\0')
			q++;
		else if (*q == '[') {
			if ((q = class_end(q)) == NULL)
				return;
		} else if (*q == '(')
			depth++;
		else if (*q == ')')
			depth--;
		else if (*q == '|' && depth == 0)
			return;
	}
	for (;;) {
		if (p[0] == '\\' && p[1] == 'b') {
			if (words) {
				for (int b = 0; b < 0x80; b++)
					if ((b >= '0' && b <= '9') || b == '_' ||
					    ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
						no[b] = 1;
			}
			p += 2;
		} else if (strncmp(p, "(?<![", 5) == 0) {
			unsigned char cls[256] = { 0 };
			const char *q = p + 4;

			if (!class_bytes(&q, cls) || *q != ')')
				return;
			for (int b = 0; b < 256; b++)
				no[b] |= cls[b];
			p = q + 1;
		} else
			return;
	}
}

/* What must follow a digit's run in a match that begins with it, read
 * from pattern (rxstart_after_digits()), folded into sc's flit; nothing
 * when the pattern does not say. */
static void
set_follow(struct rxscan *sc, const char *pattern)
{
	struct rxstart fo;
	struct buf f = { 0 };

	rxstart_after_digits(pattern, &fo);
	if (!fo.any && fo.nlit > 0) {
		sc->flit = xcalloc(fo.nlit, sizeof(*sc->flit));
		sc->flen = xcalloc(fo.nlit, sizeof(*sc->flen));
		for (size_t i = 0; i < fo.nlit; i++) {
			litfold(fo.lit[i], strlen(fo.lit[i]), &f, NULL);
			sc->flit[i] = xstrndup(f.p, f.len);
			sc->flen[i] = f.len;
		}
		sc->nflit = fo.nlit;
		sc->run_max = fo.run_max;
		sc->then_digits = fo.then_digits;
		buf_free(&f);
	}
	rxstart_free(&fo);
}

/*
 * The pattern after its opening optional group and the white space after
 * that ("(?:giai đoạn|từ năm)?\s*" before a year): what rxstart_core()
 * calls the rest, which begins where the core does.  NULL when the
 * pattern does not open so.
 */
static const char *
core_rest(const char *src)
{
	const char *p = src;
	int depth = 0;

	if (*p != '(')
		return NULL;
	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '[') {
			if ((p = class_end(p)) == NULL)
				return NULL;
		} else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			break;
	}
	if (*p != ')' || p[1] != '?')
		return NULL;
	p += 2;
	if (*p == '?' || *p == '+')	/* lazy or possessive */
		p++;
	for (;;) {
		if (strncmp(p, "\\s*", 3) == 0 || strncmp(p, "\\s+", 3) == 0)
			p += 3;
		else if (*p == ' ')
			p += p[1] == '*' || p[1] == '+' || p[1] == '?' ? 2 : 1;
		else
			return p;
	}
}

struct rxscan *
rxscan_of(const struct rx *rx)
{
	struct rxstart st;
	struct rxscan *sc;
	struct buf f = { 0 };

	char *words = NULL;
	size_t chars = 0;

	if (rx == NULL || rx->src == NULL)
		return NULL;
	rxstart_of(rx->src, &st);
	if (st.any || st.upper || (!st.digit && st.nlit == 0)) {
		rxstart_free(&st);
		if (!rxstart_core(rx->src, &st, &chars, &words))
			return NULL;
	}
	sc = xcalloc(1, sizeof(*sc));
	if (st.digit)
		memset(&sc->by['0'], B_YES, 10);
	sc->digit = st.digit;
	sc->lit = xcalloc(st.nlit, sizeof(*sc->lit));
	sc->len = xcalloc(st.nlit, sizeof(*sc->len));
	for (size_t i = 0; i < st.nlit; i++) {
		unsigned char c;

		/* Compared folded, as litreq compares: a caseless match
		 * folds to the folded literal (litreq.h). */
		litfold(st.lit[i], strlen(st.lit[i]), &f, NULL);
		if (f.len == 0) {	/* begins with anything */
			buf_free(&f);
			rxstart_free(&st);
			rxscan_free(sc);
			return NULL;
		}
		c = (unsigned char)f.p[0];
		if (sc->by[c] == B_NO)
			sc->by[c] = B_LIT;
		sc->lit[sc->nlit] = xstrndup(f.p, f.len);
		sc->len[sc->nlit++] = f.len;
	}
	buf_free(&f);
	rxstart_free(&st);
	/* A beginning that another begins with ("năm tài chính" and
	 * "năm ", "ước tính" and "ước") stands nowhere the other does not:
	 * it is left out, and the walk seeks fewer (memchr for each, or a
	 * walk a byte at a time when there are many). */
	for (size_t i = 0; i < sc->nlit;) {
		size_t k;

		for (k = 0; k < sc->nlit; k++)
			if (k != i && sc->len[k] <= sc->len[i] &&
			    memcmp(sc->lit[k], sc->lit[i], sc->len[k]) == 0 &&
			    (sc->len[k] < sc->len[i] || k < i))
				break;
		if (k == sc->nlit) {
			i++;
			continue;
		}
		free(sc->lit[i]);
		sc->lit[i] = sc->lit[sc->nlit - 1];
		sc->len[i] = sc->len[sc->nlit - 1];
		sc->nlit--;
	}
	/* Sorted by first byte, so lit_at() compares only those that can
	 * stand where it looks. */
	for (size_t i = 1; i < sc->nlit; i++)
		for (size_t k = i; k > 0 && (unsigned char)sc->lit[k][0] <
		    (unsigned char)sc->lit[k - 1][0]; k--) {
			char *t = sc->lit[k];
			size_t tl = sc->len[k];

			sc->lit[k] = sc->lit[k - 1];
			sc->len[k] = sc->len[k - 1];
			sc->lit[k - 1] = t;
			sc->len[k - 1] = tl;
		}
	for (size_t i = sc->nlit; i-- > 0;)
		sc->from[(unsigned char)sc->lit[i][0]] = (uint16_t)i;
	sc->head = xcalloc(sc->nlit ? sc->nlit : 1, sizeof(*sc->head));
	for (size_t i = 0; i < sc->nlit; i++)
		if (sc->len[i] >= 4)
			memcpy(&sc->head[i], sc->lit[i], 4);
	/* The last byte of a beginning's first non-ASCII letter tells
	 * it from others far better than its first ('t', 'k'). */
	sc->anchor = xcalloc(sc->nlit ? sc->nlit : 1, sizeof(*sc->anchor));
	for (size_t i = 0; i < sc->nlit; i++) {
		const unsigned char *l = (const unsigned char *)sc->lit[i];

		for (size_t j = 1; j < sc->len[i]; j++)
			if ((l[j] & 0xC0) == 0x80 && (j + 1 == sc->len[i] ||
			    (l[j + 1] & 0xC0) != 0x80)) {
				sc->anchor[i] = j;
				break;
			}
	}
	for (int b = 0; b < 0x80; b++)
		sc->src[b] = sc->by[b >= 'A' && b <= 'Z' ? b + 32 : b] != B_NO;
	/* Case folding turns letters into letters: a character beyond
	 * ASCII may fold to an ASCII letter ("K" Kelvin, "ﬁ"), never to a
	 * digit, a space or a mark.  With no beginning a letter or beyond
	 * ASCII, such characters begin nothing, and the walk passes over
	 * the whole of a Vietnamese word on that one lookup. */
	bool letters = false;

	for (int b = 'a'; b <= 'z'; b++)
		letters |= sc->by[b] != B_NO;
	for (int b = 0x80; b < 0x100; b++)
		letters |= sc->by[b] != B_NO;
	if (letters)
		memset(sc->src + 0xC0, 1, 0x40);
	/* Digits only (or literals that begin with one), or a few literals
	 * and no digit: found without a walk a byte at a time. */
	bool digits_only = true;

	for (int b = 0; b < 0x100; b++)
		if (sc->by[b] != B_NO && (b < '0' || b > '9'))
			digits_only = false;
	if (digits_only)
		sc->seek = SEEK_DIGITS;
	else if (!sc->digit && sc->nlit <= RXSCAN_SEEK_LITS)
		sc->seek = SEEK_LITS;
	/* What rules out a place by the byte before it, and what must
	 * follow a digit's run (only where the match begins at the place
	 * the walk gives: not with optional words before, core). */
	memset(sc->after_ok, 1, sizeof(sc->after_ok));
	if (words == NULL) {
		unsigned char no[256] = { 0 };
		bool wordy = true;

		for (size_t i = 0; i < sc->nlit && wordy; i++)
			wordy = word_char(sc->lit[i]);
		lead_before(rx->src, wordy, no);
		for (int b = 0; b < 256; b++)
			sc->after_ok[b] = !no[b];
		if (sc->digit)
			set_follow(sc, rx->src);
	}
	if (words != NULL && !core_apart(sc, words)) {
		free(words);
		rxscan_free(sc);
		return NULL;
	}
	if (words != NULL) {
		const char *rest = core_rest(rx->src);
		bool digits = sc->digit;

		sc->core = true;
		sc->back = chars;
		free(words);
		/* A year after "giai đoạn" and the like: what must follow
		 * its digits is read from the rest of the pattern. */
		for (size_t i = 0; i < sc->nlit; i++)
			digits |= sc->lit[i][0] >= '0' && sc->lit[i][0] <= '9';
		if (rest != NULL && digits)
			set_follow(sc, rest);
	}
	return sc;
}

void
rxscan_free(struct rxscan *sc)
{
	if (sc == NULL)
		return;
	for (size_t i = 0; i < sc->nlit; i++)
		free(sc->lit[i]);
	free(sc->lit);
	free(sc->len);
	free(sc->anchor);
	free(sc->head);
	for (size_t i = 0; i < sc->nflit; i++)
		free(sc->flit[i]);
	free(sc->flit);
	free(sc->flen);
	free(sc);
}

/* Can the fold at t (n bytes, up to the part's end) go on as a match
 * that begins with a run of digits there must (rxstart_after_digits()):
 * the run no longer than run_max, then spaces, then one of flit (then,
 * with then_digits, spaces and that many digits)?  As tag-numbers reads
 * its rules' follows (numbers.c). */
static bool
digits_follow(const struct rxscan *sc, const char *t, size_t n)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t run = 0, l, w, i;

	while (run < n && u[run] >= '0' && u[run] <= '9')
		run++;
	if (run > sc->run_max)
		return false;
	for (l = run; (w = ws_len(u + l, n - l)) > 0;)
		l += w;
	for (i = 0; i < sc->nflit; i++)
		if (sc->flen[i] <= n - l && lit_same(t + l, sc->flit[i],
		    sc->flen[i]))
			break;
	if (i == sc->nflit)
		return false;
	if (sc->then_digits == 0)
		return true;
	for (l += sc->flen[i]; (w = ws_len(u + l, n - l)) > 0;)
		l += w;
	for (w = 0; l + w < n && u[l + w] >= '0' && u[l + w] <= '9'; w++)
		if (w + 1 >= sc->then_digits)
			return true;
	return false;
}

/* Is literal i at t (with room for it)?  Its first four bytes are
 * compared as a word first: most places that begin like it are not it,
 * and need no call to memcmp; the rest is a few bytes (lit_same()). */
static inline bool
lit_is(const struct rxscan *sc, size_t i, const char *t)
{
	size_t m = sc->len[i];

	if (m >= 4) {
		uint32_t w;

		memcpy(&w, t, 4);
		return w == sc->head[i] &&
		    lit_same(t + 4, sc->lit[i] + 4, m - 4);
	}
	return lit_same(t, sc->lit[i], m);
}

/* Does one of the beginnings stand at fold[q..qend)? */
static bool
lit_at(const struct rxscan *sc, const char *fold, size_t q, size_t qend)
{
	for (size_t i = sc->from[(unsigned char)fold[q]];
	    i < sc->nlit && sc->lit[i][0] == fold[q]; i++)
		if (sc->len[i] <= qend - q &&
		    lit_is(sc, i, fold + q))
			return true;
	return false;
}

/* The first ASCII digit of u[p..end), or end. */
static size_t
next_digit(const unsigned char *u, size_t p, size_t end)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* Eight bytes a round: in each ASCII byte, bit 7 of b + 0x50 says
	 * b >= '0', of b + 0x46 that b > '9' (no carry leaves a byte). */
	for (; p + 8 <= end; p += 8) {
		uint64_t w, x, m;

		memcpy(&w, u + p, 8);
		x = w & 0x7F7F7F7F7F7F7F7Full;
		m = (x + 0x5050505050505050ull) & ~(x + 0x4646464646464646ull) &
		    ~w & 0x8080808080808080ull;
		if (m)
			return p + (size_t)__builtin_ctzll(m) / 8;
	}
#endif
	for (; p < end; p++)
		if ((unsigned)(u[p] - '0') < 10u)
			return p;
	return end;
}

/* Where literal i next stands in fold[q..qend), or qend. */
static size_t
lit_next(const struct rxscan *sc, size_t i, const char *fold, size_t q,
    size_t qend)
{
	const char *lit = sc->lit[i], *p, *last;
	size_t m = sc->len[i], a = sc->anchor[i];

	if (q >= qend || m > qend - q)
		return qend;
	p = fold + q + a;
	last = fold + (qend - m) + a;
	while (p <= last &&
	    (p = memchr(p, lit[a], (size_t)(last - p) + 1)) != NULL) {
		if (lit_is(sc, i, p - a))
			return (size_t)(p - a - fold);
		p++;
	}
	return qend;
}

/* The character of s[at..end) whose fold holds fold byte q (a fold may
 * be longer than its character, "ß" -> "ss"): its first byte.  Kept out
 * of line: taken into the walk, it slowed rxscan_find()'s loop by some
 * 400K instructions on 2 MB. */
static size_t __attribute__((noinline))
char_of_fold(const unsigned char *u, size_t at, size_t end,
    const uint32_t *fmap, size_t q)
{
	size_t lo = at, hi = end;

	/* Most folds are in place (litfold_inplace()): the character
	 * is at q itself or a byte or two on; else a binary search. */
	if (q >= at && q < end && fmap[q] <= q) {
		size_t p = q;

		while (p + 1 < end && p < q + 4 && fmap[p + 1] <= q)
			p++;
		if (p + 1 == end || fmap[p + 1] > q) {
			lo = p;
			hi = lo + 1;
		}
	}
	while (hi - lo > 1) {		/* last p in [at, end) with fmap[p] <= q */
		size_t mid = lo + (hi - lo) / 2;

		if (fmap[mid] <= q)
			lo = mid;
		else
			hi = mid;
	}
	while (lo > at && (u[lo] & 0xC0) == 0x80)
		lo--;
	return lo;
}

/* The character of s[at..end) whose fold begins at q, or end when q
 * is inside a character's fold (or before at). */
static size_t
char_at_fold(const unsigned char *u, size_t at, size_t end,
    const uint32_t *fmap, size_t q)
{
	size_t p = char_of_fold(u, at, end, fmap, q);

	return fmap[p] == q && (u[p] & 0xC0) != 0x80 ? p : end;
}

/*
 * A walk over the places where a match may begin, in order.  Most
 * patterns begin with digits only, or with a few literals: the next
 * digit is found eight bytes at a time in the sentence itself (no other
 * character folds to one), the next literal by memchr in the fold; any
 * other pattern is walked a byte at a time.
 */
struct walk {
	const struct rxscan *sc;
	const unsigned char *u;
	const char *fold;
	const uint32_t *fmap;
	const struct litidx *ix;	/* fold's pairs, or NULL */
	size_t at, end, qend;
	size_t next[RXSCAN_SEEK_LITS];	/* SEEK_LITS: each literal's next */
};

static void
walk_start(struct walk *w)
{
	/* A literal whose pairs are not all in the sentence is nowhere:
	 * a few lookups instead of a memchr over the part. */
	if (w->sc->seek == SEEK_LITS)
		for (size_t i = 0; i < w->sc->nlit; i++)
			w->next[i] = w->ix != NULL && !litidx_holds(w->ix,
			    w->sc->lit[i], w->sc->len[i]) ? w->qend :
			    lit_next(w->sc, i, w->fold, w->fmap[w->at], w->qend);
}

/* The first place at or after p (and after the last one given) where a
 * match may begin; end when there is none. */
static size_t
walk_next(struct walk *w, size_t p)
{
	const struct rxscan *sc = w->sc;
	size_t best, q;

	switch (sc->seek) {
	case SEEK_DIGITS:
		/* A digit that the byte before rules out (most: a digit
		 * after a digit, where \b or a lookbehind fails) is passed
		 * here, with no return to the caller. */
		for (; (p = next_digit(w->u, p, w->end)) < w->end; p++)
			if ((p == 0 || sc->after_ok[w->u[p - 1]]) &&
			    (sc->by[w->u[p]] == B_YES || lit_at(sc, w->fold,
			    w->fmap[p], w->qend)))
				return p;
		return w->end;
	case SEEK_LITS:
		/* From the next character: a continuation byte maps to its
		 * character's start, the place just given. */
		while (p < w->end && (w->u[p] & 0xC0) == 0x80)
			p++;
		q = p < w->end ? w->fmap[p] : w->qend;
		for (;;) {
			best = w->qend;
			for (size_t i = 0; i < sc->nlit; i++) {
				if (w->next[i] < q)
					w->next[i] = lit_next(sc, i, w->fold, q,
					    w->qend);
				if (w->next[i] < best)
					best = w->next[i];
			}
			if (best >= w->qend)
				return w->end;
			p = char_at_fold(w->u, w->at, w->end, w->fmap, best);
			if (p < w->end)
				return p;
			q = best + 1;
		}
	default:
		for (; p < w->end; p++) {
			/* Only where a character begins, as a match does. */
			if (!sc->src[w->u[p]])
				continue;
			q = w->fmap[p];
			switch (sc->by[(unsigned char)w->fold[q]]) {
			case B_NO:
				continue;
			case B_LIT:
				if (!lit_at(sc, w->fold, q, w->qend))
					continue;
				break;
			}
			return p;
		}
		return w->end;
	}
}

bool
rxscan_find(const struct rxscan *sc, struct rx *rx, const char *s,
    size_t at, size_t end, const char *fold, const uint32_t *fmap,
    const struct litidx *ix, PCRE2_SIZE **ov)
{
	return rxscan_find_outside(sc, rx, s, at, end, fold, fmap, ix, NULL,
	    NULL, NULL, ov);
}

bool
rxscan_find_outside(const struct rxscan *sc, struct rx *rx, const char *s,
    size_t at, size_t end, const char *fold, const uint32_t *fmap,
    const struct litidx *ix, bool (*inside)(const void *, size_t),
    const void *arg, bool *passed, PCRE2_SIZE **ov)
{
	const unsigned char *u = (const unsigned char *)s;
	struct walk w;

	if (sc == NULL || fold == NULL || fmap == NULL)
		return at < end && rx_match(rx, s, end, at, ov);
	if (at >= end)
		return false;
	/* A match within s[0..end) that begins at p folds to something
	 * that begins at fmap[p] and ends by fmap[end]. */
	w = (struct walk){ sc, u, fold, fmap, ix, at, end, fmap[end], { 0 } };
	walk_start(&w);
	size_t floor = at;	/* no match begins before it (core) */

	for (size_t p = at; (p = walk_next(&w, p)) < end; p++) {
		if (!sc->core) {
			/* Places the byte before or the digits' follow rule
			 * out cost no PCRE2 call. */
			if (p > 0 && !sc->after_ok[u[p - 1]])
				continue;
			if (sc->nflit > 0 && u[p] >= '0' && u[p] <= '9' &&
			    !digits_follow(sc, fold + fmap[p], w.qend - fmap[p]))
				continue;
			if (inside != NULL && inside(arg, p)) {
				*passed = true;
				continue;
			}
			if (rx_match_at(rx, s, end, p, ov))
				return true;
			continue;
		}
		/* The words and spaces of a match whose rest begins here
		 * lie after the stop before (core_apart()): search from
		 * where they can begin, for a match that begins by p.  A
		 * rest of digits whose follow is not here begins no match:
		 * none begins by p, as a search would have found. */
		if (sc->nflit > 0 && u[p] >= '0' && u[p] <= '9' &&
		    !digits_follow(sc, fold + fmap[p], w.qend - fmap[p])) {
			floor = p + 1;
			while (floor < end && (u[floor] & 0xC0) == 0x80)
				floor++;
			continue;
		}
		size_t lo = spaces_before(u, floor, p);

		/* PCRE2 matches a character of the words, caseless or not,
		 * with one character: back that many at most. */
		for (size_t k = 0; k < sc->back && lo > floor; k++)
			while (--lo > floor && (u[lo] & 0xC0) == 0x80)
				;
		if (rx_match_upto(rx, s, end, lo, p, ov))
			return true;
		floor = p + 1;
		while (floor < end && (u[floor] & 0xC0) == 0x80)
			floor++;
	}
	return false;
}

bool
rxscan_seeks_literals(const struct rxscan *sc)
{
	return sc != NULL && sc->seek == SEEK_LITS;
}
