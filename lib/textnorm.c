/*
 * textnorm.c - see textnorm.h.
 *
 * One table, cls[], says for every BMP character what to do with it
 * (copy, hand to utf8proc, or replace from the YAML map) and what it is
 * (a letter, a Vietnamese letter, a mark, the trigger of a tone pair), so
 * the main loop makes one lookup per non-ASCII character.  Characters
 * beyond the BMP are rare in news text and are classified on the fly.
 *
 * The table is filled as characters are met: a text uses a few hundred of
 * the 64K, and deriving them all through utf8proc at load cost about 10M
 * instructions in every process (every tool loads it for its patterns).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "err.h"
#include "textnorm.h"
#include "utf8.h"
#include "ydoc.h"

enum {
	A_COPY = 0,		/* already normal: copy as it is */
	A_NFC = 1,		/* may change under NFC: through utf8proc */
	A_MAP = 2,		/* A_MAP + k: replace with map[k] */
	A_MASK = 0x0fff,
	F_LETTER = 0x1000,	/* a letter, for the Vietnamese share */
	F_VI = 0x2000,		/* one of vietnamese_letters */
	F_TONE = 0x4000,	/* the trigger character of a tone pair */
	F_MARK = 0x8000		/* a combining mark: part of the syllable */
};

#define TONE_HASH 64
#define TONE_MAX 16

/* One spelling to respell at a syllable end, e.g. "oá" -> "óa". */
struct tone {
	char from[TONE_MAX], to[TONE_MAX];
	unsigned char flen, tlen;
	unsigned char off;	/* where the trigger character starts in from */
	uint32_t cp;		/* the trigger: from's first non-ASCII character */
	int next;		/* next tone in the same hash chain, or -1 */
};

/* A mapping beyond the BMP (emoji variation selectors and the like). */
struct hirange {
	uint32_t lo, hi;
	unsigned act;
};

/* No class: F_MARK and F_LETTER never go together. */
#define CLS_UNKNOWN 0xffff

struct textnorm {
	/* Filled in lazily (class_of), also through a const textnorm: a
	 * cache, which does not change what the table says. */
	uint16_t *cls;
	char **map;
	size_t *maplen, nmap;
	struct hirange *hi;
	size_t nhi;
	struct tone *tone;
	size_t ntone;
	int tone_head[TONE_HASH];
	/* Bytes that can end the part of a tone pair before its trigger
	 * (o, u, O, U); any_prev when some pair starts with the trigger. */
	bool tone_prev[256], any_prev;
	size_t expand;		/* the most output bytes per input byte */
	/* What a TAB inside a line becomes (text.tab): a table's cells keep
	 * apart as " | ".  NULL: a space, as VT and FF. */
	char *tab;
	size_t tablen;
};

/* What one call adds up; kept in locals so the hot loop stays in registers. */
#define NCAND 16
struct tally {
	unsigned long long letters, vi;
	unsigned ncand;		/* tone pairs that may need respelling, */
	size_t cand[NCAND];	/* by where their trigger starts in out */
};

/*
 * Decodes the common well-formed 2- and 3-byte forms inline (Vietnamese
 * letters are U+00C0..U+01B0 and U+1EA0..U+1EF9); the rest, and every
 * error, goes to utf8_decode().
 */
static inline int
decode(const unsigned char *u, size_t n, uint32_t *cp)
{
	if (u[0] >= 0xc2 && u[0] < 0xe0 && n >= 2 && (u[1] & 0xc0) == 0x80) {
		*cp = (uint32_t)(u[0] & 0x1f) << 6 | (u[1] & 0x3f);
		return 2;
	}
	if (u[0] >= 0xe1 && u[0] < 0xed && n >= 3 && (u[1] & 0xc0) == 0x80 &&
	    (u[2] & 0xc0) == 0x80) {
		*cp = (uint32_t)(u[0] & 0x0f) << 12 | (uint32_t)(u[1] & 0x3f) << 6 |
		    (u[2] & 0x3f);
		return 3;
	}
	return utf8_decode(u, n, cp);
}

