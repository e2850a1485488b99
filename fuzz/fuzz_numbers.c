/*
 * fuzz_numbers.c - the number reader (numbers.h) on any sentence.
 *
 * Checks: mentions lie inside the sentence, in order of their start,
 * without overlap; kinds are real kinds; a value is a plain decimal
 * (no exponent, no trailing zeros) for quantities, percents, counts and
 * years; flags print into a small buffer safely.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "numbers.h"
#include "rules.h"

static struct numbers *nr;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	rules_set_dir(fuzz_rules());
	nr = numbers_load();
	return 0;
}

/* -?digits(.digits)? with no leading zeros and no trailing zero. */
static int
plain_decimal(const char *v)
{
	const char *p = v;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	if (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
		return 0;
	p += strspn(p, "0123456789");
	if (*p == '\0')
		return 1;
	if (*p != '.')
		return 0;
	p++;
	if (*p == '\0' || strspn(p, "0123456789") != strlen(p))
		return 0;
	return v[strlen(v) - 1] != '0';
}

static void
check(const struct num_mention *m, size_t n, size_t size)
{
	size_t prev_end = 0;
	char flags[24];

	for (size_t i = 0; i < n; i++) {
		const char *v = m[i].value;
		size_t vlen = strnlen(v, NUM_VALUE_MAX);

		if (m[i].start >= m[i].end || m[i].end > size ||
		    m[i].start < prev_end)
			abort();
		prev_end = m[i].end;
		if (m[i].kind >= NK_NONE || num_kind_name(m[i].kind) == NULL)
			abort();
		if (vlen == NUM_VALUE_MAX || m[i].unit == NULL ||
		    m[i].approx == NULL)
			abort();
		if (vlen > 0 && strcspn(v, "\t\n") != vlen)
			abort();
		if (vlen > 0 && (m[i].kind == NK_QUANTITY ||
		    m[i].kind == NK_PERCENT || m[i].kind == NK_COUNT ||
		    m[i].kind == NK_YEAR) && !plain_decimal(v))
			abort();
		numbers_flags(m[i].flags, flags, sizeof(flags));
		if (strlen(flags) >= sizeof(flags))
			abort();
	}
}

static void
read_check(const char *s, size_t size)
{
	const struct num_mention *m;
	size_t n = numbers_read(nr, s, size, &m);

	check(m, n, size);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so ASan sees any read past it. */
	char *s = malloc(size ? size : 1);

	memcpy(s, data, size);
	FUZZ_TRY {
		read_check(s, size);
		FUZZ_END();
	} else {
		abort();
	}
	free(s);
	return 0;
}
