/* cxrules.c - loads the rules of classify-metric; see cxrules.h. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "cxrules.h"
#include "err.h"
#include "rxscan.h"

int
cx_metric(const struct cx_rules *cx, const char *id)
{
	for (size_t i = 0; i < cx->nm; i++)
		if (strcmp(cx->m[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* A pattern under key; NULL when absent and optional. */
static struct rx *
opt_rx(const struct ynode *map, const char *key, bool required)
{
	const struct ynode *n = ymap_get(map, key);

	if (n == NULL) {
		if (required)
			ydie(map, "missing key '%s'", key);
		return NULL;
	}
	return rx_compile_anchorable(n, true);
}

/* A list of patterns under key. */
static struct rx **
rx_list(const struct ynode *map, const char *key, size_t *n)
{
	const struct ynode *list = ymap_get(map, key);
	struct rx **v;

	*n = 0;
	if (list == NULL)
		return NULL;
	yexpect(list, Y_SEQ, key);
	v = xcalloc(list->n + 1, sizeof(*v));
	for (size_t i = 0; i < list->n; i++)
		v[(*n)++] = rx_compile_anchorable(list->kids[i], true);
	return v;
}

/* rx_list() of key, which may also be one pattern: each is compiled
 * on its own, so each has its own prefilter (one alternation of them
 * all would be run wherever any part's literals stand). */
static struct rx **
rx_list_or_one(const struct ynode *map, const char *key, size_t *n)
{
	const struct ynode *node = ymap_get(map, key);
	struct rx **v;

	if (node == NULL || node->type != Y_SCALAR)
		return rx_list(map, key, n);
	v = xcalloc(2, sizeof(*v));
	v[0] = rx_compile_anchorable(node, true);
	*n = 1;
	return v;
}

