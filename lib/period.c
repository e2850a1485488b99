/* period.c - see period.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "litreq.h"
#include "period.h"
#include "rules.h"
#include "rxscan.h"
#include "utf8.h"

enum ptype {
	P_YEAR, P_REL_YEAR, P_MONTH, P_QUARTER, P_FIRST_MONTHS,
	P_LAST_MONTHS, P_SPAN_YEARS, P_REL_MONTH, P_SAME_PERIOD, P_LAST_YEARS
};

/* Resolved from the context, not written out: scanned for in the whole
 * sentence (they hold no digit to look near). */
static bool
is_relative(enum ptype t)
{
	return t == P_REL_YEAR || t == P_REL_MONTH || t == P_SAME_PERIOD;
}

static const char *const ptype_names[] = {
	"year", "relative_year", "month", "quarter", "first_months",
	"last_months", "span_years", "relative_month", "same_period",
	"last_years", NULL
};

struct prule {
	struct rx *rx;
	struct litreq *req;	/* what its matches must contain */
	struct litgate gate;	/* of req: tried once per sentence */
	struct rxscan *scan;	/* what they begin with */
	bool lits;		/* rxscan_seeks_literals(scan), asked once */
	bool words;		/* written in words: the whole sentence */
	enum ptype type;
	int offset;		/* relative_*: years or months from the
				 * context's */
	bool deictic;		/* ... from publication's (from: publication) */
	/* The numbers of its named groups (negative: none), looked up
	 * once: by name, each match cost some 200 instructions a group. */
	int g_year, g_month, g_q, g_n, g_y1, g_y2, g_m2;
};

/* A word a count of months or a month may be written in, and its value
 * (periods.yaml numerals). */
struct numeral {
	const char *word;	/* in the rules' tree */
	size_t len;
	int value;
};

struct period_rules {
	struct prule *v;
	size_t n;
	struct numeral *num;	/* "sáu tháng", "tháng Chín" */
	size_t nnum;
	struct rx *guard;
	struct litreq *guard_req;	/* what its matches must contain */
	struct rxscan *guard_scan;
	size_t guard_window;
};

static void
group_numbers(struct prule *r)
{
	r->g_year = rx_group(r->rx, "year");
	r->g_month = rx_group(r->rx, "month");
	r->g_q = rx_group(r->rx, "q");
	r->g_n = rx_group(r->rx, "n");
	r->g_y1 = rx_group(r->rx, "y1");
	r->g_y2 = rx_group(r->rx, "y2");
	r->g_m2 = rx_group(r->rx, "m2");
}

struct period_rules *
period_load(const struct ynode *root)
{
	static const char *const keys[] = { "type", "pattern", "offset",
	    "from", "words", "examples", NULL };
	static const char *const top[] = { "periods", "guard", "guard_window",
	    "numerals", NULL };
	struct period_rules *pr = xcalloc(1, sizeof(*pr));
	const struct ynode *list = ymap_get(root, "periods"), *g;

	ymap_check_keys(root, top);
	if (list == NULL)
		ydie(root, "missing key 'periods'");
	yexpect(list, Y_SEQ, "periods");
	pr->v = xcalloc(list->n, sizeof(*pr->v));
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *r = list->kids[i], *pat, *from;
		const char *type;
		size_t t;

		ymap_check_keys(r, keys);
		type = ymap_str(r, "type", NULL);
		if (type == NULL || (pat = ymap_get(r, "pattern")) == NULL)
			ydie(r, "a period rule needs 'type' and 'pattern'");
		for (t = 0; ptype_names[t]; t++)
			if (strcmp(ptype_names[t], type) == 0)
				break;
		if (ptype_names[t] == NULL)
			ydie(ymap_get(r, "type"), "unknown period type '%s'", type);
		pr->v[pr->n].type = (enum ptype)t;
		pr->v[pr->n].offset = (int)ymap_long(r, "offset", 0, -50, 50);
		pr->v[pr->n].words = ymap_bool(r, "words", false);
		if ((from = ymap_get(r, "from")) != NULL) {
			const char *f = ystr(from, "from");

			if (strcmp(f, "publication") == 0)
				pr->v[pr->n].deictic = true;
			else if (strcmp(f, "context") != 0)
				ydie(from, "from must be publication or context");
		}
		pr->v[pr->n].rx = rx_compile_anchorable(pat, true);
		pr->v[pr->n].req = pr->v[pr->n].rx->src ?
		    litreq_of(pr->v[pr->n].rx->src) : NULL;
		litgate_of(pr->v[pr->n].req, &pr->v[pr->n].gate);
		pr->v[pr->n].scan = rxscan_of(pr->v[pr->n].rx);
		pr->v[pr->n].lits = rxscan_seeks_literals(pr->v[pr->n].scan);
		group_numbers(&pr->v[pr->n]);
		pr->n++;
	}
	if ((g = ymap_get(root, "numerals")) != NULL) {
		yexpect(g, Y_MAP, "numerals");
		pr->num = xcalloc(g->n, sizeof(*pr->num));
		for (size_t k = 0; k < g->n; k++, pr->nnum++) {
			const char *w = g->kids[2 * k]->str;

			pr->num[k] = (struct numeral){ w, strlen(w),
			    (int)ymap_long(g, w, 0, 1, 12) };
		}
	}
	if ((g = ymap_get(root, "guard")) != NULL)
		pr->guard = rx_compile_anchorable(g, true);
	pr->guard_req = pr->guard != NULL && pr->guard->src != NULL ?
	    litreq_of(pr->guard->src) : NULL;
	pr->guard_scan = rxscan_of(pr->guard);
	pr->guard_window = (size_t)ymap_long(root, "guard_window", 60, 1, 1000);
	return pr;
}