/* The class of cp from Unicode alone, before the YAML has its say. */
static unsigned
derive_class(uint32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
	unsigned cl = A_COPY;

	switch (p->category) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		cl |= F_LETTER;
		break;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		/* Marks compose with what precedes them (even some with class 0). */
		return cl | F_MARK | A_NFC;
	default:
		break;
	}
	/* Hangul vowel and final jamo compose with the syllable before. */
	if (p->combining_class != 0 || (cp >= 0x1160 && cp <= 0x11ff))
		return cl | A_NFC;
	if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
		/* Canonically decomposable: NFC keeps most, not singletons. */
		char u[4];
		utf8proc_uint8_t *res = NULL;
		int k = utf8_encode(cp, u);
		utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)u,
		    k, &res, UTF8PROC_COMPOSE | UTF8PROC_STABLE);

		if (len != k || memcmp(res, u, (size_t)k) != 0)
			cl |= A_NFC;
		free(res);
	}
	return cl;
}

static unsigned
class_beyond_bmp(const struct textnorm *tn, uint32_t cp)
{
	for (size_t i = 0; i < tn->nhi; i++)
		if (cp >= tn->hi[i].lo && cp <= tn->hi[i].hi)
			return tn->hi[i].act;
	return derive_class(cp);
}

/* A character met for the first time, or beyond the BMP. */
static unsigned
class_first(const struct textnorm *tn, uint32_t cp)
{
	if (cp >= 0x10000)
		return class_beyond_bmp(tn, cp);
	return tn->cls[cp] = (uint16_t)derive_class(cp);
}

static inline unsigned
class_of(const struct textnorm *tn, uint32_t cp)
{
	if (cp < 0x10000 && tn->cls[cp] != CLS_UNKNOWN)
		return tn->cls[cp];
	return class_first(tn, cp);
}

/* NFC of a short string, into out (for the YAML's own words). */
static void
nfc_str(const char *s, struct buf *out)
{
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, 0,
	    &res, UTF8PROC_NULLTERM | UTF8PROC_COMPOSE | UTF8PROC_STABLE);

	buf_reset(out);
	if (len == UTF8PROC_ERROR_NOMEM)
		die(EXIT_DATA, "out of memory normalising the rules");
	if (len >= 0)
		buf_add(out, res, (size_t)len);
	else		/* not UTF-8: libyaml lets none through; keep it */
		buf_adds(out, s);
	free(res);
}

/* Parses "U+XXXX" or a single literal character; 0 if neither. */
static uint32_t
parse_char(const char *s, const char **end)
{
	uint32_t cp;
	int k;

	if (s[0] == 'U' && s[1] == '+') {
		char *e;
		unsigned long v = strtoul(s + 2, &e, 16);

		if (e == s + 2 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			return 0;
		*end = e;
		return (uint32_t)v;
	}
	k = utf8_decode((const unsigned char *)s, strlen(s), &cp);
	if (k <= 0 || *s == '\0')
		return 0;
	*end = s + k;
	return cp;
}

/* One item of a map list: a character, "U+XXXX" or "U+XXXX..U+YYYY". */
static void
add_map_item(struct textnorm *tn, const struct ynode *item, unsigned act)
{
	const char *s = ystr(item, "map item"), *e = s;
	uint32_t lo = parse_char(s, &e), hi = lo;

	if (lo != 0 && strncmp(e, "..", 2) == 0) {
		hi = parse_char(e + 2, &e);
		if (hi < lo)
			hi = 0;
	}
	if (lo == 0 || hi == 0 || *e != '\0')
		ydie(item, "'%s' is not a character, U+XXXX or U+XXXX..U+YYYY", s);
	if (lo < 0x80)
		ydie(item, "'%s': ASCII is handled by the code (TAB to space, "
		    "controls dropped), not by the map", s);
	for (uint32_t cp = lo; cp <= hi && cp < 0x10000; cp++)
		tn->cls[cp] = (uint16_t)act;
	if (hi >= 0x10000) {
		tn->hi = xrealloc(tn->hi, (tn->nhi + 1) * sizeof(*tn->hi));
		tn->hi[tn->nhi++] = (struct hirange){ lo < 0x10000 ? 0x10000 : lo, hi, act };
	}
}

/* text.map: replacement -> list of characters it replaces. */
static void
load_map(struct textnorm *tn, const struct ynode *map)
{
	if (map == NULL)
		return;
	yexpect(map, Y_MAP, "map (replacement: [characters])");
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *key = map->kids[2 * i], *val = map->kids[2 * i + 1];
		const char *to = ystr(key, "replacement");
		size_t len = strlen(to), k = tn->nmap;

		if (strpbrk(to, "\t\n\r") != NULL)
			ydie(key, "a replacement may not hold a TAB or newline");
		if (A_MAP + k > A_MASK)
			ydie(key, "too many replacements");
		tn->map = xrealloc(tn->map, (k + 1) * sizeof(*tn->map));
		tn->maplen = xrealloc(tn->maplen, (k + 1) * sizeof(*tn->maplen));
		tn->map[k] = xstrdup(to);
		tn->maplen[k] = len;
		tn->nmap++;
		/* A character is at least 2 bytes here: "…" (3) -> "..." is 1:1. */
		if ((len + 1) / 2 > tn->expand)
			tn->expand = (len + 1) / 2;
		if (val->type == Y_SCALAR)
			add_map_item(tn, val, A_MAP + (unsigned)k);
		else {
			yexpect(val, Y_SEQ, "list of characters");
			for (size_t j = 0; j < val->n; j++)
				add_map_item(tn, val->kids[j], A_MAP + (unsigned)k);
		}
	}
}

