/* checkrules.c - see checkrules.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "checkrules.h"
#include "cxrules.h"
#include "err.h"
#include "numbers.h"
#include "rules.h"
#include "segmenter.h"
#include "table.h"
#include "textnorm.h"

#define MAXSENTS 32
#define MAXNUMS 64

struct tools {
	struct textnorm *tn;
	struct segmenter *sg;
	struct table_rules *tr;
	struct table tab;
	struct buf said[MAXSENTS];	/* a table row's sentence, by line */
	struct numbers *nr;
	struct buf norm;
};

/* Adds text[0..len), line lineno's, to the sentences with its numbers. */
static void
add_sentence(struct tools *t, const char *text, size_t len,
    unsigned long lineno, struct csent *sents, size_t *ns)
{
	static struct cnum nums[MAXSENTS][MAXNUMS];
	static char fields[MAXSENTS][MAXNUMS][2][200];
	const struct num_mention *m;
	size_t k = numbers_read(t->nr, text, len, &m);
	struct csent *s = &sents[*ns];

	*s = (struct csent){ *ns + 1, lineno, text, len, nums[*ns], 0 };
	for (size_t i = 0; i < k && i < MAXNUMS; i++) {
		char *value = fields[*ns][i][0], *flags = fields[*ns][i][1];

		snprintf(value, 200, "%s", m[i].value);
		numbers_flags(m[i].flags, flags, 200);
		nums[*ns][i] = (struct cnum){ m[i].start, m[i].end,
		    num_kind_name(m[i].kind), value, m[i].unit,
		    m[i].approx, flags, "", false };
		s->nnums++;
	}
	(*ns)++;
}

/* Runs text through the pipeline's stages into rows; each of its lines
 * (an example may have several, "\n" in YAML's double quotes) is one
 * line of a document, as normalise would make it, and segment splits it
 * or reads it as a table's row. */
static void
run_example(struct cx_rules *cx, struct tools *t, const char *text,
    const char *date, struct crows *rows)
{
	static struct csent sents[MAXSENTS];
	static size_t ends[MAXSENTS];	/* of each line in norm */
	size_t ns = 0, nlines = 0;
	struct cdoc doc;

	buf_reset(&t->norm);
	for (const char *p = text; nlines < MAXSENTS; ) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		textnorm_apply(t->tn, p, len, &t->norm, NULL);
		ends[nlines++] = t->norm.len;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	table_end(&t->tab);
	for (size_t line = 0; line < nlines && ns < MAXSENTS; line++) {
		const char *l = t->norm.p + (line > 0 ? ends[line - 1] : 0);
		size_t len = (size_t)(t->norm.p + ends[line] - l), pos = 0, a, b;

		if (table_line(t->tr, &t->tab, l, len, &t->said[line]) ==
		    TABLE_ROW) {
			add_sentence(t, t->said[line].p, t->said[line].len,
			    line + 1, sents, &ns);
			continue;
		}
		while (ns < MAXSENTS && seg_next(t->sg, l, len, &pos, &a, &b))
			add_sentence(t, l + a, b - a, line + 1, sents, &ns);
	}
	doc = (struct cdoc){ "example", "", date, "", sents, ns };
	rows->n = 0;
	classify_doc(cx, &doc, rows);
}

static void
row_text(const struct crow *r, char *out, size_t size)
{
	const char *f[] = { r->metric, r->period, r->status, r->measure,
	    r->value, r->unit, r->basis, r->approx, r->component };
	size_t n = sizeof(f) / sizeof(f[0]), len = 0;

	/* Trailing empty fields are left out, as examples write them. */
	while (n > 0 && *f[n - 1] == '\0')
		n--;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
		    "%s%s", i ? " " : "", *f[i] ? f[i] : "-");
}

/* Normalises a written row: single spaces, no trailing '-' fields; the
 * component, last, may hold spaces and dashes of its own. */
static void
spec_text(const char *spec, char *out, size_t size)
{
	char tmp[512], *tok, *save;
	size_t len = 0, keep = 0;	/* out's length up to its last non-'-' */

	snprintf(tmp, sizeof(tmp), "%s", spec);
	out[0] = '\0';
	for (tok = strtok_r(tmp, " \t", &save); tok;
	    tok = strtok_r(NULL, " \t", &save)) {
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
		    "%s%s", len ? " " : "", tok);
		if (strcmp(tok, "-") != 0)
			keep = len;
	}
	if (keep < size)
		out[keep] = '\0';
}

