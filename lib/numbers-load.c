/* numbers-load.c - loading the number reader's rules (see numbers.h). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "err.h"
#include "leadidx.h"
#include "numbers-impl.h"
#include "rules.h"
#include "rxstart.h"
#include "textnorm.h"

/* ------------------------------------------------------------- loading */

static enum num_kind
kind_from(const struct ynode *n)
{
	const char *s = ystr(n, "a kind");

	for (int i = 0; i <= NK_NONE; i++)
		if (strcmp(s, num_kind_name((enum num_kind)i)) == 0)
			return (enum num_kind)i;
	ydie(n, "unknown kind '%s'", s);
}

static void
plist_add(struct numbers *nr, struct plist *l, const char *word, int ival,
    const char *sval)
{
	struct buf t = { 0 }, f = { 0 };

	/* Normalise words as the text is; but keep punctuation entries as
	 * written too ("–" as well as the "-" normalise makes of it), so a
	 * text that skipped normalise still reads. */
	bool letters = false;
	size_t wl = strlen(word);

	for (size_t i = 0; i < wl && !letters;) {
		int32_t cp;

		i += numbers_cp_at(word, wl, i, &cp);
		letters = numbers_is_letter(cp);
	}
	if (letters)
		textnorm_apply(nr->tn, word, strlen(word), &t, NULL);
	else
		buf_add(&t, word, strlen(word));
	/* Triggers are searched in the text as it is, so keep their case. */
	if (l == &nr->triggers)
		buf_add(&f, t.p ? t.p : "", t.len);
	else
		numbers_fold(t.p ? t.p : "", t.len, &f);
	buf_free(&t);
	if (f.len == 0) {
		buf_free(&f);
		return;
	}
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = (struct phrase){ .s = f.p, .len = f.len,
	    .ival = ival, .sval = sval };
}

static int
by_first_len_desc(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;
	unsigned char cx = (unsigned char)x->s[0], cy = (unsigned char)y->s[0];

	if (cx != cy)
		return cx < cy ? -1 : 1;
	return (x->len < y->len) - (x->len > y->len);
}

/* Longest entries first, so "đô la mỹ" is tried before "đô la". */
static void
plist_sort(struct plist *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), by_first_len_desc);
	memset(l->first, 0, sizeof(l->first));
	for (size_t i = 0; i < l->n; i++) {
		struct phrase *ph = &l->v[i];
		unsigned char c = (unsigned char)ph->s[0];
		size_t m = 0;

		l->first[c >> 3] |= (unsigned char)(1u << (c & 7));
		while (m < 8 && m < ph->len && ph->s[m] != ' ')
			m++;
		ph->pre8 = 0;
		memcpy(&ph->pre8, ph->s, m);
		ph->mask8 = m == 8 ? ~(uint64_t)0 : ((uint64_t)1 << 8 * m) - 1;
	}
	for (size_t b = 0, k = 0; b <= 256; b++) {
		while (k < l->n && (unsigned char)l->v[k].s[0] < b)
			k++;
		l->at[b] = k;
	}
}

/* A list given as a scalar or a sequence of scalars. */
static void
load_words(struct numbers *nr, struct plist *l, const struct ynode *n,
    int ival, const char *sval)
{
	if (n == NULL)
		return;
	if (n->type == Y_SCALAR) {
		plist_add(nr, l, n->str, ival, sval);
		return;
	}
	yexpect(n, Y_SEQ, "a list of words");
	for (size_t i = 0; i < n->n; i++)
		plist_add(nr, l, ystr(n->kids[i], "a word"), ival, sval);
}

/* A map of id: [words], each word carrying the id. */
static void
load_idmap(struct numbers *nr, struct plist *l, const struct ynode *n,
    int ival)
{
	if (n == NULL)
		return;
	yexpect(n, Y_MAP, "a map of id: [words]");
	for (size_t i = 0; i < n->n; i++)
		load_words(nr, l, n->kids[2 * i + 1], ival,
		    ystr(n->kids[2 * i], "an id"));
}