static void
load_vi_letters(struct textnorm *tn, const struct ynode *n)
{
	const unsigned char *s;
	uint32_t cp;
	int k;

	if (n == NULL)
		return;
	s = (const unsigned char *)ystr(n, "vietnamese_letters");
	for (; *s; s += k) {
		if ((k = utf8_decode(s, strlen((const char *)s), &cp)) <= 0)
			ydie(n, "vietnamese_letters is not valid UTF-8");
		if (cp == ' ')
			continue;
		uint32_t forms[] = { cp, (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp),
		    (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp) };
		for (int f = 0; f < 3; f++)
			if (forms[f] < 0x10000)
				tn->cls[forms[f]] = (uint16_t)(class_of(tn,
				    forms[f]) | F_VI | F_LETTER);
	}
}

/* Upper-cases the first character of s (all of it when all is set). */
static void
upcase(const char *s, bool all, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	uint32_t cp;
	char enc[4];

	buf_reset(out);
	while (i < n) {
		int k = utf8_decode(u + i, n - i, &cp);

		if (k <= 0)
			break;
		if (i == 0 || all)
			cp = (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
		buf_add(out, enc, (size_t)utf8_encode(cp, enc));
		i += (size_t)k;
	}
}

static void
add_tone(struct textnorm *tn, const struct ynode *at, const char *from,
    const char *to)
{
	struct tone t = { .next = -1 };
	size_t off;
	int k;

	for (off = 0; from[off] && (unsigned char)from[off] < 0x80; off++)
		;
	if (from[off] == '\0')
		ydie(at, "tone pair '%s': no accented letter in it", from);
	if (strlen(from) >= TONE_MAX || strlen(to) >= TONE_MAX)
		ydie(at, "tone pair '%s': too long", from);
	k = utf8_decode((const unsigned char *)from + off, strlen(from + off), &t.cp);
	if (k <= 0 || t.cp >= 0x10000)
		ydie(at, "tone pair '%s': bad character", from);
	for (size_t i = 0; i < tn->ntone; i++)
		if (strcmp(tn->tone[i].from, from) == 0)
			return;		/* "Óa" and "ÓA" coincide for short words */
	strcpy(t.from, from);
	strcpy(t.to, to);
	t.flen = (unsigned char)strlen(from);
	t.tlen = (unsigned char)strlen(to);
	t.off = (unsigned char)off;
	if (off == 0)
		tn->any_prev = true;
	else
		tn->tone_prev[(unsigned char)from[off - 1]] = true;
	t.next = tn->tone_head[t.cp % TONE_HASH];
	tn->tone = xrealloc(tn->tone, (tn->ntone + 1) * sizeof(*tn->tone));
	tn->tone[tn->ntone] = t;
	tn->tone_head[t.cp % TONE_HASH] = (int)tn->ntone++;
	tn->cls[t.cp] = (uint16_t)(class_of(tn, t.cp) | F_TONE);
}

/* text.tone_pairs (new: old) read in the direction tone_style asks. */
static void
load_tones(struct textnorm *tn, const struct ynode *text)
{
	const char *style = ymap_str(text, "tone_style", "new");
	const struct ynode *pairs = ymap_get(text, "tone_pairs");
	struct buf nw = { 0 }, old = { 0 }, a = { 0 }, b = { 0 };
	bool to_new;

	if (strcmp(style, "keep") == 0 || pairs == NULL)
		return;
	if (strcmp(style, "new") != 0 && strcmp(style, "old") != 0)
		ydie(ymap_get(text, "tone_style"), "tone_style must be new, old or keep, not '%s'", style);
	to_new = strcmp(style, "new") == 0;
	yexpect(pairs, Y_MAP, "tone_pairs (new style: old style)");
	for (size_t i = 0; i < pairs->n; i++) {
		const struct ynode *k = pairs->kids[2 * i], *v = pairs->kids[2 * i + 1];

		nfc_str(ystr(k, "new-style spelling"), &nw);
		nfc_str(ystr(v, "old-style spelling"), &old);
		/* As written (lower case), Capitalised, and UPPER CASE. */
		for (int form = 0; form < 3; form++) {
			if (form == 0) {
				buf_reset(&a);
				buf_add(&a, nw.p, nw.len);
				buf_reset(&b);
				buf_add(&b, old.p, old.len);
			} else {
				upcase(nw.p, form == 2, &a);
				upcase(old.p, form == 2, &b);
			}
			if (to_new)
				add_tone(tn, v, b.p, a.p);
			else
				add_tone(tn, k, a.p, b.p);
		}
	}
	buf_free(&nw);
	buf_free(&old);
	buf_free(&a);
	buf_free(&b);
}

/* Is o[base..o) nothing but spaces?  A TAB there indents, and splits no
 * cells. */
static bool
only_spaces(const char *base, const char *o)
{
	while (o > base && o[-1] == ' ')
		o--;
	return o == base;
}

/* text.tab: what a TAB between words becomes (" | ": a cell separator). */
static void
load_tab(struct textnorm *tn, const struct ynode *n)
{
	const char *to;

	if (n == NULL)
		return;
	to = ystr(n, "tab");
	if (strpbrk(to, "\t\n\r") != NULL || *to == '\0')
		ydie(n, "tab: a replacement may not be empty nor hold a TAB or newline");
	if (strcmp(to, " ") == 0)
		return;
	tn->tab = xstrdup(to);
	tn->tablen = strlen(to);
	if (tn->tablen > tn->expand)
		tn->expand = tn->tablen;
}

struct textnorm *
textnorm_load(const char *rules_dir)
{
	static const char *const top[] = { "text", "documents", NULL };
	static const char *const keys[] = { "tone_style", "tone_pairs",
	    "vietnamese_letters", "map", "tab", NULL };
	struct textnorm *tn = xcalloc(1, sizeof(*tn));
	struct buf path = { 0 };
	struct ynode *root;
	const struct ynode *text;

	buf_printf(&path, "%s/normalise.yaml", rules_dir);
	root = ydoc_load(path.p);
	buf_free(&path);
	yexpect(root, Y_MAP, "map with text: and documents:");
	ymap_check_keys(root, top);
	tn->expand = 3;		/* an invalid byte becomes U+FFFD */
	for (int i = 0; i < TONE_HASH; i++)
		tn->tone_head[i] = -1;
	/* ASCII is copied (the code handles it); no UTF-8 decodes to a
	 * surrogate; the rest waits until met (class_of). */
	tn->cls = xcalloc(0x10000, sizeof(*tn->cls));
	memset(tn->cls + 0x80, 0xff, (0xd800 - 0x80) * sizeof(*tn->cls));
	memset(tn->cls + 0xe000, 0xff, (0x10000 - 0xe000) * sizeof(*tn->cls));
	if ((text = ymap_get(root, "text")) != NULL) {
		yexpect(text, Y_MAP, "map of text settings");
		ymap_check_keys(text, keys);
		load_vi_letters(tn, ymap_get(text, "vietnamese_letters"));
		load_map(tn, ymap_get(text, "map"));
		load_tones(tn, text);
		load_tab(tn, ymap_get(text, "tab"));
	}
	ydoc_free(root);
	return tn;
}

void
textnorm_free(struct textnorm *tn)
{
	if (tn == NULL)
		return;
	for (size_t i = 0; i < tn->nmap; i++)
		free(tn->map[i]);
	free(tn->map);
	free(tn->maplen);
	free(tn->hi);
	free(tn->tone);
	free(tn->cls);
	free(tn->tab);
	free(tn);
}

/*
 * Writes one character of class cl (its UTF-8 bytes are src[0..k)) at o.
 * Returns the new end.  Notes whether a tone pair may start just before.
 */
static inline char *
emit(const struct textnorm *tn, uint32_t cp, unsigned cl, const char *src,
    int k, char *o, const char *base, struct tally *t)
{
	unsigned act = cl & A_MASK;

	if (act >= A_MAP) {
		const char *m = tn->map[act - A_MAP];
		size_t len = tn->maplen[act - A_MAP];

		for (size_t j = 0; j < len; j++) {
			if (m[j] == ' ' && o > base && o[-1] == ' ')
				continue;
			*o++ = m[j];
		}
		return o;
	}
	if ((cl & F_TONE) && (tn->any_prev ||
	    (o > base && tn->tone_prev[(unsigned char)o[-1]]))) {
		for (int i = tn->tone_head[cp % TONE_HASH]; i >= 0; i = tn->tone[i].next) {
			const struct tone *e = &tn->tone[i];

			if (e->cp == cp && o - base >= e->off && (e->off == 0 ||
			    (o[-e->off] == e->from[0] &&
			    memcmp(o - e->off, e->from, e->off) == 0))) {
				if (t->ncand < NCAND)
					t->cand[t->ncand] = (size_t)(o - base);
				t->ncand++;
				break;
			}
		}
	}
	t->letters += (cl & F_LETTER) != 0;
	t->vi += (cl & F_VI) != 0;
	/* Byte by byte: a memcpy of a variable 2-4 bytes is a library call. */
	o[0] = src[0];
	o[1] = src[1];
	if (k > 2)
		o[2] = src[2];
	if (k > 3)
		o[3] = src[3];
	return o + k;
}

/* True when the character at s[0..n) goes on a word (a letter or mark). */
static bool
word_goes_on(const struct textnorm *tn, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;

	if (u[0] < 0x80)
		return (unsigned)((u[0] | 0x20) - 'a') < 26u;
	if (utf8_decode(u, n, &cp) <= 0)
		return false;
	return (class_of(tn, cp) & (F_LETTER | F_MARK)) != 0;
}

/*
 * Respells the tone pair whose trigger character starts at out->p[i], if
 * the pair ends a syllable and does not follow q (quý keeps its
 * spelling).  Returns the change in length (the caller's later positions
 * move by it); rare enough that moving the rest of the line is fine.
 */
static long
fix_tone_at(const struct textnorm *tn, struct buf *out, size_t i)
{
	uint32_t cp;

	if (i >= out->len || (unsigned char)out->p[i] < 0x80 ||
	    utf8_decode((const unsigned char *)out->p + i, out->len - i, &cp) <= 0)
		return 0;
	for (int j = tn->tone_head[cp % TONE_HASH]; j >= 0; j = tn->tone[j].next) {
		const struct tone *e = &tn->tone[j];
		size_t b = i - e->off, end = b + e->flen;

		if (e->cp != cp || i < e->off || end > out->len ||
		    memcmp(out->p + b, e->from, e->flen) != 0)
			continue;
		if (b > 0 && (out->p[b - 1] | 0x20) == 'q')
			return 0;
		if (end < out->len && word_goes_on(tn, out->p + end, out->len - end))
			return 0;
		if (e->tlen != e->flen) {
			buf_grow(out, e->tlen);
			memmove(out->p + b + e->tlen, out->p + end, out->len - end + 1);
			out->len = out->len + e->tlen - e->flen;
		}
		memcpy(out->p + b, e->to, e->tlen);
		return (long)e->tlen - (long)e->flen;
	}
	return 0;
}

/* Checks the candidates phase one noted (or, past NCAND, every char). */
static void
fix_tones(const struct textnorm *tn, struct buf *out, const struct tally *t)
{
	long delta = 0;

	if (t->ncand <= NCAND) {
		for (unsigned c = 0; c < t->ncand; c++)
			delta += fix_tone_at(tn, out, (size_t)((long)t->cand[c] + delta));
		return;
	}
	for (size_t i = t->cand[0]; i < out->len; i++)
		if ((unsigned char)out->p[i] >= 0xc0)
			i = (size_t)((long)i + fix_tone_at(tn, out, i));
}

/* Takes back the counts of the characters in s[0..n) about to be redone. */
static void
untally(const struct textnorm *tn, const char *s, size_t n, struct tally *t)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;

	for (size_t j = 0; j < n;) {
		int k = decode(u + j, n - j, &cp);
		unsigned cl;

		if (k <= 0)
			break;
		cl = cp < 0x80 ? ((cp | 0x20) - 'a' < 26u ? F_LETTER : 0) : class_of(tn, cp);
		t->letters -= (cl & F_LETTER) != 0;
		t->vi -= (cl & F_VI) != 0;
		j += (size_t)k;
	}
}

