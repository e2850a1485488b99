/* rxscan.c - see rxscan.h. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "litreq.h"
#include "rxscan.h"
#include "rxstart.h"

/* How a folded byte may begin a match: not, surely (a digit), or when
 * one of the literals with that first byte is there. */
enum { B_NO, B_YES, B_LIT };

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
	size_t *anchor;		/* the byte of each rxscan_skip() seeks */
	bool digit;		/* a digit may begin a match */
	uint16_t from[256];	/* the first of them with that first byte */
};

struct rxscan *
rxscan_of(const struct rx *rx)
{
	struct rxstart st;
	struct rxscan *sc;
	struct buf f = { 0 };

	if (rx == NULL || rx->src == NULL)
		return NULL;
	rxstart_of(rx->src, &st);
	if (st.any || st.upper || (!st.digit && st.nlit == 0)) {
		rxstart_free(&st);
		return NULL;
	}
	sc = xcalloc(1, sizeof(*sc));
	if (st.digit)
		memset(sc->by + '0', B_YES, 10);
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
	memset(sc->src + 0xC0, 1, 0x40);
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
	free(sc);
}

/* Does one of the beginnings stand at fold[q..qend)? */
static bool
lit_at(const struct rxscan *sc, const char *fold, size_t q, size_t qend)
{
	for (size_t i = sc->from[(unsigned char)fold[q]];
	    i < sc->nlit && sc->lit[i][0] == fold[q]; i++)
		if (sc->len[i] <= qend - q &&
		    memcmp(sc->lit[i], fold + q, sc->len[i]) == 0)
			return true;
	return false;
}

bool
rxscan_find(const struct rxscan *sc, struct rx *rx, const char *s,
    size_t at, size_t end, const char *fold, const uint32_t *fmap,
    PCRE2_SIZE **ov)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t qend;

	if (sc == NULL || fold == NULL || fmap == NULL)
		return at < end && rx_match(rx, s, end, at, ov);
	/* A match within s[0..end) that begins at p folds to something
	 * that begins at fmap[p] and ends by fmap[end]. */
	qend = fmap[end];
	for (size_t p = at; p < end; p++) {
		size_t q;

		/* Only where a character begins, as a match does. */
		if (!sc->src[u[p]])
			continue;
		q = fmap[p];
		switch (sc->by[(unsigned char)fold[q]]) {
		case B_NO:
			continue;
		case B_LIT:
			if (!lit_at(sc, fold, q, qend))
				continue;
			break;
		}
		if (rx_match_at(rx, s, end, p, ov))
			return true;
	}
	return false;
}

size_t
rxscan_skip(const struct rxscan *sc, const char *s, size_t at, size_t end,
    const char *fold, const uint32_t *fmap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t q0, qend, best;

	if (sc == NULL || sc->digit || fold == NULL || fmap == NULL ||
	    at >= end)
		return at;
	q0 = fmap[at];
	qend = fmap[end];
	best = qend;
	/* The first place of any beginning: each is looked for only
	 * before the best place so far. */
	for (size_t i = 0; i < sc->nlit && best > q0; i++) {
		const char *lit = sc->lit[i], *p, *last;
		size_t m = sc->len[i], a = sc->anchor[i];

		if (m > qend - q0)
			continue;
		/* p walks the places of the anchor byte: a start is p - a. */
		p = fold + q0 + a;
		last = fold + (best - 1 < qend - m ? best - 1 : qend - m) + a;
		while (p <= last &&
		    (p = memchr(p, lit[a], (size_t)(last - p) + 1)) != NULL) {
			if (memcmp(p - a, lit, m) == 0) {
				best = (size_t)(p - a - fold);
				break;
			}
			p++;
		}
	}
	if (best == qend)
		return end;
	/* Back to the sentence: the character whose fold holds best
	 * (a fold may be longer than its character, "ß" -> "ss"). */
	size_t lo = at, hi = end;

	while (hi - lo > 1) {		/* last p in [at, end) with fmap[p] <= best */
		size_t mid = lo + (hi - lo) / 2;

		if (fmap[mid] <= best)
			lo = mid;
		else
			hi = mid;
	}
	while (lo > at && (u[lo] & 0xC0) == 0x80)
		lo--;
	return lo;
}
