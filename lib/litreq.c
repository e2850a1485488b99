/* litreq.c - see litreq.h. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "err.h"
#include "litreq.h"
#include "rxsyntax.h"

/* One of these strings (folded) must be in the text. */
struct litset {
	char **lit;
	size_t n;
};

/* A literal as litreq_may() tests it: its length and its bigrams
 * (hashed as in struct litidx), worked out once. */
struct lit {
	const char *s;
	size_t len;
	size_t nbg;
	uint16_t *bg;
	size_t anchor;		/* the byte contains() looks for first */
	uint32_t head;		/* its first four bytes, if it has them */
};

struct litreq {
	struct litreq_memo memo;	/* first: litreq_ruled_out() reads it */
	struct litset *v;
	size_t n;
	struct lit **c;		/* c[i][0..nc[i]): v[i]'s literals that */
	size_t *nc;		/* hold none of the others */
	/* Which literals the last indexed text (memo.seen) holds every
	 * pair of, bit k of the k-th literal counted across the sets (the
	 * first 64): a pattern is asked of several parts of one sentence
	 * (a window per figure, per cue). */
	uint64_t indexed;
	size_t nlit;		/* literals across the sets */
	struct {		/* set i's bits of indexed (nlit <= 64) */
		unsigned off;	/* below 64 */
		uint64_t mask;
	} *bits;
};

/* What a branch of a pattern needs: every set. */
struct conj {
	struct litset *v;
	size_t n;
};

static void
set_free(struct litset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->lit[i]);
	free(s->lit);
}

static void
conj_free(struct conj *c)
{
	for (size_t i = 0; i < c->n; i++)
		set_free(&c->v[i]);
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

static void
conj_add(struct conj *c, struct litset s)
{
	c->v = xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
	c->v[c->n++] = s;
}

/* The shortest literal of a set: how telling it is. */
static size_t
set_weight(const struct litset *s)
{
	size_t w = SIZE_MAX;

	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->lit[i]) < w)
			w = strlen(s->lit[i]);
	return s->n ? w : 0;
}

/* Ends the current run of literal characters: it becomes a set of one. */
static void
flush(struct buf *run, struct conj *c)
{
	struct buf f = { 0 };
	struct litset s;
	size_t i;

	for (i = 0; i < run->len && run->p[i] == ' '; i++)
		;
	if (i < run->len) {	/* spaces alone tell nothing */
		litfold(run->p, run->len, &f, NULL);
		s.lit = xmalloc(sizeof(*s.lit));
		s.lit[0] = xstrdup(f.p);
		s.n = 1;
		conj_add(c, s);
		buf_free(&f);
	}
	run->len = 0;
}

/* Skips {...} after an escape letter, else one character. */
static bool
skip_braced(const char **pp)
{
	const char *p = *pp;

	if (*p == '{') {
		p = strchr(p, '}');
		if (p == NULL)
			return false;
		*pp = p + 1;
		return true;
	}
	if (*p == '\0')
		return false;
	*pp = p + 1;
	return true;
}

static bool parse_alt(const char **pp, struct conj **br, size_t *nbr);

/* A group's requirement from its branches: with one branch, all it
 * needs; with several, one set made of each branch's best set. */
static void
group_req(struct conj *br, size_t nbr, struct conj *out)
{
	struct litset u = { 0 };

	if (nbr == 1) {
		for (size_t i = 0; i < br[0].n; i++)
			conj_add(out, br[0].v[i]);
		free(br[0].v);
		br[0].v = NULL;
		br[0].n = 0;
		return;
	}
	for (size_t b = 0; b < nbr; b++) {
		size_t best = SIZE_MAX, w = 0;

		for (size_t i = 0; i < br[b].n; i++)
			if (set_weight(&br[b].v[i]) > w) {
				w = set_weight(&br[b].v[i]);
				best = i;
			}
		if (best == SIZE_MAX) {
			set_free(&u);
			return;
		}
		for (size_t i = 0; i < br[b].v[best].n; i++) {
			u.lit = xrealloc(u.lit, (u.n + 1) * sizeof(*u.lit));
			u.lit[u.n++] = xstrdup(br[b].v[best].lit[i]);
		}
	}
	conj_add(out, u);
}

static void
branches_free(struct conj *br, size_t nbr)
{
	for (size_t b = 0; b < nbr; b++)
		conj_free(&br[b]);
	free(br);
}

/* Whether a lookahead's words are needed too (litreq_of_whole()). */
static bool read_ahead;

