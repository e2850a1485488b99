/*
 * province.c - which province a document is about: the first name or
 * alias of rules/provinces.yaml that its text gives, headline first,
 * unless its metadata says.  Names are compared by the table the loader
 * reads back from the alternation it compiles (cx->palts), byte pairs
 * first; PCRE2 is asked only where a name it cannot tell stands.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxrules.h"
#include "province.h"
#include "rules.h"

/* The first place in s[at..len) whose two bytes may begin a province's
 * name (cx->province_pairs; s[len] counts as 0), or len: no match of
 * province_rx begins before it, so a search from there finds what a
 * search from at finds. */
static size_t
province_skip(const struct cx_rules *cx, const char *s, size_t at,
    size_t len)
{
	const uint8_t *pairs = cx->province_pairs;
	const unsigned char *u = (const unsigned char *)s;

	if (pairs == NULL)
		return at;
	for (; at < len; at++) {
		unsigned k = (unsigned)u[at] << 8 |
		    (at + 1 < len ? u[at + 1] : 0u);

		if (pairs[k >> 3] & (1u << (k & 7)))
			break;
	}
	return at;
}

/* Is the character of s[0..len) at q a word character, as PCRE2's \w
 * (with Unicode properties) has it?  1 yes, 0 no (or q is len), -1 not
 * known: an ill-formed character, which PCRE2 reads its own way.  ASCII
 * is told here; anything else by cx->word_rx. */
static int
word_at(struct cx_rules *cx, const char *s, size_t len, size_t q)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;
	PCRE2_SIZE *ov;

	if (q >= len)
		return 0;
	if (u[q] < 0x80)
		return (u[q] >= '0' && u[q] <= '9') || u[q] == '_' ||
		    ((u[q] | 0x20) >= 'a' && (u[q] | 0x20) <= 'z');
	n = u[q] >= 0xF0 ? 4 : u[q] >= 0xE0 ? 3 : u[q] >= 0xC2 ? 2 : 0;
	if (n == 0 || n > len - q || u[q] > 0xF4)
		return -1;
	for (size_t k = 1; k < n; k++)
		if ((u[q + k] & 0xC0) != 0x80)
			return -1;
	/* Overlong forms and surrogates are ill-formed too. */
	if ((u[q] == 0xE0 && u[q + 1] < 0xA0) || (u[q] == 0xED &&
	    u[q + 1] >= 0xA0) || (u[q] == 0xF0 && u[q + 1] < 0x90) ||
	    (u[q] == 0xF4 && u[q + 1] >= 0x90))
		return -1;
	return rx_match(cx->word_rx, s + q, n, 0, &ov) &&
	    ov[0] == 0 && ov[1] == n;
}

/* The character before s[q] (q > 0) as word_at() tells it. */
static int
word_before(struct cx_rules *cx, const char *s, size_t len, size_t q)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t p = q - 1;

	while (p > 0 && q - p < 4 && (u[p] & 0xC0) == 0x80)
		p--;
	/* The character must end right at q. */
	if ((u[p] & 0xC0) == 0x80 || (u[p] >= 0x80 && (size_t)(u[p] >= 0xF0 ?
	    4 : u[p] >= 0xE0 ? 3 : 2) != q - p) || (u[p] < 0x80 && p + 1 != q))
		return -1;
	return word_at(cx, s, len, p);
}

/* A province's name in s[start..end) that names no place: "Chủ tịch Hồ
 * Chí Minh" (not_after), "Thái Bình Dương" (not_before). */
static bool
not_a_place(const struct cx_rules *cx, const struct csent *s, size_t start,
    size_t end)
{
	PCRE2_SIZE *ov;

	return (cx->province_not_after && rx_match(cx->province_not_after,
	    s->text, start, 0, &ov)) || (cx->province_not_before &&
	    rx_match(cx->province_not_before, s->text + end, s->len - end, 0,
	    &ov));
}

/*
 * The first name or alias in s[at..len), as province_rx finds it
 * (cx->palts): the leftmost place, and there the first alternative of
 * the pattern whose name stands there with no word character right
 * before or after it.  1 and *start, *end, *who when found; 0 when none;
 * -1 when an ill-formed character next to a name makes it not known.
 */
