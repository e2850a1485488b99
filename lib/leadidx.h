/*
 * leadidx.h - which rules may match where the text begins with one of
 * their literals.
 *
 * A rule engine tries many patterns at every start of a sentence (the
 * first byte of a word, a digit run, a punctuation mark).  Each rule
 * gives the literals its matches can begin with (rxstart.h), its leads;
 * the index answers, for one start, which rules have a lead there.  Two
 * bytes of the text rule out most starts before any compare.
 *
 * Leads and text are compared byte for byte: fold both alike first.
 */
#ifndef CHISO_LEADIDX_H
#define CHISO_LEADIDX_H

#include <stddef.h>
#include <stdint.h>

struct lead {
	uint32_t rule;
	char *s;
	size_t len;
};

/* The leads that begin with one pair of bytes (a one-byte lead: the
 * byte and a NUL), v[start..end). */
struct leadgroup {
	uint32_t pair, start, end;
};

struct leadidx {
	struct lead *v;		/* sorted by their first two bytes */
	size_t n;
	struct leadgroup *group;	/* open addressing by pair */
	size_t mask;
	uint8_t first[256 / 8];		/* the first byte of any lead */
	uint8_t pair[65536 / 8];	/* first two bytes of a longer lead */
	uint8_t one[256 / 8];		/* a one-byte lead */
};

/* Adds lead s[0..len) of rule; the same lead twice for a rule is kept
 * once.  Call leadidx_build() after the last. */
void leadidx_add(struct leadidx *li, uint32_t rule, const char *s,
    size_t len);
void leadidx_build(struct leadidx *li);
void leadidx_free(struct leadidx *li);

/*
 * Writes to rules the rule of every lead the text u begins with (u ends
 * in a NUL, n bytes from u), in index order, and returns how many; rules
 * has room for li->n.  Most starts cost the two bitmap reads inline.
 */
size_t leadidx_find_slow(const struct leadidx *li, const unsigned char *u,
    size_t n, uint32_t *rules);

static inline size_t
leadidx_find(const struct leadidx *li, const unsigned char *u, size_t n,
    uint32_t *rules)
{
	unsigned pair;

	/* One byte rules out most places, a cache line's worth of bits. */
	if (!(li->first[u[0] >> 3] & (1u << (u[0] & 7))))
		return 0;
	pair = (unsigned)u[0] << 8 | u[1];
	if (!(li->pair[pair >> 3] & (1u << (pair & 7))) &&
	    !(li->one[u[0] >> 3] & (1u << (u[0] & 7))))
		return 0;
	return leadidx_find_slow(li, u, n, rules);
}

#endif