/* A map of word: integer. */
static void
load_intmap(struct numbers *nr, struct plist *l, const struct ynode *n,
    int lo, int hi)
{
	if (n == NULL)
		return;
	yexpect(n, Y_MAP, "a map of word: number");
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *v = n->kids[2 * i + 1];
		char *end;
		long x = strtol(ystr(v, "a number"), &end, 10);

		if (*end != '\0' || end == v->str || x < lo || x > hi)
			ydie(v, "expected a number from %d to %d", lo, hi);
		plist_add(nr, l, ystr(n->kids[2 * i], "a word"), (int)x, NULL);
	}
}

/* Marks the entries of l named in the list n with the bit flag. */
static void
mark_words(struct numbers *nr, struct plist *l, const struct ynode *n,
    int flag)
{
	struct plist tmp = { 0 };

	load_words(nr, &tmp, n, 0, NULL);
	for (size_t i = 0; i < tmp.n; i++) {
		bool found = false;

		for (size_t j = 0; j < l->n; j++)
			if (l->v[j].len == tmp.v[i].len &&
			    memcmp(l->v[j].s, tmp.v[i].s, tmp.v[i].len) == 0) {
				l->v[j].ival |= flag;
				found = true;
			}
		if (!found)
			ydie(n, "'%s' is not among the spelled digits",
			    tmp.v[i].s);
		free(tmp.v[i].s);
	}
	free(tmp.v);
}

/* Compiles a context pattern wrapped as wrap_pre P wrap_post. */
static struct rx *
ctx_rx(const struct ynode *n, const char *pre, const char *post,
    bool caseless)
{
	struct rx *rx;
	struct buf b = { 0 };

	if (n == NULL)
		return NULL;
	/* Compile it bare first, so a mistake is reported at its place. */
	rx_free(rx_compile(n, caseless));
	buf_printf(&b, "%s(?:%s)%s", pre, n->str, post);
	rx = rx_compile_str(b.p, caseless);
	rx->at = n;
	buf_free(&b);
	return rx;
}

/*
 * The bytes a match of the rule can start with, from PCRE2's own start
 * analysis, so the rule is tried only where it can match.  All bytes
 * when PCRE2 cannot tell.
 */
