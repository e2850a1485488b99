/*
 * cxrules.h - the rules of classify-metric, as loaded from YAML.
 *
 * rules/metrics.yaml names the indicators (labels, units, fallbacks),
 * the components and the blockers; rules/context.yaml the cue words for
 * status, measure and basis; rules/periods.yaml the period expressions;
 * rules/provinces.yaml the gazetteer.  See README.md for the schema.
 * Loaded once; every pattern compiled once, with JIT (and for
 * rx_match_at(), as rxscan_find() asks it: rx_compile_anchorable()).
 */
#ifndef CHISO_CXRULES_H
#define CHISO_CXRULES_H

#include <stdbool.h>
#include <stddef.h>

#include "litreq.h"
#include "period.h"
#include "rules.h"
#include "rxscan.h"

enum pct_default { PCT_NONE, PCT_CHANGE, PCT_LEVEL };

struct label {
	struct rx *rx;
	const struct litreq *req;	/* cx_req(rx), kept: asked per sentence */
	struct litgate gate;		/* litgate_of(req) */
	int metric;
	bool part;		/* of part_labels: a part after the total */
	bool anaphor;		/* of anaphors: names the metric only when
				 * it is the one in force */
	struct rx *lead;	/* of list_labels: must match before it in
				 * the sentence ("cơ cấu kinh tế: ..."), or
				 * NULL */
	char where[64];		/* "metrics.yaml:12", for the rule column */
};

struct fallback {
	char unit[24];
	int metric;
};

struct metric {
	char *id;
	const char **level_units;	/* NULL-terminated */
	const char *default_unit;
	struct fallback fallback[4];
	size_t nfallback;
	enum pct_default pct;
};

struct basis_rule {
	const char *basis;
	struct rx *rx;
};

struct province {
	const char *name;
	bool city;		/* centrally run: "thành phố" is itself */
};

/* One name or alias of province_rx: the literal and its mark. */
struct province_alt {
	const char *s;		/* in province_rx->src; not terminated */
	size_t len;
	unsigned key;		/* its first two bytes, a << 8 | b */
	size_t who;		/* its (*MARK:n) */
};

struct cx_rules {
	struct ynode *metrics_doc, *context_doc, *periods_doc, *prov_doc;
	struct metric *m;
	size_t nm;
	struct label *labels;
	size_t nlabels;
	struct rx **leads;		/* of list_labels, which share them */
	size_t nleads;
	/* components, then the exclusions from components[nparts] on:
	 * what a figure leaves out ("không kể dầu thô"), a part only after
	 * the indicator's total (GUIDELINES: alone, it is the indicator). */
	struct rx **components;
	struct litgate *component_gates;	/* of their prefilters */
	size_t ncomponents, nparts;
	struct rx *component_lead;	/* "trong đó" */
	struct rx *component_end;	/* where a component's name ends */
	struct rx **blockers;		/* other subjects: no row */
	size_t nblockers;
	struct rx **skips;		/* stocks, regions: no row */
	size_t nskips;
	struct rx *skip_after;		/* ... told right after the figure */
	struct rx *own_after;		/* "của cả nước": no skip before */
	struct rx *place_unit;		/* "tỉnh", "thành phố Nha Trang" */
	int g_prov, g_unit, g_city, g_town; /* its groups: the province
					 * or more, a unit inside one, a city,
					 * a town's name (-1: none) */
	struct rx **abroad;		/* another country's economy: no row */
	size_t nabroad;
	struct rx *home;		/* a headline naming the country itself */
	struct rx *headline_part;	/* "Khu công nghiệp X: ..." */

