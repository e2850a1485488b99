/*
 * merge.c - a figure said twice in a document is one row: the same value
 * again, a rounded one ("hơn 41%" and 41,07%; in a headline or title
 * within a step of its last digit, or half a step with no word that
 * says so: "4,15 tỷ USD" and 4.152,3 triệu USD), one said with no comparison after
 * one said with it, a headline's before any period was known, and a
 * threshold passed ("vượt mốc 10.000 tỷ") before the exact figure.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"

/*
 * The step of a written value's last digit: 1 for "12", 0.01 for "41.07",
 * 1e12 for 51000000000000 ("51 nghìn tỷ").  A rounded figure is within
 * one step of the exact one.
 */
static double
value_step(const char *v)
{
	const char *dot = strchr(v, '.');
	size_t n = strlen(v), zeros = 0;

	if (dot != NULL)
		return pow(10, -(double)(n - (size_t)(dot - v) - 1));
	while (zeros + 1 < n && v[n - 1 - zeros] == '0')
		zeros++;
	return pow(10, (double)zeros);
}

/*
 * Whether figure a is the exact b rounded.  The approximate a ("hơn
 * 12%", "gần 51 nghìn tỷ") of b (12.36, 50.8 nghìn tỷ): within 2% either
 * way, or, in a headline or lead (sentence up to lead), within one step
 * of a's last digit on the side a's cue says (over: above it; nearly,
 * under: below; about: either), as headlines round freely.  In the body
 * "từ 8% trở lên" and "tăng 8,5%" are two figures.  An a with no such
 * word, only in a headline or lead ("ước đạt 4,15 tỷ USD" over the
 * body's 4.152,3 triệu USD): written with fewer digits, and within half a
 * step of its last one.
 */
static bool
rounds_to(const struct crow *a, const struct crow *b, unsigned long lead)
{
	double x = strtod(a->value, NULL), y = strtod(b->value, NULL);
	double step = value_step(a->value);

	if (*a->approx == '\0')
		return (a->sno < lead || a->title) && x != 0 &&
		    step > value_step(b->value) && fabs(x - y) < step / 2;
	if (x == 0 || (x < 0) != (y < 0))
		return false;
	if (fabs(x - y) < 0.02 * fabs(x))
		return true;
	if (a->sno > lead && !a->title)
		return false;
	x = fabs(x);
	y = fabs(y);
	if (strcmp(a->approx, "over") == 0)
		return y >= x && y < x + step;
	if (strcmp(a->approx, "nearly") == 0 || strcmp(a->approx, "under") == 0)
		return y <= x && y > x - step;
	return fabs(x - y) < step;
}

static int
status_rank(const char *status)
{
	return strcmp(status, "target") == 0 ? 2 :
	    strcmp(status, "estimate") == 0 ? 1 : 0;
}

/*
 * a and b have two bases: are they one figure all the same?  Yes when
 * one said with no comparison written has the other's value (a
 * headline's "CPI tháng 10 tăng 0,26%" and the body's "tăng 0,26% so
 * với tháng trước", "Trong mức tăng 0,42% của CPI tháng Chín"); a, which
 * stays, then takes the written basis.
 */
static bool
one_basis(struct crow *a, const struct crow *b)
{
	if ((!a->basis_default && !b->basis_default) ||
	    strcmp(a->value, b->value) != 0)
		return false;
	if (a->basis_default) {
		a->basis = b->basis;
		a->basis_default = b->basis_default;
	}
	return true;
}

/* A figure repeated in one document (headline, lead, body) is one row;
 * of a rounded and an exact one, the exact one stays.  lead: the
 * sentences of the headline and lead. */
void
merge_repeats(struct crows *out, unsigned long lead)
{
	for (size_t i = 0; i < out->n; i++) {
		struct crow *a = &out->v[i];

		for (size_t k = i + 1; k < out->n && !a->dropped; k++) {
			struct crow *b = &out->v[k];

			if (b->dropped || strcmp(a->metric, b->metric) ||
			    strcmp(a->measure, b->measure) ||
			    strcmp(a->unit, b->unit) ||
			    strcmp(a->component, b->component))
				continue;
			/* A headline's figure before any period is known
			 * ("Hải Phòng: Thu ngân sách vượt mốc 105 nghìn tỷ
			 * đồng") may be the body's. */
			if (strcmp(a->period, b->period) != 0 &&
			    !(a->period[0] == '\0' && a->sno < lead))
				continue;
			/* "vượt mốc 10.000 tỷ đồng, cụ thể là gần 10.400 tỷ
			 * đồng": the threshold gives way to the figure. */
			if (a->milestone != b->milestone &&
			    strcmp(a->value, b->value) != 0) {
				if (a->milestone)
					a->dropped = true;
				else
					b->dropped = true;
				continue;
			}
			if (strcmp(a->basis, b->basis) != 0 && !one_basis(a, b))
				continue;
			if (strcmp(a->value, b->value) == 0) {
				/* The headline says less than the body: keep
				 * the strongest status of the two. */
				if (status_rank(b->status) > status_rank(a->status))
					a->status = b->status;
				if (a->period[0] == '\0')
					snprintf(a->period, sizeof(a->period),
					    "%s", b->period);
				b->dropped = true;
				continue;
			}
			/* "hơn 41%" and "41,07%": the same figure, rounded. */
			if (*a->approx && !*b->approx && rounds_to(a, b, lead))
				a->dropped = true;
			else if (*b->approx && !*a->approx && rounds_to(b, a, lead))
				b->dropped = true;
			else if (!*a->approx && !*b->approx &&
			    rounds_to(a, b, lead))
				a->dropped = true;
		}
	}
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i].dropped)
			cx_stats.merged++;
}