static void
first_bytes(struct span_rule *sr)
{
	uint32_t type = 0, unit = 0;
	const uint8_t *map = NULL;

	memset(sr->first, 0xff, sizeof(sr->first));
	if (pcre2_pattern_info(sr->rx->code, PCRE2_INFO_FIRSTCODETYPE,
	    &type) != 0)
		return;
	if (type == 1 && pcre2_pattern_info(sr->rx->code,
	    PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 0x80) {
		memset(sr->first, 0, sizeof(sr->first));
		sr->first[unit >> 3] |= (unsigned char)(1u << (unit & 7));
		/* Caseless: the other ASCII case may start it too. */
		if ((unit | 32) >= 'a' && (unit | 32) <= 'z') {
			unit ^= 32;
			sr->first[unit >> 3] |= (unsigned char)(1u << (unit & 7));
		}
	} else if (type == 0 && pcre2_pattern_info(sr->rx->code,
	    PCRE2_INFO_FIRSTBITMAP, &map) == 0 && map != NULL)
		memcpy(sr->first, map, sizeof(sr->first));
}

static void
load_spans(struct numbers *nr, const struct ynode *list)
{
	static const char *const keys[] = { "name", "kind", "value",
	    "pattern", "before", "after", "unless_before", "unless_after",
	    "digitless", "case", "unit", "note", "reach", NULL };
	static const char *const builds[] = { "none", "date", "time", "ytd",
	    "tail", "quarter", "span", "number", "ordinal", "fraction", "text",
	    NULL };

	if (list == NULL)
		return;
	yexpect(list, Y_SEQ, "a list of span rules");
	nr->rules = xrealloc(nr->rules, (nr->nrules + list->n) *
	    sizeof(*nr->rules));
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *r = list->kids[i], *p, *v;
		struct span_rule *sr = &nr->rules[nr->nrules++];
		bool caseless;

		memset(sr, 0, sizeof(*sr));
		yexpect(r, Y_MAP, "a span rule (a map)");
		ymap_check_keys(r, keys);
		if ((p = ymap_get(r, "pattern")) == NULL)
			ydie(r, "a span rule needs a pattern");
		if ((v = ymap_get(r, "kind")) == NULL)
			ydie(r, "a span rule needs a kind");
		sr->kind = kind_from(v);
		sr->build = B_NONE;
		if ((v = ymap_get(r, "value")) != NULL) {
			const char *s = ystr(v, "a value builder");
			int b;

			for (b = 0; builds[b] != NULL; b++)
				if (strcmp(builds[b], s) == 0)
					break;
			if (builds[b] == NULL)
				ydie(v, "unknown value builder '%s' (none, "
				    "date, time, ytd, tail, quarter, span, "
				    "number, ordinal, fraction, text)", s);
			sr->build = b;
		}
		caseless = !ymap_bool(r, "case", false);
		sr->rx = rx_compile(p, caseless);
		sr->before = ctx_rx(ymap_get(r, "before"), "", "\\z", caseless);
		sr->unless_before = ctx_rx(ymap_get(r, "unless_before"), "",
		    "\\z", caseless);
		sr->after = ctx_rx(ymap_get(r, "after"), "\\G", "", caseless);
		sr->unless_after = ctx_rx(ymap_get(r, "unless_after"), "\\G", "",
		    caseless);
		sr->digitless = ymap_bool(r, "digitless", false);
		sr->reach = (size_t)ymap_long(r, "reach", 48, 1, 1000);
		sr->anch = ctx_rx(p, "\\G", "", caseless);
		first_bytes(sr);
		sr->unit = ymap_str(r, "unit", "");
		sr->g_m0 = rx_group(sr->rx, "m");
		sr->starts_at_try = sr->g_m0 < 0 &&
		    strstr(sr->rx->src, "\\K") == NULL;
		sr->g_y = rx_group(sr->rx, "y");
		sr->g_y2 = rx_group(sr->rx, "y2");
		sr->g_m = rx_group(sr->rx, "mo");
		sr->g_d = rx_group(sr->rx, "d");
		sr->g_h = rx_group(sr->rx, "h");
		sr->g_mi = rx_group(sr->rx, "mi");
		sr->g_q = rx_group(sr->rx, "q");
		sr->g_n = rx_group(sr->rx, "n");
		sr->g_num = rx_group(sr->rx, "num");
		sr->g_den = rx_group(sr->rx, "den");
	}
}