/* rx_list() of key, after the n patterns of *v. */
static void
rx_list_append(const struct ynode *map, const char *key, struct rx ***v,
    size_t *n)
{
	size_t nx;
	struct rx **x = rx_list(map, key, &nx);

	*v = xrealloc(*v, (*n + nx + 1) * sizeof(**v));
	for (size_t i = 0; i < nx; i++)
		(*v)[(*n)++] = x[i];
	free(x);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The patterns of list (a metric's labels, part_labels or anaphors) as
 * labels of metric mi; with lead, they count only after a match of it. */
static void
add_labels(struct cx_rules *cx, const struct ynode *list, const char *key,
    int mi, bool part, bool anaphor, struct rx *lead)
{
	yexpect(list, Y_SEQ, key);
	cx->labels = xrealloc(cx->labels,
	    (cx->nlabels + list->n) * sizeof(*cx->labels));
	for (size_t k = 0; k < list->n; k++) {
		struct label *l = &cx->labels[cx->nlabels++];

		l->rx = rx_compile_anchorable(list->kids[k], true);
		l->metric = mi;
		l->part = part;
		l->anaphor = anaphor;
		l->lead = lead;
		snprintf(l->where, sizeof(l->where), "%s:%u",
		    base_name(list->kids[k]->file), list->kids[k]->line);
	}
}

/* list_labels: [{lead: PATTERN, labels: [PATTERN...]}...]: labels of a
 * list's items, which name the indicator only after the list's lead. */
static void
add_list_labels(struct cx_rules *cx, const struct ynode *list, int mi)
{
	static const char *const keys[] = { "lead", "labels", NULL };

	yexpect(list, Y_SEQ, "list_labels");
	for (size_t k = 0; k < list->n; k++) {
		const struct ynode *e = list->kids[k], *lead, *labels;

		yexpect(e, Y_MAP, "list_labels");
		ymap_check_keys(e, keys);
		if ((lead = ymap_get(e, "lead")) == NULL ||
		    (labels = ymap_get(e, "labels")) == NULL)
			ydie(e, "a list_labels entry needs 'lead' and 'labels'");
		cx->leads = xrealloc(cx->leads, (cx->nleads + 1) *
		    sizeof(*cx->leads));
		cx->leads[cx->nleads] = rx_compile(lead, true);
		add_labels(cx, labels, "labels", mi, false, false,
		    cx->leads[cx->nleads++]);
	}
}

static void
load_metrics(struct cx_rules *cx)
{
	static const char *const top[] = { "metrics", "components",
	    "exclusions", "component_lead", "component_end", "blockers",
	    "skip", "skip_after", "own_after", "place_unit", "abroad", "home",
	    "headline_part", "scaled_units", NULL };
	static const char *const keys[] = { "id", "labels", "part_labels",
	    "list_labels", "anaphors", "level_units", "default_unit",
	    "fallback",
	    "percent", "examples", "counter_examples", NULL };
	const struct ynode *root = cx->metrics_doc, *list;

	ymap_check_keys(root, top);
	if ((list = ymap_get(root, "metrics")) == NULL)
		ydie(root, "missing key 'metrics'");
	yexpect(list, Y_SEQ, "metrics");
	cx->m = xcalloc(list->n, sizeof(*cx->m));
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *e = list->kids[i];
		struct metric *m = &cx->m[cx->nm];
		const char *id;

		ymap_check_keys(e, keys);
		if ((id = ymap_str(e, "id", NULL)) == NULL)
			ydie(e, "a metric needs an 'id'");
		if (cx_metric(cx, id) >= 0)
			ydie(ymap_get(e, "id"), "metric '%s' given twice", id);
		m->id = xstrdup(id);
		cx->nm++;
	}
	/* A second pass, as fallbacks may name metrics listed later. */
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *e = list->kids[i], *labels, *fb, *pct;
		struct metric *m = &cx->m[i];

		ymap_strlist(e, "level_units", &m->level_units);
		if (m->level_units == NULL)
			m->level_units = xcalloc(1, sizeof(char *));
		m->default_unit = ymap_str(e, "default_unit", "");
		if ((pct = ymap_get(e, "percent")) != NULL) {
			const char *p = ystr(pct, "percent");

			if (strcmp(p, "change") == 0)
				m->pct = PCT_CHANGE;
			else if (strcmp(p, "level") == 0)
				m->pct = PCT_LEVEL;
			else if (strcmp(p, "none") != 0)
				ydie(pct, "percent must be change, level or none");
		}
		if ((fb = ymap_get(e, "fallback")) != NULL) {
			yexpect(fb, Y_MAP, "fallback");
			for (size_t k = 0; k < fb->n && k < 4; k++) {
				const struct ynode *u = fb->kids[2 * k];
				const char *to = ystr(fb->kids[2 * k + 1], "fallback");
				struct fallback *f = &m->fallback[m->nfallback++];

				snprintf(f->unit, sizeof(f->unit), "%s", u->str);
				if ((f->metric = cx_metric(cx, to)) < 0)
					ydie(fb->kids[2 * k + 1], "unknown metric '%s'", to);
			}
		}
		if ((labels = ymap_get(e, "labels")) == NULL)
			ydie(e, "metric '%s' needs 'labels'", m->id);
		add_labels(cx, labels, "labels", (int)i, false, false, NULL);
		if ((labels = ymap_get(e, "part_labels")) != NULL)
			add_labels(cx, labels, "part_labels", (int)i, true, false,
			    NULL);
		if ((labels = ymap_get(e, "list_labels")) != NULL)
			add_list_labels(cx, labels, (int)i);
		if ((labels = ymap_get(e, "anaphors")) != NULL)
			add_labels(cx, labels, "anaphors", (int)i, false, true,
			    NULL);
	}
	cx->components = rx_list(root, "components", &cx->ncomponents);
	cx->nparts = cx->ncomponents;
	rx_list_append(root, "exclusions", &cx->components, &cx->ncomponents);
	cx->blockers = rx_list(root, "blockers", &cx->nblockers);
	cx->component_lead = opt_rx(root, "component_lead", false);
	cx->component_end = opt_rx(root, "component_end", false);
	cx->skips = rx_list_or_one(root, "skip", &cx->nskips);
	cx->skip_after = opt_rx(root, "skip_after", false);
	cx->own_after = opt_rx(root, "own_after", false);
	cx->place_unit = opt_rx(root, "place_unit", false);
	cx->g_prov = cx->place_unit ? rx_group(cx->place_unit, "province") : -1;
	cx->g_unit = cx->place_unit ? rx_group(cx->place_unit, "unit") : -1;
	cx->g_city = cx->place_unit ? rx_group(cx->place_unit, "city") : -1;
	cx->g_town = cx->place_unit ? rx_group(cx->place_unit, "town") : -1;
	if (cx->place_unit && (cx->g_prov < 0 || cx->g_unit < 0 ||
	    cx->g_city < 0))
		ydie(ymap_get(root, "place_unit"), "place_unit needs the "
		    "groups (?<province>...), (?<unit>...) and (?<city>...)");
	cx->abroad = rx_list(root, "abroad", &cx->nabroad);
	cx->home = opt_rx(root, "home", false);
	cx->headline_part = opt_rx(root, "headline_part", false);
	ymap_strlist(root, "scaled_units", &cx->scaled_units);
	if (cx->scaled_units == NULL)
		cx->scaled_units = xcalloc(1, sizeof(char *));
}