/*
 * The slow path: NFC through utf8proc for the characters from s[i] on
 * that may change.  The output is taken back to its last starter (a
 * base letter with any marks after it), so that the new marks compose
 * with it and are put in canonical order with the old ones, even when
 * a dropped character (a BOM, a NUL) stood between them in the input.
 */
static size_t
nfc_run(const struct textnorm *tn, const unsigned char *u, size_t n,
    size_t i, struct buf *out, char **op, struct tally *t)
{
	char *o = *op, *q = o, *base = out->p;
	size_t e = i;
	struct buf seg = { 0 };
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t len;
	uint32_t cp;
	int k;

	while (q > base && o - q < 32) {
		char *c = q - 1;

		while (c > base && ((unsigned char)*c & 0xc0) == 0x80)
			c--;
		if (decode((const unsigned char *)c, (size_t)(q - c), &cp) <= 0)
			break;
		q = c;
		if (utf8proc_get_property((utf8proc_int32_t)cp)->combining_class == 0)
			break;
	}
	while (e < n && u[e] >= 0x80 && (k = decode(u + e, n - e, &cp)) > 0 &&
	    (class_of(tn, cp) & A_MASK) == A_NFC)
		e += (size_t)k;
	untally(tn, q, (size_t)(o - q), t);
	buf_add(&seg, q, (size_t)(o - q));
	buf_add(&seg, u + i, e - i);
	len = utf8proc_map((const utf8proc_uint8_t *)seg.p, (utf8proc_ssize_t)seg.len,
	    &res, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	out->len = (size_t)(q - out->p);
	if (len == UTF8PROC_ERROR_NOMEM)	/* not silently unnormalised */
		die(EXIT_DATA, "out of memory in NFC");
	if (len < 0) {		/* cannot happen for valid UTF-8; keep the text */
		buf_grow(out, seg.len + (n - e) * tn->expand + 8);
		memcpy(out->p + out->len, seg.p, seg.len);
		*op = out->p + out->len + seg.len;
		buf_free(&seg);
		return e;
	}
	buf_free(&seg);
	buf_grow(out, (size_t)len * tn->expand + (n - e) * tn->expand + 8);
	base = out->p;
	o = base + out->len;
	for (utf8proc_ssize_t r = 0; r < len; r += k) {
		k = decode(res + r, (size_t)(len - r), &cp);
		if (k <= 0)
			break;
		if (cp < 0x80) {
			if (!(cp == ' ' && o > base && o[-1] == ' '))
				*o++ = (char)cp;
			t->letters += ((cp | 0x20) - 'a') < 26u;
			continue;
		}
		o = emit(tn, cp, class_of(tn, cp), (const char *)res + r, k, o, base, t);
	}
	free(res);
	*op = o;
	return e;
}

/*
 * Printable ASCII, copied as it is (a space only when the last byte
 * written is not one: runs of spaces fold); 0 for everything else.
 */
enum { AP_PLAIN = 1, AP_LETTER = 2, AP_SPACE = 4 };
#define AP_L (AP_PLAIN | AP_LETTER)
#define AP_16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const unsigned char ascii_plain[256] = {
	AP_16(0), AP_16(0),
	AP_PLAIN | AP_SPACE, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN,
	AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN,
	AP_PLAIN, AP_PLAIN, AP_PLAIN,				/* ' '../ */
	AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN,
	AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN,
	AP_PLAIN, AP_PLAIN,					/* 0..? */
	AP_PLAIN, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L,
	AP_L, AP_L, AP_L, AP_L, AP_L,				/* @..O */
	AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L,
	AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN,	/* P.._ */
	AP_PLAIN, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L,
	AP_L, AP_L, AP_L, AP_L, AP_L,				/* `..o */
	AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L, AP_L,
	AP_PLAIN, AP_PLAIN, AP_PLAIN, AP_PLAIN, 0,		/* p..DEL */
	AP_16(0), AP_16(0), AP_16(0), AP_16(0),
	AP_16(0), AP_16(0), AP_16(0), AP_16(0),
};

