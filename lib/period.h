/*
 * period.h - period expressions ("9 tháng", "quý III năm 2019", "năm
 * nay", "giai đoạn 2016-2019") found by the patterns of rules/periods.yaml
 * and resolved to a span of months against the document's date.
 *
 * Each rule is a PCRE2 pattern with named groups (year, month, n, q, y1,
 * y2) and a type that says how the groups make a span.  A guard pattern,
 * matched against the text just before an expression, marks expressions
 * that name a comparison rather than the figure's own period ("so với
 * cùng kỳ năm 2018", "kế hoạch đề ra của năm 2019").
 */
#ifndef CHISO_PERIOD_H
#define CHISO_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "litreq.h"
#include "ydoc.h"

/* A span of whole months: y1-m1 to y2-m2; y1 == 0 means unknown. */
struct span {
	int y1, m1, y2, m2;
};

struct period_hit {
	size_t start, end;	/* bytes in the sentence */
	struct span span;
	bool guarded;		/* a comparison, not the figure's period */
	bool relative;		/* resolved from context, not written out */
	bool yearless;		/* a month, quarter or months whose year
				 * came from the context */
	bool deictic;		/* counted from the publication's year
				 * ("năm nay"), not the context's */
	/* A month named relative to the one in force ("trong tháng",
	 * "tháng này"): span holds only its year, and the caller, who
	 * knows the month in force, resolves it month_offset months on. */
	bool of_month;
	int month_offset;
	/* The period in force, in another year ("cùng kỳ năm 2019"): span
	 * holds only that year, and the caller gives it the months. */
	bool of_period;
	/* "5 năm": so many years up to the year of the context, or the
	 * span of years in force if it has as many (the caller's). */
	bool of_years;
};

struct period_rules;

/* Loads the rules under the "periods" and "guard" keys of root. */
struct period_rules *period_load(const struct ynode *root);
void period_free(struct period_rules *pr);

/*
 * Finds the period expressions of s[0..len), left to right and not
 * overlapping, resolving missing years from year (the context's or the
 * document's; 0 if unknown: then such expressions are skipped).  Writes at
 * most max hits; returns the count.
 */
size_t period_find(struct period_rules *pr, const char *s, size_t len,
    int year, struct period_hit *out, size_t max);

/*
 * The same, but the rules that need digits (all but the relative ones) only
 * look inside the windows [from[i], to[i]) (sorted, not overlapping):
 * around the numbers tag-numbers found, so that a sentence is not scanned
 * once per rule.  Relative rules (relative_year, relative_month), which
 * need none, scan the sentence when all is true.
 * fold and fmap, when not NULL, are s case-folded and its byte map
 * (litfold() in litreq.h): a rule whose required literals a window lacks
 * is not run there; ix, when not NULL, indexes fold (litidx_build()).
 */
size_t period_find_near(struct period_rules *pr, const char *s, size_t len,
    int year, const size_t *from, const size_t *to, size_t nwin, bool all,
    const char *fold, const uint32_t *fmap, const struct litidx *ix,
    struct period_hit *out, size_t max);

/* Formats a span as GUIDELINES.md writes periods (2019, 2019-10,
 * 2019-01/2019-09, 2016/2019); "" when unknown. */
void span_format(const struct span *sp, char *out, size_t size);

/* Months from year 0 to month m of year y: months and spans compared
 * by subtraction. */
static inline int
month_index(int y, int m)
{
	return y * 12 + m - 1;
}

/* Compares a month (y, m) with a span: -1 before it, 0 in it, 1 after. */
int span_cmp_month(const struct span *sp, int y, int m);

#endif