/* The single patterns of context.yaml: key, where it goes, required. */
struct cue {
	const char *key;
	size_t off;
	bool required;
};

#define CUE(key, req) { #key, offsetof(struct cx_rules, key), req }
static const struct cue status_cues[] = {
	CUE(target_strong, true), CUE(target_weak, true),
	CUE(weak_negated, false), CUE(estimate, true), CUE(tentative, true),
	CUE(lead_in, true), CUE(list_item, false), CUE(plan_lead, false),
	CUE(plan_period, false), CUE(sub_period, false),
	CUE(contrast_period, false), CUE(aside, false),
	CUE(aside_last_year, false), CUE(aside_before, false),
	CUE(subject_verb, false), CUE(forecast, false),
	CUE(revision, false), CUE(estimate_source, false),
	{ NULL, 0, false }
};
static const struct cue measure_cues[] = {
	CUE(increase, true), CUE(decrease, true), CUE(ratio, true),
	CUE(exceed, true), CUE(share, true), CUE(growth, true),
	CUE(average, true), CUE(per_year, true), CUE(plan_after, true),
	CUE(times, false),
	CUE(compare_after, true), CUE(continuation, true),
	CUE(continued_by, false),
	CUE(respectively, false), CUE(list_joint, false), CUE(year_joint, false),
	CUE(period_after_stop, false),
	CUE(milestone, false), CUE(index_verb, false), CUE(reference, false),
	CUE(restated, false),
	CUE(compare_before, false), CUE(plan_before, false), CUE(ranked, false),
	CUE(prev_quarter, false),
	{ NULL, 0, false }
};
#undef CUE

/* Compiles the patterns of section (a map of key: pattern). */
static void
load_cues(struct cx_rules *cx, const struct ynode *root, const char *section,
    const struct cue *cues)
{
	const char *keys[32];
	const struct ynode *map = ymap_get(root, section);
	size_t n = 0;

	if (map == NULL)
		ydie(root, "missing key '%s'", section);
	for (const struct cue *c = cues; c->key && n < 31; c++)
		keys[n++] = c->key;
	keys[n] = NULL;
	ymap_check_keys(map, keys);
	for (const struct cue *c = cues; c->key; c++)
		*(struct rx **)((char *)cx + c->off) =
		    opt_rx(map, c->key, c->required);
}

static void
load_context(struct cx_rules *cx)
{
	static const char *const top[] = { "status", "measure", "bases",
	    "date_lines", "headline_sentences", "page_end", NULL };
	const struct ynode *root = cx->context_doc, *b;

	ymap_check_keys(root, top);
	load_cues(cx, root, "status", status_cues);
	load_cues(cx, root, "measure", measure_cues);
	if ((b = ymap_get(root, "bases")) != NULL) {
		static const char *const bk[] = { "basis", "pattern", NULL };
		static const char *const known[] = { "yoy", "prev_period",
		    "plan", "avg_annual", "skip", NULL };

		yexpect(b, Y_SEQ, "bases");
		cx->bases = xcalloc(b->n, sizeof(*cx->bases));
		for (size_t i = 0; i < b->n; i++) {
			const struct ynode *e = b->kids[i];

			ymap_check_keys(e, bk);
			cx->bases[cx->nbases].basis = known[ymap_choice(e,
			    "basis", known)];
			cx->bases[cx->nbases++].rx = opt_rx(e, "pattern", true);
		}
	}
	cx->date_lines = (size_t)ymap_long(root, "date_lines", 6, 0, 1000);
	cx->headline_sentences = (unsigned long)ymap_long(root,
	    "headline_sentences", 3, 0, 1000);
	cx->page_end = opt_rx(root, "page_end", false);
}