#ifdef __SSE2__
/* The number of bits set in a 16-bit mask (no popcnt in baseline x86-64). */
static inline unsigned
bits16(unsigned v)
{
	v = v - ((v >> 1) & 0x5555);
	v = (v & 0x3333) + ((v >> 2) & 0x3333);
	v = (v + (v >> 4)) & 0x0f0f;
	return (v + (v >> 8)) & 0x1f;
}

/*
 * The fast path, sixteen bytes at a time: most news text is already
 * normal, so a block is copied whole and then checked.  Printable ASCII
 * needs nothing but its letters counted; each non-ASCII character is
 * decoded and looked up, and passes when it is to be copied as it is.
 * Stops at the first byte that needs more (a control, a second space,
 * invalid UTF-8, a character to map or compose, a possible tone pair):
 * the byte-wise loop takes over there, with the output exactly as it
 * would have made it.  Returns where it stopped; *op, *t move on.
 */
static size_t
fast_blocks(const struct textnorm *tn, const unsigned char *u, size_t n,
    size_t i, char **op, const char *base, struct tally *t)
{
	const __m128i sp = _mm_set1_epi8(' '), del = _mm_set1_epi8(0x7f);
	const __m128i c20 = _mm_set1_epi8(0x20), ca = _mm_set1_epi8('a');
	const __m128i c25 = _mm_set1_epi8(25);
	unsigned long long letters = 0, vi = 0;
	char *o = *op;
	size_t covered = i;	/* bytes before this belong to a checked character */

	while (n - i >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(u + i)), y;
		unsigned spm, m, let, skip;

		_mm_storeu_si128((__m128i *)o, x);	/* room: see buf_grow */
		/* Controls, DEL and every byte >= 0x80 (negative as signed). */
		m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(x, c20),
		    _mm_cmpeq_epi8(x, del)));
		spm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, sp));
		m |= spm & (spm << 1 | (o > base && o[-1] == ' '));
		y = _mm_sub_epi8(_mm_or_si128(x, c20), ca);
		let = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(y, c25), y));
		skip = covered > i ? (1u << (covered - i)) - 1 : 0;
		m &= ~skip;
		while (m != 0) {
			unsigned j = (unsigned)__builtin_ctz(m), cl;
			uint32_t cp;
			int k;

			if (u[i + j] < 0x80)
				goto stop;
			k = decode(u + i + j, n - i - j, &cp);
			if (k < 0)
				goto stop;
			/* A class not yet known stops here too (CLS_UNKNOWN
			 * is no A_COPY): the byte-wise loop fills it in. */
			cl = cp < 0x10000 ? tn->cls[cp] : CLS_UNKNOWN;
			if ((cl & A_MASK) != A_COPY || ((cl & F_TONE) &&
			    (tn->any_prev || j == 0 || tn->tone_prev[u[i + j - 1]])))
				goto stop;
			letters += (cl & F_LETTER) != 0;
			vi += (cl & F_VI) != 0;
			m &= ~(((1u << k) - 1) << j);
			covered = i + j + (unsigned)k;
			continue;
stop:
			letters += bits16(let & ((1u << j) - 1));
			o += j;
			i += j;
			goto out;
		}
		letters += bits16(let);
		o += 16;
		i += 16;
	}
	/* A character checked in the last block may run on past it. */
	while (i < covered)
		*o++ = (char)u[i++];
