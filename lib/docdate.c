/*
 * docdate.c - when a document was published: its metadata's date, else
 * the first date with a day among its first lines ("08/10/2019 08:48",
 * "Ngày 20/1/2020"), else a day with no year ("Sáng 24/6") read with the
 * year of the period its top names.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "docdate.h"

/* tag-numbers' kinds, compared by their first byte first. */
static bool
is_kind(const char *kind, const char *name)
{
	return kind[0] == name[0] && strcmp(kind, name) == 0;
}

/*
 * One "%<width>d" of sscanf() at *p (C locale): white space skipped, a
 * sign and at least one digit within width; *p moves past them.  False
 * where sscanf()'s conversion would fail.  sscanf() cost some 1,900
 * instructions a document date.
 */
static bool
scan_int(const char **p, int width, int *v)
{
	const char *q = *p;
	bool neg = false;
	int n = 0, digits = 0;

	while (*q == ' ' || (*q >= '\t' && *q <= '\r'))
		q++;
	if (*q == '-' || *q == '+') {
		neg = *q++ == '-';
		width--;
	}
	for (; digits < width && *q >= '0' && *q <= '9'; digits++)
		n = n * 10 + (*q++ - '0');
	if (digits == 0)
		return false;
	*v = neg ? -n : n;
	*p = q;
	return true;
}

/* Reads a date "2019-10-08"; with_day false also takes "2019-10":
 * sscanf(v, "%4d-%2d-%2d", ...) by scan_int(). */
static bool
parse_date(const char *v, int *y, int *m, bool with_day)
{
	int a, b, d, got = 0;

	if (v && scan_int(&v, 4, &a) && ++got && *v++ == '-' &&
	    scan_int(&v, 2, &b) && ++got && *v++ == '-' &&
	    scan_int(&v, 2, &d))
		got++;

	if (got < (with_day ? 3 : 2) || a < 1900 || b < 1 || b > 12)
		return false;
	*y = a;
	*m = b;
	return true;
}

/* The last year and month a period or year value ("2022-01/2022-06",
 * "2022") names; false when it names none. */
static bool
period_end(const char *v, int *y, int *m)
{
	const char *slash = strchr(v, '/');

	if (slash != NULL)
		v = slash + 1;
	if (parse_date(v, y, m, false))
		return true;
	if (scan_int(&v, 4, y) && *y >= 1900 && *v == '\0') {
		*m = 12;
		return true;
	}
	return false;
}

void
doc_date(size_t lines, const struct cdoc *doc, int *y, int *m)
{
	int day_m = 0, py = 0, pm = 0;

	if (parse_date(doc->published, y, m, false))
		return;
	for (size_t i = 0; i < doc->nsents && i < lines; i++)
		for (size_t k = 0; k < doc->sents[i].nnums; k++) {
			const struct cnum *n = &doc->sents[i].nums[k];
			const char *v = n->value;

			/* A day is what makes it a publication date, not
			 * "tháng 6/2024" in the text. */
			if (is_kind(n->kind, "date") &&
			    parse_date(v, y, m, true))
				return;
			/* "Sáng 24/6": a day with no year (--06-24). */
			if (is_kind(n->kind, "date") && day_m == 0 &&
			    strncmp(v, "--", 2) == 0 && v[2] >= '0' &&
			    v[2] <= '1')
				day_m = (v[2] - '0') * 10 + (v[3] - '0');
			if (py == 0 && (is_kind(n->kind, "period") ||
			    is_kind(n->kind, "year")))
				period_end(v, &py, &pm);
		}
	/* "Sở Công Thương sơ kết 6 tháng đầu năm 2022" and "Sáng 24/6,
	 * ...": published in the year of the period the top names, or the
	 * next when the day's month comes before the period ends ("Tổng
	 * kết năm 2022" on "Sáng 10/1" is January 2023). */
	if (day_m >= 1 && day_m <= 12 && py > 0) {
		*y = day_m < pm ? py + 1 : py;
		*m = day_m;
	}
}
