/* segmenter.c - see segmenter.h. */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "err.h"
#include "segmenter.h"

/* A list of byte strings from the rule file, with their lengths. */
struct strs {
	char **s;
	size_t *len;
	size_t n;
	bool first[256];	/* bytes an item starts with: most tests end here */
};

struct segmenter {
	/* Bytes that may start a terminator or an end marker. */
	bool cand[256];
	unsigned char cbyte[4];	/* the same as a list (padded with repeats) */
	int ncbyte;		/* -1: too many for the vector scan */
	struct strs term, ellip, endmark, closer, opener, abbrev;
	bool no_space;		/* "kỳ.Kim" is a boundary */
	bool initials;		/* "V. Anh": one capital before '.' */
	bool list_markers;	/* "1. ", "II. ", "a. " opening a line */
};

static const char *const keys[] = {
	"terminators", "ellipses", "end_markers", "closers", "openers",
	"abbreviations", "split_without_space", "initials", "list_markers",
	"tables",		/* read by table.h */
	NULL
};

static void
strs_load(struct strs *l, const struct ynode *root, const char *key)
{
	const char **v;
	const struct ynode *at = ymap_get(root, key);

	l->n = ymap_strlist(root, key, &v);
	l->s = xcalloc(l->n + 1, sizeof(*l->s));
	l->len = xcalloc(l->n + 1, sizeof(*l->len));
	for (size_t i = 0; i < l->n; i++) {
		if (*v[i] == '\0')
			ydie(at, "%s: an empty string never matches", key);
		l->s[i] = xstrdup(v[i]);
		l->len[i] = strlen(v[i]);
		l->first[(unsigned char)v[i][0]] = true;
	}
	free(v);
}

static void
strs_free(struct strs *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	free(l->len);
}

/* The length of the item of l that s[i..len) starts with, or 0. */
static size_t
strs_at(const struct strs *l, const char *s, size_t len, size_t i)
{
	if (!l->first[(unsigned char)s[i]])
		return 0;
	for (size_t k = 0; k < l->n; k++)
		if (l->s[k][0] == s[i] && l->len[k] <= len - i &&
		    memcmp(s + i, l->s[k], l->len[k]) == 0)
			return l->len[k];
	return 0;
}

/* True when s[a..b) is exactly an item of l. */
static bool
strs_is(const struct strs *l, const char *s, size_t a, size_t b)
{
	if (a >= b || !l->first[(unsigned char)s[a]])
		return false;
	for (size_t k = 0; k < l->n; k++)
		if (l->len[k] == b - a && memcmp(s + a, l->s[k], b - a) == 0)
			return true;
	return false;
}

/* True when s[a..b) holds an item of l anywhere. */
static bool
strs_in(const struct strs *l, const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (strs_at(l, s, b, i) != 0)
			return true;
	return false;
}

struct segmenter *
seg_from_yaml(const struct ynode *root)
{
	struct segmenter *sg = xcalloc(1, sizeof(*sg));

	yexpect(root, Y_MAP, "a map of segmentation rules");
	ymap_check_keys(root, keys);
	strs_load(&sg->term, root, "terminators");
	strs_load(&sg->ellip, root, "ellipses");
	strs_load(&sg->endmark, root, "end_markers");
	strs_load(&sg->closer, root, "closers");
	strs_load(&sg->opener, root, "openers");
	strs_load(&sg->abbrev, root, "abbreviations");
	if (sg->term.n == 0)
		ydie(root, "terminators: at least one is needed");
	sg->no_space = ymap_bool(root, "split_without_space", true);
	sg->initials = ymap_bool(root, "initials", true);
	sg->list_markers = ymap_bool(root, "list_markers", true);
	for (size_t k = 0; k < sg->term.n; k++)
		sg->cand[(unsigned char)sg->term.s[k][0]] = true;
	for (size_t k = 0; k < sg->endmark.n; k++)
		sg->cand[(unsigned char)sg->endmark.s[k][0]] = true;
	for (int c = 0; c < 256 && sg->ncbyte >= 0; c++)
		if (sg->cand[c]) {
			if (sg->ncbyte == (int)sizeof(sg->cbyte))
				sg->ncbyte = -1;
			else
				sg->cbyte[sg->ncbyte++] = (unsigned char)c;
		}
	for (int k = sg->ncbyte; k > 0 && k < (int)sizeof(sg->cbyte); k++)
		sg->cbyte[k] = sg->cbyte[0];
	return sg;
}

struct segmenter *
seg_load(const char *path)
{
	struct ynode *root = ydoc_load(path);
	struct segmenter *sg = seg_from_yaml(root);

	ydoc_free(root);
	return sg;
}

void
seg_free(struct segmenter *sg)
{
	if (sg == NULL)
		return;
	strs_free(&sg->term);
	strs_free(&sg->ellip);
	strs_free(&sg->endmark);
	strs_free(&sg->closer);
	strs_free(&sg->opener);
	strs_free(&sg->abbrev);
	free(sg);
}

/* The code point at s[i..len) (-1 if invalid), its length in *n. */
static utf8proc_int32_t
cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	utf8proc_int32_t cp = -1;
	utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	    (utf8proc_ssize_t)(len - i), &cp);

	*n = r > 0 ? (size_t)r : 1;
	return r > 0 ? cp : -1;
}

static bool
is_capital(utf8proc_int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0)
		return false;
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* A sentence may start at s[i]: a capital, a digit or an opener. */
static bool
starts_sentence(const struct segmenter *sg, const char *s, size_t len,
    size_t i)
{
	size_t n;

	if (s[i] >= '0' && s[i] <= '9')
		return true;
	return is_capital(cp_at(s, len, i, &n)) ||
	    strs_at(&sg->opener, s, len, i) != 0;
}