/* A group after its '(' : what it needs, into c.  false: unreadable. */
static bool
parse_group(const char **pp, struct conj *c)
{
	const char *p = *pp;
	bool consuming = true, ahead = false;
	struct conj *br = NULL;
	size_t nbr = 0;
	long min;

	if (*p == '*')
		return false;			/* verbs */
	if (*p == '?') {
		p++;
		if (*p == '#') {		/* a comment */
			if ((p = strchr(p, ')')) == NULL)
				return false;
			*pp = p + 1;
			return true;
		}
		if (*p == ':' || *p == '|' || *p == '>')
			p++;
		else if (*p == '=' || *p == '!') {
			consuming = false;
			ahead = *p == '=' && read_ahead;
			p++;
		} else if (*p == '<' && (p[1] == '=' || p[1] == '!')) {
			consuming = false;
			p += 2;
		} else if (*p == '<' || *p == '\'' || (*p == 'P' && p[1] == '<')) {
			char close = *p == '\'' ? '\'' : '>';

			if ((p = strchr(p + 1, close)) == NULL)
				return false;
			p++;
		} else {
			/* Option letters: (?i) or (?i:...); (?x) changes
			 * what spaces mean, so it is not read. */
			const char *q = p;

			while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			    *q == '-' || *q == '^')
				q++;
			if (q == p || memchr(p, 'x', (size_t)(q - p)) != NULL)
				return false;
			if (*q == ')') {
				*pp = q + 1;
				return true;
			}
			if (*q != ':')
				return false;
			p = q + 1;
		}
	}
	if (!parse_alt(&p, &br, &nbr) || *p != ')') {
		branches_free(br, nbr);
		return false;
	}
	p++;
	min = rx_quantifier(&p, NULL);
	if ((consuming || ahead) && min != 0)
		group_req(br, nbr, c);
	branches_free(br, nbr);
	*pp = p;
	return true;
}

