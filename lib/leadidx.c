/* leadidx.c - see leadidx.h. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "leadidx.h"

void
leadidx_add(struct leadidx *li, uint32_t rule, const char *s, size_t len)
{
	for (size_t k = 0; k < li->n; k++)
		if (li->v[k].rule == rule && li->v[k].len == len &&
		    memcmp(li->v[k].s, s, len) == 0)
			return;
	const char *sp = memchr(s, ' ', len);

	li->v = xrealloc(li->v, (li->n + 1) * sizeof(*li->v));
	li->v[li->n++] = (struct lead){ .rule = rule,
	    .s = xstrndup(s, len), .len = len,
	    .key = sp != NULL && sp > s ? (size_t)(sp - s) : len };
}

/* The bytes of a lead its group tells: those of its key, up to three. */
static size_t
known_of(const struct lead *l)
{
	return l->key < 3 ? l->key : 3;
}

/*
 * The group of a lead (struct leadgroup): by its key's first three bytes,
 * or all of a shorter key; with Vietnamese words, two bytes are often a
 * letter and the lead byte of the next character, which many words
 * share.
 */
static uint32_t
group_of(const unsigned char *u, size_t known)
{
	return known == 1 ? (uint32_t)u[0] << 8 :
	    known == 2 ? (uint32_t)u[0] << 8 | u[1] :
	    1u << 24 | (uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2];
}

static uint32_t
lead_group(const struct lead *l)
{
	return group_of((const unsigned char *)l->s, known_of(l));
}

static int
lead_cmp(const void *a, const void *b)
{
	const struct lead *x = a, *y = b;
	uint32_t px = lead_group(x), py = lead_group(y);

	int c;

	if (px != py)
		return (px > py) - (px < py);
	/* The same bytes side by side (struct lead: dup). */
	if (x->len != y->len)
		return (x->len > y->len) - (x->len < y->len);
	if ((c = memcmp(x->s, y->s, x->len)) != 0)
		return c;
	return (x->rule > y->rule) - (x->rule < y->rule);
}

static size_t
slot_of(const struct leadidx *li, uint32_t id)
{
	size_t h = (id * 2654435761u) >> 16 & li->mask;

	while (li->group[h].end != 0 && li->group[h].id != id)
		h = (h + 1) & li->mask;
	return h;
}

/* Adds lead l, to be in the three filter at bit b (seen: set already),
 * to the leads of that bit (struct leadsig); a bit with more than
 * LEADSIG_MAX, or past the 255th, is not filtered (sig_of 0). */
static void
add_sig(struct leadidx *li, unsigned b, const struct lead *l, bool seen)
{
	struct leadsig *sg;
	unsigned char p[8] = { 0 }, m[8] = { 0 };
	unsigned i;

	if (li->sig_of[b] == 0) {
		if (seen || li->nsig > 255)
			return;		/* the bit stays unfiltered */
		li->sig_of[b] = (uint8_t)li->nsig++;
	}
	sg = &li->sig[li->sig_of[b]];
	if (sg->n == LEADSIG_MAX) {
		li->sig_of[b] = 0;
		return;
	}
	for (i = 0; i < 8 && i < l->key; i++) {
		p[i] = (unsigned char)l->s[i];
		m[i] = 0xff;
	}
	memcpy(&sg->p8[sg->n], p, 8);
	memcpy(&sg->m8[sg->n], m, 8);
	/* A ' ' after the key within the eight bytes: white space there. */
	sg->space_at[sg->n] = (uint8_t)(l->key < 8 && l->key < l->len ?
	    l->key : 0);
	sg->n++;
}

/* Sets lead l's bits of four and short2 (struct leadidx). */
static void
add_four(struct leadidx *li, const struct lead *l)
{
	const unsigned char *u = (const unsigned char *)l->s;
	unsigned char w[4];
	unsigned b;

	if (l->key >= 4) {
		b = leadidx_hash4(u);
		li->four[b >> 3] |= (uint8_t)(1u << (b & 7));
		return;
	}
	for (unsigned c = 0; c < 256; c++) {
		if (l->key == 3) {
			memcpy(w, u, 3);
			w[3] = (unsigned char)c;
			b = leadidx_hash4(w);
			li->four[b >> 3] |= (uint8_t)(1u << (b & 7));
		} else {
			b = (unsigned)u[0] << 8 | (l->key == 2 ? u[1] : c);
			li->short2[b >> 3] |= (uint8_t)(1u << (b & 7));
		}
	}
}