static void
load_main(struct numbers *nr, const struct ynode *root)
{
	static const char *const keys[] = { "triggers", "bare_year", "scales",
	    "spelled", "signs", "vague", "units", "prefix_units", "cues",
	    "post_cues", "cue_guards", "ranges", "spans", NULL };
	static const char *const spkeys[] = { "digits", "inner_only",
	    "not_alone", "ten", "tens", "hundred", "zero_tens", "half",
	    "point", NULL };
	static const char *const rkeys[] = { "open", "range", "move",
	    "between", NULL };
	static const char *const ukinds[] = { "quantity", "percent", "count",
	    NULL };
	const struct ynode *n, *sp;

	yexpect(root, Y_MAP, "a map");
	ymap_check_keys(root, keys);
	load_words(nr, &nr->triggers, ymap_get(root, "triggers"), 0, NULL);
	if ((n = ymap_get(root, "bare_year")) != NULL) {
		yexpect(n, Y_MAP, "a map with min and max");
		nr->year_min = ymap_long(n, "min", 1900, 0, 9999);
		nr->year_max = ymap_long(n, "max", 2100, 0, 9999);
	}
	load_intmap(nr, &nr->scales, ymap_get(root, "scales"), 1, 18);
	if ((sp = ymap_get(root, "spelled")) != NULL) {
		yexpect(sp, Y_MAP, "a map");
		ymap_check_keys(sp, spkeys);
		load_intmap(nr, &nr->digits, ymap_get(sp, "digits"), 0, 9);
		mark_words(nr, &nr->digits, ymap_get(sp, "inner_only"),
		    SP_INNER);
		mark_words(nr, &nr->digits, ymap_get(sp, "not_alone"),
		    SP_NOTALONE);
		load_words(nr, &nr->ten, ymap_get(sp, "ten"), 0, NULL);
		load_words(nr, &nr->tens, ymap_get(sp, "tens"), 0, NULL);
		load_words(nr, &nr->hundred, ymap_get(sp, "hundred"), 0, NULL);
		load_words(nr, &nr->zero_tens, ymap_get(sp, "zero_tens"), 0,
		    NULL);
		load_words(nr, &nr->half, ymap_get(sp, "half"), 0, NULL);
		load_words(nr, &nr->point, ymap_get(sp, "point"), 0, NULL);
	}
	load_words(nr, &nr->signs, ymap_get(root, "signs"), 0, NULL);
	load_words(nr, &nr->vague, ymap_get(root, "vague"), 0, NULL);
	if ((n = ymap_get(root, "units")) != NULL) {
		yexpect(n, Y_MAP, "a map of kind: {id: [words]}");
		ymap_check_keys(n, ukinds);
		load_idmap(nr, &nr->units, ymap_get(n, "quantity"), NK_QUANTITY);
		load_idmap(nr, &nr->units, ymap_get(n, "percent"), NK_PERCENT);
		load_idmap(nr, &nr->units, ymap_get(n, "count"), NK_COUNT);
	}
	load_idmap(nr, &nr->prefix_units, ymap_get(root, "prefix_units"),
	    NK_QUANTITY);
	load_idmap(nr, &nr->cues, ymap_get(root, "cues"), 0);
	load_idmap(nr, &nr->post_cues, ymap_get(root, "post_cues"), 0);
	if ((n = ymap_get(root, "cue_guards")) != NULL) {
		static const char *const gkeys[] = { "cues", "before", "after",
		    "note", NULL };

		yexpect(n, Y_SEQ, "a list of guards");
		/* Appended to: any numbers*.yaml may add guards. */
		nr->guards = xrealloc(nr->guards,
		    (nr->nguards + n->n) * sizeof(*nr->guards));
		memset(nr->guards + nr->nguards, 0, n->n * sizeof(*nr->guards));
		for (size_t i = 0; i < n->n; i++) {
			const struct ynode *g = n->kids[i];
			struct cue_guard *cg = &nr->guards[nr->nguards++];

			yexpect(g, Y_MAP, "a guard (a map)");
			ymap_check_keys(g, gkeys);
			load_words(nr, &cg->cues, ymap_get(g, "cues"), 0, NULL);
			if (cg->cues.n == 0)
				ydie(g, "a guard needs cues");
			cg->before = ctx_rx(ymap_get(g, "before"), "", "\\z",
			    true);
			cg->after = ctx_rx(ymap_get(g, "after"), "\\G", "", true);
		}
	}
	if ((n = ymap_get(root, "ranges")) != NULL) {
		const char **kinds;
		size_t nk;

		yexpect(n, Y_MAP, "a map");
		ymap_check_keys(n, rkeys);
		load_words(nr, &nr->open, ymap_get(n, "open"), 0, NULL);
		load_words(nr, &nr->range, ymap_get(n, "range"), 0, NULL);
		load_words(nr, &nr->move, ymap_get(n, "move"), 0, NULL);
		nk = ymap_strlist(n, "between", &kinds);
		for (size_t i = 0; i < nk; i++) {
			struct ynode fake = *ymap_get(n, "between");

			fake.type = Y_SCALAR;
			fake.str = (char *)kinds[i];
			nr->between_kinds |= 1u << kind_from(&fake);
		}
		free(kinds);
	}
	load_spans(nr, ymap_get(root, "spans"));
}
/* The leading run of letters of an entry: the word a text token must be
 * for the entry to match there (tokenise() splits the text so). */
static size_t
first_word(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		int32_t cp;
		size_t n = numbers_cp_at(s, len, i, &cp);

		if (!numbers_is_letter(cp))
			break;
		i += n;
	}
	return i;
}