/*
 * The first two bytes of every name and alias in province_rx as compiled
 * (normalised): each is a \\Q..\\E literal and a match begins with one,
 * so a place whose two bytes are none of these begins no match and
 * province_of() need not have PCRE2 scan the text up to a name (some
 * 2,500 instructions a headline).  A literal of one byte marks every pair
 * it begins; an empty one, or no literal, leaves the table NULL.
 */
static uint8_t *
province_pairs_of(const char *src)
{
	uint8_t *pairs = xcalloc(1, 65536 / 8);
	size_t nlits = 0;

	for (const char *q = strstr(src, "\\Q"); q; q = strstr(q, "\\Q")) {
		const unsigned char *l = (const unsigned char *)q + 2;

		q += 2;
		if (l[0] == '\0' || (l[0] == '\\' && l[1] == 'E'))
			goto unknown;
		nlits++;
		if (l[1] == '\0' || (l[1] == '\\' && l[2] == 'E')) {
			for (unsigned b = 0; b < 256; b++)
				pairs[(l[0] << 8 | b) >> 3] |=
				    (uint8_t)(1u << (b & 7));
		} else
			pairs[(l[0] << 8 | l[1]) >> 3] |=
			    (uint8_t)(1u << (l[1] & 7));
	}
	if (nlits > 0)
		return pairs;
unknown:
	free(pairs);
	return NULL;
}

/* Orders alternatives by first two bytes, then as the pattern has them. */
static int
alt_cmp(const void *a, const void *b)
{
	const struct province_alt *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->s < y->s ? -1 : x->s > y->s;
}

/*
 * Reads province_rx as load_provinces() builds it back into its
 * alternatives: "(?<!\w)(?:\Qname\E(*MARK:n)|...)(?!\w)", each name
 * of two bytes or more, none holding "\E".  province_of() then finds
 * the first name in the text with a few compares where PCRE2 needed its
 * largest pattern JIT-compiled (some 1.2M instructions) and a search of
 * some 2,700 instructions a document.  Anything else read leaves it
 * empty, and PCRE2 is asked as before.
 */
static void
province_alts_of(struct cx_rules *cx)
{
	const char *src = cx->province_rx->src, *p, *e;
	static const char head[] = "(?<!\\w)(?:", tail[] = ")(?!\\w)";
	size_t n = 0, cap = 0;
	struct province_alt *v = NULL;

	if (src == NULL || strncmp(src, head, sizeof(head) - 1) != 0)
		return;
	for (p = src + sizeof(head) - 1;; p++) {
		char *end;
		unsigned long who;

		if (strncmp(p, "\\Q", 2) != 0 || (e = strstr(p + 2, "\\E")) == NULL ||
		    e - (p + 2) < 2 || strncmp(e + 2, "(*MARK:", 7) != 0)
			goto unread;
		who = strtoul(e + 9, &end, 10);
		if (end == e + 9 || *end != ')')
			goto unread;
		if (n == cap) {
			cap = cap ? 2 * cap : 128;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n].s = p + 2;
		v[n].len = (size_t)(e - (p + 2));
		v[n].key = (unsigned)(unsigned char)p[2] << 8 |
		    (unsigned char)p[3];
		v[n].who = who;
		n++;
		p = end + 1;
		if (*p != '|')
			break;
	}
	if (strcmp(p, tail) != 0 || n == 0)
		goto unread;
	qsort(v, n, sizeof(*v), alt_cmp);
	cx->palts = v;
	cx->npalts = n;
	cx->word_rx = rx_compile_str("\\w", false);
	return;
unread:
	free(v);
}

