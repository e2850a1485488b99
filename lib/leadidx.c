/* leadidx.c - see leadidx.h. */
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
	li->v = xrealloc(li->v, (li->n + 1) * sizeof(*li->v));
	li->v[li->n++] = (struct lead){ rule, xstrndup(s, len), len };
}

static int
lead_cmp(const void *a, const void *b)
{
	const struct lead *x = a, *y = b;
	int c = memcmp(x->s, y->s, 2);	/* the NUL of a one-byte lead too */

	if (c != 0)
		return c;
	return (x->rule > y->rule) - (x->rule < y->rule);
}

void
leadidx_build(struct leadidx *li)
{
	if (li->n > 1)
		qsort(li->v, li->n, sizeof(*li->v), lead_cmp);
	for (size_t b = 0, k = 0; b <= 256; b++) {
		while (k < li->n && (unsigned char)li->v[k].s[0] < b)
			k++;
		li->at[b] = k;
	}
	memset(li->pair, 0, sizeof(li->pair));
	memset(li->one, 0, sizeof(li->one));
	for (size_t k = 0; k < li->n; k++) {
		const unsigned char *u = (const unsigned char *)li->v[k].s;
		unsigned pair = (unsigned)u[0] << 8 | u[1];

		if (li->v[k].len == 1)
			li->one[u[0] >> 3] |= (uint8_t)(1u << (u[0] & 7));
		else
			li->pair[pair >> 3] |= (uint8_t)(1u << (pair & 7));
	}
}

size_t
leadidx_find_slow(const struct leadidx *li, const unsigned char *u,
    size_t n, uint32_t *rules)
{
	size_t found = 0;

	/* The bucket is sorted by second byte (a NUL, for a one-byte lead,
	 * first): read only the entries with the text's. */
	for (size_t j = li->at[u[0]]; j < li->at[u[0] + 1]; j++) {
		const struct lead *l = &li->v[j];
		unsigned char l1 = (unsigned char)l->s[1];
		size_t i = 1;

		if (l1 > u[1])
			break;
		if ((l1 != 0 && l1 < u[1]) || n < l->len)
			continue;
		while (i < l->len && (unsigned char)l->s[i] == u[i])
			i++;
		if (i == l->len)
			rules[found++] = l->rule;
	}
	return found;
}

void
leadidx_free(struct leadidx *li)
{
	for (size_t k = 0; k < li->n; k++)
		free(li->v[k].s);
	free(li->v);
	li->v = NULL;
	li->n = 0;
}