static void
index_starters(struct numbers *nr)
{
	const struct plist *lists[] = { &nr->cues, &nr->signs,
	    &nr->prefix_units, &nr->vague, &nr->digits, &nr->ten };
	struct wordset *ws = &nr->starters;
	struct buf pad = { 0 };
	size_t n = 0, cap = 16;

	for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++)
		n += lists[i]->n;
	while (cap < 2 * n)
		cap *= 2;
	ws->slot = xcalloc(cap, sizeof(*ws->slot));
	ws->mask = cap - 1;
	for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++)
		for (size_t j = 0; j < lists[i]->n; j++) {
			const struct phrase *ph = &lists[i]->v[j];
			size_t w = first_word(ph->s, ph->len), h;

			/* With room after it for sketch() to read. */
			buf_reset(&pad);
			buf_add(&pad, ph->s, w);
			buf_grow(&pad, SKETCH_PAD);
			if (w == 0 || wordset_has(ws, pad.p, w))
				continue;
			h = sketch(pad.p, w);
			ws->maybe[h >> 6] |= 1ULL << (h & 63);
			for (h = hash_bytes(ph->s, w) & ws->mask;
			    ws->slot[h].s != NULL; h = (h + 1) & ws->mask)
				;
			ws->slot[h] = (struct phrase){ .s = ph->s, .len = w };
		}
	buf_free(&pad);
}

/* Reads follow st (freed) into f, folded like the text; digit_ok: f may
 * say "or a digit". */
static void
follow_of(struct follow *f, struct rxstart *st, bool off, struct buf *low,
    bool digit_ok)
{
	/* The follow list holds literals only: a pattern that may go on
	 * with a digit or an upper-case letter is not filtered. */
	st->any |= off || (st->digit && !digit_ok) || st->upper;
	f->digit = !st->any && st->digit;
	f->run_max = st->run_max;
	f->then_digits = st->then_digits;
	for (size_t j = 0; !st->any && j < st->nlit; j++) {
		numbers_fold(st->lit[j], strlen(st->lit[j]), low);
		f->v = xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
		f->v[f->n++] = (struct phrase){
		    .s = xstrndup(low->p, low->len), .len = low->len };
		f->first[(unsigned char)low->p[0] >> 3] |=
		    (uint8_t)(1u << ((unsigned char)low->p[0] & 7));
	}
	rxstart_free(st);
}

/* Sets pass (struct numbers: pass_near, pass_far) from the leads of li
 * and digits, and upper case when upper. */
static void
build_pass(uint64_t *pass, const struct leadidx *li, bool upper)
{
	memcpy(pass, li->pair, sizeof(li->pair));
	for (unsigned c0 = 0; c0 < 256; c0++) {
		if (is_digit((char)c0) || (upper && c0 >= 0xE0))
			for (unsigned w = 0; w < 4; w++)
				pass[c0 * 4 + w] = UINT64_MAX;
		else if (upper && c0 >= 0xC2)
			/* A two-byte character: its pair tells it all. */
			for (unsigned c1 = 0x80; c1 < 0xC0; c1++)
				if (utf8proc_category((int32_t)((c0 & 0x1F) <<
				    6 | (c1 & 0x3F))) == UTF8PROC_CATEGORY_LU)
					pass[(c0 << 8 | c1) >> 6] |=
					    1ULL << (c1 & 63);
	}
}

/*
 * Reads rule r's shape (rxstart_shape) where it tells something: its first
 * item takes one character at least and no digit, so a match that begins
 * at a digit has taken the whole run of digits when the shape begins.
 * Step j + 1 is read after step j only when it is required and takes
 * none of step j's bytes: then the match takes as many of step j's bytes
 * as the text has (at most max; more rule it out).
 */
static void
shape_of(struct span_rule *r, bool off)
{
	struct rxshape *sh = &r->shape;

	/* Only where the digits' follow is known: elsewhere no shape
	 * passes the first test below, and reading it costs start-up. */
	sh->n = 0;
	if (!off && r->follow.n > 0)
		rxstart_shape(r->rx->src, sh);
	if (sh->n > 0 && sh->step[0].min == 0)
		sh->n = 0;
	for (char d = '0'; sh->n > 0 && d <= '9'; d++)
		if (byte_in(sh->step[0].set, d))
			sh->n = 0;
	r->shape_upto = sh->n;
	for (size_t j = 0; j + 1 < sh->n; j++) {
		bool apart = sh->step[j + 1].min > 0;

		for (size_t b = 0; apart && b < sizeof(sh->step[j].set); b++)
			apart = (sh->step[j].set[b] & sh->step[j + 1].set[b]) == 0;
		if (!apart) {
			r->shape_upto = j + 1;
			break;
		}
	}
}