/* One branch, up to '|', ')' or the end. */
static bool
parse_branch(const char **pp, struct conj *c)
{
	const char *p = *pp;
	struct buf run = { 0 };
	bool ok = true;

	while (ok && *p && *p != '|' && *p != ')') {
		const char *atom = p;
		bool literal = false;
		long min;

		if (*p == '\\') {
			char e = p[1];

			p += 2;
			if (e == '\0') {
				ok = false;
			} else if (e == 'Q') {
				const char *end = strstr(p, "\\E");
				size_t n = end ? (size_t)(end - p) : strlen(p);

				/* Literal, but a quantifier after \E takes
				 * only the last character: keep it out. */
				if (n > 0) {
					size_t last = n - 1;

					while (last > 0 && ((unsigned char)p[last] & 0xC0) == 0x80)
						last--;
					buf_add(&run, p, last);
					flush(&run, c);
				}
				p += n + (end ? 2 : 0);
				continue;
			} else if (!((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') ||
			    (e >= '0' && e <= '9')) && !((unsigned char)e & 0x80)) {
				literal = true;	/* \. \( \- ... */
				atom = p - 1;	/* the character itself */
			} else if (strchr("bBAzZGKE", e)) {
				flush(&run, c);
				continue;
			} else if (strchr("dDwWsShHvVRXCnrtfea", e)) {
				;
			} else if (strchr("pPoxN", e)) {
				ok = skip_braced(&p);
				if (ok && e == 'x' && p[-1] != '}')
					while ((*p >= '0' && *p <= '9') ||
					    (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F'))
						p++;
				else if (ok && e != 'x' && p[-1] != '}' && e != 'p' &&
				    e != 'P')
					p--;	/* \o, \N without braces */
			} else if (e == 'c') {
				ok = *p != '\0';
				p++;
			} else if (e == 'g' || e == 'k') {
				if (*p == '{' || *p == '<' || *p == '\'') {
					char close = *p == '{' ? '}' : *p == '<' ? '>' : '\'';

					p = strchr(p, close);
					ok = p != NULL;
					if (ok)
						p++;
				} else {
					if (*p == '+' || *p == '-')
						p++;
					while (*p >= '0' && *p <= '9')
						p++;
				}
			} else if (e >= '0' && e <= '9') {
				while (*p >= '0' && *p <= '9')
					p++;
			} else
				ok = false;
		} else if (*p == '.') {
			p++;
		} else if (*p == '^' || *p == '$') {
			p++;
			flush(&run, c);
			continue;
		} else if (*p == '[') {
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (ok && *p != ']') {
				if (*p == '\0')
					ok = false;
				else if (*p == '\\') {
					if (p[1] == 'Q' || p[1] == '\0')
						ok = false;
					p += 2;
				} else if (*p == '[' && p[1] == ':') {
					const char *q = strstr(p + 2, ":]");

					if (q == NULL)
						ok = false;
					else
						p = q + 2;
				} else
					p++;
			}
			if (ok)
				p++;
		} else if (*p == '(') {
			p++;
			flush(&run, c);
			ok = parse_group(&p, c);
			continue;
		} else if (*p == '*' || *p == '+' || *p == '?') {
			ok = false;	/* a quantifier with nothing before it */
		} else {
			literal = true;
			p++;
			while (((unsigned char)*p & 0xC0) == 0x80)
				p++;
		}
		if (!ok)
			break;
		min = rx_quantifier(&p, NULL);
		if (literal && min < 0)
			buf_add(&run, atom, (size_t)(p - atom));
		else
			flush(&run, c);
	}
	if (ok)
		flush(&run, c);
	buf_free(&run);
	*pp = p;
	return ok;
}

static bool
parse_alt(const char **pp, struct conj **br, size_t *nbr)
{
	const char *p = *pp;

	for (;;) {
		*br = xrealloc(*br, (*nbr + 1) * sizeof(**br));
		(*br)[*nbr] = (struct conj){ NULL, 0 };
		if (!parse_branch(&p, &(*br)[(*nbr)++]))
			return false;
		if (*p != '|')
			break;
		p++;
	}
	*pp = p;
	return true;
}

static size_t
bigram(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return (size_t)(u[0] & 0x7F) | (size_t)(u[1] & 0x7F) << 8;
}

/* How common a byte pair of Vietnamese text is likely to be, 0 least. */
static int
pair_rank(const char *p)
{
	const unsigned char a = (unsigned char)p[0], b = (unsigned char)p[1];
	bool acont = (a & 0xC0) == 0x80, bcont = (b & 0xC0) == 0x80;

	if (acont && bcont)
		return 0;
	if (acont || (a != ' ' && b != ' ' && a < 0x80 && b < 0x80))
		return 1;
	if (b >= 0xC0 || a >= 0xC0)
		return 3;
	return 2;
}

static void
lit_make(struct lit *l, const char *s)
{
	l->s = s;
	l->len = strlen(s);
	l->head = 0;
	if (l->len >= 4)
		memcpy(&l->head, s, 4);
	l->nbg = l->len > 1 ? l->len - 1 : 0;
	l->bg = xmalloc((l->nbg + 1) * sizeof(*l->bg));
	/* Test the telling pairs first: the last two bytes of a
	 * character (which say which one it is) before pairs with a space
	 * or a lead byte, common to most Vietnamese words. */
	size_t m = 0;

	l->anchor = 0;
	for (int rank = 0; rank < 4; rank++)
		for (size_t j = l->nbg; j-- > 0;)
			if (pair_rank(s + j) == rank) {
				/* The second byte of the most telling pair is
				 * what contains() runs memchr to: the last
				 * byte of "ổ" turns up far less often than the
				 * 't' or ' ' a literal tends to begin with. */
				if (m == 0)
					l->anchor = j + 1;
				l->bg[m++] = (uint16_t)bigram(s + j);
			}
	/* A better anchor still: the last byte of the literal's first
	 * character beyond ASCII (which says which one it is); ASCII
	 * letters and spaces are everywhere. */
	for (size_t j = 1; j < l->len; j++)
		if (((unsigned char)s[j] & 0xC0) == 0x80 &&
		    (j + 1 == l->len || ((unsigned char)s[j + 1] & 0xC0) != 0x80)) {
			l->anchor = j;
			break;
		}
}

/* Does literal k of s contain another of s?  Then it adds nothing to
 * "one of these is in the text" ("cả năm" beside "năm").  Of equal
 * ones the first stays. */
static bool
holds_other(const struct litset *s, size_t k)
{
	for (size_t j = 0; j < s->n; j++)
		if (j != k && strstr(s->lit[k], s->lit[j]) != NULL &&
		    (strcmp(s->lit[k], s->lit[j]) != 0 || j < k))
			return true;
	return false;
}

struct litreq *
litreq_of(const char *pattern)
{
	const char *p = pattern;
	struct conj *br = NULL, all = { NULL, 0 };
	size_t nbr = 0;
	struct litreq *q = NULL;

	if (parse_alt(&p, &br, &nbr) && *p == '\0') {
		group_req(br, nbr, &all);
		if (all.n > 0) {
			q = xcalloc(1, sizeof(*q));
			q->v = all.v;
			q->n = all.n;
			q->c = xmalloc(q->n * sizeof(*q->c));
			q->nc = xcalloc(q->n, sizeof(*q->nc));
			for (size_t i = 0; i < q->n; i++) {
				q->c[i] = xmalloc(q->v[i].n * sizeof(**q->c));
				for (size_t k = 0; k < q->v[i].n; k++)
					if (!holds_other(&q->v[i], k))
						lit_make(&q->c[i][q->nc[i]++],
						    q->v[i].lit[k]);
				q->nlit += q->nc[i];
			}
			q->bits = xcalloc(q->n, sizeof(*q->bits));
			for (size_t i = 0, off = 0; i < q->n && q->nlit <= 64; i++) {
				/* A set of no literal has mask 0: never held. */
				q->bits[i].off = off < 64 ? (unsigned)off : 63;
				q->bits[i].mask = q->nc[i] == 0 ? 0 :
				    ((uint64_t)2 << (q->nc[i] - 1)) - 1;
				off += q->nc[i];
			}
		}
	} else
		conj_free(&all);
	branches_free(br, nbr);
	return q;
}

struct litreq *
litreq_of_whole(const char *pattern)
{
	struct litreq *q;

	read_ahead = true;
	q = litreq_of(pattern);
	read_ahead = false;
	return q;
}

void
litreq_free(struct litreq *q)
{
	if (q == NULL)
		return;
	for (size_t i = 0; i < q->n; i++) {
		for (size_t k = 0; k < q->nc[i]; k++)
			free(q->c[i][k].bg);
		free(q->c[i]);
		set_free(&q->v[i]);
	}
	free(q->c);
	free(q->nc);
	free(q->bits);
	free(q->v);
	free(q);
}

/* Is l in t[0..n)?  The texts are a sentence or less, the literals a
 * few words: memchr to each first byte and a compare beats memmem's
 * set-up per call. */
static bool
contains(const char *t, size_t n, const struct lit *l)
{
	size_t m = l->len, a = l->anchor;
	const char *p, *last, *lit = l->s;

	if (m == 0)
		return true;
	if (m > n)
		return false;
	/* p walks the places of the anchor byte: a match starts at p - a. */
	p = t + a;
	last = t + (n - m) + a;
	while (p <= last && (p = memchr(p, lit[a], (size_t)(last - p) + 1)) != NULL) {
		/* Most places of the anchor byte are not the literal: its
		 * first four bytes, compared as a word, tell without a
		 * call to memcmp. */
		if (m >= 4) {
			uint32_t w;

			memcpy(&w, p - a, 4);
			if (w == l->head && lit_same(p - a + 4, lit + 4, m - 4))
				return true;
		} else if (lit_same(p - a, lit, m))
			return true;
		p++;
	}
	return false;
}

void
litidx_build(struct litidx *ix, const char *t, size_t n)
{
	const unsigned char *u = (const unsigned char *)t;
	uint16_t g;

	/* A new stamp stands for clearing the table; only when the stamps
	 * run out is it cleared for real. */
	if (++ix->gen == 0) {
		memset(ix->bg, 0, sizeof(ix->bg));
		ix->gen = 1;
	}
	g = ix->gen;
	/* One count for every index: a litreq's memory of one index is
	 * never taken for another's. */
	static uint64_t serials;

	ix->serial = ++serials;
	if (n < 2)
		return;
	/* Eight pairs a round: the loop's own test is a good part of it. */
	size_t i = 0;

#if defined(__SSE2__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* Sixteen a round: the slots of the pairs at even offsets are the
	 * 16-bit words of the bytes, of those at odd ones the words of
	 * the bytes one on, masked in two vector operations; each slot is
	 * then an extract and a store, not a load, a mask and a store. */
	const __m128i mask = _mm_set1_epi16(0x7F7F);

	for (; i + 17 <= n; i += 16) {
		__m128i e = _mm_and_si128(_mm_loadu_si128((const __m128i *)
		    (const void *)(u + i)), mask);
		__m128i o = _mm_and_si128(_mm_loadu_si128((const __m128i *)
		    (const void *)(u + i + 1)), mask);

		ix->bg[_mm_extract_epi16(e, 0)] = g;
		ix->bg[_mm_extract_epi16(o, 0)] = g;
		ix->bg[_mm_extract_epi16(e, 1)] = g;
		ix->bg[_mm_extract_epi16(o, 1)] = g;
		ix->bg[_mm_extract_epi16(e, 2)] = g;
		ix->bg[_mm_extract_epi16(o, 2)] = g;
		ix->bg[_mm_extract_epi16(e, 3)] = g;
		ix->bg[_mm_extract_epi16(o, 3)] = g;
		ix->bg[_mm_extract_epi16(e, 4)] = g;
		ix->bg[_mm_extract_epi16(o, 4)] = g;
		ix->bg[_mm_extract_epi16(e, 5)] = g;
		ix->bg[_mm_extract_epi16(o, 5)] = g;
		ix->bg[_mm_extract_epi16(e, 6)] = g;
		ix->bg[_mm_extract_epi16(o, 6)] = g;
		ix->bg[_mm_extract_epi16(e, 7)] = g;
		ix->bg[_mm_extract_epi16(o, 7)] = g;
	}
#endif

	for (; i + 9 <= n; i += 8) {
		ix->bg[litidx_pair(u + i)] = g;
		ix->bg[litidx_pair(u + i + 1)] = g;
		ix->bg[litidx_pair(u + i + 2)] = g;
		ix->bg[litidx_pair(u + i + 3)] = g;
		ix->bg[litidx_pair(u + i + 4)] = g;
		ix->bg[litidx_pair(u + i + 5)] = g;
		ix->bg[litidx_pair(u + i + 6)] = g;
		ix->bg[litidx_pair(u + i + 7)] = g;
	}
	for (; i + 1 < n; i++)
		ix->bg[litidx_pair(u + i)] = g;
}

/* Can l be in the indexed text at all?  Every byte pair of it must be. */
static bool
lit_indexed(const struct litidx *ix, const struct lit *l)
{
	for (size_t j = 0; j < l->nbg; j++)
		if (ix->bg[l->bg[j]] != ix->gen)
			return false;
	return true;
}

/* Fills in q's memory of the indexed text (struct litreq). */
static void
litreq_index(struct litreq *q, const struct litidx *ix)
{
	size_t bit = 0;

	q->memo.seen = ix->serial;
	q->indexed = 0;
	q->memo.may = true;
	for (size_t i = 0; i < q->n; i++) {
		bool any = false;

		for (size_t k = 0; k < q->nc[i]; k++, bit++)
			if (lit_indexed(ix, &q->c[i][k])) {
				any = true;
				if (bit < 64)
					q->indexed |= 1ull << bit;
			}
		if (!any) {
			q->memo.may = false;
			return;
		}
	}
}

bool
litreq_may_in(const struct litreq *cq, const struct litidx *ix,
    const char *t, size_t n)
{
	if (cq == NULL)
		return true;
	if (ix != NULL && ix->serial != 0) {
		/* The memory is no part of what q says: the cast writes to
		 * an object allocated as modifiable (litreq_of()). */
		struct litreq *q = (struct litreq *)cq;

		if (q->memo.seen != ix->serial)
			litreq_index(q, ix);
		if (!q->memo.may)
			return false;
		/* The literals the text holds, bit by bit: only those are
		 * searched for, without a test per literal. */
		if (q->nlit <= 64) {
			for (size_t i = 0; i < q->n; i++) {
				uint64_t sb = q->indexed >> q->bits[i].off &
				    q->bits[i].mask;

				for (; sb != 0; sb &= sb - 1)
					if (contains(t, n, &q->c[i][__builtin_ctzll(sb)]))
						break;
				if (sb == 0)
					return false;
			}
			return true;
		}
	}
	/* No index, or more literals than the memory has bits for. */
	return litreq_may_once(cq, ix, t, n);
}

bool
litreq_may_once(const struct litreq *q, const struct litidx *ix,
    const char *t, size_t n)
{
	if (q == NULL)
		return true;
	for (size_t i = 0; i < q->n; i++) {
		size_t k;

		for (k = 0; k < q->nc[i]; k++)
			if ((ix == NULL || lit_indexed(ix, &q->c[i][k])) &&
			    contains(t, n, &q->c[i][k]))
				break;
		if (k == q->nc[i])
			return false;
	}
	return true;
}

void
litgate_of(const struct litreq *q, struct litgate *g)
{
	size_t nk = 0;

	g->n = 0;
	g->must = g->must2 = 0;
	g->has_must = false;
	for (size_t i = 0; q != NULL && i < q->n && g->n < LITGATE_SETS; i++) {
		size_t k;

		/* A set with a literal of one byte has no pair to test: it
		 * is left out of the gate, as is one with too many keys. */
		for (k = 0; k < q->nc[i] && q->c[i][k].nbg > 0; k++)
			;
		if (k < q->nc[i] || q->nc[i] == 0 ||
		    nk + q->nc[i] > LITGATE_KEYS)
			continue;
		for (k = 0; k < q->nc[i]; k++, nk++) {
			const struct lit *l = &q->c[i][k];

			for (size_t j = 0; j < LITGATE_PAIRS; j++)
				g->key[nk][j] = l->bg[j < l->nbg ? j : l->nbg - 1];
		}
		if (!g->has_must && nk - (g->n ? g->end[g->n - 1] : 0) == 1) {
			g->must = g->key[nk - 1][0];
			g->must2 = g->key[nk - 1][1];
			g->has_must = true;
		}
		g->end[g->n++] = (uint8_t)nk;
	}
}

bool
litreq_may(const struct litreq *q, const char *t, size_t n)
{
	return litreq_may_in(q, NULL, t, n);
}

/* litfold() lowers ASCII a word at a time where the first byte in
 * memory is the lowest of the word. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LIT_SWAR 1
#endif

/* The folds of U+0080..U+1FFF (Latin, Vietnamese, Greek, Cyrillic),
 * worked out from utf8proc on first use; others are asked each time. */
#define FOLD_CACHE 0x2000
static struct {
	unsigned char n;	/* bytes; 0 not yet known */
	char b[15];
} fold_cache[FOLD_CACHE];

/*
 * The fold_cache entry of the character at u[i], for the ones the fast
 * paths take: a Vietnamese letter (U+1Exx, three bytes from 0xE1) or a
 * two-byte one, well formed.  Its length in bytes, with *fc its entry;
 * 0 for anything else.
 */
static inline unsigned
cache_entry(const unsigned char *u, size_t len, size_t i, unsigned *fc)
{
	if (u[i] == 0xE1 && i + 2 < len && (u[i + 1] & 0xC0) == 0x80 &&
	    (u[i + 2] & 0xC0) == 0x80) {
		*fc = 0x1000 | (u[i + 1] & 0x3Fu) << 6 | (u[i + 2] & 0x3Fu);
		return 3;
	}
	if (u[i] >= 0xC2 && u[i] <= 0xDF && i + 1 < len &&
	    (u[i + 1] & 0xC0) == 0x80) {
		*fc = (u[i] & 0x1Fu) << 6 | (u[i + 1] & 0x3Fu);
		return 2;
	}
	return 0;
}

static size_t
fold_cp(utf8proc_int32_t cp, char *out)
{
	utf8proc_int32_t d[8];
	utf8proc_ssize_t nd;
	int bc = 0;
	size_t n = 0;

	/* Dotted and dotless i: coarser than any caseless rule. */
	if (cp == 0x130 || cp == 0x131) {
		out[0] = 'i';
		return 1;
	}
	nd = utf8proc_decompose_char(cp, d, 8, UTF8PROC_CASEFOLD, &bc);
	if (nd < 1 || nd > 3) {
		d[0] = cp;
		nd = 1;
	}
	for (utf8proc_ssize_t i = 0; i < nd; i++)
		n += (size_t)utf8proc_encode_char(d[i], (utf8proc_uint8_t *)out + n);
	return n;
}

#ifdef LIT_SWAR
/*
 * litfold() of a text whose every character folds to as many bytes as
 * it has, as Vietnamese letters and ASCII do (fold_cache says which,
 * once it has met them): the fold is the text with its letters replaced
 * in place, and the map the identity but for continuation bytes.  Eight
 * bytes are copied, ASCII lowered, and their map written at a time; the
 * characters beyond ASCII are then mended one by one.  false, leaving
 * p and map half written, at the first character that does not fold so
 * (or fold_cache does not know yet): the caller folds the general way.
 */
/*
 * Folds the character at u[i] in place, as litfold_inplace() does: its
 * fold into p[i..], exactly as many bytes, and its bytes' map to i.  The
 * bytes it took; 0 when the character does not fold so (or fold_cache
 * does not know yet).
 */
static inline unsigned
fold_in_place(const unsigned char *u, size_t len, size_t i, char *p,
    uint32_t *map)
{
	unsigned fc, n = cache_entry(u, len, i, &fc);

	if (n == 0 || fold_cache[fc].n != n)
		return 0;
	/* No byte past the character: the bytes after it are written.  A
	 * copy of a constant length each, which the compiler joins to
	 * cache_entry()'s own test. */
	if (n == 3) {
		memcpy(p + i, fold_cache[fc].b, 3);
		map[i] = map[i + 1] = map[i + 2] = (uint32_t)i;
	} else {
		memcpy(p + i, fold_cache[fc].b, 2);
		map[i] = map[i + 1] = (uint32_t)i;
	}
	return n;
}

#ifdef __SSE2__
/*
 * The start of litfold_inplace(), sixteen bytes a step: copied with ASCII
 * lowered and their map written as the identity, in a few vector
 * operations; then each character beyond ASCII whose lead byte is among
 * them (one in seven or eight bytes of Vietnamese text) is mended alone,
 * with no new step for it as the word-at-a-time loop takes.  A character
 * that runs past the sixteen bytes is mended whole, and the next step
 * begins after it.  Returns where it stopped (fewer than sixteen bytes
 * left), or SIZE_MAX where litfold_inplace() would return false.
 */
static size_t
litfold_inplace16(const unsigned char *u, size_t len, char *p, uint32_t *map)
{
	const __m128i below = _mm_set1_epi8('A' - 1), above = _mm_set1_epi8('Z' + 1);
	const __m128i bit5 = _mm_set1_epi8(0x20), four = _mm_set1_epi32(4);
	const __m128i iota = _mm_set_epi32(3, 2, 1, 0);
	size_t i = 0;

	while (i + 16 <= len) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		/* Signed compares: a byte beyond ASCII is negative, below
		 * 'A', and not lowered. */
		__m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, below),
		    _mm_cmplt_epi8(v, above));
		__m128i m = _mm_add_epi32(_mm_set1_epi32((int)i), iota);
		unsigned hi = (unsigned)_mm_movemask_epi8(v);
		size_t next = i + 16;

		_mm_storeu_si128((__m128i *)(void *)(p + i),
		    _mm_or_si128(v, _mm_and_si128(up, bit5)));
		_mm_storeu_si128((__m128i *)(void *)(map + i), m);
		m = _mm_add_epi32(m, four);
		_mm_storeu_si128((__m128i *)(void *)(map + i + 4), m);
		m = _mm_add_epi32(m, four);
		_mm_storeu_si128((__m128i *)(void *)(map + i + 8), m);
		m = _mm_add_epi32(m, four);
		_mm_storeu_si128((__m128i *)(void *)(map + i + 12), m);
		while (hi != 0) {
			size_t j = i + (size_t)__builtin_ctz(hi);
			unsigned n = fold_in_place(u, len, j, p, map);

			if (n == 0)
				return SIZE_MAX;
			hi &= ~(((1u << n) - 1) << (j - i));
			if (j + n > next)
				next = j + n;
		}
		i = next;
	}
	return i;
}
#endif

