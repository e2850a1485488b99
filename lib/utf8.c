/* utf8.c - see utf8.h. */
#include <stdbool.h>

#include "utf8.h"

int
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0], lo = 0x80, hi = 0xbf;
	int len, i;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2 || c > 0xf4)
		return -1;
	if (c < 0xe0) {
		len = 2;
		v = c & 0x1f;
	} else if (c < 0xf0) {
		len = 3;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (c == 0xed)
			hi = 0x9f;	/* surrogates */
	} else {
		len = 4;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;	/* overlong */
		else if (c == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	}
	for (i = 1; i < len; i++) {
		if ((size_t)i >= n || s[i] < lo || s[i] > hi)
			return -i;
		v = v << 6 | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = v;
	return len;
}

int
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

size_t
utf8_cut_tail(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;

	/* Look back at most 3 bytes for a lead byte whose sequence runs out. */
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned c = u[n - k];

		if ((c & 0xc0) == 0x80)
			continue;
		if (c >= 0xc2 && c <= 0xf4 && utf8_decode(u + n - k, k, &cp) == -(int)k)
			return k;
		return 0;
	}
	return 0;
}

size_t
utf8_sanitize(const char *s, size_t n, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, bad = 0;
	uint32_t cp;

	while (i < n) {
		int k = u[i] < 0x80 ? 1 : utf8_decode(u + i, n - i, &cp);

		if (k > 0) {
			i += (size_t)k;
			continue;
		}
		buf_add(out, s + run, i - run);
		buf_add(out, UTF8_REPLACEMENT, 3);
		i += (size_t)-k;
		bad += (size_t)-k;
		run = i;
	}
	buf_add(out, s + run, n - run);
	return bad;
}