	struct rx *target_strong, *target_weak, *weak_negated;
	struct rx *estimate, *tentative, *lead_in;
	struct rx *forecast;		/* "dự báo": an estimate, always */
	struct rx *revision;		/* "Theo số liệu chính thức, ..." */
	struct rx *estimate_source;	/* "Theo số liệu ước tính, ..." */
	struct rx *increase, *decrease, *ratio, *exceed, *share;
	struct rx *growth, *average, *per_year, *plan_after, *compare_after;
	struct rx *compare_before;	/* "so với tháng trước, bằng" */
	struct rx *plan_before;		/* "vượt dự toán ít nhất" */
	struct rx *ranked;		/* "Lâm Đồng tăng", "Hải Phòng với" */
	struct rx *prev_quarter;	/* "quý trước": last_part() */
	struct rx *times;		/* "gấp": a multiple, before it */
	struct rx *plan_period;		/* "kế hoạch" before a period */
	struct rx *sub_period;		/* "riêng" before a period */
	struct rx *subject_verb;	/* "đạt" between a part and its label */
	struct rx *page_end;		/* "Tin liên quan": the page goes on */
	struct rx *list_item;		/* "- ...": a line of a list */
	struct rx *plan_lead;		/* "Kế hoạch năm 2021: ..." */
	struct rx *year_joint;		/* figure ... its year: " của " */
	struct rx *period_after_stop;	/* figure, "trong khi" ... a period */
	struct rx *contrast_period;	/* "trong khi" right before a period */
	struct rx *milestone;		/* "mốc" right before a figure */
	struct rx *index_verb;		/* "bằng" right before a figure */
	struct rx *reference;		/* "so với mức" right before it */
	struct rx *restated;		/* "chính xác là" right before it */
	struct rx *aside, *aside_last_year; /* "(cùng kỳ tăng 3,1%)" */
	struct rx *aside_before;	/* "cùng kỳ năm ngoái (tăng 9,2%)" */
	struct rx *continuation;
	struct rx *continued_by;	/* "WB đưa ra mức dự báo" */
	struct rx *respectively;	/* "lần lượt": labels pair with figures */
	struct rx *list_joint;		/* what joins the items of a list */
	struct basis_rule *bases;
	size_t nbases;

	struct period_rules *periods;
	struct province *provinces;	/* indexed by province_rx's marks */
	size_t nprovinces;
	struct rx *province_rx;		/* every name and alias at once */
	struct rx *province_not_after;	/* "Chủ tịch Hồ Chí Minh" */
	struct rx *province_not_before;	/* "Thái Bình Dương" */
	uint8_t *province_pairs;	/* bit a<<8|b: some name or alias
					 * begins with bytes a, b; NULL:
					 * unknown, ask PCRE2 everywhere */
	/* The names and aliases of province_rx as compiled, read back
	 * from it, by their first two bytes and then in the pattern's
	 * order; NULL (npalts 0) when it is not so read: PCRE2 is asked. */
	struct province_alt *palts;
	size_t npalts;
	struct rx *word_rx;		/* \w alone, for a character beyond
					 * ASCII next to a name */
	const char **scaled_units;	/* a bare number never takes one;
					 * NULL-terminated */
	size_t date_lines;		/* sentences searched for a date */
	unsigned long headline_sentences; /* headline and lead: a figure
					   * rounded there is merged more
					   * freely (merge_repeats()) */

	/* What each pattern's matches must contain (litreq.h) and where
	 * they may begin (rxscan.h), made once per pattern and kept on the
	 * pattern itself (rx->user), so the classifier asks for them in
	 * one load; listed here to be freed. */
	struct cx_pat **pats;
	size_t npats;
};

/* What the classifier knows of a pattern, at rx->user. */
struct cx_pat {
	struct litreq *req;	/* NULL: nothing known, always match */
	struct litgate gate;	/* litgate_of(req): tried first, inline */
	struct rxscan *scan;	/* NULL: search as PCRE2 does */
	bool scanned;		/* scan is made (at the first search) */
	size_t minlen;		/* no match is shorter, in characters
				 * (PCRE2_INFO_MINLENGTH), so in bytes */
};

/* Where rx's matches may begin (rxscan_of()), worked out at the first
 * question, as a pattern never searched in a run costs nothing then;
 * NULL when not known. */
const struct rxscan *cx_scan(const struct rx *rx);

/* The prefilter of rx; NULL when none is known (always match). */
const struct litreq *cx_req(const struct cx_rules *cx, const struct rx *rx);

/* Finds a metric by id; -1 if none. */
int cx_metric(const struct cx_rules *cx, const char *id);

#endif