/*
 * Where the word that ends at byte i starts: back to a space, the line's
 * start or an ASCII opening bracket or quote (so "(TP." is "TP.").
 */
static size_t
word_start(const char *s, size_t from, size_t i)
{
	while (i > from && s[i - 1] != ' ' && s[i - 1] != '(' &&
	    s[i - 1] != '[' && s[i - 1] != '"' && s[i - 1] != '\'')
		i--;
	return i;
}

/* "1", "12", "IV", "a": what numbers a list item at a line's start. */
static bool
is_list_marker(const char *s, size_t a, size_t b)
{
	size_t i;

	if (b - a == 1 && ((s[a] >= 'a' && s[a] <= 'z') ||
	    (s[a] >= 'A' && s[a] <= 'Z')))
		return true;
	for (i = a; i < b && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == b && b - a <= 3)
		return true;
	for (i = a; i < b && s[i] != '\0' && strchr("IVXLC", s[i]) != NULL; i++)
		;
	return i == b && b - a <= 5;
}

/*
 * True when the single '.' at i ends no sentence because of the word
 * before it: an abbreviation, an initial, or a list marker.
 */
static bool
dot_is_kept(const struct segmenter *sg, const char *s, size_t len,
    size_t from, size_t i)
{
	size_t w = word_start(s, from, i), n;

	if (w == i)
		return false;
	if (strs_is(&sg->abbrev, s, w, i + 1))
		return true;
	if (sg->initials && is_capital(cp_at(s, len, w, &n)) && w + n == i)
		return true;
	return sg->list_markers && w == from && is_list_marker(s, w, i);
}

/* Skips the closing quotes and brackets at i. */
static size_t
skip_closers(const struct segmenter *sg, const char *s, size_t len, size_t i)
{
	size_t n;

	while (i < len && (n = strs_at(&sg->closer, s, len, i)) != 0)
		i += n;
	return i;
}

/*
 * Decides whether the terminator run s[i..j) ends the sentence begun at
 * from; returns the end of the sentence (after any closers), or 0.
 */
static size_t
boundary(const struct segmenter *sg, const char *s, size_t len,
    size_t from, size_t i, size_t j)
{
	bool one_dot = j == i + 1 && s[i] == '.';
	bool ellipsis = strs_in(&sg->ellip, s, i, j);
	size_t k = skip_closers(sg, s, len, j), n;

	if (k >= len)
		return len;
	if (s[k] == ' ') {
		for (n = k; n < len && s[n] == ' '; n++)
			;
		if (n == len)
			return k;
		if (!starts_sentence(sg, s, len, n))
			return 0;
		if (one_dot && dot_is_kept(sg, s, len, from, i))
			return 0;
		return k;
	}
	/* "cùng kỳ.Kim ngạch": a period run into the next sentence. */
	if (one_dot && !ellipsis && sg->no_space && k == j &&
	    is_capital(cp_at(s, len, k, &n)) &&
	    !dot_is_kept(sg, s, len, from, i))
		return k;
	return 0;
}

/*
 * The first byte at or after i that may start a terminator or an end
 * marker, or len.  Sentences run for dozens of bytes between candidates,
 * so they are looked for sixteen bytes at a time where SSE2 is there.
 */
static size_t
next_cand(const struct segmenter *sg, const char *s, size_t i, size_t len)
{
#ifdef __SSE2__
	if (sg->ncbyte > 0 && len - i >= 16) {
		const __m128i c0 = _mm_set1_epi8((char)sg->cbyte[0]);
		const __m128i c1 = _mm_set1_epi8((char)sg->cbyte[1]);
		const __m128i c2 = _mm_set1_epi8((char)sg->cbyte[2]);
		const __m128i c3 = _mm_set1_epi8((char)sg->cbyte[3]);

		for (;;) {
			size_t at = len - i >= 16 ? i : len - 16;
			__m128i x = _mm_loadu_si128((const __m128i *)(s + at));
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(x, c0), _mm_cmpeq_epi8(x, c1)),
			    _mm_or_si128(_mm_cmpeq_epi8(x, c2), _mm_cmpeq_epi8(x, c3))));

			/* The last block overlaps the one before: skip what was seen. */
			m >>= i - at;
			if (m != 0)
				return i + (size_t)__builtin_ctz(m);
			if (at != i || (i += 16) >= len)
				return len;
		}
	}
#endif
	while (i < len && !sg->cand[(unsigned char)s[i]])
		i++;
	return i;
}

bool
seg_next(const struct segmenter *sg, const char *s, size_t len,
    size_t *pos, size_t *start, size_t *end)
{
	size_t from = *pos, i, j, t, stop = len;

	while (from < len && s[from] == ' ')
		from++;
	if (from >= len) {
		*pos = len;
		return false;
	}
	for (i = from; (i = next_cand(sg, s, i, len)) < len;) {
		/* An end marker ("./.") always ends the sentence, whole. */
		if ((t = strs_at(&sg->endmark, s, len, i)) != 0) {
			stop = skip_closers(sg, s, len, i + t);
			break;
		}
		if ((t = strs_at(&sg->term, s, len, i)) == 0) {
			i++;
			continue;
		}
		for (j = i + t; j < len && (t = strs_at(&sg->term, s, len, j)); j += t)
			;
		if ((stop = boundary(sg, s, len, from, i, j)) != 0)
			break;
		stop = len;
		i = j;
	}
	*pos = stop;
	while (stop > from && s[stop - 1] == ' ')
		stop--;
	*start = from;
	*end = stop;
	return true;
}