/*
 * Reads what each span rule's matches begin with (rxstart.h) into the
 * lead index by first byte and the list of rules a digit may begin, so
 * that a sentence's starts are matched against them once for all rules.
 */
static void
index_leads(struct numbers *nr)
{
	struct buf low = { 0 };
	/* For checking the index itself: every rule at every start, as if
	 * rxstart knew nothing (tests/tag-numbers/prefilter). */
	bool off = getenv("CHISO_NO_PREFILTER") != NULL;

	for (size_t i = 0; i < nr->nrules; i++) {
		struct span_rule *r = &nr->rules[i];
		struct rxstart st;

		rxstart_after_digits(r->rx->src, &st);
		follow_of(&r->follow, &st, off, &low, false);
		rxstart_after_lead(r->rx->src, &st);
		follow_of(&r->after_lead, &st, off, &low, true);
		rxstart_after_first_digits(r->rx->src, &st, &r->pre_max,
		    &r->pre_space);
		if (off) {
			r->pre_max = SIZE_MAX;
			r->pre_space = true;
		}
		follow_of(&r->lfollow, &st, off, &low, false);
		shape_of(r, off);
		rxstart_of_joined(r->rx->src, &st);
		st.any |= off;
		r->any_start = st.any;
		if (!st.any && st.upper) {
			nr->upper_rules = xrealloc(nr->upper_rules,
			    (nr->nupper_rules + 1) * sizeof(*nr->upper_rules));
			nr->upper_rules[nr->nupper_rules++] = (uint32_t)i;
			nr->upper_digitless |= r->digitless;
		}
		if (!st.any && st.digit) {
			nr->digit_rules = xrealloc(nr->digit_rules,
			    (nr->ndigit_rules + 1) * sizeof(*nr->digit_rules));
			nr->digit_rules[nr->ndigit_rules++] = (uint32_t)i;
		}
		for (size_t j = 0; !st.any && j < st.nlit; j++) {
			/* A lead that is a digit adds nothing to st.digit. */
			if (st.digit && is_digit(st.lit[j][0]))
				continue;
			numbers_fold(st.lit[j], strlen(st.lit[j]), &low);
			leadidx_add(&nr->leads_near, (uint32_t)i, low.p,
			    low.len);
			if (r->digitless)
				leadidx_add(&nr->leads_far, (uint32_t)i, low.p,
				    low.len);
		}
		if (!r->digitless && r->reach > nr->max_reach)
			nr->max_reach = r->reach;
		rxstart_free(&st);
	}
	buf_free(&low);
	nr->digit_next = xcalloc(256 * nr->ndigit_rules + 1,
	    sizeof(*nr->digit_next));
	for (size_t c = 0, n = 0; c < 256; c++) {
		nr->digit_next_at[c] = n;
		for (size_t j = 0; j < nr->ndigit_rules; j++) {
			const struct span_rule *r =
			    &nr->rules[nr->digit_rules[j]];

			if (r->follow.n == 0 ||
			    (r->follow.first[c >> 3] & (1u << (c & 7))))
				nr->digit_next[n++] = nr->digit_rules[j];
		}
		nr->digit_next_at[c + 1] = n;
	}
	leadidx_build(&nr->leads_near);
	leadidx_build(&nr->leads_far);
	build_pass(nr->pass_near, &nr->leads_near, nr->nupper_rules > 0);
	build_pass(nr->pass_far, &nr->leads_far, nr->upper_digitless);
}