static int
province_in(struct cx_rules *cx, const char *s, size_t len, size_t at,
    size_t *start, size_t *end, size_t *who)
{
	const unsigned char *u = (const unsigned char *)s;

	for (; (at = province_skip(cx, s, at, len)) < len; at++) {
		unsigned key = (unsigned)u[at] << 8 |
		    (at + 1 < len ? u[at + 1] : 0u);
		size_t lo = 0, hi = cx->npalts;
		int wb = -2;

		while (lo < hi) {	/* the first with key */
			size_t mid = lo + (hi - lo) / 2;

			if (cx->palts[mid].key < key)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < cx->npalts && cx->palts[lo].key == key; lo++) {
			const struct province_alt *a = &cx->palts[lo];
			int wa;

			if (a->len > len - at || memcmp(s + at, a->s, a->len) != 0)
				continue;
			/* (?<!\w): asked once a place, at its first name. */
			if (wb == -2)
				wb = at > 0 ? word_before(cx, s, len, at) : 0;
			if (wb < 0)
				return -1;
			if (wb == 1)
				break;
			if ((wa = word_at(cx, s, len, at + a->len)) < 0)
				return -1;
			if (wa == 0) {
				*start = at;
				*end = at + a->len;
				*who = a->who;
				return 1;
			}
		}
	}
	return 0;
}

/* province_of()'s search by cx->palts; false when a sentence has a
 * name it cannot tell (province_in() -1): PCRE2 is to be asked. */
static bool
province_by_names(struct cx_rules *cx, const struct cdoc *doc, char *out,
    size_t size)
{
	for (size_t i = 0; i < doc->nsents; i++) {
		const struct csent *s = &doc->sents[i];
		size_t at = 0, start, end, who;
		int r;

		while ((r = province_in(cx, s->text, s->len, at, &start, &end,
		    &who)) == 1) {
			at = end;
			if (not_a_place(cx, s, start, at))
				continue;
			if (who < cx->nprovinces)
				snprintf(out, size, "%s", cx->provinces[who].name);
			return true;
		}
		if (r < 0)
			return false;
	}
	return true;
}

void
province_of(struct cx_rules *cx, const struct cdoc *doc, char *out,
    size_t size)
{
	PCRE2_SIZE *ov;

	if (doc->province && *doc->province) {
		snprintf(out, size, "%s", doc->province);
		return;
	}
	out[0] = '\0';
	/* The first province the text names, headline first. */
	if (cx->province_rx == NULL)
		return;
	if (cx->palts != NULL && province_by_names(cx, doc, out, size))
		return;
	for (size_t i = 0; i < doc->nsents; i++) {
		const struct csent *s = &doc->sents[i];
		size_t at = 0;

		while ((at = province_skip(cx, s->text, at, s->len)) <
		    s->len &&
		    rx_match(cx->province_rx, s->text, s->len, at, &ov)) {
			size_t start = ov[0];
			PCRE2_SPTR mark = pcre2_get_mark(cx->province_rx->md);

			at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			if (not_a_place(cx, s, start, ov[1]))
				continue;
			if (mark != NULL) {
				size_t who = strtoul((const char *)mark, NULL, 10);

				if (who < cx->nprovinces)
					snprintf(out, size, "%s",
					    cx->provinces[who].name);
			}
			return;
		}
	}
}

bool
province_named(struct cx_rules *cx, const char *s, size_t len)
{
	PCRE2_SIZE *ov;

	return cx->province_rx != NULL && rx_match(cx->province_rx, s, len,
	    province_skip(cx, s, 0, len), &ov);
}

size_t
province_index_at(struct cx_rules *cx, const char *s, size_t len, size_t at)
{
	static const char *const prefix[] = { "tỉnh ", "Tỉnh ", "TP. ", "TP.",
	    "TP ", NULL };
	PCRE2_SIZE *ov;

	for (size_t i = 0; prefix[i] != NULL; i++) {
		size_t n = strlen(prefix[i]);

		if (len - at > n && memcmp(s + at, prefix[i], n) == 0) {
			at += n;
			break;
		}
	}
	if (cx->province_rx == NULL || !rx_match(cx->province_rx, s, len, at,
	    &ov) || ov[0] != at)
		return SIZE_MAX;
	PCRE2_SPTR mark = pcre2_get_mark(cx->province_rx->md);
	size_t who = mark != NULL ? strtoul((const char *)mark, NULL, 10) :
	    SIZE_MAX;

	return who < cx->nprovinces ? who : SIZE_MAX;
}

bool
province_at(struct cx_rules *cx, const char *s, size_t len, size_t at,
    char *out, size_t size)
{
	size_t who = province_index_at(cx, s, len, at);

	if (who == SIZE_MAX)
		return false;
	snprintf(out, size, "%s", cx->provinces[who].name);
	return true;
}

bool
province_is_city(const struct cx_rules *cx, const char *name)
{
	for (size_t i = 0; i < cx->nprovinces; i++)
		if (strcmp(cx->provinces[i].name, name) == 0)
			return cx->provinces[i].city;
	return false;
}