static void
load_provinces(struct cx_rules *cx)
{
	static const char *const top[] = { "provinces", "not_after",
	    "not_before", NULL };
	static const char *const keys[] = { "name", "aliases", "merged_into",
	    "city", NULL };
	const struct ynode *root = cx->prov_doc, *list;
	struct buf pat = { 0 };

	ymap_check_keys(root, top);
	cx->province_not_after = opt_rx(root, "not_after", false);
	cx->province_not_before = opt_rx(root, "not_before", false);
	if ((list = ymap_get(root, "provinces")) == NULL)
		return;
	yexpect(list, Y_SEQ, "provinces");
	cx->provinces = xcalloc(list->n, sizeof(*cx->provinces));
	/*
	 * One pattern for the whole gazetteer, so that a document is scanned
	 * once, not once per province: each alternative ends in a mark that
	 * names its province.  Names are words, not patterns: quoted with
	 * \Q..\E.  At one position the province listed first wins.
	 */
	buf_adds(&pat, "(?<!\\w)(?:");
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *e = list->kids[i];
		const char **aliases;
		size_t n;

		ymap_check_keys(e, keys);
		cx->provinces[i].name = ymap_str(e, "name", NULL);
		if (cx->provinces[i].name == NULL)
			ydie(e, "a province needs a 'name'");
		cx->provinces[i].city = ymap_bool(e, "city", false);
		n = ymap_strlist(e, "aliases", &aliases);
		buf_printf(&pat, "%s\\Q%s\\E(*MARK:%zu)", i ? "|" : "",
		    cx->provinces[i].name, i);
		for (size_t k = 0; k < n; k++)
			buf_printf(&pat, "|\\Q%s\\E(*MARK:%zu)", aliases[k], i);
		free(aliases);
		cx->nprovinces++;
	}
	buf_adds(&pat, ")(?!\\w)");
	cx->province_rx = rx_compile_str(pat.p, false);
	cx->province_pairs = province_pairs_of(cx->province_rx->src);
	province_alts_of(cx);
	buf_free(&pat);
}

const struct litreq *
cx_req(const struct cx_rules *cx, const struct rx *rx)
{
	const struct cx_pat *pat = rx ? rx->user : NULL;

	(void)cx;	/* req_add() leaves the answer on the pattern */
	return pat ? pat->req : NULL;
}

const struct rxscan *
cx_scan(const struct rx *rx)
{
	/* The cx_pat was allocated modifiable (req_add()); it is kept
	 * behind a const pointer only as struct rx holds the caller's. */
	struct cx_pat *pat = (struct cx_pat *)rx->user;

	if (pat == NULL)
		return NULL;
	if (!pat->scanned) {
		pat->scan = rxscan_of(rx);
		pat->scanned = true;
	}
	return pat->scan;
}

/* whole: rx is matched against whole sentences only (litreq_of_whole()). */
static void
req_add(struct cx_rules *cx, struct rx *rx, bool whole)
{
	struct cx_pat *pat;

	if (rx == NULL || rx->src == NULL || rx->user != NULL)
		return;
	pat = xcalloc(1, sizeof(*pat));
	pat->req = whole ? litreq_of_whole(rx->src) : litreq_of(rx->src);
	litgate_of(pat->req, &pat->gate);
	/* PCRE2's own bound: it fails a shorter subject at once, but
	 * only after the prefilter and the call. */
	uint32_t minlen;

	if (pcre2_pattern_info(rx->code, PCRE2_INFO_MINLENGTH, &minlen) == 0)
		pat->minlen = minlen;
	rx->user = cx->pats[cx->npats++] = pat;
}

/* The patterns cx holds one each of, as opposed to lists of them. */
/* The single patterns of the rules (no lists): context.yaml's cues and a
 * few of metrics.yaml's.  The most there can be: */
#define MAXSINGLES 64
_Static_assert(sizeof(status_cues) / sizeof(status_cues[0]) +
    sizeof(measure_cues) / sizeof(measure_cues[0]) + 8 <= MAXSINGLES,
    "MAXSINGLES: more cues than room");

/* Writes them in v (MAXSINGLES long), NULL for those a file leaves out;
 * returns how many. */
static size_t
singles_of(const struct cx_rules *cx, struct rx **v)
{
	const struct cue *const tables[] = { status_cues, measure_cues };
	struct rx *const others[] = { cx->component_lead, cx->component_end,
	    cx->skip_after, cx->own_after, cx->place_unit, cx->home,
	    cx->headline_part,
	    cx->page_end };
	size_t n = 0;

	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (const struct cue *c = tables[t]; c->key; c++)
			v[n++] = *(struct rx *const *)((const char *)cx + c->off);
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		v[n++] = others[i];
	return n;
}