/* The anchors of the triggers (see struct numbers). */
static void
index_triggers(struct numbers *nr)
{
	for (size_t i = 0; i < nr->triggers.n; i++) {
		const unsigned char *u =
		    (const unsigned char *)nr->triggers.v[i].s;
		size_t len = nr->triggers.v[i].len, end, k, key;
		const unsigned char *sp = memchr(u, ' ', len);
		unsigned pair;

		if (len == 1) {
			nr->trig_tail[u[0]] = 2;
			continue;
		}
		/* The last byte of the last character beyond ASCII before
		 * the first space. */
		key = sp != NULL ? (size_t)(sp - u) : len;
		if (key < 2) {
			/* No anchor before the space: every offset. */
			nr->trig_any_off = true;
			key = len;
		}
		end = key - 1;
		for (k = key; k-- > 0;)
			if (u[k] >= 0x80) {
				end = k;
				break;
			}
		if (end == 0)
			end = 1;	/* a trigger that is one character */
		pair = (unsigned)u[end - 1] << 8 | u[end];
		if (nr->trig_tail[u[end]] == 0)
			nr->trig_tail[u[end]] = 1;
		for (k = 0; k < nr->ntrig_off && nr->trig_off[k] != end; k++)
			;
		if (k == nr->ntrig_off) {
			if (nr->ntrig_off == sizeof(nr->trig_off) /
			    sizeof(*nr->trig_off)) {
				nr->trig_any_off = true;
				k = 0;	/* any bit: every offset is tried */
			} else
				nr->trig_off[nr->ntrig_off++] = end;
		}
		nr->trig_pair[pair] |= (uint8_t)(1u << k);
	}
}

#ifdef __SSE2__
/* trig_vec from trig_tail (struct numbers). */
static void
index_tails(struct numbers *nr)
{
	unsigned char b[16];
	size_t nb = 0;

	nr->trig_vec_ok = false;
	for (unsigned c = 0; c < 256; c++)
		if (nr->trig_tail[c] != 0) {
			if (nb == sizeof(b))
				return;
			b[nb++] = (unsigned char)c;
		}
	if (nb == 0)
		return;
	for (size_t k = 0; k < 16; k++)
		nr->trig_vec[k] = _mm_set1_epi8((char)b[k < nb ? k : 0]);
	nr->trig_vec_ok = true;
	nr->trig_nvec = nb <= 8 ? 8 : nb <= 12 ? 12 : 16;
}
#endif

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct numbers *
numbers_load(void)
{
	struct numbers *nr = xcalloc(1, sizeof(*nr));
	struct plist *all[] = { &nr->triggers, &nr->scales, &nr->digits,
	    &nr->ten, &nr->tens, &nr->hundred, &nr->zero_tens, &nr->half,
	    &nr->point, &nr->signs, &nr->vague, &nr->units, &nr->prefix_units,
	    &nr->cues, &nr->post_cues, &nr->open, &nr->range, &nr->move };
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t nnames = 0;

	numbers_tables_init();
	nr->tn = textnorm_load(rules_dir());
	nr->year_min = 1900;
	nr->year_max = 2100;
	nr->trees[nr->ntrees] = rules_load("numbers.yaml");
	load_main(nr, nr->trees[nr->ntrees++]);
	/* numbers-*.yaml in name order: more span rules, or more words. */
	if ((d = opendir(rules_dir())) != NULL) {
		while ((de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name);

			if (strncmp(de->d_name, "numbers-", 8) == 0 && l > 13 &&
			    strcmp(de->d_name + l - 5, ".yaml") == 0) {
				names = xrealloc(names, (nnames + 1) *
				    sizeof(*names));
				names[nnames++] = xstrdup(de->d_name);
			}
		}
		closedir(d);
	}
	if (nnames > 1)
		qsort(names, nnames, sizeof(*names), cmp_str);
	for (size_t i = 0; i < nnames; i++) {
		if (nr->ntrees == (int)(sizeof(nr->trees) / sizeof(*nr->trees)))
			die(EXIT_USAGE, "%s: too many numbers-*.yaml files",
			    rules_dir());
		nr->trees[nr->ntrees] = rules_load(names[i]);
		load_main(nr, nr->trees[nr->ntrees++]);
		free(names[i]);
	}
	free(names);
	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++)
		plist_sort(all[i]);
	index_leads(nr);
	index_starters(nr);
	for (unsigned c = 0; c < 256; c++)
		if (byte_in(nr->cues.first, (char)c) ||
		    byte_in(nr->signs.first, (char)c) ||
		    byte_in(nr->prefix_units.first, (char)c) ||
		    byte_in(nr->vague.first, (char)c))
			nr->punct_starts[c >> 6] |= 1ULL << (c & 63);
	nr->dash_minus_only = !punct_start(nr, '-');
	nr->punct_starts['-' >> 6] |= 1ULL << ('-' & 63);
	for (size_t i = 0; i < nr->triggers.n; i++)
		leadidx_add(&nr->trigger_at, 0, nr->triggers.v[i].s,
		    nr->triggers.v[i].len);
	leadidx_build(&nr->trigger_at);
	index_triggers(nr);
