/* numbers-fold.c - the number reader's lower-case tables and fold. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "numbers-impl.h"

static int32_t lower_lo[0x370], lower_hi[0x100];	/* see same_len_lower */
/* What a byte is where a span match may start (scan()): 0 space, 1 a
 * letter (any byte of a character beyond ASCII), 2 digit, 3 other. */
static unsigned char start_class[256];
static unsigned char ascii_lower[128];
/* The token class (TC_*) of a character of the folded text: an ASCII
 * byte, and the table characters by the index of their original. */
static unsigned char tok_ascii[128], tok_lo[0x370], tok_hi[0x100];
static bool tables_done;
/* Declared, with what each holds, in numbers-impl.h: the reading
 * looks them up inline. */
unsigned char letter_lo[0x370], letter_hi[0x100];
uint32_t ascii_scan[128];
unsigned char word_byte[256];
uint32_t fold_lo_enc[0x370], fold_hi_enc[0x100];

/* The lower case of cp where its UTF-8 has the same length, else cp:
 * numbers_fold() keeps offsets. */
static int32_t
same_len_lower(int32_t cp)
{
	utf8proc_uint8_t a[4], b[4];
	int32_t lc = utf8proc_tolower(cp);

	return utf8proc_encode_char(lc, b) == utf8proc_encode_char(cp, a) ?
	    lc : cp;
}

static bool
is_letter_slow(int32_t cp)
{
	if (cp < 0)
		return false;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		return true;
	default:
		return false;
	}
}

void
numbers_tables_init(void)
{
	if (tables_done)
		return;
	for (int32_t c = 0; c < 0x370; c++) {
		lower_lo[c] = same_len_lower(c);
		letter_lo[c] = is_letter_slow(c);
	}
	for (int32_t c = 0; c < 0x100; c++) {
		lower_hi[c] = same_len_lower(0x1E00 + c);
		letter_hi[c] = is_letter_slow(0x1E00 + c);
	}
	for (int c = 0; c < 128; c++)
		ascii_lower[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	for (int c = 0; c < 128; c++)
		tok_ascii[c] = c == ' ' || c == '\t' || c == '\n' || c == '\r' ?
		    TC_SPACE : c >= '0' && c <= '9' ? TC_DIGIT :
		    (c | 32) >= 'a' && (c | 32) <= 'z' ? TC_WORD : TC_PUNCT;
	/* As tokenise() would read the folded character (is_space(),
	 * letter_len()). */
	for (int32_t c = 0x80; c < 0x370; c++) {
		char b[4];
		size_t n = (size_t)utf8proc_encode_char(lower_lo[c],
		    (utf8proc_uint8_t *)b);

		tok_lo[c] = n == 2 && (unsigned char)b[0] == 0xC2 &&
		    (unsigned char)b[1] == 0xA0 ? TC_SPACE :
		    letter_len(b, n, 0) > 0 ? TC_WORD : TC_PUNCT;
	}
	for (int32_t c = 0; c < 0x100; c++) {
		char b[4];
		size_t n = (size_t)utf8proc_encode_char(lower_hi[c],
		    (utf8proc_uint8_t *)b);

		tok_hi[c] = letter_len(b, n, 0) > 0 ? TC_WORD : TC_PUNCT;
	}
	for (int c = 0; c < 256; c++)
		start_class[c] = c == ' ' || c == '\t' ? 0 :
		    c >= '0' && c <= '9' ? 2 :
		    c >= 0x80 || ((c | 32) >= 'a' && (c | 32) <= 'z') ? 1 : 3;
	for (int c = 0; c < 128; c++)
		ascii_scan[c] = ascii_lower[c] | (uint32_t)start_class[c] << 8 |
		    (uint32_t)tok_ascii[c] << 16;
	for (int c = 0; c < 256; c++)
		word_byte[c] = c < 0x80 ? (tok_ascii[c] == TC_WORD ?
		    ascii_lower[c] : 0) : c >= 0xC2 && c <= 0xCD ? 1 :
		    c == 0xE1 ? 2 : 0;
	for (int c = 0; c < 0x370; c++)
		fold_lo_enc[c] = (0xC0u | (uint32_t)lower_lo[c] >> 6) |
		    (0x80u | (lower_lo[c] & 0x3F)) << 8 |
		    (uint32_t)tok_lo[c] << 16;
	for (int c = 0; c < 0x100; c++)
		fold_hi_enc[c] = (0x80u | ((uint32_t)lower_hi[c] >> 6 & 0x3F)) |
		    (0x80u | (lower_hi[c] & 0x3F)) << 8 |
		    (uint32_t)tok_hi[c] << 16;
	tables_done = true;
}

bool
numbers_is_letter(int32_t cp)
{
	if (cp >= 0 && cp < 0x370)
		return letter_lo[cp];
	if (cp >= 0x1E00 && cp < 0x1F00)
		return letter_hi[cp - 0x1E00];
	return is_letter_slow(cp);
}

static int32_t
to_lower(int32_t cp)
{
	if (cp >= 0 && cp < 0x370)
		return lower_lo[cp];
	if (cp >= 0x1E00 && cp < 0x1F00)
		return lower_hi[cp - 0x1E00];
	return same_len_lower(cp);
}

/* Decodes the character at s[i]; returns its length, *cp = -1 if bad. */
size_t
numbers_cp_at(const char *s, size_t len, size_t i, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t n = len - i;

	if (n == 0) {
		*cp = -1;
		return 1;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* The two- and three-byte forms, checked, by hand (the hot case). */
	if (u[0] >= 0xC2 && u[0] < 0xE0 && n >= 2 && (u[1] & 0xC0) == 0x80) {
		*cp = ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		return 2;
	}
	if (u[0] >= 0xE0 && u[0] < 0xF0 && n >= 3 && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80) {
		int32_t c = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) |
		    (u[2] & 0x3F);

		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
			*cp = c;
			return 3;
		}
	}
	utf8proc_ssize_t r = utf8proc_iterate(u, (utf8proc_ssize_t)n, cp);

	if (r <= 0) {
		*cp = -1;
		return 1;
	}
	return (size_t)r;
}

