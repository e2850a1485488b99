/*
 * decimal.h - exact decimal numbers for figures read from text.
 *
 * A figure such as "123.363 tỷ" must come out as 123363000000000 with no
 * binary floating point residue, so values are kept as an unsigned 64-bit
 * mantissa times a power of ten, with a sign: value = (-1)^neg * m * 10^e.
 * Scaling by 10^k only moves the exponent; adding aligns exponents by
 * multiplying the mantissa, which is where overflow can happen.
 *
 * Every function that can overflow returns false and leaves *out unchanged
 * (or unspecified for dec_parse); none allocates.  Values are plain
 * structs, copied freely.
 */
#ifndef CHISO_DECIMAL_H
#define CHISO_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dec {
	uint64_t m;		/* mantissa */
	int e;			/* base-10 exponent */
	bool neg;		/* sign (a zero is never negative) */
};

/* Exponents beyond this are refused: no figure in news needs them. */
#define DEC_EMAX 60

/* The value v (an integer). */
struct dec dec_int(uint64_t v);

/*
 * Parses n bytes of ASCII digits with at most one '.' as the decimal
 * point (no sign, no grouping: the caller has taken those off).  Leading
 * zeros are fine.  False on an empty, malformed or too long number.
 */
bool dec_parse(const char *s, size_t n, struct dec *out);

/* Multiplies by 10^k (k may be negative).  False when out of range. */
bool dec_scale(struct dec *d, int k);

/* *out = a + b, a - b.  False on overflow. */
bool dec_add(struct dec a, struct dec b, struct dec *out);
bool dec_sub(struct dec a, struct dec b, struct dec *out);

/* *out = a * b.  False on overflow. */
bool dec_mul(struct dec a, struct dec b, struct dec *out);

/* Flips the sign (a zero stays positive). */
struct dec dec_neg(struct dec a);

/* -1, 0 or 1 as a <, ==, > b. */
int dec_cmp(struct dec a, struct dec b);

/* True when the value is an integer, and then *v is it (if it fits). */
bool dec_to_int(struct dec a, int64_t *v);

/*
 * Writes the value as a plain decimal: no exponent, '.' as the point, no
 * trailing zeros, no thousands separators, '-' for negatives.  Needs at
 * most DEC_FMTMAX bytes with the NUL; returns the length written.
 */
#define DEC_FMTMAX (2 * DEC_EMAX + 24)
size_t dec_format(struct dec a, char *buf, size_t cap);

#endif