#ifdef __SSE2__
	index_tails(nr);
#endif
	nr->lead_hits = xcalloc(nr->leads_near.n + nr->trigger_at.n + 1,
	    sizeof(*nr->lead_hits));
	nr->cand_at = xcalloc(nr->nrules + 1, sizeof(*nr->cand_at));
	nr->cand_end = xcalloc(nr->nrules + 1, sizeof(*nr->cand_end));
	nr->rule_words = (nr->nrules + 63) / 64;
	nr->cand_rules = xcalloc(nr->rule_words + 1, sizeof(*nr->cand_rules));
	nr->any_rules = xcalloc(nr->rule_words + 1, sizeof(*nr->any_rules));
	for (size_t i = 0; i < nr->nrules; i++)
		if (nr->rules[i].any_start)
			nr->any_rules[i / 64] |= 1ULL << (i % 64);
	return nr;
}

static void
plist_free(struct plist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].s);
	free(l->v);
}

void
numbers_free(struct numbers *nr)
{

	struct plist *all[] = { &nr->triggers, &nr->scales, &nr->digits,
	    &nr->ten, &nr->tens, &nr->hundred, &nr->zero_tens, &nr->half,
	    &nr->point, &nr->signs, &nr->vague, &nr->units, &nr->prefix_units,
	    &nr->cues, &nr->post_cues, &nr->open, &nr->range, &nr->move };

	if (nr == NULL)
		return;
	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++)
		plist_free(all[i]);
	for (size_t i = 0; i < nr->nguards; i++) {
		plist_free(&nr->guards[i].cues);
		rx_free(nr->guards[i].before);
		rx_free(nr->guards[i].after);
	}
	free(nr->guards);
	for (size_t i = 0; i < nr->nrules; i++) {
		struct span_rule *r = &nr->rules[i];

		rx_free(r->rx);
		rx_free(r->anch);
		rx_free(r->before);
		rx_free(r->after);
		rx_free(r->unless_before);
		rx_free(r->unless_after);
		for (size_t j = 0; j < r->follow.n; j++)
			free(r->follow.v[j].s);
		free(r->follow.v);
		for (size_t j = 0; j < r->lfollow.n; j++)
			free(r->lfollow.v[j].s);
		free(r->lfollow.v);
		for (size_t j = 0; j < r->after_lead.n; j++)
			free(r->after_lead.v[j].s);
		free(r->after_lead.v);
	}
	free(nr->rules);
	leadidx_free(&nr->leads_near);
	leadidx_free(&nr->leads_far);
	leadidx_free(&nr->trigger_at);
	free(nr->lead_hits);
	free(nr->digit_rules);
	free(nr->digit_next);
	free(nr->upper_rules);
	free(nr->starters.slot);
	free(nr->cand);
	free(nr->cand_k);
	free(nr->cand_at);
	free(nr->cand_end);
	free(nr->cand_rules);
	free(nr->any_rules);
	for (int i = 0; i < nr->ntrees; i++)
		ydoc_free(nr->trees[i]);
	textnorm_free(nr->tn);
	buf_free(&nr->lower);
	free(nr->out);
	free(nr->tok);
	free(nr->head);
	free(nr->cl);
	free(nr->pm);
	free(nr->starts);
	free(nr->pre);
	free(nr->digits_at);
	free(nr);
}
