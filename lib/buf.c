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

static inline char
field_byte(char c)
{
	return c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
}

/* Redoes o[i..j) from s byte by byte: a block held a byte below 0x0e. */
static void
field_fix(char *o, const char *s, size_t i, size_t j)
{
	for (; i < j; i++)
		o[i] = field_byte(s[i]);
}

#ifdef __SSE2__
/* Copies sixteen bytes; max(x, 0x0e) == x unless some byte is below 0x0e. */
static inline void
field16(char *o, const char *s, size_t i)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(s + i));

	_mm_storeu_si128((__m128i *)(o + i), x);
	if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(x,
	    _mm_set1_epi8(0x0e)), x)) != 0xffff)
		field_fix(o, s, i, i + 16);
}
#endif

#ifdef BUF_SWAR
/* Copies n bytes, eight or four; marks every byte below 0x0e (and maybe
 * some above a true one). */
static inline void
field_word(char *o, const char *s, size_t i, size_t n)
{
	uint64_t w = 0, ones = n == 8 ? 0x0101010101010101ULL : 0x01010101ULL;

	memcpy(&w, s + i, n);
	memcpy(o + i, &w, n);
	if (((w - ones * 0x0e) & ~w & ones * 0x80) != 0)
		field_fix(o, s, i, i + n);
}
#endif

/*
 * Text fields hold a TAB or newline almost never, so a block of bytes
 * none of which is below 0x0e is copied as it is; a block with one is
 * redone byte by byte.  Blocks are sixteen bytes (SSE2), eight or four;
 * the last block ends where the field ends, overlapping the one before
 * (each is read from s, so writing a byte twice does no harm), so a
 * short field takes one or two blocks and no byte loop.
 */
void
buf_field_copy(char *o, const char *s, size_t n)
{
	size_t i;

#ifdef __SSE2__
	if (n >= 16) {
		for (i = 0; i + 16 < n; i += 16)
			field16(o, s, i);
		field16(o, s, n - 16);
		return;
	}
#endif
#ifdef BUF_SWAR
	if (n >= 8) {
		for (i = 0; i + 8 < n; i += 8)
			field_word(o, s, i, 8);
		field_word(o, s, n - 8, 8);
		return;
	}
	if (n >= 4) {
		field_word(o, s, 0, 4);
		field_word(o, s, n - 4, 4);
		return;
	}
#endif
	field_fix(o, s, 0, n);
}

void
buf_add_field(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	buf_field_copy(b->p + b->len, s, n);
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