/* Whether the character at s[i] is a decimal digit beyond ASCII (what
 * PCRE2's \d takes with Unicode properties). */
bool
numbers_is_udigit(const char *s, size_t len, size_t i)
{
	int32_t cp;

	numbers_cp_at(s, len, i, &cp);
	return cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

/*
 * Lower-cases the character at s[i] (not ASCII) into out[i..]; returns
 * its length.  A character whose lower case has another UTF-8 length is
 * kept as it is, so offsets in the copy are offsets in the sentence
 * (Vietnamese letters all keep their length).
 */
size_t
numbers_fold_char(const char *s, size_t len, size_t i, char *out)
{
	const unsigned char *u = (const unsigned char *)s + i;
	unsigned char *o = (unsigned char *)out + i;
	int32_t cp;
	size_t n;
	unsigned tc;

	if ((n = fold_table(u, len - i, o, &tc)) > 0)
		return n;
	n = numbers_cp_at(s, len, i, &cp);
	/* to_lower() keeps the length, so the encoding fits in place. */
	if (cp >= 0 && to_lower(cp) != cp)
		utf8proc_encode_char(to_lower(cp), o);
	else
		memcpy(o, u, n);
	return n;
}

/* Lower-cases s into out byte for byte (see fold_char). */
void
numbers_fold(const char *s, size_t len, struct buf *out)
{
	buf_reset(out);
	buf_grow(out, len + 1);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80)
			out->p[i++] = (char)ascii_lower[c];
		else
			i += numbers_fold_char(s, len, i, out->p);
	}
	out->len = len;
	out->p[len] = '\0';
}
