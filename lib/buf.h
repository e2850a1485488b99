/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 *
 * A zeroed struct buf is an empty buffer; buf_free() releases it.  Growth
 * doubles, so appending is amortised O(1); buf_reset() keeps the memory
 * for reuse, so hot loops do not allocate per record.
 */
#ifndef CHISO_BUF_H
#define CHISO_BUF_H

#include <stddef.h>

struct buf {
	char *p;
	size_t len, cap;
};

void buf_grow(struct buf *b, size_t more);
void buf_add(struct buf *b, const void *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
/* Appends s[0..n) with each TAB, LF and CR made a space: a stream field. */
void buf_add_field(struct buf *b, const char *s, size_t n);
/* The copy behind buf_add_field: s[0..n) to o[0..n), TAB, LF, CR made
 * spaces (for a writer that made room itself). */
void buf_field_copy(char *o, const char *s, size_t n);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