void
period_free(struct period_rules *pr)
{
	if (pr == NULL)
		return;
	for (size_t i = 0; i < pr->n; i++) {
		rx_free(pr->v[i].rx);
		litreq_free(pr->v[i].req);
		rxscan_free(pr->v[i].scan);
	}
	rx_free(pr->guard);
	litreq_free(pr->guard_req);
	rxscan_free(pr->guard_scan);
	free(pr->num);
	free(pr->v);
	free(pr);
}

/* Group n's value as a number; -1 when unset (or n negative: no such
 * group) or not a number. */
static int
group_int(struct rx *rx, const char *s, int n)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rx->md);
	int v = 0;
	const char *p, *end;

	if (n < 0 || ov[2 * n] == PCRE2_UNSET)
		return -1;
	p = s + ov[2 * n];
	end = s + ov[2 * n + 1];
	if (p == end)
		return -1;
	/* Quarters are mostly Roman: I, II, III, IV. */
	if (*p == 'I' || *p == 'V' || *p == 'i' || *p == 'v') {
		static const char *const roman[] = { "i", "ii", "iii", "iv" };
		for (int q = 0; q < 4; q++)
			if ((size_t)(end - p) == strlen(roman[q]) &&
			    strncasecmp(p, roman[q], (size_t)(end - p)) == 0)
				return q + 1;
		return -1;
	}
	for (; p < end; p++) {
		if (*p < '0' || *p > '9' || v > 100000)
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v;
}

/* Group n's value as group_int() reads it, or a numeral of the rules
 * ("sáu", "Sáu", "Mười Một": ASCII letters in either case); -1 when
 * neither. */
static int
group_count(const struct period_rules *pr, const struct prule *r,
    const char *s, int n)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->rx->md);
	int v = group_int(r->rx, s, n);
	size_t len;

	if (v >= 0 || n < 0 || ov[2 * n] == PCRE2_UNSET)
		return v;
	len = ov[2 * n + 1] - ov[2 * n];
	for (size_t k = 0; k < pr->nnum; k++)
		if (pr->num[k].len == len &&
		    strncasecmp(s + ov[2 * n], pr->num[k].word, len) == 0)
			return pr->num[k].value;
	return -1;
}

