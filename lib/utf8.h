/*
 * utf8.h - strict UTF-8 decoding and encoding, with no allocation.
 *
 * Strict means Unicode's Table 3-7: no overlong forms, no surrogates,
 * nothing above U+10FFFF.  An invalid sequence is reported as its
 * "maximal subpart" (the longest prefix that could have begun a valid
 * character, at least one byte), so that a replacement with U+FFFD per
 * subpart gives the same result as other conforming decoders.
 */
#ifndef CHISO_UTF8_H
#define CHISO_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define UTF8_REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

/*
 * Decodes the character at s[0..n), n >= 1.  Returns its length (1-4)
 * and sets *cp; or returns -k for an invalid (or cut-off) sequence whose
 * maximal subpart is k bytes.
 */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/*
 * Offset i of s moved back to the first byte of its character (past
 * continuation bytes), not below lo: where a search may start, or a
 * cut may end, without splitting a character.
 */
static inline size_t
utf8_back(const char *s, size_t lo, size_t i)
{
	while (i > lo && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Writes cp (a valid scalar value) to out; returns the length, 1-4. */
int utf8_encode(uint32_t cp, char *out);

/*
 * How many bytes at the end of s[0..n) begin a character that is cut off
 * (0-3): a caller reading in pieces keeps them for the next piece.
 */
size_t utf8_cut_tail(const char *s, size_t n);

/*
 * Appends s[0..n) to out with each invalid subpart replaced by U+FFFD.
 * Returns the number of invalid bytes replaced.
 */
size_t utf8_sanitize(const char *s, size_t n, struct buf *out);

#endif