void
leadidx_build(struct leadidx *li)
{
	size_t cap = 16;

	if (li->n > 1)
		qsort(li->v, li->n, sizeof(*li->v), lead_cmp);
	while (cap < 2 * li->n)
		cap *= 2;
	free(li->group);
	li->group = xcalloc(cap, sizeof(*li->group));
	li->mask = cap - 1;
	memset(li->first, 0, sizeof(li->first));
	memset(li->one, 0, sizeof(li->one));
	memset(li->two, 0, sizeof(li->two));
	memset(li->three, 0, sizeof(li->three));
	memset(li->pair, 0, sizeof(li->pair));
	memset(li->four, 0, sizeof(li->four));
	memset(li->short2, 0, sizeof(li->short2));
	memset(li->sig_of, 0, sizeof(li->sig_of));
	free(li->sig);
	li->sig = xcalloc(li->n + 1, sizeof(*li->sig));
	li->nsig = 1;
	for (size_t k = 0; k < li->n; k++) {
		struct lead *l = &li->v[k];
		unsigned char p[8] = { 0 }, m[8] = { 0 };

		l->pre = l->key < 8 ? l->key : 8;
		memcpy(p, l->s, l->pre);
		memset(m, 0xff, l->pre);
		memcpy(&l->p8, p, 8);
		memcpy(&l->m8, m, 8);
		l->dup = k > 0 && li->v[k - 1].len == l->len &&
		    memcmp(li->v[k - 1].s, l->s, l->len) == 0;
	}
	for (size_t k = 0; k < li->n; k++) {
		const unsigned char *u = (const unsigned char *)li->v[k].s;
		uint32_t id = lead_group(&li->v[k]);
		struct leadgroup *g = &li->group[slot_of(li, id)];
		unsigned b;

		if (g->end == 0)
			*g = (struct leadgroup){ id, (uint32_t)k, 0 };
		g->end = (uint32_t)k + 1;
		li->first[u[0] >> 3] |= (uint8_t)(1u << (u[0] & 7));
		if (li->v[k].key < 2 || li->v[k].len < 2)
			for (unsigned c = 0; c < 4; c++)
				li->pair[u[0] * 4 + c] = UINT64_MAX;
		else
			li->pair[(u[0] << 8 | u[1]) >> 6] |=
			    1ULL << (u[1] & 63);
		add_four(li, &li->v[k]);
		if (li->v[k].key == 1)
			li->one[u[0] >> 3] |= (uint8_t)(1u << (u[0] & 7));
		else if (li->v[k].key == 2)
			li->two[id >> 3] |= (uint8_t)(1u << (id & 7));
		else {
			b = leadidx_hash3(u);
			add_sig(li, b, &li->v[k],
			    li->three[b >> 3] & (1u << (b & 7)));
			li->three[b >> 3] |= (uint8_t)(1u << (b & 7));
		}
	}
}

/* Where lead l ends at the start of u[0..n), its first known bytes
 * known to match, or 0 when it is not there: a ' ' of l takes a run of
 * white space. */
static size_t
spaced_at(const struct lead *l, const unsigned char *u, size_t n,
    size_t known)
{
	size_t i = known, j = i, w;

	while (i < l->len) {
		if (l->s[i] != ' ') {
			if (j >= n || (unsigned char)l->s[i] != u[j])
				return 0;
			i++;
			j++;
			continue;
		}
		if ((w = ws_len(u + j, n - j)) == 0)
			return 0;
		while (w > 0) {
			j += w;
			w = ws_len(u + j, n - j);
		}
		i++;
	}
	return j;
}

/* Adds the rules of the leads of the group of u's first known bytes that
 * u begins with. */
static size_t
find_in(const struct leadidx *li, size_t known, const unsigned char *u,
    size_t n, struct leadhit *hits)
{
	const struct leadgroup *g = &li->group[slot_of(li,
	    group_of(u, known))];
	size_t found = 0, end = 0;
	uint64_t w = 0;

	if (n >= 8)
		memcpy(&w, u, 8);
	for (size_t j = g->start; j < g->end; j++) {
		const struct lead *l = &li->v[j];

		if (!l->dup) {
			/* Where it ends in the text; 0: not there. */
			end = 0;
			if (l->len > n)
				continue;
			if (n < 8)
				end = spaced_at(l, u, n, known);
			else if ((w & l->m8) != l->p8)
				continue;
			else if (l->key == l->len && l->len <= 8)
				end = l->len;
			else if (l->len == l->key + 1 && l->key < 8 &&
			    n > l->len && u[l->key] == ' ' &&
			    u[l->key + 1] > ' ' &&
			    u[l->key + 1] < 0x80)
				/* One ' ' after the key, and after that
				 * space in the text no white space. */
				end = l->len;
			else
				end = spaced_at(l, u, n, l->pre);
		}
		if (end > 0)
			hits[found++] = (struct leadhit){ l->rule,
			    (uint32_t)end };
	}
	return found;
}

size_t
leadidx_find_slow(const struct leadidx *li, const unsigned char *u,
    size_t n, struct leadhit *hits)
{
	size_t found = 0;
	unsigned b;

	/* A group by each length of key the filters say may be here. */
	if (li->one[u[0] >> 3] & (1u << (u[0] & 7)))
		found = find_in(li, 1, u, n, hits);
	if (n < 2)
		return found;
	b = (unsigned)u[0] << 8 | u[1];
	if (li->two[b >> 3] & (1u << (b & 7)))
		found += find_in(li, 2, u, n, hits + found);
	if (n < 3)
		return found;
	b = leadidx_hash3(u);
	if (li->three[b >> 3] & (1u << (b & 7)))
		found += find_in(li, 3, u, n, hits + found);
	return found;
}

void
leadidx_free(struct leadidx *li)
{
	for (size_t k = 0; k < li->n; k++)
		free(li->v[k].s);
	free(li->v);
	free(li->group);
	free(li->sig);
	li->sig = NULL;
	li->group = NULL;
	li->v = NULL;
	li->n = 0;
}
