/* buf.c - see buf.h. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "err.h"

void
buf_grow(struct buf *b, size_t more)
{
	size_t want = b->len + more + 1;

	if (want <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < want)
		b->cap *= 2;
	b->p = xrealloc(b->p, b->cap);
}

void
buf_add(struct buf *b, const void *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BUF_SWAR 1
#endif

/*
 * Text fields hold a TAB or newline almost never, so a block of bytes
 * none of which is below 0x0e is copied as it is; a block with one is
 * redone byte by byte.  Blocks are sixteen bytes (SSE2), then eight.
 */
void
buf_add_field(struct buf *b, const char *s, size_t n)
{
	char *o;
	size_t i = 0;

	buf_grow(b, n + 16);
	o = b->p + b->len;
#ifdef __SSE2__
	/* max(x, 0x0e) == x unless some byte is below 0x0e. */
	for (; n - i >= 16; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(s + i));

		_mm_storeu_si128((__m128i *)(o + i), x);
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(x,
		    _mm_set1_epi8(0x0e)), x)) == 0xffff)
			continue;
		for (size_t j = i; j < i + 16; j++)
			if (s[j] == '\t' || s[j] == '\n' || s[j] == '\r')
				o[j] = ' ';
	}
#endif
#ifdef BUF_SWAR
	/* Marks every byte below 0x0e (and maybe some above a true one). */
	for (; n - i >= 8; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		memcpy(o + i, &w, 8);
		if (((w - 0x0e0e0e0e0e0e0e0eULL) & ~w & 0x8080808080808080ULL) == 0)
			continue;
		for (size_t j = i; j < i + 8; j++)
			if (s[j] == '\t' || s[j] == '\n' || s[j] == '\r')
				o[j] = ' ';
	}
#endif
	for (; i < n; i++)
		o[i] = s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	/* Format straight into the buffer; grow and redo when it is short. */
	buf_grow(b, 64);
	room = b->cap - b->len;
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->p[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
