/*
 * classify.h - from a document's sentences and numbers to indicator rows.
 *
 * classify-metric reads a whole document (its sent and num records) into
 * a struct cdoc, calls classify_doc(), and writes the rows it returns.  A
 * document is the unit of context: a period or a status named in a lead-in
 * carries over the sentences that follow, and a figure repeated in the
 * headline and the body is one row.  Nothing is kept across documents.
 *
 * The rules (rules/metrics.yaml, rules/context.yaml, rules/periods.yaml,
 * rules/provinces.yaml) are loaded once by cx_load(); a broken file stops
 * the tool with file:line:column and exit 2.
 *
 * Ownership: a cdoc's strings point into memory its owner manages (the
 * tool's per-document arena); rows are appended to the caller's array and
 * their strings are copied into fixed fields or the doc's arena.
 */
#ifndef CHISO_CLASSIFY_H
#define CHISO_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct cnum {
	size_t start, end;		/* bytes into the sentence */
	const char *kind, *value, *unit, *approx, *flags, *text;
	bool figure;			/* classify_doc()'s own, set there */
};

struct csent {
	unsigned long sno, lineno;
	const char *text;
	size_t len;
	struct cnum *nums;
	size_t nnums;
};

struct cdoc {
	const char *id, *source, *published, *province;
	struct csent *sents;
	size_t nsents;
};

struct crow {
	unsigned long sno;
	const char *metric;		/* owned by the rules */
	char period[40];
	const char *status, *measure, *basis, *approx;
	char value[64];
	char unit[32];
	char component[96];
	char place[64];			/* the province an item of a ranking
					 * names ("Lâm Đồng tăng 8,42%"), else
					 * "": the document's */
	char rule[96];
	char evidence[256];
	size_t start, end;		/* the figure's bytes in its sentence */
	bool dropped;			/* merged into another row */
	bool basis_default;		/* yoy as none was written */
	bool sans;			/* the indicator without a part ("không
					 * kể dầu thô") given alone: no total */
	bool milestone;			/* "vượt mốc 10.000 tỷ": a threshold */
	bool title;			/* in a line of one short sentence with
					 * no full stop: a (sub)title */
};

/* One explanation per number that got no row (for --explain). */
struct cwhy {
	unsigned long sno;
	size_t start, end;
	char msg[200];
};

struct crows {
	struct crow *v;
	size_t n, cap;
	struct cwhy *why;
	size_t nwhy, capwhy;
	bool explain;			/* collect cwhy entries */
	char province[64];
};

struct cx_rules;

struct cx_rules *cx_load(void);
void cx_free(struct cx_rules *cx);

/* Classifies one document, appending to out (which the caller resets). */
void classify_doc(struct cx_rules *cx, const struct cdoc *doc,
    struct crows *out);

/* Counts for --stats. */
struct cx_stats {
	unsigned long long docs, sents, nums, figures, rows, merged;
};
extern struct cx_stats cx_stats;

#endif