/* Makes the span of a match; false if it cannot be resolved. */
static bool
resolve(const struct period_rules *pr, const struct prule *r, const char *s,
    int ctx_year, struct span *sp)
{
	int year = group_int(r->rx, s, r->g_year);
	int n;

	/* offset: "quý I năm ngoái" is a year before the one in force
	 * (before the publication's, with from: publication). */
	if (year < 0)
		year = ctx_year > 0 ? ctx_year + r->offset : ctx_year;
	switch (r->type) {
	case P_YEAR:
		if (year <= 0)
			return false;
		*sp = (struct span){ year, 1, year, 12 };
		return true;
	case P_REL_YEAR:
	case P_SAME_PERIOD:
		/* same_period: the year written, else like relative_year;
		 * its months are the caller's (period_hit's of_period). */
		if (r->type == P_REL_YEAR || group_int(r->rx, s, r->g_year) < 0)
			year = ctx_year > 0 ? ctx_year + r->offset : 0;
		if (year <= 0)
			return false;
		*sp = (struct span){ year, 1, year, 12 };
		return true;
	case P_REL_MONTH:
		/* The caller knows the month in force (period_hit's
		 * of_month): a placeholder of the year. */
		if (ctx_year <= 0)
			return false;
		*sp = (struct span){ ctx_year, 1, ctx_year, 12 };
		return true;
	case P_MONTH: {
		/* "tháng 1-2/2024": months n to m2 when the rule reads m2. */
		int m2 = group_count(pr, r, s, r->g_m2);

		n = group_count(pr, r, s, r->g_month);
		if (year <= 0 || n < 1 || n > 12)
			return false;
		*sp = (struct span){ year, n, year, m2 > n && m2 <= 12 ? m2 : n };
		return true;
	}
	case P_QUARTER:
		n = group_int(r->rx, s, r->g_q);
		if (year <= 0 || n < 1 || n > 4)
			return false;
		*sp = (struct span){ year, 3 * n - 2, year, 3 * n };
		return true;
	case P_FIRST_MONTHS:
		n = group_count(pr, r, s, r->g_n);
		if (year <= 0 || n < 1 || n > 12)
			return false;
		*sp = (struct span){ year, 1, year, n };
		return true;
	case P_LAST_YEARS:
		/* The caller may know a span of as many years in force
		 * (period_hit's of_years). */
		n = group_count(pr, r, s, r->g_n);
		if (year <= 0 || n < 2 || n > 30)
			return false;
		*sp = (struct span){ year - n + 1, 1, year, 12 };
		return true;
	case P_LAST_MONTHS:
		n = group_count(pr, r, s, r->g_n);
		if (year <= 0 || n < 1 || n > 12)
			return false;
		*sp = (struct span){ year, 13 - n, year, 12 };
		return true;
	case P_SPAN_YEARS: {
		int y1 = group_int(r->rx, s, r->g_y1), y2 = group_int(r->rx, s, r->g_y2);

		if (y2 >= 0 && y2 < 100 && y1 >= 1000)
			y2 += y1 / 100 * 100;
		if (y1 < 1000 || y2 < y1 || y2 - y1 > 50)
			return false;
		*sp = (struct span){ y1, 1, y2, 12 };
		return true;
	}
	}
	return false;
}

size_t
period_find(struct period_rules *pr, const char *s, size_t len, int year,
    struct period_hit *out, size_t max)
{
	size_t from = 0;

	return period_find_near(pr, s, len, year, &from, &len, 1, true, NULL,
	    NULL, NULL, out, max);
}

/* The hits taken so far (struct period_hit out[0..n)). */
struct claims {
	const struct period_hit *v;
	size_t n;
};

/* Does every match that begins at p overlap a hit taken?  Strictly
 * inside one, so does an empty match. */
static bool
inside_claim(const void *arg, size_t p)
{
	const struct claims *cl = arg;

	for (size_t k = 0; k < cl->n; k++)
		if (cl->v[k].start < p && p < cl->v[k].end)
			return true;
	return false;
}

size_t
period_find_near(struct period_rules *pr, const char *s, size_t len,
    int year, const size_t *wfrom, const size_t *wto, size_t nwin, bool all,
    const char *fold, const uint32_t *fmap, const struct litidx *ix,
    struct period_hit *out, size_t max)
{
	size_t n = 0;
	size_t whole_from = 0;