static bool
litfold_inplace(const unsigned char *u, size_t len, char *p, uint32_t *map)
{
#ifdef __SSE2__
	size_t i = litfold_inplace16(u, len, p, map);

	if (i == SIZE_MAX)
		return false;
#else
	size_t i = 0;
#endif

	for (;;) {
		uint64_t w, hi, lo7, up;
		unsigned char c;
		unsigned n;

		if (i + 8 <= len) {
			memcpy(&w, u + i, 8);
			hi = w & 0x8080808080808080ull;
			lo7 = w & 0x7F7F7F7F7F7F7F7Full;
			/* Bit 7 of each ASCII byte in 'A'..'Z'. */
			up = (lo7 + 0x3F3F3F3F3F3F3F3Full) &
			    ~(lo7 + 0x2525252525252525ull) & ~w &
			    0x8080808080808080ull;
			w |= up >> 2;
			memcpy(p + i, &w, 8);
			for (unsigned k = 0; k < 8; k++)
				map[i + k] = (uint32_t)(i + k);
			if (hi == 0) {
				i += 8;
				continue;
			}
			i += (unsigned)__builtin_ctzll(hi) / 8;
		} else {
			if (i >= len)
				break;
			if ((c = u[i]) < 0x80) {
				p[i] = (char)(c + ((unsigned)(c - 'A') < 26u) * 32);
				map[i] = (uint32_t)i;
				i++;
				continue;
			}
		}
		/* u[i] is beyond ASCII: a character of two or three bytes
		 * whose fold has as many, or the general way. */
		if ((n = fold_in_place(u, len, i, p, map)) == 0)
			return false;
		i += n;
	}
	map[len] = (uint32_t)len;
	p[len] = '\0';
	return true;
}
#endif

