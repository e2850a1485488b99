/* decimal.c - see decimal.h. */
#include <string.h>

#include "decimal.h"

/* Canonical form: no trailing zeros in m, zero is +0e0, so equal values
 * compare equal field by field and formatting is simple. */
static struct dec
norm(struct dec d)
{
	if (d.m == 0) {
		d.e = 0;
		d.neg = false;
		return d;
	}
	while (d.m % 10 == 0) {
		d.m /= 10;
		d.e++;
	}
	return d;
}

static bool
in_range(int e)
{
	return e >= -DEC_EMAX && e <= DEC_EMAX;
}

struct dec
dec_int(uint64_t v)
{
	struct dec d = { v, 0, false };

	return norm(d);
}

/* m * 10^k for k >= 0, false on overflow. */
static bool
mul_pow10(uint64_t m, int k, uint64_t *out)
{
	while (k-- > 0) {
		if (m > UINT64_MAX / 10)
			return false;
		m *= 10;
	}
	*out = m;
	return true;
}

bool
dec_parse(const char *s, size_t n, struct dec *out)
{
	struct dec d = { 0, 0, false };
	bool point = false, digit = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.' && !point) {
			point = true;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return false;
		digit = true;
		/* Leading zeros cost nothing; only significant digits count. */
		if (d.m > (UINT64_MAX - 9) / 10)
			return false;
		d.m = d.m * 10 + (uint64_t)(s[i] - '0');
		if (point)
			d.e--;
	}
	if (!digit)
		return false;
	*out = norm(d);
	return true;
}

bool
dec_scale(struct dec *d, int k)
{
	if (d->m == 0)
		return true;
	if (k > 2 * DEC_EMAX || k < -2 * DEC_EMAX || !in_range(d->e + k))
		return false;
	d->e += k;
	return true;
}

struct dec
dec_neg(struct dec a)
{
	if (a.m != 0)
		a.neg = !a.neg;
	return a;
}

/* Brings a and b to the smaller exponent; false on overflow. */
static bool
align(struct dec *a, struct dec *b)
{
	if (a->m == 0)
		a->e = b->e;
	else if (b->m == 0)
		b->e = a->e;
	if (a->e > b->e) {
		if (!mul_pow10(a->m, a->e - b->e, &a->m))
			return false;
		a->e = b->e;
	} else if (b->e > a->e) {
		if (!mul_pow10(b->m, b->e - a->e, &b->m))
			return false;
		b->e = a->e;
	}
	return true;
}

bool
dec_add(struct dec a, struct dec b, struct dec *out)
{
	struct dec r;

	if (!align(&a, &b))
		return false;
	r.e = a.e;
	if (a.neg == b.neg) {
		if (a.m > UINT64_MAX - b.m)
			return false;
		r.m = a.m + b.m;
		r.neg = a.neg;
	} else if (a.m >= b.m) {
		r.m = a.m - b.m;
		r.neg = a.neg;
	} else {
		r.m = b.m - a.m;
		r.neg = b.neg;
	}
	*out = norm(r);
	return true;
}

bool
dec_sub(struct dec a, struct dec b, struct dec *out)
{
	return dec_add(a, dec_neg(b), out);
}

bool
dec_mul(struct dec a, struct dec b, struct dec *out)
{
	struct dec r;

	if (a.m != 0 && b.m > UINT64_MAX / a.m)
		return false;
	r.m = a.m * b.m;
	r.e = a.e + b.e;
	r.neg = a.neg != b.neg;
	r = norm(r);
	if (!in_range(r.e))
		return false;
	*out = r;
	return true;
}

int
dec_cmp(struct dec a, struct dec b)
{
	struct dec d;

	if (!dec_sub(a, b, &d)) {
		/* Too far apart to align: the larger exponent decides. */
		if (a.neg != b.neg)
			return a.neg ? -1 : 1;
		int c = a.e > b.e ? 1 : -1;

		return a.neg ? -c : c;
	}
	if (d.m == 0)
		return 0;
	return d.neg ? -1 : 1;
}

bool
dec_to_int(struct dec a, int64_t *v)
{
	uint64_t m;

	if (a.e < 0 || !mul_pow10(a.m, a.e, &m) || m > INT64_MAX)
		return false;
	*v = a.neg ? -(int64_t)m : (int64_t)m;
	return true;
}

size_t
dec_format(struct dec a, char *buf, size_t cap)
{
	char digits[24], tmp[DEC_FMTMAX];
	size_t nd = 0, n = 0;
	uint64_t m;

	a = norm(a);
	m = a.m;
	do {
		digits[nd++] = (char)('0' + m % 10);
		m /= 10;
	} while (m != 0);
	if (a.neg)
		tmp[n++] = '-';
	if (a.e >= 0) {
		while (nd > 0)
			tmp[n++] = digits[--nd];
		for (int i = 0; i < a.e && n < sizeof(tmp) - 1; i++)
			tmp[n++] = '0';
	} else {
		size_t frac = (size_t)-a.e;

		if (nd <= frac) {
			tmp[n++] = '0';
			tmp[n++] = '.';
			for (size_t i = nd; i < frac && n < sizeof(tmp) - 1; i++)
				tmp[n++] = '0';
			while (nd > 0)
				tmp[n++] = digits[--nd];
		} else {
			while (nd > frac)
				tmp[n++] = digits[--nd];
			tmp[n++] = '.';
			while (nd > 0)
				tmp[n++] = digits[--nd];
		}
	}
	if (cap == 0)
		return n;
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return n;
}