static int
check_example(struct cx_rules *cx, struct tools *t, const struct ynode *ex,
    const char *metric)
{
	static const char *const keys[] = { "text", "date", "rows", NULL };
	const char *text, **want;
	size_t nwant, bad = 0;
	struct crows rows = { 0 };
	char got[MAXSENTS * 4][512], w[512];
	size_t ngot = 0;
	bool *used;

	ymap_check_keys(ex, keys);
	if ((text = ymap_str(ex, "text", NULL)) == NULL)
		ydie(ex, "an example needs a 'text'");
	nwant = ymap_strlist(ex, "rows", &want);
	run_example(cx, t, text, ymap_str(ex, "date", ""), &rows);
	for (size_t i = 0; i < rows.n && ngot < sizeof(got) / sizeof(got[0]); i++)
		if (!rows.v[i].dropped)
			row_text(&rows.v[i], got[ngot++], sizeof(got[0]));
	used = xcalloc(ngot + 1, sizeof(*used));
	for (size_t i = 0; i < nwant; i++) {
		size_t k;

		spec_text(want[i], w, sizeof(w));
		for (k = 0; k < ngot; k++)
			if (!used[k] && strcmp(got[k], w) == 0)
				break;
		if (k < ngot)
			used[k] = true;
		else
			bad++;
	}
	for (size_t k = 0; k < ngot; k++)
		bad += !used[k];
	if (bad) {
		printf("%s:%u:%u: example of %s gives other rows:\n  %s\n",
		    ex->file, ex->line, ex->col, metric, text);
		for (size_t i = 0; i < nwant; i++) {
			size_t k;

			spec_text(want[i], w, sizeof(w));
			for (k = 0; k < ngot; k++)
				if (strcmp(got[k], w) == 0)
					break;
			printf("%c %s\n", k < ngot ? ' ' : '-', w);
		}
		for (size_t k = 0; k < ngot; k++)
			if (!used[k])
				printf("+ %s\n", got[k]);
	}
	free(used);
	free(want);
	free(rows.v);
	return bad ? 1 : 0;
}

static int
check_counter(struct cx_rules *cx, struct tools *t, const struct ynode *ex,
    const char *metric)
{
	struct crows rows = { 0 };
	const char *text = ystr(ex, "a counter-example");
	char got[512];
	int bad = 0;

	run_example(cx, t, text, "", &rows);
	for (size_t i = 0; i < rows.n; i++)
		if (!rows.v[i].dropped && strcmp(rows.v[i].metric, metric) == 0) {
			if (!bad)
				printf("%s:%u:%u: counter-example of %s gives a "
				    "row:\n  %s\n", ex->file, ex->line, ex->col,
				    metric, text);
			row_text(&rows.v[i], got, sizeof(got));
			printf("+ %s\n", got);
			bad = 1;
		}
	free(rows.v);
	return bad;
}

int
check_rules(struct cx_rules *cx)
{
	struct tools t = { 0 };
	const struct ynode *list = ymap_get(cx->metrics_doc, "metrics");
	char *segpath = rules_path("segment.yaml");
	struct ynode *segroot;
	unsigned long n = 0, failed = 0;

	t.tn = textnorm_load(rules_dir());
	segroot = ydoc_load(segpath);
	t.sg = seg_from_yaml(segroot);
	t.tr = table_load(segroot);
	ydoc_free(segroot);
	t.nr = numbers_load();
	for (size_t i = 0; list && i < list->n; i++) {
		const struct ynode *e = list->kids[i], *ex;
		const char *id = ymap_str(e, "id", "");

		if ((ex = ymap_get(e, "examples")) != NULL) {
			yexpect(ex, Y_SEQ, "examples");
			for (size_t k = 0; k < ex->n; k++, n++)
				failed += (unsigned long)check_example(cx, &t,
				    ex->kids[k], id);
		}
		if ((ex = ymap_get(e, "counter_examples")) != NULL) {
			yexpect(ex, Y_SEQ, "counter_examples");
			for (size_t k = 0; k < ex->n; k++, n++)
				failed += (unsigned long)check_counter(cx, &t,
				    ex->kids[k], id);
		}
	}
	printf("check-rules: %lu passed, %lu failed\n", n - failed, failed);
	numbers_free(t.nr);
	seg_free(t.sg);
	table_free(t.tr);
	table_release(&t.tab);
	for (size_t i = 0; i < MAXSENTS; i++)
		buf_free(&t.said[i]);
	textnorm_free(t.tn);
	buf_free(&t.norm);
	free(segpath);
	return failed ? EXIT_DATA : EXIT_OK;
}
