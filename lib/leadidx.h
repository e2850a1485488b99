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
 * Leads and text are compared byte for byte: fold both alike first.  A
 * ' ' in a lead (rxstart_of_joined()) matches a run of one or more
 * white-space characters of the text (ws_len()); the filters below read
 * only the bytes before a lead's first space.
 */
#ifndef CHISO_LEADIDX_H
#define CHISO_LEADIDX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A lead found: its rule, and where it ends in the text. */
struct leadhit {
	uint32_t rule;
	uint32_t end;
};

struct lead {
	uint32_t rule;
	char *s;
	size_t len;
	size_t key;		/* the bytes before its first ' ' (len: none) */
	/* The key's first eight bytes or fewer (pre of them), as one word
	 * and its mask, in text order: the slow path rules out most leads
	 * of a group by one compare with the text. */
	uint64_t p8, m8;
	size_t pre;
	/* The same bytes as the lead before it (leadidx_build() sorts the
	 * leads of a group by their bytes): the same answer, for another
	 * rule ("năm " begins several year rules). */
	bool dup;
};

/* The leads whose keys begin with the same three bytes, or are the same
 * key of one or two bytes, v[start..end); id: those bytes (leadidx.c). */
struct leadgroup {
	uint32_t id, start, end;
};

struct leadidx {
	struct lead *v;		/* sorted by group */
	size_t n;
	struct leadgroup *group;	/* open addressing by id */
	size_t mask;
	/* Filters, each a bit per possible beginning: */
	uint8_t first[256 / 8];		/* the first byte of any lead */
	uint8_t one[256 / 8];		/* a one-byte key */
	uint8_t two[65536 / 8];		/* a two-byte key */
	uint8_t three[65536 / 8];	/* the first three bytes of a longer
					 * one, hashed (leadidx_hash3) */
	/* The first two bytes of the text where some lead may begin (every
	 * second byte after a one-byte key): one probe says "no lead here"
	 * for most places, before the filters above are read.  Sixty-four
	 * bits a word (a shift tells a bit): bit c0 << 8 | c1. */
	uint64_t pair[65536 / 64];
	/* The first four bytes of a key of three bytes or more, hashed
	 * (leadidx_hash4; a three-byte key with any fourth byte), and the
	 * first two of a shorter one (a one-byte key with any second):
	 * leadidx_may4() rules out, in one probe, most places whose first
	 * bytes a lead shares but not its first four ("đ" + a toned vowel
	 * begins "đại hội" and "để", "đến", "đầu" alike). */
	uint8_t four[65536 / 8];
	uint8_t short2[65536 / 8];
	/*
	 * Where the three filter is passed, the leads of that bit (at most
	 * LEADSIG_MAX; else sig_of is 0 and the slow path is asked): the
	 * first eight bytes of each key, and whether white space must come
	 * after it.  Vietnamese words share their first three bytes often
	 * (a letter or two and the lead byte of a toned vowel: "nhiều",
	 * "nhiệm"), their first eight seldom.  sig[0] is unused.
	 */
	uint8_t sig_of[65536];
	struct leadsig *sig;
	size_t nsig;
};

#define LEADSIG_MAX 4

struct leadsig {
	uint8_t n;
	uint8_t space_at[LEADSIG_MAX];	/* the key's length, 0: no space */
	uint64_t p8[LEADSIG_MAX], m8[LEADSIG_MAX];	/* in text order */
};

/* Adds lead s[0..len) of rule; the same lead twice for a rule is kept
 * once.  Call leadidx_build() after the last. */
void leadidx_add(struct leadidx *li, uint32_t rule, const char *s,
    size_t len);
void leadidx_build(struct leadidx *li);
void leadidx_free(struct leadidx *li);

/*
 * Writes to hits every lead the text u[0..n) begins with, in index order,
 * and returns how many; hits has room for li->n.  Most places cost a
 * bitmap read or two, inline.
 */
size_t leadidx_find_slow(const struct leadidx *li, const unsigned char *u,
    size_t n, struct leadhit *hits);

/*
 * The length of the white-space character (what PCRE2's \s matches with
 * Unicode properties) at u[0..n), or 0.
 */
static inline size_t
ws_len(const unsigned char *u, size_t n)
{
	if (n == 0)
		return 0;
	if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r'))
		return 1;
	if (u[0] < 0xC2 || n < 2)
		return 0;
	if (u[0] == 0xC2 && (u[1] == 0xA0 || u[1] == 0x85))
		return 2;
	if (n < 3)
		return 0;
	if (u[0] == 0xE1 && u[1] == 0x9A && u[2] == 0x80)
		return 3;
	if (u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8A) ||
	    u[2] == 0xA8 || u[2] == 0xA9 || u[2] == 0xAF))
		return 3;
	if ((u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) ||
	    (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80))
		return 3;
	return 0;
}

static inline unsigned
leadidx_hash3(const unsigned char *u)
{
	return ((unsigned)u[0] << 16 | (unsigned)u[1] << 8 | u[2]) *
	    2654435761u >> 16;
}

static inline unsigned
leadidx_hash4(const unsigned char *u)
{
	uint32_t w;

	memcpy(&w, u, 4);
	return w * 2654435761u >> 16;
}

/* False when no lead can begin the text u (n bytes): its first four
 * bytes (and two) tell; true when there are fewer. */
static inline bool
leadidx_may4(const struct leadidx *li, const unsigned char *u, size_t n)
{
	unsigned b;

	if (n < 4)
		return true;
	b = (unsigned)u[0] << 8 | u[1];
	if (li->short2[b >> 3] & (1u << (b & 7)))
		return true;
	b = leadidx_hash4(u);
	return li->four[b >> 3] & (1u << (b & 7));
}

/* Whether the text u (eight bytes or more) may begin with a lead of sg. */
static inline bool
leadidx_sig_fits(const struct leadsig *sg, const unsigned char *u)
{
	uint64_t w;

	memcpy(&w, u, 8);
	for (unsigned i = 0; i < sg->n; i++)
		if ((w & sg->m8[i]) == sg->p8[i]) {
			unsigned c = u[sg->space_at[i]];

			/* The first bytes ws_len() takes. */
			if (sg->space_at[i] == 0 || c == ' ' ||
			    (c >= '\t' && c <= '\r') || c == 0xC2 ||
			    (c >= 0xE1 && c <= 0xE3))
				return true;
		}
	return false;
}

/* Inline always: most places stop at the first probe, cheaper than a
 * call. */
static inline __attribute__((always_inline)) size_t
leadidx_find(const struct leadidx *li, const unsigned char *u, size_t n,
    struct leadhit *hits)
{
	unsigned b2, b3;

	/* One byte rules out most places, a cache line's worth of bits. */
	if (n == 0 || !(li->first[u[0] >> 3] & (1u << (u[0] & 7))))
		return 0;
	if (!(li->one[u[0] >> 3] & (1u << (u[0] & 7)))) {
		if (n < 2)
			return 0;
		b2 = (unsigned)u[0] << 8 | u[1];
		if (!(li->two[b2 >> 3] & (1u << (b2 & 7)))) {
			if (n < 3)
				return 0;
			b3 = leadidx_hash3(u);
			if (!(li->three[b3 >> 3] & (1u << (b3 & 7))) ||
			    (n >= 8 && li->sig_of[b3] != 0 &&
			    !leadidx_sig_fits(&li->sig[li->sig_of[b3]], u)))
				return 0;
		}
	}
	return leadidx_find_slow(li, u, n, hits);
}

#endif