void
litfold(const char *s, size_t len, struct buf *out, uint32_t *map)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0;
	char *p;

	/* fold_cp() gives at most three characters of four bytes for a
	 * character of two or more: room for six times the input at once,
	 * so the loop below checks nothing but the input. */
	out->len = 0;
	buf_grow(out, 6 * len + 16);
	p = out->p;
#ifdef LIT_SWAR
	if (map && litfold_inplace(u, len, p, map)) {
		out->len = len;
		return;
	}
#endif
	while (i < len) {
		unsigned char c = u[i];

		if (c < 0x80) {
			/* The common case, inline: ASCII lowers alone, a run
			 * of it in a loop of its own, without branches. */
			if (map) {
				/* Eight bytes at a time while they last:
				 * lowered by word arithmetic, the prefix
				 * that is ASCII kept (what lies past it is
				 * written again by the characters there). */
#ifdef LIT_SWAR
				while (i + 8 <= len) {
					uint64_t w, up, hi;
					unsigned run;

					memcpy(&w, u + i, 8);
					hi = w & 0x8080808080808080ull;
					up = ((w & 0x7F7F7F7F7F7F7F7Full) +
					    0x3F3F3F3F3F3F3F3Full) &
					    ~((w & 0x7F7F7F7F7F7F7F7Full) +
					    0x2525252525252525ull) &
					    0x8080808080808080ull;
					w |= up >> 2;
					memcpy(p + o, &w, 8);
					for (unsigned k = 0; k < 8; k++)
						map[i + k] = (uint32_t)(o + k);
					run = hi ? (unsigned)__builtin_ctzll(hi) / 8 : 8;
					i += run;
					o += run;
					if (run < 8)
						break;
				}
				if (i >= len || (c = u[i]) >= 0x80)
					continue;
#endif
				do {
					map[i] = (uint32_t)o;
					p[o++] = (char)(c + ((unsigned)(c - 'A') < 26u) * 32);
				} while (++i < len && (c = u[i]) < 0x80);
			} else {
				do
					p[o++] = (char)(c + ((unsigned)(c - 'A') < 26u) * 32);
				while (++i < len && (c = u[i]) < 0x80);
			}
			continue;
		}
		/* Vietnamese letters (U+1Exx, three bytes) and two-byte
		 * Latin ones, well formed and folded to four bytes or less
		 * (all of them, once fold_cache knows them), take this path:
		 * no decoding through utf8proc, no scratch copy. */
		unsigned fc, cn = cache_entry(u, len, i, &fc);

		if (cn > 0 && fold_cache[fc].n != 0 && fold_cache[fc].n <= 4) {
			if (map) {
				map[i] = map[i + 1] = (uint32_t)o;
				if (cn == 3)
					map[i + 2] = (uint32_t)o;
			}
			memcpy(p + o, fold_cache[fc].b, 4);
			o += fold_cache[fc].n;
			i += cn;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;
		char tmp[16] = { 0 };	/* the four bytes copied below: all set */
		const char *f = tmp;
		size_t fn;

		/* Two-byte characters and three-byte ones below U+2000
		 * (Vietnamese is U+1Exx), well formed, are decoded here:
		 * they are what fold_cache holds.  Anything else goes to
		 * utf8proc_iterate(), which also judges what is invalid. */
		if (c >= 0xC2 && c <= 0xDF && i + 1 < len &&
		    (u[i + 1] & 0xC0) == 0x80) {
			cp = (c & 0x1F) << 6 | (u[i + 1] & 0x3F);
			k = 2;
		} else if ((c == 0xE1 || (c == 0xE0 && i + 1 < len &&
		    u[i + 1] >= 0xA0)) && i + 2 < len &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
			cp = (c & 0x0F) << 12 | (u[i + 1] & 0x3F) << 6 |
			    (u[i + 2] & 0x3F);
			k = 3;
		} else
			k = utf8proc_iterate(u + i,
			    (utf8proc_ssize_t)(len - i), &cp);
		if (k < 1) {		/* invalid: as it is */
			k = 1;
			tmp[0] = (char)c;
			fn = 1;
		} else if (cp < FOLD_CACHE) {
			if (fold_cache[cp].n == 0)
				fold_cache[cp].n = (unsigned char)fold_cp(cp,
				    fold_cache[cp].b);
			f = fold_cache[cp].b;
			fn = fold_cache[cp].n;
		} else
			fn = fold_cp(cp, tmp);
		if (map)
			for (utf8proc_ssize_t j = 0; j < k; j++)
				map[i + (size_t)j] = (uint32_t)o;
		/* A fixed four bytes is inline where a memcpy of fn is a
		 * library call; the room reserved above covers the excess. */
		if (fn <= 4)
			memcpy(p + o, f, 4);
		else
			memcpy(p + o, f, fn);
		o += fn;
		i += (size_t)k;
	}
	if (map)
		map[len] = (uint32_t)o;
	p[o] = '\0';
	out->len = o;
}