	for (size_t i = 0; i < pr->n; i++)
	    /* A rule whose gate the sentence's pairs close is out in every
	     * window: one inline test instead of a call per window. */
	    for (size_t w = (fold != NULL && ix != NULL &&
		!litgate_may(&pr->v[i].gate, ix)) ? nwin : 0; w < nwin; w++) {
		/* No digit to look near: the whole sentence, once. */
		bool whole = is_relative(pr->v[i].type) || pr->v[i].words;
		size_t at = whole ? whole_from : wfrom[w];
		size_t end = whole ? len : wto[w];
		PCRE2_SIZE *ov;

		if (whole && (!all || w > 0))
			break;
		if (fold != NULL && at < end && ((ix != NULL &&
		    litreq_ruled_out(pr->v[i].req, ix)) ||
		    /* With one window, asked once: litreq_may_once(). */
		    (!pr->v[i].lits && !(ix != NULL && nwin == 1 ?
		    litreq_may_once(pr->v[i].req, ix, fold + fmap[at],
		    fmap[end] - fmap[at]) :
		    litreq_may_in(pr->v[i].req, ix, fold + fmap[at],
		    fmap[end] - fmap[at])))))
			continue;
		while (n < max && at < end) {
			struct claims cl = { out, n };
			bool passed = false;

			/* A match that begins inside a hit is dropped
			 * (overlaps, below), and most of the later rules'
			 * matches do ("2024" in "năm 2024"): PCRE2 is not
			 * asked there.  With no match outside them, the
			 * search from at finds none that is kept; a match
			 * found after a place passed is not the one that
			 * search finds (a match dropped may reach past it),
			 * and the search is made as before. */
			if (!rxscan_find_outside(pr->v[i].scan, pr->v[i].rx, s,
			    at, end, fold, fmap, ix, inside_claim, &cl, &passed,
			    &ov) || (passed && !rxscan_find(pr->v[i].scan,
			    pr->v[i].rx, s, at, end, fold, fmap, ix, &ov)))
				break;
			struct period_hit h = { .start = ov[0], .end = ov[1],
			    .relative = is_relative(pr->v[i].type),
			    .deictic = pr->v[i].deictic,
			    .of_month = pr->v[i].type == P_REL_MONTH,
			    .month_offset = pr->v[i].offset,
			    .of_period = pr->v[i].type == P_SAME_PERIOD,
			    .of_years = pr->v[i].type == P_LAST_YEARS };
			bool overlaps = false;

			at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			for (size_t k = 0; k < n; k++)
				if (h.start < out[k].end && out[k].start < h.end)
					overlaps = true;
			/* Rules are in priority order: the first to claim
			 * bytes keeps them. */
			if (overlaps || !resolve(pr, &pr->v[i], s, year, &h.span))
				continue;
			h.yearless = pr->v[i].type != P_YEAR &&
			    !is_relative(pr->v[i].type) &&
			    pr->v[i].type != P_SPAN_YEARS &&
			    group_int(pr->v[i].rx, s, pr->v[i].g_year) < 0;
			if (pr->guard != NULL) {
				size_t from = h.start > pr->guard_window ?
				    h.start - pr->guard_window : 0;
				PCRE2_SIZE *gov;

				/* Start on a character boundary. */
				from = utf8_back(s, 0, from);
				/* Most of the bytes before a period hold none of
				 * the guard's words (one of which each match
				 * needs): told by a memchr or two in the fold,
				 * not a walk over the window a byte at a time. */
				h.guarded = (fold == NULL || ix == NULL ||
				    litreq_may_in(pr->guard_req, ix,
				    fold + fmap[from], fmap[h.start] -
				    fmap[from])) && rxscan_find(pr->guard_scan,
				    pr->guard, s, from, h.start, fold, fmap, ix,
				    &gov);
			}
			out[n++] = h;
		}
	    }
	/* Left to right, for the callers' nearest-before searches. */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && out[k - 1].start > out[k].start; k--) {
			struct period_hit t = out[k];
			out[k] = out[k - 1];
			out[k - 1] = t;
		}
	return n;
}

/* Writes v (0..9999) as width digits, zero-padded; returns the end. */
static char *
put_num(char *p, int v, int width)
{
	for (int i = width; i-- > 0; v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

void
span_format(const struct span *sp, char *out, size_t size)
{
	/* By hand, as a row is written per figure: snprintf's format
	 * machinery cost more than the rest of the row.  The usual ranges
	 * only; anything else goes through snprintf as before. */
	if (sp->y1 > 0 && sp->y1 <= 9999 && sp->y2 >= 0 && sp->y2 <= 9999 &&
	    sp->m1 >= 0 && sp->m1 <= 99 && sp->m2 >= 0 && sp->m2 <= 99) {
		char t[24], *p = t;
		size_t n;

		p = put_num(p, sp->y1, 4);
		if (sp->m1 == 1 && sp->m2 == 12 && sp->y1 == sp->y2)
			;
		else if (sp->m1 == 1 && sp->m2 == 12) {
			*p++ = '/';
			p = put_num(p, sp->y2, 4);
		} else if (sp->y1 == sp->y2 && sp->m1 == sp->m2) {
			*p++ = '-';
			p = put_num(p, sp->m1, 2);
		} else {
			*p++ = '-';
			p = put_num(p, sp->m1, 2);
			*p++ = '/';
			p = put_num(p, sp->y2, 4);
			*p++ = '-';
			p = put_num(p, sp->m2, 2);
		}
		n = (size_t)(p - t);
		if (size == 0)
			return;
		if (n >= size)
			n = size - 1;
		memcpy(out, t, n);
		out[n] = '\0';
		return;
	}
	if (sp->y1 <= 0)
		snprintf(out, size, "%s", "");
	else if (sp->m1 == 1 && sp->m2 == 12 && sp->y1 == sp->y2)
		snprintf(out, size, "%04d", sp->y1);
	else if (sp->m1 == 1 && sp->m2 == 12)
		snprintf(out, size, "%04d/%04d", sp->y1, sp->y2);
	else if (sp->y1 == sp->y2 && sp->m1 == sp->m2)
		snprintf(out, size, "%04d-%02d", sp->y1, sp->m1);
	else
		snprintf(out, size, "%04d-%02d/%04d-%02d", sp->y1, sp->m1,
		    sp->y2, sp->m2);
}

int
span_cmp_month(const struct span *sp, int y, int m)
{
	int x = month_index(y, m), a = month_index(sp->y1, sp->m1);
	int b = month_index(sp->y2, sp->m2);

	return x < a ? -1 : x > b ? 1 : 0;
}