/* Reads every pattern the classifier matches sentence by sentence. */
static void
load_reqs(struct cx_rules *cx)
{
	struct rx *singles[MAXSINGLES];
	size_t nsingles = singles_of(cx, singles);

	cx->pats = xcalloc(nsingles + cx->nlabels + cx->ncomponents +
	    cx->nblockers + cx->nabroad + cx->nbases + cx->nskips + 1,
	    sizeof(*cx->pats));
	for (size_t i = 0; i < nsingles; i++)
		req_add(cx, singles[i], false);
	for (size_t i = 0; i < cx->nlabels; i++) {
		/* Asked of whole sentences (find_labels(), may_have_rows()):
		 * "(?=[^;.:]*\blần lượt\b)" rules most of them out. */
		req_add(cx, cx->labels[i].rx, true);
		cx->labels[i].req = cx_req(cx, cx->labels[i].rx);
		litgate_of(cx->labels[i].req, &cx->labels[i].gate);
	}
	cx->component_gates = xcalloc(cx->ncomponents + 1,
	    sizeof(*cx->component_gates));
	for (size_t i = 0; i < cx->ncomponents; i++) {
		req_add(cx, cx->components[i], false);
		litgate_of(cx_req(cx, cx->components[i]),
		    &cx->component_gates[i]);
	}
	for (size_t i = 0; i < cx->nblockers; i++)
		req_add(cx, cx->blockers[i], false);
	for (size_t i = 0; i < cx->nabroad; i++)
		req_add(cx, cx->abroad[i], false);
	for (size_t i = 0; i < cx->nskips; i++)
		req_add(cx, cx->skips[i], false);
	for (size_t i = 0; i < cx->nbases; i++)
		req_add(cx, cx->bases[i].rx, false);
}

struct cx_rules *
cx_load(void)
{
	struct cx_rules *cx = xcalloc(1, sizeof(*cx));

	cx->metrics_doc = rules_load("metrics.yaml");
	cx->context_doc = rules_load("context.yaml");
	cx->periods_doc = rules_load("periods.yaml");
	cx->prov_doc = rules_load("provinces.yaml");
	load_metrics(cx);
	load_context(cx);
	cx->periods = period_load(cx->periods_doc);
	load_provinces(cx);
	load_reqs(cx);
	return cx;
}

static void
free_rx_list(struct rx **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rx_free(v[i]);
	free(v);
}

void
cx_free(struct cx_rules *cx)
{
	struct rx *singles[MAXSINGLES];
	size_t nsingles;

	if (cx == NULL)
		return;
	nsingles = singles_of(cx, singles);
	for (size_t i = 0; i < cx->npats; i++) {
		litreq_free(cx->pats[i]->req);
		rxscan_free(cx->pats[i]->scan);
		free(cx->pats[i]);
	}
	free(cx->pats);
	for (size_t i = 0; i < nsingles; i++)
		rx_free(singles[i]);
	for (size_t i = 0; i < cx->nm; i++) {
		free(cx->m[i].id);
		free(cx->m[i].level_units);
	}
	free(cx->m);
	free(cx->scaled_units);
	for (size_t i = 0; i < cx->nlabels; i++)
		rx_free(cx->labels[i].rx);
	free(cx->labels);
	free_rx_list(cx->leads, cx->nleads);
	free_rx_list(cx->components, cx->ncomponents);
	free(cx->component_gates);
	free_rx_list(cx->blockers, cx->nblockers);
	free_rx_list(cx->abroad, cx->nabroad);
	free_rx_list(cx->skips, cx->nskips);
	for (size_t i = 0; i < cx->nbases; i++)
		rx_free(cx->bases[i].rx);
	free(cx->bases);
	rx_free(cx->province_rx);
	rx_free(cx->province_not_after);
	rx_free(cx->province_not_before);
	free(cx->province_pairs);
	free(cx->palts);
	rx_free(cx->word_rx);
	free(cx->provinces);
	period_free(cx->periods);
	ydoc_free(cx->metrics_doc);
	ydoc_free(cx->context_doc);
	ydoc_free(cx->periods_doc);
	ydoc_free(cx->prov_doc);
	free(cx);
}