out:
	t->letters += letters;
	t->vi += vi;
	*op = o;
	return i;
}
#endif

size_t
textnorm_count(const struct textnorm *tn, const char *s, size_t n,
    struct buf *out, struct textnorm_count *c)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, bad = 0;
	unsigned long long nuls = 0;
	struct tally t;
	char *o, *base;
	uint32_t cp;

	t.letters = t.vi = 0;
	t.ncand = 0;		/* cand[] is read only up to ncand */
	buf_grow(out, n * tn->expand + 16);
	base = out->p;
	o = base + out->len;
	while (i < n) {
		unsigned ch, a;
		int k;

#ifdef __SSE2__
		i = fast_blocks(tn, u, n, i, &o, base, &t);
		if (i >= n)
			break;
#endif
		ch = u[i];
		a = ascii_plain[ch];

		/*
		 * Vietnamese text changes script every few bytes, so runs of
		 * ASCII are short: a byte at a time with one table lookup
		 * beats a word-at-a-time scan that a diacritic soon stops.
		 */
		if (a != 0) {
			/* Locals: a store through o may alias anything else. */
			const unsigned char *p = u + i, *pe = u + n;
			unsigned long long letters = 0;
			char *q = o;

			do {
				*q = (char)*p;
				q += !(a & AP_SPACE) || q == base || q[-1] != ' ';
				letters += a >> 1 & 1;	/* AP_LETTER */
				if (++p == pe)
					break;
			} while ((a = ascii_plain[*p]) != 0);
			t.letters += letters;
			o = q;
			i = (size_t)(p - u);
			continue;
		}
		if (ch < 0x80) {
			if (ch == '\t' && tn->tab != NULL && !only_spaces(base, o)) {
				/* Cells apart; a run of spaces stays one. */
				const char *r = tn->tab;
				size_t rn = tn->tablen;

				if (o[-1] == ' ' && *r == ' ')
					r++, rn--;
				memcpy(o, r, rn);
				o += rn;
			} else if (ch == '\t' || ch == '\v' || ch == '\f') {
				if (o == base || o[-1] != ' ')
					*o++ = ' ';
			} else if (ch == 0)
				nuls++;
			i++;
			continue;
		}
		k = decode(u + i, n - i, &cp);
		if (k < 0) {
			memcpy(o, UTF8_REPLACEMENT, 3);
			o += 3;
			bad += (size_t)-k;
			i += (size_t)-k;
			continue;
		}
		unsigned cl = class_of(tn, cp);

		/* Most letters are already normal and start no tone pair. */
		if ((cl & (A_MASK | F_TONE)) == 0) {
			t.letters += (cl & F_LETTER) != 0;
			t.vi += (cl & F_VI) != 0;
			o[0] = s[i];
			o[1] = s[i + 1];
			if (k > 2)
				o[2] = s[i + 2];
			if (k > 3)
				o[3] = s[i + 3];
			o += k;
			i += (size_t)k;
			continue;
		}
		if ((cl & A_MASK) == A_NFC) {
			i = nfc_run(tn, u, n, i, out, &o, &t);
			base = out->p;
			continue;
		}
		o = emit(tn, cp, cl, s + i, k, o, base, &t);
		i += (size_t)k;
	}
	out->len = (size_t)(o - out->p);
	out->p[out->len] = '\0';
	if (t.ncand > 0)
		fix_tones(tn, out, &t);
	c->bad_bytes += bad;
	c->nuls += nuls;
	c->letters += t.letters;
	c->vi_letters += t.vi;
	return bad;
}

size_t
textnorm_apply(const struct textnorm *tn, const char *s, size_t n,
    struct buf *out, unsigned long long *bad_bytes)
{
	struct textnorm_count c = { 0 };
	size_t bad = textnorm_count(tn, s, n, out, &c);

	if (bad_bytes != NULL)
		*bad_bytes += bad;
	return bad;
}
