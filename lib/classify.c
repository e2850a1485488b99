/*
 * classify.c - gives each figure of a document its indicator, period,
 * status, measure, basis and component; see classify.h.
 *
 * The unit of work is the clause: the text between two ';' of a sentence.
 * A figure takes the nearest indicator label before it in its clause (or
 * the first after it, for "tăng 8%, chỉ số ..."), the verb nearest before
 * it for its measure, the words after it for its basis, and the nearest
 * period expression of its sentence, else the document's running context.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "cxrules.h"
#include "decimal.h"
#include "docdate.h"
#include "err.h"
#include "merge.h"
#include "province.h"
#include "utf8.h"

struct cx_stats cx_stats;

/*
 * The prefilter (litreq.h): before a pattern is run on a part of the
 * sentence being classified, the literals its matches must contain are
 * looked for in a case-folded copy of the sentence, made at the first
 * such question; most patterns fail there, without a PCRE2 call.
 */
static const struct cx_rules *cur_cx;
static const struct csent *cur_s;	/* the sentence being classified */
static const struct csent *folded;	/* whose fold is in fold */
static struct buf fold;
static uint32_t *fmap;			/* sentence byte -> fold byte */
static struct litidx fidx;		/* the byte pairs of fold */
static size_t fmapcap;
/* The clause clause_of() found last; forgotten at each sentence, since
 * a later document's sentences are held at the same addresses. */
static struct {
	const struct csent *s;
	size_t a, b;
} clause_memo;

static void
fold_sentence_now(void)
{
	if (cur_s->len + 1 > fmapcap) {
		fmapcap = 2 * (cur_s->len + 1);
		fmap = xrealloc(fmap, fmapcap * sizeof(*fmap));
	}
	litfold(cur_s->text, cur_s->len, &fold, fmap);
	litidx_build(&fidx, fold.p, fold.len);
	folded = cur_s;
}

/* Folds the sentence being classified, once: asked before most
 * questions, so the test is inline. */
static inline void
fold_sentence(void)
{
	if (folded != cur_s)
		fold_sentence_now();
}

static void
set_sentence(const struct csent *s)
{
	cur_s = s;
	folded = NULL;
	clause_memo.s = NULL;
}

/* Can a match of what needs q lie inside s[from..to)?  false only when
 * it cannot.  g, q's gate if not NULL, is tried first, inline, once a
 * sentence (litreq_gate_may()): most cues are nowhere in it. */
static inline bool
may_match_req(const struct litreq *q, const struct litgate *g, const char *s,
    size_t from, size_t to)
{
	if (q == NULL || cur_s == NULL || s != cur_s->text || from > to ||
	    to > cur_s->len)
		return true;
	fold_sentence();
	return (g == NULL ? !litreq_ruled_out(q, &fidx) :
	    litreq_gate_may(q, g, &fidx)) && litreq_may_in(q, &fidx,
	    fold.p + fmap[from], fmap[to] - fmap[from]);
}

/* The same for rx; gated: with its gate (what was not gated before). */
static inline bool
may_match_g(const struct rx *rx, const char *s, size_t from, size_t to,
    bool gated)
{
	const struct cx_pat *pat = rx->user;

	/* The prefilter is on the pattern (cx_req()): asked some sixty
	 * thousand times on 2 MB, this is kept to a load. */
	return cur_s == NULL || pat == NULL ||
	    may_match_req(pat->req, gated ? &pat->gate : NULL, s, from, to);
}

static inline bool
may_match(const struct rx *rx, const char *s, size_t from, size_t to)
{
	return may_match_g(rx, s, from, to, true);
}

/* rx_match(rx, s, to, from, ov): the leftmost match in s[from..to).  In
 * the sentence being classified, once folded, PCRE2 is asked only where
 * a match may begin (rxscan_find()), not to search the whole span. */
static bool
search(struct rx *rx, const char *s, size_t from, size_t to,
    PCRE2_SIZE **ov)
{
	if (cur_s != NULL && s == cur_s->text && folded == cur_s &&
	    to <= cur_s->len)
		return rxscan_find(cx_scan(rx), rx, s, from, to, fold.p, fmap,
		    &fidx, ov);
	return rx_match(rx, s, to, from, ov);
}

#define MAXHITS 256
/* How far around a number a period expression may reach
 * ("giai đoạn 2016-2019", "6 tháng đầu năm 2024"). */
#define PERIOD_BEFORE 40
#define PERIOD_AFTER 24
/* The most bytes between two figures that share one verb (" và ", ", "). */
#define SHARED_VERB_GAP 6
/* A "bằng X% so với ..." under this is a growth rate, not an index. */
#define INDEX_MIN 50

struct hit {
	size_t start, end;
	int who;		/* label index, or a verb kind */
};

enum verb { V_NONE, V_INC, V_DEC, V_RATIO, V_EXCEED, V_SHARE };

/* The state that carries from sentence to sentence within a document. */
/* A lead-in's cue, carried over the list after it: in its paragraph
 * (line), and on over the lines of a list. */
struct carry {
	bool on;
	unsigned long line;
	struct span period;		/* the period in force at the lead-in */
	bool parts;			/* holds for the parts of period too */
};

/* Carries c from the lead-in sentence at line, in period. */
static void
carry_from(struct carry *c, unsigned long line, struct span period)
{
	c->on = true;
	c->line = line;
	c->period = period;
	c->parts = false;
}

/* Does c hold at a sentence of line? */
static bool
carried(const struct carry *c, unsigned long line)
{
	return c->on && c->line == line;
}

/* A sentence of line: c goes on to it if it is the next item of a
 * list (item), else it ends at the first line after the lead-in's. */
static void
carry_to(struct carry *c, unsigned long line, bool item)
{
	if (c->on && c->line != line) {
		c->on = item;
		c->line = line;
	}
}

struct context {
	int doc_y, doc_m;		/* the document's date; 0 unknown */
	int doc_city;			/* its province a centrally run city
					 * 1, a province -1; 0 not known */
	int year;			/* the year in force */
	bool year_written;		/* ... named by the text, not the date */
	int first_year;			/* the first year in force named by
					 * the text: with no date, the year
					 * it reports on */
	struct span period;		/* the period in force */
	struct carry target;		/* a lead-in made the list targets */
	struct carry estimate;		/* "ước thực hiện như sau: ..." */
	struct carry list;		/* "Kim ngạch xuất khẩu qua các năm
					 * như sau:" names the list's */
	int list_label;			/* ... indicator */
	int last_label;			/* of the sentence before, or -1 */
	struct span last_span;		/* the span of years named last */
	/* The period of the last figure of the sentence before, when it
	 * gave rows: that of a sentence going on with it ("Trong đó, ...")
	 * that names none. */
	struct span last_row_period;
	bool abroad;			/* the headline is about abroad */
	char part[96];			/* ... about this part (a park) */
};

/* What is known of one sentence while its figures are classified. */
struct sentence {
	const struct csent *s;
	struct hit labels[MAXHITS];
	size_t nlabels;
	struct period_hit periods[MAXHITS];
	bool attached[MAXHITS];		/* a year written right after a figure */
	size_t nperiods;
	size_t target_at;		/* first strong target cue, or SIZE_MAX */
	bool brackets;			/* has a '(': asides are asked */
	/* Of the blockers and the components (the first 64 of each),
	 * those whose gate the sentence passes (gate_mask()), worked out
	 * at its first figure with a label: asked of every such figure,
	 * most are nowhere in the sentence. */
	uint64_t blockers, components;
	bool masked;
	bool continues;			/* opens as a continuation */
	int list_label;			/* a list item's, from its lead-in */
	int topic_label;		/* the label before, whose metric's
					 * anaphors name it; or -1 */
	char place[64];			/* the province pick_label() found an
					 * item of a ranking about, or "" */
	size_t place_cs;		/* the clause it holds for, or SIZE_MAX */
	/* The places the sentence names (in_town()), found once: */
	const struct csent *places_of;	/* the sentence they are of */
	size_t nplaces;
	struct {
		size_t end;		/* where the name ends */
		signed char kind;	/* 1 a town, -1 the province, 0 ? */
	} places[32];
	struct span row_period;		/* of its last figure with a row */
};

/* Is a num record's KIND name?  The first letter rules out most
 * kinds without a call: these are asked of every number, often. */
static inline bool
is_kind(const char *kind, const char *name)
{
	return kind[0] == name[0] && strcmp(kind, name) == 0;
}

/* A number that may be a figure: a quantity, percent or count with a
 * value.  Asked some 25 thousand times on 2 MB, so worked out once a
 * number (mark_figures()) and read from it (is_figure()). */
static bool
figure_of(const struct cnum *n)
{
	return (is_kind(n->kind, "quantity") || is_kind(n->kind, "percent") ||
	    is_kind(n->kind, "count")) && *n->value != '\0';
}

static inline bool
is_figure(const struct cnum *n)
{
	return n->figure;
}

/* Does sentence s hold a figure? */
static bool
has_figure(const struct csent *s)
{
	for (size_t k = 0; k < s->nnums; k++)
		if (is_figure(&s->nums[k]))
			return true;
	return false;
}

/* Marks the figures of doc; returns how many sentences lead up to its
 * last figure (0 when it has none). */
static size_t
mark_figures(const struct cdoc *doc)
{
	size_t upto = 0;

	for (size_t i = 0; i < doc->nsents; i++)
		for (size_t k = 0; k < doc->sents[i].nnums; k++)
			if ((doc->sents[i].nums[k].figure =
			    figure_of(&doc->sents[i].nums[k])))
				upto = i + 1;
	return upto;
}

static bool
is_percent(const struct cnum *n)
{
	return is_kind(n->kind, "percent");
}

static bool
has_flag(const struct cnum *n, const char *flag)
{
	size_t len = strlen(flag);

	for (const char *p = n->flags; (p = strstr(p, flag)) != NULL; p += len)
		if ((p == n->flags || p[-1] == ',') &&
		    (p[len] == '\0' || p[len] == ','))
			return true;
	return false;
}

/* Is s[from..to) (from <= to) shorter than any match of rx?  Most
 * figures stand a few bytes after their label, and the cues sought in
 * between are ruled out by their length alone. */
static inline bool
too_short(const struct rx *rx, size_t from, size_t to)
{
	const struct cx_pat *pat = rx->user;

	return pat != NULL && to - from < pat->minlen;
}

/* Any match of rx in s[from..to)?  Sets *at to its start. */
static bool
find(struct rx *rx, const char *s, size_t from, size_t to, size_t *at)
{
	PCRE2_SIZE *ov;

	if (rx == NULL || from >= to || too_short(rx, from, to) ||
	    !may_match(rx, s, from, to))
		return false;
	if (!search(rx, s, from, to, &ov))
		return false;
	if (at)
		*at = ov[0];
	return true;
}

/* Does rx match right at from?  Patterns see s[from..to) as their whole
 * subject, so a rule's '^' means "right after the figure". */
static bool
find_at(struct rx *rx, const char *s, size_t from, size_t to)
{
	PCRE2_SIZE *ov;

	return rx != NULL && from <= to && !too_short(rx, from, to) &&
	    may_match(rx, s, from, to) &&
	    rx_match(rx, s + from, to - from, 0, &ov);
}

/* Has any of v[0..n) a match in s[from..to)? */
static bool
any_find(struct rx **v, size_t n, const char *s, size_t from, size_t to)
{
	for (size_t i = 0; i < n; i++)
		if (find(v[i], s, from, to, NULL))
			return true;
	return false;
}

/* The last match of rx in s[from..to); its start in *at, end in *end. */
static bool
find_last(struct rx *rx, const char *s, size_t from, size_t to, size_t *at,
    size_t *end)
{
	PCRE2_SIZE *ov;
	bool found = false;

	if (from >= to || too_short(rx, from, to) ||
	    !may_match(rx, s, from, to))
		return false;
	while (from < to && search(rx, s, from, to, &ov)) {
		found = true;
		*at = ov[0];
		if (end)
			*end = ov[1];
		from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return found;
}

/* A label inside a component's name is no label: "thu từ hoạt động
 * xuất nhập khẩu" is a part of budget revenue, not imports. */
static bool
inside_component(struct cx_rules *cx, const char *s, size_t len,
    const struct hit *h)
{
	size_t from = h->start > 48 ? h->start - 48 : 0;

	from = utf8_back(s, 0, from);
	for (size_t c = 0; c < cx->ncomponents; c++) {
		size_t at = from;
		PCRE2_SIZE *ov;

		/* The gate first, inline: most components are nowhere in
		 * the sentence. */
		if (cur_s != NULL && s == cur_s->text && folded == cur_s &&
		    !litgate_may(&cx->component_gates[c], &fidx))
			continue;
		if (!may_match_g(cx->components[c], s, from, len, false))
			continue;
		while (at < h->end && search(cx->components[c], s, at, len, &ov)) {
			if (ov[0] <= h->start && ov[1] >= h->end && ov[1] > ov[0])
				return true;
			if (ov[0] >= h->end)
				break;
			at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
	}
	return false;
}

/* May label i match in the folded sentence?  Its gate, inline, then its
 * literals, asked once a sentence (litreq_may_once()): nothing to
 * remember for the next part.  find_labels() and may_have_rows() ask
 * the same, so a document this rules out has no label. */
static inline bool
label_may(const struct cx_rules *cx, size_t i)
{
	return litgate_may(&cx->labels[i].gate, &fidx) &&
	    litreq_may_once(cx->labels[i].req, &fidx, fold.p, fold.len);
}

/* Collects the labels of a sentence, longest first where they overlap. */
static void
find_labels(struct cx_rules *cx, struct sentence *st)
{
	const char *s = st->s->text;
	size_t len = st->s->len;
	struct hit all[MAXHITS];
	size_t n = 0;
	/* With the prefilter on, each label's gate is tried first, inline:
	 * most labels are ruled out there, without a call. */
	bool gated = cur_s == st->s;

	if (gated)
		fold_sentence();
	for (size_t i = 0; i < cx->nlabels && n < MAXHITS; i++) {
		size_t at = 0;
		PCRE2_SIZE *ov;

		if (gated ? !label_may(cx, i) :
		    !may_match_req(cx->labels[i].req, NULL, s, 0, len))
			continue;
		/* In the folded sentence PCRE2 is asked only where a match
		 * may begin (rxscan_find()), anchored: a label whose first
		 * word stands in the sentence but not the rest (a third of
		 * them) costs a call there, not a search to the end. */
		while (n < MAXHITS && at < len && (gated ?
		    rxscan_find(cx_scan(cx->labels[i].rx), cx->labels[i].rx,
		    s, at, len, fold.p, fmap, &fidx, &ov) :
		    rx_match(cx->labels[i].rx, s, len, at, &ov))) {
			size_t start = ov[0], end = ov[1];
			PCRE2_SIZE *lov;

			/* A list's item names the indicator only after the
			 * list's lead (list_labels): asked at a match, rare. */
			if (end > start && (cx->labels[i].lead == NULL ||
			    rx_match(cx->labels[i].lead, s, start, 0, &lov)))
				all[n++] = (struct hit){ start, end, (int)i };
			at = end > start ? end : start + 1;
		}
	}
	/* Earliest first; at one start, longest first. */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0; k--) {
			struct hit *a = &all[k - 1], *b = &all[k];

			if (a->start < b->start || (a->start == b->start &&
			    a->end - a->start >= b->end - b->start))
				break;
			struct hit t = *a;
			*a = *b;
			*b = t;
		}
	st->nlabels = 0;
	int topic = st->topic_label >= 0 ?
	    cx->labels[st->topic_label].metric : -1;

	for (size_t i = 0; i < n; i++) {
		const struct label *l = &cx->labels[all[i].who];

		/* "Ngành Thuế phấn đấu thu vượt 5% dự toán" after a sentence
		 * on budget revenue: an anaphor names the metric in force,
		 * the previous sentence's or one named before it here; any
		 * other, nothing. */
		if (l->anaphor && l->metric != topic)
			continue;
		if (!l->anaphor && l->lead == NULL && !l->part)
			topic = l->metric;
		if (st->nlabels > 0 &&
		    all[i].start < st->labels[st->nlabels - 1].end)
			continue;
		/* A list's item is no part: "cơ cấu kinh tế: ...; khu vực
		 * công nghiệp - xây dựng 52,5%" is the share itself; a part
		 * label decides for itself (classify_figure()). */
		if (cx->labels[all[i].who].lead == NULL &&
		    !cx->labels[all[i].who].part &&
		    inside_component(cx, s, len, &all[i]))
			continue;
		st->labels[st->nlabels++] = all[i];
	}
}

/* The clause of the figure: from after the ';' before it to the next.
 * The figures of a sentence mostly share clauses: the last one found is
 * kept (clause_memo), and a figure inside it needs no scan. */
static void
clause_of(const struct csent *s, size_t pos, size_t *cs, size_t *ce)
{
	size_t a = pos, b = pos;

	if (s == clause_memo.s && clause_memo.a <= pos &&
	    pos <= clause_memo.b) {
		*cs = clause_memo.a;
		*ce = clause_memo.b;
		return;
	}

	/* Most sentences have no ';' at all, and the others one or two:
	 * memchr from one to the next finds the pair around pos, without
	 * a walk a byte each way. */
	if (pos <= s->len) {
		const char *t = s->text, *p = t;

		a = 0;
		b = s->len;
		while ((p = memchr(p, ';', s->len - (size_t)(p - t))) != NULL) {
			if ((size_t)(p - t) >= pos) {
				b = (size_t)(p - t);
				break;
			}
			a = (size_t)(++p - t);
		}
	}
	while (a > 0 && s->text[a - 1] != ';')
		a--;
	while (b < s->len && s->text[b] != ';')
		b++;
	*cs = clause_memo.a = a;
	*ce = clause_memo.b = b;
	clause_memo.s = s;
}

/* snprintf(dst, size, "%s", src) without the format machinery: the
 * same bytes, cut at size - 1. */
static void
copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The verb nearest before pos in s[from..pos): which and where. */
static enum verb
last_verb(struct cx_rules *cx, const char *s, size_t from, size_t pos,
    size_t *where)
{
	struct { struct rx *rx; enum verb v; } verbs[] = {
		{ cx->increase, V_INC }, { cx->decrease, V_DEC },
		{ cx->ratio, V_RATIO }, { cx->exceed, V_EXCEED },
		{ cx->share, V_SHARE },
	};
	enum verb best = V_NONE;
	size_t best_at = 0, at, end;

	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (find_last(verbs[i].rx, s, from, pos, &at, &end) &&
		    (best == V_NONE || at >= best_at)) {
			best = verbs[i].v;
			best_at = at;
		}
	if (where)
		*where = best_at;
	return best;
}

/* Reads a num record's VALUE (a plain decimal, maybe signed). */
static bool
read_value(const char *v, struct dec *d)
{
	bool neg = *v == '-';

	if (!dec_parse(v + neg, strlen(v + neg), d))
		return false;
	if (neg)
		*d = dec_neg(*d);
	return true;
}

/* "giảm 3,2%" -> -3.2; "bằng 99,2% so với" -> -0.8 (minus 100): exact
 * decimal arithmetic, as values never go through binary floating point.
 * Leaves out alone when the value cannot be read. */
static void
change_value(const char *v, bool minus_hundred, char *out, size_t size)
{
	struct dec d;

	if (!read_value(v, &d))
		return;
	if (minus_hundred) {
		if (!dec_sub(d, dec_int(100), &d))
			return;
	} else
		d = dec_neg(d);
	dec_format(d, out, size);
}

/* The '(' left open before pos in t[lo..pos), or SIZE_MAX: pos stands
 * in brackets. */
static size_t
open_bracket(const char *t, size_t lo, size_t pos)
{
	while (pos > lo && t[pos - 1] != '(' && t[pos - 1] != ')')
		pos--;
	return pos > lo && t[pos - 1] == '(' ? pos - 1 : SIZE_MAX;
}

/* Does period p of st stand in brackets ("tăng 12% so với năm 2018 (năm
 * 2018 đạt 4.670 tỷ đồng)")? */
static bool
in_brackets(const struct sentence *st, const struct period_hit *p)
{
	return st->brackets && open_bracket(st->s->text, 0, p->start) !=
	    SIZE_MAX;
}

/* Where a search for a name ending at at may start: reach bytes before
 * it at most, not before lo, on a character boundary. */
static size_t
window_before(const char *t, size_t lo, size_t at, size_t reach)
{
	return utf8_back(t, lo, at - lo > reach ? at - reach : lo);
}

/* Does pos of t stand inside quotation marks (an odd number of them
 * before it; the normaliser makes every kind '"')? */
static bool
in_quotes(const char *t, size_t pos)
{
	bool in = false;

	for (const char *q = t; (q = memchr(q, '"', pos - (size_t)(q - t))) !=
	    NULL; q++)
		in = !in;
	return in;
}

enum aside { NO_ASIDE, ASIDE, ASIDE_LAST_YEAR };
enum { ASIDE_BEFORE_REACH = 32 };

/* Does the figure at pos stand in brackets that open as an aside of
 * another period ("(cùng kỳ tăng 3,1%)", "(năm 2021 tăng 6,05%)")? */
static enum aside
aside_of(struct cx_rules *cx, const struct sentence *st, const char *t,
    size_t cs, size_t pos)
{
	size_t open;

	if (!st->brackets || (open = open_bracket(t, cs, pos)) == SIZE_MAX)
		return NO_ASIDE;
	if (find_at(cx->aside, t, open, pos))
		return find_at(cx->aside_last_year, t, open, pos) ?
		    ASIDE_LAST_YEAR : ASIDE;
	/* A bracket that names no period of its own, right after "cùng
	 * kỳ năm ngoái": from some 30 bytes before it to the figure. */
	if (find_at(cx->aside_before, t, window_before(t, cs, open,
	    ASIDE_BEFORE_REACH), pos))
		return ASIDE_LAST_YEAR;
	return NO_ASIDE;
}

/* The change a multiple is: 2.3 (times) -> 130 (%). */
static bool
times_change(const char *v, char *out, size_t size)
{
	struct dec d;

	if (!read_value(v, &d) || !dec_mul(d, dec_int(100), &d) ||
	    !dec_sub(d, dec_int(100), &d))
		return false;
	dec_format(d, out, size);
	return true;
}

/* An index against a base of 100 ("bằng 99,2%"), not a growth rate
 * ("đạt 6,8% so với cùng kỳ"): at least INDEX_MIN. */
static bool
index_like(const char *v)
{
	struct dec d;

	return read_value(v, &d) && dec_cmp(d, dec_int(INDEX_MIN)) >= 0;
}

/* Copies s[a..b) trimmed of spaces and punctuation, cut at a character. */
static void
copy_text(char *dst, size_t size, const char *s, size_t a, size_t b)
{
	while (a < b && strchr(" ,;:.(", s[a]))
		a++;
	while (b > a && strchr(" ,;:(", s[b - 1]))
		b--;
	if (b - a >= size) {
		b = a + size - 1;
		b = utf8_back(s, a, b);
	}
	memcpy(dst, s + a, b - a);
	dst[b - a] = '\0';
}

static void
why(struct crows *out, const struct csent *s, const struct cnum *n,
    const char *fmt, const char *arg)
{
	struct cwhy *w;

	if (!out->explain)
		return;
	if (out->nwhy == out->capwhy) {
		out->capwhy = out->capwhy ? out->capwhy * 2 : 16;
		out->why = xrealloc(out->why, out->capwhy * sizeof(*out->why));
	}
	w = &out->why[out->nwhy++];
	w->sno = s->sno;
	w->start = n->start;
	w->end = n->end;
	snprintf(w->msg, sizeof(w->msg), fmt, arg ? arg : "");
}

/* Is s one of the NULL-terminated list v? */
static bool
in_list(const char **v, const char *s)
{
	for (; *v; v++)
		if (strcmp(*v, s) == 0)
			return true;
	return false;
}

static bool
unit_allowed(const struct metric *m, const char *unit)
{
	return in_list(m->level_units, unit);
}

/* The unit of a figure written without one: a sibling's, else the
 * indicator's usual one. */
static bool unit_allowed(const struct metric *m, const char *unit);

static bool
gives_unit(const struct cnum *n, const struct metric *m)
{
	return is_kind(n->kind, "quantity") && *n->unit &&
	    unit_allowed(m, n->unit);
}

static const char *
inherit_unit(const struct csent *s, size_t i, const struct metric *m)
{
	for (size_t d = 1; d < s->nnums; d++) {
		if (i >= d && gives_unit(&s->nums[i - d], m))
			return s->nums[i - d].unit;
		if (i + d < s->nnums && gives_unit(&s->nums[i + d], m))
			return s->nums[i + d].unit;
	}
	return m->default_unit;
}

/* A clause that opens with a component ("; khu vực dịch vụ tăng 5,4%")
 * goes on the indicator of the clause before. */
static bool
starts_with_component(struct cx_rules *cx, const char *s, size_t from,
    size_t to)
{
	while (from < to && s[from] == ' ')
		from++;
	for (size_t c = 0; c < cx->ncomponents; c++) {
		size_t at;

		if (find(cx->components[c], s, from, to, &at) && at == from)
			return true;
	}
	return false;
}

/*
 * "lần lượt", "tương ứng": where the respectively cue before figure i in
 * its clause ends (cue; SIZE_MAX with none), and which figure of its kind
 * (percent or not) after the cue figure i is (k, from 0).  The labels and
 * periods listed before the cue go to the figures after it by k.
 */
struct respective {
	size_t cue, k;
	size_t count;		/* the figures of its kind after the cue */
};

static struct respective
respective_of(struct cx_rules *cx, const struct csent *s, size_t i,
    size_t cs, size_t ce)
{
	const struct cnum *n = &s->nums[i];
	struct respective rs = { SIZE_MAX, 0, 0 };

	if (cx->respectively == NULL ||
	    !find_last(cx->respectively, s->text, cs, n->start, &rs.cue, NULL))
		return (struct respective){ SIZE_MAX, 0, 0 };
	for (size_t j = 0; j < s->nnums && s->nums[j].start < ce; j++)
		if (s->nums[j].start > rs.cue && is_figure(&s->nums[j]) &&
		    is_percent(&s->nums[j]) == is_percent(n)) {
			rs.k += j < i;
			rs.count++;
		}
	return rs;
}

/* The separators (", ", " và ") in s[from..to), but for those in
 * [skip_from, skip_to): one fewer than the items a list there holds. */
static size_t
count_seps(const char *s, size_t from, size_t to, size_t skip_from,
    size_t skip_to)
{
	size_t seps = 0;

	for (size_t p = from; p < to; p++)
		if (p >= skip_from && p < skip_to)
			p = skip_to - 1;
		else if (s[p] == ',' || (p + 5 <= to &&
		    memcmp(s + p, " và ", 5) == 0))
			seps++;
	return seps;
}

/*
 * "tỷ trọng các ngành dịch vụ, công nghiệp - xây dựng và nông nghiệp
 * trong GDP lần lượt là 55,3%, 42,3% và 2,4%": a list's item label
 * (list_labels) before the respectively cue names the figure in its
 * place after the cue, counted by the items since the list's lead; the
 * other items are no indicator, nor is the whole named after them.
 * Returns that label's index in st->labels; -1 with no list item before
 * the cue (the figure is left to the other ways); -2 when the figure is
 * another item's, or the items cannot be told apart as many as the
 * figures ("nông, lâm nghiệp và thủy sản" holds a comma itself).
 */
static int
respective_item(struct cx_rules *cx, const struct sentence *st, size_t cs,
    const struct respective *rs)
{
	const char *t = st->s->text;

	for (size_t j = 0; j < st->nlabels; j++) {
		const struct hit *h = &st->labels[j];
		struct rx *lead = cx->labels[h->who].lead;
		PCRE2_SIZE *ov;
		size_t lead_end = SIZE_MAX;

		if (lead == NULL || h->start < cs || h->end > rs->cue)
			continue;
		/* The list begins after its lead's last match before it. */
		for (size_t at = cs; at < h->start &&
		    rx_match(lead, t, h->start, at, &ov); at = ov[1] > ov[0] ?
		    ov[1] : ov[0] + 1)
			lead_end = ov[1];
		if (lead_end == SIZE_MAX ||
		    count_seps(t, lead_end, rs->cue, h->start, h->end) + 1 !=
		    rs->count)
			return -2;
		return count_seps(t, lead_end, h->start, 0, 0) == rs->k ?
		    (int)j : -2;
	}
	return -1;
}

/* Does a bracket open before from close in s[from..to)?  A period in
 * an aside ("(5 tháng năm 2023 đạt 1.081 triệu USD)") is not that of
 * the figures after the aside. */
static bool
closed_between(const char *s, size_t from, size_t to)
{
	int depth = 0;

	for (size_t i = from; i < to; i++)
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth < 0)
			return true;
	return false;
}

/*
 * A figure compared with the month or quarter before, of a period taken
 * from the context that runs from January ("Tình hình tháng 10 và 10
 * tháng năm 2024 ... So với tháng trước, IIP tăng 3,6%"), is of the
 * last month (or quarter) of it: months so far have no month before.
 */
static void
last_part(struct cx_rules *cx, const char *t, size_t cs, size_t ce,
    struct span *p)
{
	if (p->y1 == 0 || p->y1 != p->y2 || p->m1 != 1 || p->m2 <= 1)
		return;
	p->m1 = p->m2 % 3 == 0 && find(cx->prev_quarter, t, cs, ce, NULL) ?
	    p->m2 - 2 : p->m2;
}

/* What the match of place_unit in ov names: 1 a part of a province, -1
 * the province or more, 0 not known (doc_city: the document's province
 * is a centrally run city 1, a province -1, not known 0). */
static int
place_kind(struct cx_rules *cx, const struct sentence *st, PCRE2_SIZE *ov,
    int doc_city)
{
	if (cx->g_prov > 0 && ov[2 * cx->g_prov] != PCRE2_UNSET)
		return -1;
	if (cx->g_unit > 0 && ov[2 * cx->g_unit] != PCRE2_UNSET)
		return 1;		/* huyện, quận, thị xã */
	if (cx->g_city > 0 && ov[2 * cx->g_city] != PCRE2_UNSET) {
		bool named = cx->g_town > 0 &&
		    ov[2 * cx->g_town] != PCRE2_UNSET;
		size_t who = named ? province_index_at(cx, st->s->text,
		    st->s->len, ov[2 * cx->g_town]) : SIZE_MAX;

		if (who != SIZE_MAX)	/* Đà Nẵng; Bắc Giang's city */
			return cx->provinces[who].city ? -1 : 1;
		if (named)		/* Nha Trang, Thủ Đức */
			return 1;
		return -doc_city;	/* "thành phố" alone */
	}
	return 0;
}

/* Is figure n about a town, a district or a province's city, as the last
 * place named before it in its sentence says (metrics.yaml place_unit:
 * "tỉnh" and "cả nước" are the province or more; "huyện Cam Lâm", "thành
 * phố Nha Trang", "TP Thủ Đức" less; "thành phố" alone is the province
 * only in the news of a centrally run city, "thành phố Đà Nẵng" is one)? */
static bool
in_town(struct cx_rules *cx, struct sentence *st, const struct cnum *n,
    int doc_city)
{
	const char *t = st->s->text;
	size_t len = st->s->len;
	int kind = 0;		/* of the last: 1 a part, -1 the province */
	PCRE2_SIZE *ov;

	if (cx->place_unit == NULL)
		return false;
	/* Every figure of the sentence asks: its places, once. */
	if (st->places_of != st->s) {
		size_t from = 0;

		st->places_of = st->s;
		st->nplaces = 0;
		while (st->nplaces < sizeof(st->places) / sizeof(st->places[0]) &&
		    from < len && !too_short(cx->place_unit, from, len) &&
		    may_match(cx->place_unit, t, from, len) &&
		    search(cx->place_unit, t, from, len, &ov)) {
			st->places[st->nplaces].end = ov[1];
			st->places[st->nplaces++].kind = (signed char)
			    place_kind(cx, st, ov, doc_city);
			from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
	}
	for (size_t i = 0; i < st->nplaces && st->places[i].end <= n->start;
	    i++)
		kind = st->places[i].kind;
	return kind == 1;
}

/* Is figure n, from cs on, an item of a ranking or a list of provinces
 * ("Lâm Đồng tăng 8,42%", context.yaml ranked)?  Its province's name
 * into st->place. */
static bool
ranked_place(struct cx_rules *cx, struct sentence *st, size_t cs,
    const struct cnum *n)
{
	size_t at;

	return cx->ranked != NULL && find(cx->ranked, st->s->text, cs,
	    n->start, &at) && province_at(cx, st->s->text, st->s->len, at,
	    st->place, sizeof(st->place));
}

/* Picks the label of figure i; -1 if none.  *lab_at gets its hit. */
static int
pick_label(struct cx_rules *cx, struct sentence *st, size_t i, size_t cs,
    size_t ce, int prev_label, const struct respective *rs,
    const struct hit **lab)
{
	const struct csent *s = st->s;
	const struct cnum *n = &s->nums[i];
	const struct hit *best = NULL;

	/* "Bắc Ninh đứng thứ hai với 22,3 tỷ USD, bằng 96,5% so với năm
	 * 2015": the place of a ranking's item holds for its clause. */
	if (st->place_cs != cs) {
		st->place[0] = '\0';
		st->place_cs = cs;
	}
	/* "xuất khẩu và nhập khẩu lần lượt đạt 500 và 300 triệu USD": the
	 * k-th figure of a kind after the cue goes to the k-th label. */
	if (rs->cue != SIZE_MAX) {
		size_t nl = 0, first = SIZE_MAX;
		int item = respective_item(cx, st, cs, rs);

		if (item != -1) {
			*lab = item >= 0 ? &st->labels[item] : NULL;
			return item >= 0 ? st->labels[item].who : -1;
		}

		for (size_t j = 0; j < st->nlabels; j++)
			if (st->labels[j].start >= cs &&
			    st->labels[j].end <= rs->cue) {
				if (first == SIZE_MAX)
					first = j;
				nl++;
			}
		if (nl >= 2 && rs->k < nl) {
			*lab = &st->labels[first + rs->k];
			return st->labels[first + rs->k].who;
		}
	}
	for (size_t k = 0; k < st->nlabels; k++) {
		const struct hit *h = &st->labels[k];

		if (h->start >= cs && h->end <= n->start)
			best = h;
		/* "đặt mục tiêu GRDP tăng 14,5%, thu hút 1,5 tỷ USD vốn
		 * FDI": an amount's label right after it names it, not
		 * the one before (a percent's is what it is a share of:
		 * "chiếm 35% GRDP"). */
		else if (!is_percent(n) && h->start > n->end &&
		    h->start - n->end == 1 && s->text[n->end] == ' ' &&
		    cx->labels[h->who].lead == NULL) {
			best = h;
			break;
		}
	}
	/* "; trong đó thu nội địa 18.200 tỷ đồng": a clause that goes on
	 * the one before keeps its indicator. */
	if (best == NULL && prev_label >= 0 &&
	    cx->labels[prev_label].lead == NULL &&
	    (find_at(cx->continuation, s->text, cs, n->start) ||
	    find(cx->continued_by, s->text, cs, n->start, NULL) ||
	    starts_with_component(cx, s->text, cs, n->start))) {
		/* "Dẫn đầu là Hà Nội với 391.151 tỷ đồng": its place; a
		 * share is no province's in a ranking (below). */
		if (!ranked_place(cx, st, cs, n) ||
		    cx->m[cx->labels[prev_label].metric].pct != PCT_LEVEL) {
			*lab = NULL;
			return prev_label;
		}
		st->place[0] = '\0';
	}
	/* "Năm 2017: 6,87 tỷ USD" under "Kim ngạch xuất khẩu qua các năm
	 * như sau:": the item's indicator is its lead-in's. */
	if (best == NULL && st->list_label >= 0) {
		*lab = NULL;
		return st->list_label;
	}
	/* "Kon Tum dẫn đầu với mức tăng 9,1%; Lâm Đồng tăng 8,42%" after a
	 * sentence on GRDP: a province's figure in a ranking or a list of
	 * provinces is of the indicator in force. */
	if (best == NULL && cx->ranked != NULL) {
		int topic = prev_label >= 0 ? prev_label : st->topic_label;

		/* Not a share's ("tỷ trọng công nghiệp ... 15,6%." then
		 * "Kon Tum dẫn đầu với mức tăng 9,1%"): provinces are
		 * ranked by amounts and growth. */
		if (topic >= 0 && cx->labels[topic].lead == NULL &&
		    cx->m[cx->labels[topic].metric].pct != PCT_LEVEL &&
		    ranked_place(cx, st, cs, n)) {
			*lab = NULL;
			return topic;
		}
	}
	if (best == NULL) {
		/* "tăng 8%, chỉ số sản xuất công nghiệp ..." and "1.200
		 * doanh nghiệp thành lập mới": a label after the figure,
		 * with no other figure in between. */
		size_t next = ce;

		for (size_t k = i + 1; k < s->nnums; k++)
			if (is_figure(&s->nums[k])) {
				next = s->nums[k].start;
				break;
			}
		/* A list's item (list_labels) names its own figure only. */
		for (size_t k = 0; k < st->nlabels; k++) {
			const struct hit *h = &st->labels[k];

			if (h->end > n->start && h->start < next &&
			    h->end <= ce && cx->labels[h->who].lead == NULL) {
				best = h;
				break;
			}
		}
	}
	*lab = best;
	return best ? best->who : -1;
}

static const char *
pick_basis(struct cx_rules *cx, const char *s, size_t from, size_t to)
{
	for (size_t i = 0; i < cx->nbases; i++)
		if (find_at(cx->bases[i].rx, s, from, to))
			return cx->bases[i].basis;
	return NULL;
}

/*
 * The basis of a comparison with a named period after the figure ("tăng
 * 1,5% so với tháng 5" of June: prev_period; "so với quý I/2023" of Q1
 * 2024: yoy): the first guarded period in [from, to) as long as the
 * figure's own, just before it or a year before it.  NULL otherwise.
 */
static const char *
basis_of_compared(const struct sentence *st, size_t from, size_t to,
    const struct span *own)
{
	int len = month_index(own->y2, own->m2) - month_index(own->y1, own->m1);

	for (size_t k = 0; k < st->nperiods; k++) {
		const struct period_hit *p = &st->periods[k];
		int d;

		if (p->start < from || !p->guarded || p->relative)
			continue;
		if (p->start >= to || month_index(p->span.y2, p->span.m2) -
		    month_index(p->span.y1, p->span.m1) != len)
			return NULL;
		d = month_index(own->y1, own->m1) -
		    month_index(p->span.y1, p->span.m1);
		return d == len + 1 && len < 11 ? "prev_period" :
		    d == 12 ? "yoy" : NULL;
	}
	return NULL;
}

/*
 * "IIP tháng 3 và quý I lần lượt tăng 5,4% và 8,73%": after the
 * respectively cue, figure k of a kind takes the k-th of a list of
 * periods before the cue in its clause, as it takes the k-th label
 * (pick_label()).  False when there is no such list.
 */
static bool
respective_period(struct cx_rules *cx, const struct sentence *st,
    const struct respective *rs, size_t cs, struct span *out)
{
	const char *t = st->s->text;
	size_t list[MAXHITS], np = 0;

	if (rs->cue == SIZE_MAX)
		return false;
	for (size_t j = 0; j < st->nperiods; j++) {
		const struct period_hit *p = &st->periods[j];

		if (p->start < cs || p->end > rs->cue || p->guarded ||
		    p->relative)
			continue;
		/* A period not joined to the one before starts the list. */
		if (np > 0 && !find_at(cx->list_joint, t,
		    st->periods[list[np - 1]].end, p->start))
			np = 0;
		list[np++] = j;
	}
	if (np < 2 || rs->k >= np)
		return false;
	*out = st->periods[list[rs->k]].span;
	return true;
}

/* Does period p stand right after the figure ending at end, with only
 * year_joint between ("40,3% năm 2015", "5,1% của năm 2023")? */
static bool
right_after(struct cx_rules *cx, const char *t, size_t end,
    const struct period_hit *p)
{
	if (p->start < end)
		return false;
	if (cx->year_joint != NULL)
		return p->start == end || find_at(cx->year_joint, t, end,
		    p->start);
	while (end < p->start && t[end] == ' ')
		end++;
	return end == p->start;
}

/* The period written (a year, a month: not "năm trước") and compared
 * with ("so với năm 2020") right before the bracket a figure at pos
 * opens, or st->nperiods.  Before the figure in the bracket, at most a
 * verb ("so với quý I/2019 (tăng 7,1%)"). */
enum { BRACKET_VERB_REACH = 12 };

static size_t
compared_in_bracket(const struct sentence *st, size_t pos)
{
	const char *t = st->s->text;
	size_t open;

	if (!st->brackets || (open = open_bracket(t, 0, pos)) == SIZE_MAX ||
	    pos - open > BRACKET_VERB_REACH)
		return st->nperiods;
	for (size_t q = open + 1; q < pos; q++)
		if ((t[q] >= '0' && t[q] <= '9') || t[q] == ',' || t[q] == ';')
			return st->nperiods;	/* another figure, a list */
	while (open > 0 && t[open - 1] == ' ')
		open--;
	for (size_t k = 0; k < st->nperiods; k++)
		if (st->periods[k].end == open && st->periods[k].guarded &&
		    !st->periods[k].relative)
			return k;
	return st->nperiods;
}

/* The period of figure i (see the file's comment for the order); *own:
 * it is the one written right after the figure. */
static bool
pick_period(struct cx_rules *cx, struct sentence *st, size_t i, size_t ce,
    size_t next_start, const struct context *ctx, struct span *out,
    bool *own)
{
	const struct cnum *n = &st->s->nums[i];
	const char *s = st->s->text;
	size_t k;

	/* "tăng so với năm 2020 (41,5%)": a figure that opens a bracket
	 * right after a period compared with is of that period. */
	if ((k = compared_in_bracket(st, n->start)) < st->nperiods) {
		*out = st->periods[k].span;
		*own = true;
		return true;
	}
	/* "40,3% năm 2015", "4,7% của cùng kỳ năm 2021": a year written
	 * right after the figure, or after the end of the range it begins
	 * ("9 - 9,5% năm 2016"). */
	size_t end = n->end;

	if (has_flag(n, "range_lo") && i + 1 < st->s->nnums &&
	    has_flag(&st->s->nums[i + 1], "range_hi"))
		end = st->s->nums[i + 1].end;
	for (k = 0; k < st->nperiods; k++) {
		const struct period_hit *p = &st->periods[k];

		if (right_after(cx, s, end, p) && !p->guarded &&
		    (!p->relative || p->of_period) && st->attached[k]) {
			*out = p->span;
			*own = true;
			return true;
		}
	}
	*own = false;
	for (k = st->nperiods; k-- > 0;) {
		const struct period_hit *p = &st->periods[k];

		if (p->end <= n->start && !p->guarded && !st->attached[k] &&
		    !(st->brackets && closed_between(s, p->end, n->start))) {
			*out = p->span;
			return true;
		}
	}
	for (k = 0; k < st->nperiods; k++) {
		const struct period_hit *p = &st->periods[k];

		/* Not across a contrast: "ước giảm 7,4%, trong khi năm
		 * 2019 tăng 6,47%" is 2020's figure, then 2019's. */
		if (p->start >= n->end && p->start < ce && p->start < next_start &&
		    !p->guarded && !st->attached[k] &&
		    !find(cx->period_after_stop, s, n->end, p->start, NULL)) {
			*out = p->span;
			return true;
		}
	}
	/* "tháng 6/2021 đạt 56,9 tỷ USD ... Trong đó, trị giá xuất khẩu
	 * đạt 28,3 tỷ USD" in a report on 6 months: the month. */
	if (st->continues && ctx->last_row_period.y1 > 0) {
		*out = ctx->last_row_period;
		return true;
	}
	if (ctx->period.y1 > 0) {
		*out = ctx->period;
		return true;
	}
	return false;
}

/*
 * A month, quarter or run of months named without a year, with none
 * named before in the text, takes the year of the document's date; one
 * that would then begin more than a month after that date is of the
 * year before ("Tháng 12, CPI tăng 0,3%" published in January 2024 is
 * 2023-12; "quý II" planned in March is still this year's).
 */
static void
before_publication(struct sentence *st, const struct context *ctx)
{
	int now = month_index(ctx->doc_y, ctx->doc_m);

	if (ctx->doc_y <= 0 || ctx->doc_m <= 0)
		return;
	for (size_t k = 0; k < st->nperiods; k++) {
		struct span *sp = &st->periods[k].span;

		/* "phấn đấu quý III tăng 10,6%": a target's periods are
		 * the ones to come. */
		if (st->periods[k].yearless &&
		    st->target_at > st->periods[k].start &&
		    month_index(sp->y1, sp->m1) > now + 1) {
			sp->y1--;
			sp->y2--;
		}
	}
}

/* Marks the period expressions written right after a figure ("8,56% của
 * quý II/2022", "từ 40,3% năm 2015"): the figure's own, not the period
 * the next sentences go on with. */
static void
attach_periods(struct cx_rules *cx, struct sentence *st)
{
	const struct csent *s = st->s;

	for (size_t k = 0; k < st->nperiods; k++) {
		st->attached[k] = false;
		for (size_t i = 0; i < s->nnums; i++) {
			const struct cnum *n = &s->nums[i];

			if (!is_figure(n))
				continue;
			if (right_after(cx, s->text, n->end, &st->periods[k]))
				st->attached[k] = true;
		}
	}
}

/* Is a figure of s in (from, to)? */
static bool
figure_between(const struct csent *s, size_t from, size_t to)
{
	for (size_t k = 0; k < s->nnums; k++)
		if (s->nums[k].start > from && s->nums[k].start < to &&
		    is_figure(&s->nums[k]))
			return true;
	return false;
}

/* Is period p named (not as a comparison) in (from, to)?  "ước giảm
 * 7,4%, trong khi năm 2019 tăng 6,47%" names the second figure's. */
static bool
named_between(const struct sentence *st, const struct span *p, size_t from,
    size_t to)
{
	for (size_t k = 0; k < st->nperiods; k++)
		if (st->periods[k].start > from && st->periods[k].end <= to &&
		    !st->periods[k].guarded &&
		    memcmp(&st->periods[k].span, p, sizeof(*p)) == 0)
			return true;
	return false;
}

/* Does a plan's cue at cue in t name figure n, with its label lab
 * right after it, in the same words, and the figure right after that
 * ("liệu tỉnh có đạt chỉ tiêu tăng trưởng 9 - 9,5%": the figure is the
 * plan, whatever is said of reaching it; not "đạt 96,2% kế hoạch, nhập
 * khẩu 280 triệu")? */
enum { CUE_LABEL_GAP = 16, LABEL_FIGURE_GAP = 12 };

static bool
names_figure(const char *t, size_t cue, const struct hit *lab,
    const struct cnum *n)
{
	return lab != NULL && lab->start > cue &&
	    lab->start - cue <= CUE_LABEL_GAP &&
	    memchr(t + cue, ',', lab->start - cue) == NULL &&
	    lab->end <= n->start && n->start - lab->end <= LABEL_FIGURE_GAP;
}

/* The last estimate or forecast cue ("ước", "dự báo") in t[0..to): its
 * start in *at. */
static bool
estimate_cue_before(struct cx_rules *cx, const char *t, size_t to,
    size_t *at)
{
	size_t f;
	bool est = find_last(cx->estimate, t, 0, to, at, NULL);

	if (cx->forecast && find_last(cx->forecast, t, 0, to, &f, NULL) &&
	    (!est || f > *at)) {
		*at = f;
		est = true;
	}
	return est;
}

static bool within(const struct span *a, const struct span *b);

static const char *
pick_status(struct cx_rules *cx, const struct sentence *st,
    const struct cnum *n, const struct hit *lab, size_t cs,
    const struct span *period, bool dated, const struct context *ctx)
{
	const char *s = st->s->text;
	int doc_pos = 0;	/* the period against the document's date */
	size_t at;

	if (dated && period->y1 > 0)
		doc_pos = -span_cmp_month(period, ctx->doc_y, ctx->doc_m);
	/* doc_pos: 1 the period is still to come, 0 under way, -1 ended. */
	if (st->target_at < n->start)
		return "target";
	if (carried(&ctx->target, st->s->lineno))
		return "target";
	if (carried(&ctx->estimate, st->s->lineno) && (doc_pos >= 0 ||
	    ctx->estimate.period.y1 == 0 || memcmp(period,
	    &ctx->estimate.period, sizeof(*period)) == 0 ||
	    (ctx->estimate.parts && within(period, &ctx->estimate.period))))
		return "estimate";
	/* "ADB dự báo mức 6% cho năm 2026": a forecast, not a plan, even
	 * of a period still to come; like an estimate cue, for the rest of
	 * its sentence ("Xuất khẩu được dự báo tăng 5,8%; CPI tăng 3,5%"). */
	if (cx->forecast && find(cx->forecast, s, 0, n->start, NULL))
		return "estimate";
	if (dated && doc_pos > 0)
		return "target";
	/* kế hoạch, chỉ tiêu: targets for a period not yet ended. */
	if (dated && doc_pos >= 0 && period->y1 > 0) {
		size_t from = cs;

		/* Not one in an aside closed before the figure: "(kế
		 * hoạch năm 2023 là 11.000 tỷ đồng), vượt 13,6% dự toán". */
		while (find(cx->target_weak, s, from, n->start, &at)) {
			if ((!find(cx->weak_negated, s, cs, at, NULL) ||
			    names_figure(s, at, lab, n)) &&
			    !(st->brackets && closed_between(s, at, n->start)))
				return "target";
			from = at + 1;
		}
	}
	/* An estimate cue holds for the rest of its sentence: "tháng 10
	 * ước đạt 71,9 tỷ USD; 10 tháng ... trong đó xuất khẩu tăng 14,9%;
	 * nhập khẩu tăng 16,8%" (the months so far hold the estimated one). */
	if (find(cx->estimate, s, 0, n->start, NULL))
		return "estimate";
	/* "dự kiến" of a year after the one an undated report is about
	 * ("Kinh tế - xã hội năm 2016 ... Năm 2017, thành phố dự kiến
	 * GRDP đạt 8%; kim ngạch xuất khẩu 1.650 triệu USD") is still to
	 * come, like a strong cue, for the rest of its sentence. */
	if (!dated && ctx->first_year > 0 && period->y1 > ctx->first_year &&
	    find(cx->tentative, s, 0, n->start, NULL))
		return "target";
	if (find(cx->tentative, s, cs, n->start, NULL))
		return "estimate";
	if (dated && period->y1 > 0 && doc_pos == 0)
		return "estimate";
	return "actual";
}

enum { REFERENCE_REACH = 32 };	/* bytes before a figure: "so với mức " */

/* Is figure n the one another is compared with ("tăng so với mức 29,92%
 * năm 2020", "so với năm 2020 (41,5%)"; context.yaml reference)? */
static bool
is_reference(struct cx_rules *cx, const char *t, size_t cs,
    const struct cnum *n)
{
	return cx->reference != NULL && find(cx->reference, t,
	    window_before(t, cs, n->start, REFERENCE_REACH), n->start, NULL);
}

/* The verb of figure n: the nearest before it in its own words [from,
 * n->start); for a figure joined to the one before by a mere "và" or
 * comma ("tăng 8,2% và 5,1%"), with none of its own, that one's.  None
 * for the figure a comparison is made with (*ref, if ref is not NULL):
 * the verb before it is the other figure's. */
static enum verb
figure_verb(struct cx_rules *cx, const char *t, size_t cs, size_t from,
    const struct cnum *n, bool *ref)
{
	enum verb verb;
	bool reference = is_reference(cx, t, cs, n);

	if (ref != NULL)
		*ref = reference;
	if (reference)
		return V_NONE;
	/* "tăng gần 10%, chính xác là 9,98%": the figure before, again. */
	if (cx->restated && from > cs && find(cx->restated, t, from, n->start,
	    NULL))
		return last_verb(cx, t, cs, from, NULL);
	verb = last_verb(cx, t, from, n->start, NULL);

	if (verb == V_NONE && from > cs && n->start - from <= SHARED_VERB_GAP)
		verb = last_verb(cx, t, cs, from, NULL);
	return verb;
}

/* An average annual rate: "/năm" after figure n, or "bình quân" before
 * it in its clause [cs, ce) over a span of years ("bình quân 6 tháng" is
 * a period, not a rate). */
static bool
avg_rate(struct cx_rules *cx, const char *t, const struct cnum *n,
    size_t cs, size_t ce, const struct span *period)
{
	size_t pct = n->end;

	/* "9,6%/năm": tag-numbers may keep the "/năm" in the mention. */
	while (pct > n->start && t[pct - 1] != '%')
		pct--;
	return find_at(cx->per_year, t, n->end, ce) || (pct > n->start &&
	    pct < n->end && find_at(cx->per_year, t, pct, n->end)) ||
	    (find(cx->average, t, cs, n->start, NULL) && period->y1 > 0 &&
	    period->y2 > period->y1);
}

/* Of patterns v[0..n), those whose gate the sentence being classified
 * passes, bit i for v[i] (the first 64): one out of it has no match in
 * any part of the sentence (may_match() says so of every part). */
static uint64_t
gate_mask(struct rx **v, size_t n)
{
	uint64_t m = 0;

	fold_sentence();
	for (size_t i = 0; i < n && i < 64; i++) {
		const struct cx_pat *pat = v[i]->user;

		if (pat == NULL || pat->req == NULL ||
		    litreq_gate_may(pat->req, &pat->gate, &fidx))
			m |= (uint64_t)1 << i;
	}
	return m;
}

/* Bytes before a label within which what names its subject (a
 * component, "trong đó") begins: some 25 words, some 8. */
enum { SUBJECT_REACH = 120, SUBJECT_VERB_REACH = 64, LEAD_REACH = 40,
    ABROAD_REACH = 24 };

/* The bytes at the start of a sentence within which a period it opens
 * with begins: "Trong quý III, ...", "Tính chung 9 tháng, ...". */
enum { OPENING_REACH = 24 };

/* The longest sentence taken for a title when it ends with no stop:
 * "Quý I/2018: Giá trị sản xuất công nghiệp tăng hơn 12%" repeated under
 * the page's own title is a headline too. */
enum { TITLE_MAX = 160 };

/* Is s a (sub)title: a short sentence with no stop ("Phần II. Nhiệm
 * vụ, giải pháp năm 2024", "Quý I/2018: Giá trị sản xuất công nghiệp
 * tăng hơn 12%")? */
static bool
is_title(const struct csent *s)
{
	return s->len <= TITLE_MAX && s->len > 0 &&
	    strchr(".!?;", s->text[s->len - 1]) == NULL;
}

/* The longest line taken for the end of an article ("Tin liên quan"). */
enum { PAGE_END_MAX = 48 };

/* at moved back over the characters of gap (" ", " ,"), not below lo:
 * where a name standing right before at ends. */
static size_t
trim_back(const char *t, size_t lo, size_t at, const char *gap)
{
	while (at > lo && t[at - 1] != '\0' && strchr(gap, t[at - 1]) != NULL)
		at--;
	return at;
}

/*
 * Whether label lab, of metric mi, is led by component_lead ("trong đó")
 * after a label of the same metric earlier in the sentence: "tổng mức
 * bán lẻ hàng hóa và doanh thu dịch vụ ... trong đó doanh thu bán lẻ
 * hàng hóa đạt 58.120 tỷ đồng" names a part of the indicator, its
 * label the part's name ("trong đó xuất khẩu tăng 14,9%" after a trade
 * total is the export indicator itself).
 */
static bool
led_part(struct cx_rules *cx, const struct sentence *st,
    const struct hit *lab, int mi)
{
	const char *t = st->s->text;
	size_t from = window_before(t, 0, lab->start, LEAD_REACH), at, end;

	/* Nothing but spaces and commas between the lead and the label
	 * ("trong đó doanh thu", "Trong đó, doanh thu"). */
	if (cx->component_lead == NULL || !find_last(cx->component_lead, t,
	    from, lab->start, &at, &end) ||
	    trim_back(t, end, lab->start, " ,") != end)
		return false;
	for (size_t k = 0; k < st->nlabels && st->labels[k].start < at; k++)
		if (cx->labels[st->labels[k].who].metric == mi)
			return true;
	return false;
}

/*
 * A component whose name ends where the label begins (spaces apart, or
 * a subject_verb: "Khu Công nghệ cao TP.HCM đạt giá trị xuất khẩu"), in
 * the clause from cs: [*at, *end) when there is one.  Only right before
 * the label: a part named earlier in the clause is another figure's
 * ("khu vực dịch vụ tăng 5%, GRDP tăng 7%").
 */
static void
subject_component(struct cx_rules *cx, const struct sentence *st,
    const char *t, size_t cs, size_t label_at, size_t *at, size_t *end)
{
	size_t to = trim_back(t, cs, label_at, " "), v;

	if (cx->subject_verb && find_last(cx->subject_verb, t,
	    window_before(t, cs, to, SUBJECT_VERB_REACH), to, &v, NULL))
		to = trim_back(t, cs, v, " ");
	size_t from = window_before(t, cs, to, SUBJECT_REACH);
	for (size_t c = 0; c < cx->ncomponents; c++) {
		size_t a, e;

		if ((c >= 64 || (st->components >> c & 1)) &&
		    find_last(cx->components[c], t, from, to, &a, &e) &&
		    e == to && (*end == 0 || a < *at)) {
			*at = a;
			*end = e;
		}
	}
}

/*
 * "bằng 99,81% so với tháng trước (giảm 0,19%)": a figure in brackets
 * opened after the row before it, of the same sentence, indicator,
 * measure and value, says that row again.
 */
static bool
restated(const struct crow *row, const struct crows *out, const char *t)
{
	const struct crow *prev = out->n > 0 ? &out->v[out->n - 1] : NULL;

	return prev != NULL && prev->sno == row->sno &&
	    prev->end <= row->start && prev->metric == row->metric &&
	    strcmp(prev->measure, row->measure) == 0 &&
	    strcmp(prev->value, row->value) == 0 &&
	    memchr(t + prev->end, '(', row->start - prev->end) != NULL;
}

/* "khu vực kinh tế trong nước đạt 1.061,6 triệu USD, tăng 12,5%": a
 * figure with no label of its own goes on the row before it in its
 * clause, and so on the part that row is about. */
static void
same_part(const struct crow *prev, const struct csent *s, size_t cs, int mi,
    const struct cx_rules *cx, struct crow *row)
{
	if (prev->sno == s->sno && prev->start >= cs && *prev->component &&
	    strcmp(prev->metric, cx->m[mi].id) == 0)
		copy_str(row->component, sizeof(row->component),
		    prev->component);
}

/* Has the document given a row of metric id's total (no part) before
 * byte pos of sentence sno (ULONG_MAX: anywhere), after its first
 * from_sno sentences, by a rule other than rule (NULL: any)?  Not its own
 * figures after an exclusion: in "xuất khẩu (không kể dầu thô) đạt
 * 2.960,5 triệu USD, giảm 14,8%" the level is no total of the change. */
static bool
total_before_at(const struct crows *out, const char *id, unsigned long sno,
    size_t pos, const char *rule, unsigned long from_sno)
{
	for (size_t k = 0; k < out->n; k++)
		if (!out->v[k].component[0] && !out->v[k].sans &&
		    out->v[k].sno > from_sno &&
		    strcmp(out->v[k].metric, id) == 0 &&
		    (rule == NULL || strcmp(out->v[k].rule, rule) != 0) &&
		    (sno == ULONG_MAX || out->v[k].sno < sno ||
		    (out->v[k].sno == sno && out->v[k].start < pos)))
			return true;
	return false;
}

/* Has the document given a row of metric id's total (no part) before?
 * Then "trong đó, ..." (component_lead) leads a part of it. */
static bool
total_before(const struct crows *out, const char *id)
{
	return total_before_at(out, id, ULONG_MAX, 0, NULL, 0);
}

/* The span of years named last before pos, in the sentence or before
 * it, into *out if there is one. */
static void
last_span(const struct sentence *st, size_t pos, const struct context *ctx,
    struct span *out)
{
	for (size_t k = st->nperiods; k-- > 0;)
		if (st->periods[k].start < pos && !st->periods[k].guarded &&
		    st->periods[k].span.y1 < st->periods[k].span.y2) {
			*out = st->periods[k].span;
			return;
		}
	if (ctx->last_span.y1 > 0)
		*out = ctx->last_span;
}

/* Gives one figure its row, or says why it has none. */
static void
classify_figure(struct cx_rules *cx, struct sentence *st, size_t i,
    const struct context *ctx, int *prev_label, struct crows *out)
{
	const struct csent *s = st->s;
	const struct cnum *n = &s->nums[i];
	const char *t = s->text;
	const struct hit *lab;
	struct respective rs;
	size_t cs, ce, from, next_start = s->len, at, end;
	int li, mi;
	struct crow row;
	struct span period = { 0, 0, 0, 0 };
	enum verb verb;
	const char *unit = n->unit;
	bool plan_before = false;	/* a plan named before, opening the clause */
	bool compared_before = false;	/* "so với tháng trước, bằng X%" */
	bool times = strcmp(n->unit, "times") == 0;	/* "gấp 2,3 lần" */
	bool own;		/* the period is written right after it */
	enum aside aside;

	cx_stats.figures++;
	/* With no label in the sentence and none carried on, pick_label()
	 * has none to give: the clause's words need not be read. */
	if (st->nlabels == 0 && *prev_label < 0 && st->list_label < 0 &&
	    (cx->ranked == NULL || st->topic_label < 0)) {
		why(out, s, n, "no indicator label in its clause%s", NULL);
		return;
	}
	clause_of(s, n->start, &cs, &ce);
	aside = aside_of(cx, st, s->text, cs, n->start);
	rs = respective_of(cx, s, i, cs, ce);
	li = pick_label(cx, st, i, cs, ce, *prev_label, &rs, &lab);
	if (li < 0) {
		why(out, s, n, "no indicator label in its clause%s", NULL);
		return;
	}
	*prev_label = li;
	mi = cx->labels[li].metric;
	memset(&row, 0, sizeof(row));

	/* Where this figure's own words start: after the previous figure
	 * of the clause, else at the clause start. */
	from = cs;
	for (size_t k = 0; k < i; k++)
		if (is_figure(&s->nums[k]) && s->nums[k].end <= n->start &&
		    s->nums[k].end > from)
			from = s->nums[k].end;
	for (size_t k = i + 1; k < s->nnums; k++)
		if (is_figure(&s->nums[k])) {
			next_start = s->nums[k].start;
			break;
		}

	size_t lab_end = lab && lab->end <= n->start ? lab->end : from;
	if (lab_end < cs)
		lab_end = cs;
	/* "của toàn vùng chỉ đạt 4,9%, thấp hơn mức tăng 5,05% của cả
	 * nước": a figure whose own area follows it is not skipped for
	 * another's named before. */
	if ((any_find(cx->skips, cx->nskips, t, cs, n->start) &&
	    !find_at(cx->own_after, t, n->end, ce)) ||
	    (cx->skip_after && find_at(cx->skip_after, t, n->end, ce))) {
		why(out, s, n, "a stock, a region or another subject (skip "
		    "rule)%s", NULL);
		return;
	}
	if (ctx->abroad) {
		why(out, s, n, "in a document about another country (abroad, "
		    "headline)%s", NULL);
		return;
	}
	/* "Kinh tế Thái Lan ... tăng 2,3%", "CPI của Mỹ tăng 3,2%": from
	 * a few words before the label on. */
	size_t subject = window_before(t, cs, lab && lab->start < n->start ?
	    lab->start : from, ABROAD_REACH);

	for (size_t k = 0; k < cx->nabroad; k++)
		if (find(cx->abroad[k], t, subject, n->start, NULL)) {
			why(out, s, n, "about another country (abroad '%s')",
			    cx->abroad[k]->at ? cx->abroad[k]->at->str : "");
			return;
		}
	if (!st->masked) {
		bool gated = cur_s == s;	/* the prefilter is on */

		st->blockers = gated ? gate_mask(cx->blockers, cx->nblockers) :
		    ~(uint64_t)0;
		st->components = gated ? gate_mask(cx->components,
		    cx->ncomponents) : ~(uint64_t)0;
		st->masked = true;
	}
	for (size_t b = 0; b < cx->nblockers; b++)
		if ((b >= 64 || (st->blockers >> b & 1)) &&
		    find(cx->blockers[b], t, lab_end, n->start, &at)) {
			why(out, s, n, "about another subject (blocker '%s')",
			    cx->blockers[b]->at ? cx->blockers[b]->at->str : "");
			return;
		}

	/* A component: a part named between the label and the figure. */
	at = end = 0;
	for (size_t c = 0; c < cx->ncomponents; c++) {
		/* An exclusion may open the clause ("nếu trừ sản phẩm lọc
		 * hóa dầu, GTSX công nghiệp ước đạt 4.815 tỷ đồng"), and is
		 * a part only after a total. */
		bool exclusion = c >= cx->nparts;
		size_t a = 0, e = 0;

		if (!((c >= 64 || (st->components >> c & 1)) &&
		    find_last(cx->components[c], t, exclusion ? cs : lab_end,
		    n->start, &a, &e) && a >= at))
			continue;
		/* A headline's figure ("xuất khẩu tăng 10,2%") is the
		 * body's, said first: no total of the body's part.  With no
		 * total, the figure without the part is the indicator's,
		 * and no total of a later one ("GRDP (không kể dầu khí)"). */
		if (exclusion && !total_before_at(out, cx->m[mi].id, s->sno, a,
		    NULL, s->sno > cx->headline_sentences ?
		    cx->headline_sentences : 0)) {
			row.sans = true;
			continue;
		}
		at = a;
		end = e;
	}
	/* Or the part is the subject the label follows: "khu công nghiệp
	 * VSIP xuất khẩu đạt 2 tỷ USD", "doanh nghiệp FDI xuất khẩu ...". */
	if (end == 0 && lab != NULL && lab->start > cs)
		subject_component(cx, st, t, cs, lab->start, &at, &end);
	if (end > 0)
		copy_text(row.component, sizeof(row.component), t, at, end);
	else if (cx->component_lead && total_before(out, cx->m[mi].id) &&
	    find_last(cx->component_lead, t, lab ? lab_end : cs, n->start,
	    &at, &end)) {
		/* With no label of its own (it goes on the sentence
		 * before), from the clause start: "Trong đó, có 2.754 dự
		 * án mới với tổng vốn 11,7 tỷ USD, tăng 12,1%". */
		size_t stop = n->start;

		if (find(cx->component_end, t, end, n->start, &stop) && stop > end)
			copy_text(row.component, sizeof(row.component), t, end, stop);
		if (row.component[0] == '\0')
			snprintf(row.component, sizeof(row.component), "trong đó");
	} else if (lab != NULL && led_part(cx, st, lab, mi))
		copy_text(row.component, sizeof(row.component), t, lab->start,
		    lab->end);
	else if (lab == NULL && out->n > 0)
		same_part(&out->v[out->n - 1], s, cs, mi, cx, &row);
	/* "doanh thu bán lẻ hàng hóa", "thu nội địa" (part_labels): a part
	 * of a total given before the label by another rule; a report on
	 * the part alone ("Thu nội địa 10 tháng đạt 2.345 tỷ đồng, ... Riêng
	 * tháng 10, thu nội địa đạt 215 tỷ đồng") gives it as the figure. */
	else if (lab != NULL && cx->labels[li].part &&
	    total_before_at(out, cx->m[mi].id, s->sno, lab->start,
	    cx->labels[li].where, 0))
		copy_text(row.component, sizeof(row.component), t, lab->start,
		    lab->end);
	else if (ctx->part[0] != '\0')
		copy_str(row.component, sizeof(row.component), ctx->part);
	/* "tổng thu ngân sách trên địa bàn thành phố Nha Trang ước đạt
	 * 5.236 tỷ đồng": a town's figure that is no named part ("Riêng
	 * huyện Yên Phong ...": a component) is no row of the province. */
	if (row.component[0] == '\0' && in_town(cx, st, n, ctx->doc_city)) {
		why(out, s, n, "about a town or district, not the province%s",
		    "");
		return;
	}

	const char *after_basis = pick_basis(cx, t, n->end, next_start < ce ?
	    next_start : ce);
	if (respective_period(cx, st, &rs, cs, &period))
		own = false;
	else if (!pick_period(cx, st, i, ce, next_start, ctx, &period, &own))
		period.y1 = 0;
	if (aside == ASIDE_LAST_YEAR && period.y1 > 0) {
		period.y1--;
		period.y2--;
	}
	/* "CPI tháng 12/2022 tăng 4,35% so với tháng 12/2021": December
	 * of the year before (prev_period for the months since) is, for a
	 * December, the same month a year before. */
	if (after_basis != NULL && strcmp(after_basis, "prev_period") == 0 &&
	    period.y1 != 0 && period.m1 == 12 && period.m2 == 12 &&
	    period.y1 == period.y2) {
		const char *b = basis_of_compared(st, n->end,
		    next_start < ce ? next_start : ce, &period);

		if (b != NULL && strcmp(b, "yoy") == 0)
			after_basis = b;
	}
	/* A percent's basis may also be told by a named period after it
	 * ("so với tháng 5"; not "cao hơn quý I", rates set side by side),
	 * or by a comparison opening the clause ("So với tháng trước, CPI
	 * tăng 0,2%"), for the figures that name none of their own. */
	if (after_basis == NULL && (is_percent(n) || times)) {
		if (period.y1 != 0 && find_at(cx->compare_after, t, n->end, ce))
			after_basis = basis_of_compared(st, n->end,
			    next_start < ce ? next_start : ce, &period);
		/* Before the label, or before the figure when the label
		 * is carried ("So với tháng trước tăng 2,4%"). */
		size_t cut = lab != NULL ? lab->start : n->start;

		/* "giảm nhẹ so với tháng trước, bằng 99,78%", "..., còn
		 * so với cùng kỳ tăng 3,97%": the comparison right before
		 * the figure's verb, nearer than one opening the clause. */
		size_t cmp_at;

		if (after_basis == NULL && find(cx->compare_before, t,
		    window_before(t, cs, n->start, SUBJECT_REACH), n->start,
		    &cmp_at) && (after_basis = pick_basis(cx, t, cmp_at,
		    n->start)) != NULL)
			compared_before = true;
		if (after_basis == NULL && cut > cs &&
		    find_at(cx->compare_after, t, cs, cut)) {
			after_basis = pick_basis(cx, t, cs, cut);
			/* "So với kế hoạch, ... đạt 95%": a plan ratio. */
			plan_before = after_basis != NULL &&
			    strcmp(after_basis, "plan") == 0;
		}
	}
	if (after_basis && strcmp(after_basis, "skip") == 0) {
		why(out, s, n, "compared with something no basis names%s", NULL);
		return;
	}
	row.measure = "level";
	copy_str(row.value, sizeof(row.value), n->value);
	if (is_percent(n)) {
		/* The cues below are asked only where the answer is read:
		 * each is a search of its own. */
		bool ranged = has_flag(n, "from") || has_flag(n, "to");
		bool plan = !ranged && (plan_before ||
		    find_at(cx->plan_after, t, n->end, ce) ||
		    find_at(cx->plan_before, t, window_before(t, cs, n->start,
		    LEAD_REACH), n->start));

		bool ref = false;	/* compared with: "so với mức 29,92%" */

		verb = ranged ? V_NONE : figure_verb(cx, t, cs, from, n, &ref);

		/* "giảm 0,2 điểm phần trăm", "đóng góp 8,6 điểm phần
		 * trăm": a difference of two rates, which no unit of the
		 * table holds (GUIDELINES.md: a change is a growth rate). */
		if (strcmp(n->unit, "pp") == 0) {
			why(out, s, n, "a difference in percentage points%s",
			    "");
			return;
		}
		copy_str(row.unit, sizeof(row.unit), "%");
		if (ranged) {
			row.measure = "level";
		} else if (verb == V_EXCEED && plan) {
			row.measure = "change";
			row.basis = "plan";
		} else if (plan && (verb == V_RATIO || verb == V_NONE)) {
			row.measure = "plan_ratio";
			row.basis = "plan";
		} else if (verb == V_INC || verb == V_DEC || verb == V_EXCEED ||
		    ((verb == V_RATIO || ref) && find(cx->growth, t, cs,
		    n->start, NULL))) {
			/* "Mức tăng này thấp hơn mức 13,2% của năm 2018":
			 * a growth rate compared with is one too. */
			row.measure = "change";
			if (verb == V_DEC)
				change_value(n->value, false, row.value,
				    sizeof(row.value));
		} else if ((verb == V_NONE || verb == V_RATIO) &&
		    (n->value[0] == '-' || (n->start > 0 &&
		    t[n->start - 1] == '+'))) {
			/* A sign is the verb of a terse line: "TMBL Q1:
			 * 17.650 tỷ đ, +11,8%", "đạt 226,5 tr.USD, -4,7%". */
			row.measure = "change";
		} else if (verb == V_RATIO && (((find_at(cx->compare_after, t,
		    n->end, ce) || compared_before ||
		    aside == ASIDE_LAST_YEAR) &&
		    (index_like(n->value) || find(cx->index_verb, t,
		    window_before(t, cs, n->start, LEAD_REACH), n->start,
		    NULL))) || (cx->m[mi].pct == PCT_CHANGE &&
		    index_like(n->value) && find(cx->index_verb, t,
		    window_before(t, cs, n->start, LEAD_REACH), n->start,
		    NULL)))) {
			/* "bằng 99,2% so với tháng trước", "(cùng kỳ bằng
			 * 111,35%)", "bằng 43% cùng kỳ": an index, -0.8;
			 * "CPI bình quân 6 tháng bằng 103,05%", of a rate's
			 * indicator, with no comparison written, too. */
			row.measure = "change";
			change_value(n->value, true, row.value, sizeof(row.value));
		} else if (cx->m[mi].pct == PCT_LEVEL) {
			row.measure = "level";
		} else if (verb == V_SHARE) {
			why(out, s, n, "a share (chiếm) of %s", cx->m[mi].id);
			return;
		} else if (cx->m[mi].pct == PCT_CHANGE) {
			row.measure = "change";
		} else {
			why(out, s, n, "a percent with no measure cue for %s",
			    cx->m[mi].id);
			return;
		}
		if (strcmp(row.measure, "change") == 0 && row.basis == NULL) {
			row.basis = after_basis ? after_basis :
			    avg_rate(cx, t, n, cs, ce, &period) ?
			    "avg_annual" : "yoy";
			row.basis_default = after_basis == NULL &&
			    strcmp(row.basis, "yoy") == 0;
			/* "Giai đoạn 2016-2020, ... Giá trị sản xuất công
			 * nghiệp tăng bình quân 9,6%/năm": over the span
			 * of years named last. */
			if (strcmp(row.basis, "avg_annual") == 0 &&
			    period.y1 == period.y2)
				last_span(st, n->start, ctx, &period);
		}
		if (strcmp(row.measure, "level") == 0 &&
		    !unit_allowed(&cx->m[mi], "%")) {
			why(out, s, n, "%s has no percent level", cx->m[mi].id);
			return;
		}
	} else if (times) {
		/* "gấp 2,3 lần cùng kỳ" is a change of 130%: only right
		 * after "gấp" and with what it multiplies written after. */
		if (cx->times == NULL || after_basis == NULL ||
		    !find(cx->times, t, from, n->start, NULL) ||
		    !times_change(n->value, row.value, sizeof(row.value))) {
			why(out, s, n, "a multiple (lần) with no 'gấp' or no "
			    "comparison%s", "");
			return;
		}
		row.measure = "change";
		row.basis = after_basis;
		copy_str(row.unit, sizeof(row.unit), "%");
	} else {
		if (*unit == '\0') {
			unit = inherit_unit(s, i, &cx->m[mi]);
			/* "58.432,1" in a table, "nhóm 5 địa phương": money
			 * is written with a scale word or its unit. */
			if (!has_flag(n, "scaled") && in_list(cx->scaled_units,
			    unit)) {
				why(out, s, n, "a bare number, no scale word or "
				    "unit for %s", unit);
				return;
			}
		}
		/* The verb tells only with a basis after the figure
		 * ("vượt hơn 3.600 tỷ đồng so với dự toán"). */
		if (after_basis != NULL && ((verb = figure_verb(cx, t, cs,
		    from, n, NULL)) == V_INC || verb == V_DEC ||
		    verb == V_EXCEED)) {
			why(out, s, n, "an absolute change (%s)", "no measure for it");
			return;
		}
		if (!unit_allowed(&cx->m[mi], unit)) {
			int to = -1;

			for (size_t f = 0; f < cx->m[mi].nfallback; f++)
				if (strcmp(cx->m[mi].fallback[f].unit, unit) == 0)
					to = cx->m[mi].fallback[f].metric;
			if (to < 0) {
				why(out, s, n, "unit '%s' does not fit the indicator",
				    unit);
				return;
			}
			mi = to;
		}
		copy_str(row.unit, sizeof(row.unit), unit);
	}

	if (!own && row.basis != NULL && strcmp(row.basis, "prev_period") == 0)
		last_part(cx, t, cs, ce, &period);
	/* A share is had at a time, not summed over years: in a span of
	 * years in force ("tăng trưởng bình quân giai đoạn 2021-2030 đạt
	 * 10,5%/năm; tỷ trọng công nghiệp - xây dựng đạt 55%") it is of the
	 * span's last year. */
	if (!own && strcmp(row.measure, "level") == 0 &&
	    strcmp(row.unit, "%") == 0 && period.y1 > 0 &&
	    period.y1 < period.y2) {
		period.y1 = period.y2;
		period.m1 = 1;
	}
	bool dated = ctx->doc_y > 0;
	span_format(&period, row.period, sizeof(row.period));
	/* A clause that goes on the one before shares its cues. */
	row.status = aside != NO_ASIDE ? "actual" :
	    pick_status(cx, st, n, lab, lab ? cs : 0, &period, dated, ctx);
	/* "đạt 76.500 tỷ đồng, tăng 12% so với mức 68.300 tỷ đồng thực hiện
	 * năm 2020" after "Năm 2021, ngành phấn đấu": a figure whose own
	 * year, written right after it, ended before the year of publication
	 * is no target, whatever cue stands before it; nor an estimate by a
	 * cue of another figure, its period written after that figure ("9
	 * tháng ước tăng 8,02%, cao hơn mức tăng 7,91% của 9 tháng năm
	 * 2016", "ước giảm 7,4%, trong khi năm 2019 tăng 6,47%"). */
	if (ctx->doc_y > 0 && period.y2 < ctx->doc_y &&
	    ((own && strcmp(row.status, "target") == 0) ||
	    (strcmp(row.status, "estimate") == 0 &&
	    (own || named_between(st, &period, 0, n->start)) &&
	    estimate_cue_before(cx, t, n->start, &at) &&
	    figure_between(s, at, n->start) &&
	    (own || named_between(st, &period, at, n->start)))))
		row.status = "actual";
	row.metric = cx->m[mi].id;
	row.approx = n->approx;
	row.milestone = cx->milestone && find(cx->milestone, t,
	    window_before(t, cs, n->start, LEAD_REACH), n->end, NULL);
	row.sno = s->sno;
	row.title = is_title(s);
	row.start = n->start;
	row.end = n->end;
	if (row.basis == NULL)
		row.basis = "";
	copy_str(row.rule, sizeof(row.rule), cx->labels[li].where);
	copy_str(row.place, sizeof(row.place), st->place);
	copy_text(row.evidence, sizeof(row.evidence), t,
	    lab && lab->start < n->start ? lab->start : from, n->end);
	if (restated(&row, out, t)) {
		why(out, s, n, "the figure before it, restated in brackets%s",
		    NULL);
		return;
	}

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 32;
		out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	out->v[out->n++] = row;
	st->row_period = period;
}

/*
 * Is the document about another country's economy: its headline (first
 * sentence) names one (abroad) and neither the country itself (home)
 * nor a province?  "Kinh tế Thái Lan quý II tăng trưởng 2,3%", and then
 * "nước này", "nhập khẩu quý II đạt 72,1 tỷ USD" with no name.
 */
static bool
headline_abroad(struct cx_rules *cx, const struct cdoc *doc)
{
	const struct csent *s = doc->sents;
	bool abroad = false;

	if (doc->nsents == 0)
		return false;
	/* With the prefilter on: most headlines hold none of the names. */
	set_sentence(s);
	for (size_t k = 0; k < cx->nabroad && !abroad; k++)
		abroad = find(cx->abroad[k], s->text, 0, s->len, NULL);
	abroad = abroad && !(cx->home && find(cx->home, s->text, 0, s->len,
	    NULL));
	set_sentence(NULL);
	if (!abroad)
		return false;
	return !province_named(cx, s->text, s->len);
}

/* Is the document about a part (one park, one company): does its
 * headline open with one (headline_part, "KHU CÔNG NGHIỆP HÒA PHÚ ĐÔNG:
 * ...")?  Then its figures are that part's. */
static void
headline_part(struct cx_rules *cx, const struct cdoc *doc,
    struct context *ctx)
{
	PCRE2_SIZE *ov;

	ctx->part[0] = '\0';
	if (doc->nsents > 0 && cx->headline_part && rx_match(cx->headline_part,
	    doc->sents[0].text, doc->sents[0].len, 0, &ov))
		copy_text(ctx->part, sizeof(ctx->part), doc->sents[0].text,
		    ov[0], ov[1]);
}

/*
 * The month that "trong tháng" or "tháng này" (period_hit's of_month)
 * names, written into p's span; false when none is known.  Counted from
 * the publication's month (from: publication), or from the month in
 * force: that of a report on one month, the last of a report on the
 * months so far ("tháng 10 và 10 tháng").  A quarter or a whole year in
 * force names no one month.
 */
static bool
resolve_month(struct period_hit *p, const struct context *ctx)
{
	const struct span *c = &ctx->period;
	int y, m, i;

	if (p->deictic) {
		y = ctx->doc_y;
		m = ctx->doc_m;
	} else if (c->y1 > 0 && c->y1 == c->y2 && (c->m1 == c->m2 ||
	    (c->m1 == 1 && c->m2 < 12))) {
		y = c->y2;
		m = c->m2;
	} else
		return false;
	if (y <= 0 || m <= 0)
		return false;
	i = month_index(y, m) + p->month_offset;
	p->span = (struct span){ i / 12, i % 12 + 1, i / 12, i % 12 + 1 };
	return true;
}

/* "Cùng kỳ năm 2019, con số này là 9,5%" (period_hit's of_period): the
 * months of the period named before hit k in its sentence, else of the
 * one in force, within one year, in the year p names; with none such,
 * that whole year. */
static void
resolve_same(struct period_hit *p, const struct sentence *st, size_t k,
    const struct context *ctx)
{
	const struct span *c = &ctx->period;

	for (size_t j = k; j-- > 0;)
		if (!st->periods[j].guarded && !st->periods[j].relative) {
			c = &st->periods[j].span;
			break;
		}
	if (c->y1 > 0 && c->y1 == c->y2) {
		p->span.m1 = c->m1;
		p->span.m2 = c->m2;
	}
}

/* "Tổng vốn đầu tư ... 5 năm đạt 177.800 tỷ đồng" after "Đánh giá giai
 * đoạn 2016-2020": the span of years named last, in the sentence before
 * hit k or before it, when it has as many years as the hit counts. */
static void
resolve_years(struct period_hit *p, const struct sentence *st, size_t k,
    const struct context *ctx)
{
	struct span sp = ctx->last_span;

	for (size_t j = k; j-- > 0;)
		if (!st->periods[j].guarded &&
		    st->periods[j].span.y1 < st->periods[j].span.y2) {
			sp = st->periods[j].span;
			break;
		}
	if (sp.y1 > 0 && sp.y2 - sp.y1 == p->span.y2 - p->span.y1)
		p->span = sp;
}

/* Period expressions hold digits, and tag-numbers has found every digit
 * run: the patterns only look around the numbers of the sentence. */
static void
find_periods(struct cx_rules *cx, struct sentence *st, int year,
    const struct context *ctx, bool any)
{
	static size_t from[MAXHITS], to[MAXHITS];
	const struct csent *s = st->s;
	int now = ctx->doc_y;
	size_t nwin = 0, kept = 0;

	for (size_t k = 0; k < s->nnums && nwin < MAXHITS; k++) {
		size_t a = s->nums[k].start > PERIOD_BEFORE ?
		    s->nums[k].start - PERIOD_BEFORE : 0;
		size_t b = s->nums[k].end + PERIOD_AFTER;

		if (b > s->len)
			b = s->len;
		a = utf8_back(s->text, 0, a);
		if (nwin > 0 && a <= to[nwin - 1]) {
			to[nwin - 1] = b > to[nwin - 1] ? b : to[nwin - 1];
			continue;
		}
		from[nwin] = a;
		to[nwin++] = b;
	}
	fold_sentence();
	st->nperiods = period_find_near(cx->periods, s->text, s->len, year,
	    from, to, nwin, any, fold.p, fmap, &fidx, st->periods, MAXHITS);
	/* "năm nay", "năm ngoái" count from the year of publication, not
	 * from the year the text was about ("Năm 2024 ... Năm nay, tỉnh
	 * phấn đấu" in January 2025 is 2025); with no date, from that. */
	if (now > 0)
		for (size_t k = 0; k < st->nperiods; k++)
			if (st->periods[k].deictic && !st->periods[k].of_month) {
				st->periods[k].span.y1 += now - year;
				st->periods[k].span.y2 += now - year;
			}
	for (size_t k = 0; k < st->nperiods; k++) {
		if (st->periods[k].of_period)
			resolve_same(&st->periods[k], st, k, ctx);
		if (st->periods[k].of_years)
			resolve_years(&st->periods[k], st, k, ctx);
		if (!st->periods[k].of_month ||
		    resolve_month(&st->periods[k], ctx))
			st->periods[kept++] = st->periods[k];
	}
	st->nperiods = kept;
}

/* Has a sentence after sentence si, in the run of sentences on its
 * line, a figure?  (A lead-in's carry-over ends at the first sentence
 * on another line.) */
static bool
figure_later_in_line(const struct cdoc *doc, size_t si)
{
	for (size_t j = si + 1; j < doc->nsents &&
	    doc->sents[j].lineno == doc->sents[si].lineno; j++)
		if (has_figure(&doc->sents[j]))
			return true;
	return false;
}

/* "Trong đó, ngành ... tăng 10,8%": a sentence that opens as a
 * continuation goes on the indicator of the one before (with no label
 * before, the answer is -1 either way). */
static int
continued_label(struct cx_rules *cx, const struct csent *s,
    const struct context *ctx)
{
	return ctx->last_label >= 0 &&
	    find_at(cx->continuation, s->text, 0, s->len) ?
	    ctx->last_label : -1;
}

/* Does the clause at pos hold a target_strong cue ("...; cả năm ngành
 * phấn đấu đạt 140.000 tỷ đồng")?  Its period is the target's. */
static bool
target_clause(struct cx_rules *cx, const struct sentence *st, size_t pos)
{
	size_t cs, ce;

	if (st->target_at == SIZE_MAX)
		return false;
	clause_of(st->s, pos, &cs, &ce);
	return find(cx->target_strong, st->s->text, cs, ce, NULL);
}

/* Is a a part of b, and not all of it? */
static bool
within(const struct span *a, const struct span *b)
{
	int a1 = month_index(a->y1, a->m1), a2 = month_index(a->y2, a->m2);
	int b1 = month_index(b->y1, b->m1), b2 = month_index(b->y2, b->m2);

	return b->y1 > 0 && a1 >= b1 && a2 <= b2 && (a1 != b1 || a2 != b2);
}

/*
 * The period of sentence st that the sentences after it go on with, or
 * -1: the last one it names that is not a comparison nor written right
 * after a figure, with these exceptions.  A span of years only in a
 * lead-in ("Giai đoạn 2021-2025: ..."): else it is the span of an average
 * ("giai đoạn 2021-2024 tăng bình quân 11%/năm").  Not a plan's ("...,
 * trong khi kế hoạch cả năm là tăng 15,5%"; in a sentence that gave
 * rows, "cả năm ngành phấn đấu đạt 140.000 tỷ đồng": with none, "Năm
 * 2023, ngành đặt ra những mục tiêu gì?" is what the answer is about)
 * nor a part of the one in force ("riêng tháng 6, ..."), but in a
 * lead-in.  And a sentence that gave no row does not widen the period in
 * force to its year ("Mùa vải thiều năm 2025, sản lượng vải ..." in a
 * report on the first half of 2025; a lead-in does: "... phấn đấu hoàn
 * thành các chỉ tiêu kế hoạch năm 2016, cụ thể:"), nor set one at all in the middle of a paragraph
 * after rows, unless the sentence opens with it ("Trong quý III, ..."):
 * "Theo các doanh nghiệp, đơn hàng cho quý IV đã khả quan hơn" is said
 * in passing; nor, past the opening, a part of the period in force
 * ("Chỉ số giá tiêu dùng tháng 9 tăng 0,35%" in a report on 9 months).
 * opens_line: the sentence is the first of its line.
 */
static int
context_period(struct cx_rules *cx, const struct sentence *st,
    const struct context *ctx, bool lead, bool gave_rows, bool opens_line,
    bool after_rows)
{
	const char *t = st->s->text;
	const struct period_hit *first = NULL;	/* "Năm 2021 là năm ..." */

	for (size_t k = 0; k < st->nperiods && first == NULL; k++)
		if (!st->periods[k].guarded)
			first = &st->periods[k];
	for (size_t k = st->nperiods; k-- > 0;) {
		const struct period_hit *p = &st->periods[k];
		const struct span *in = &ctx->period;

		/* "Trong tháng" is the month in force, not a new one; "cùng
		 * kỳ năm 2019" an aside about another year. */
		if (p->guarded || st->attached[k] || p->of_month ||
		    p->of_period)
			continue;
		/* A remark quoted with no figure ("\"Năm 2021 kinh tế thành
		 * phố tăng trưởng âm, nên ...\", bà Phương lưu ý"). */
		if (!gave_rows && in_quotes(t, p->start))
			continue;
		/* "tăng 12% so với năm 2018 (năm 2018 đạt 4.670 tỷ đồng)":
		 * the period of an aside in brackets. */
		if (in_brackets(st, p))
			continue;
		/* "Năm 2021 là năm rất khó khăn, nhất là trong quý III":
		 * with no row, a part of the period it names first is said
		 * in passing. */
		if (!gave_rows && !lead && first && p->start > first->start &&
		    within(&p->span, &first->span))
			continue;
		if (p->span.y1 != p->span.y2 && !lead)
			continue;
		/* "(GRDP năm 2025 ước tăng 9,15%.) Theo số liệu chính
		 * thức, GRDP năm 2024 đạt 8,43%": an earlier year's revised
		 * figure, not what the next sentences are about. */
		if (!lead && p->span.y2 < in->y1 && cx->revision &&
		    find_at(cx->revision, t, 0, st->s->len))
			return -1;
		if (!lead && cx->plan_period && find(cx->plan_period, t,
		    window_before(t, 0, p->start, LEAD_REACH), p->start, NULL))
			continue;
		if (!lead && cx->sub_period && find(cx->sub_period, t,
		    window_before(t, 0, p->start, LEAD_REACH), p->start, NULL))
			continue;
		if (!lead && cx->contrast_period && find(cx->contrast_period,
		    t, window_before(t, 0, p->start, LEAD_REACH), p->start,
		    NULL))
			continue;
		if (!lead && gave_rows && target_clause(cx, st, p->start))
			continue;
		if (!gave_rows && !lead && p->span.m1 == 1 && p->span.m2 == 12 &&
		    in->y1 == p->span.y1 && in->y2 == p->span.y1 &&
		    (in->m1 != 1 || in->m2 != 12))
			return -1;
		if (!gave_rows && !lead && !opens_line && after_rows &&
		    p->start > OPENING_REACH && !is_title(st->s))
			return -1;
		/* "Chỉ số giá tiêu dùng tháng 9 tăng 0,35%" in a report
		 * on 9 months: a part of the period in force, named in
		 * passing, not what the next sentences are about (in a
		 * year, "9 tháng" is what a report goes on to). */
		if (!lead && p->start > OPENING_REACH && within(&p->span, in) &&
		    !(in->m1 == 1 && in->m2 == 12))
			return -1;
		return (int)k;
	}
	return -1;
}

static bool
ends_with_colon(const struct csent *s)
{
	size_t n = trim_back(s->text, 0, s->len, " ");

	return n > 0 && s->text[n - 1] == ':';
}

/* Is s a lead-in with an estimate cue before its lead ("các chỉ tiêu năm
 * 2018 ước thực hiện như sau: ...")?  Asked of a sentence with a ':'
 * (the list's lead) only, and the cue only before its last one: most
 * sentences have none, and a search of the whole sentence for the cue
 * cost 2% of the stage. */
static bool
estimate_lead(struct cx_rules *cx, const struct csent *s)
{
	const char *c = memchr(s->text, ':', s->len), *last = NULL;
	size_t e_at;

	for (; c != NULL; c = memchr(c + 1, ':', s->len - (size_t)(c + 1 -
	    s->text)))
		last = c;
	return last != NULL && find(cx->estimate, s->text, 0,
	    (size_t)(last - s->text), &e_at) && find(cx->lead_in, s->text, e_at,
	    s->len, NULL);
}

/* The first period sentence st writes out that is no comparison (not
 * "giá so sánh 2010"), or -1. */
static int
first_written(const struct sentence *st)
{
	for (size_t k = 0; k < st->nperiods; k++)
		if (!st->periods[k].guarded && !st->periods[k].relative)
			return (int)k;
	return -1;
}

/* The first period of st, when it has its year written out and a
 * yearless one follows it, or "cả năm", "trong năm" ("nhiệm vụ thu ngân
 * sách năm 2021, ... cả năm đạt trên 60.000 tỷ đồng"); else -1.  Asides
 * in brackets do not count ("(4 tháng năm 2018 đạt 8.927)"). */
static int
year_then_yearless(const struct sentence *st)
{
	int first = -1;

	for (size_t k = 0; k < st->nperiods; k++) {
		const struct period_hit *p = &st->periods[k];

		if (p->guarded || in_brackets(st, p))
			continue;
		if (p->relative) {
			if (first >= 0 && !p->deictic && !p->of_month &&
			    !p->of_period)
				return first;
			continue;
		}
		/* A bare year ("Tết Nguyên đán Nhâm Dần 2022") is no
		 * period the sentence is about. */
		if (first < 0 && (p->yearless || p->span.y1 != p->span.y2 ||
		    (unsigned char)(st->s->text[p->start] - '0') < 10))
			return -1;
		if (first < 0)
			first = (int)k;
		else if (p->yearless)
			return first;
	}
	return -1;
}

/*
 * Where the article ends: at a line such as "Tin liên quan" (page_end),
 * after which a crawled page lists other articles, whose titles hold
 * figures of other periods and places ("- Thanh Hóa: Kim ngạch xuất khẩu
 * 11 tháng năm 2023 ước đạt 7,9 tỷ USD"); else at upto.  Only after a
 * figure: such a box above the article (a sidebar the crawl put first)
 * ends nothing.
 */
static size_t
article_end(struct cx_rules *cx, const struct cdoc *doc, size_t upto)
{
	bool figure = false;

	for (size_t si = 0; cx->page_end && si < upto; si++) {
		const struct csent *s = &doc->sents[si];

		if (figure && s->len <= PAGE_END_MAX &&
		    find_at(cx->page_end, s->text, 0, s->len))
			return si;
		figure = figure || has_figure(s);
	}
	return upto;
}

/* Is s a table's header line kept as it is ("Năm | Giá trị (tỷ đồng) |
 * Tốc độ tăng (%)"; segment writes its rows as sentences)? */
static bool
is_table_header(const struct csent *s)
{
	const char *bar = s->len >= 3 ? memchr(s->text + 1, '|', s->len - 2) :
	    NULL;

	return bar != NULL && bar[-1] == ' ' && bar[1] == ' ' && !has_figure(s);
}

/* Is sentence si of doc, with no figure, the lead-in of a list: ending
 * on a colon, with a figure in the sentence after it, or after a table's
 * header ("... giai đoạn 2016-2023 như sau:", then "Năm | Giá trị (tỷ
 * đồng)", then "2016: Giá trị đạt 78.450 tỷ đồng")?  Its last label then
 * names the items.  (Asked of few sentences: most end otherwise.) */
static bool
is_list_lead(const struct cdoc *doc, size_t si)
{
	const struct csent *s = &doc->sents[si];

	if (si + 1 >= doc->nsents || !ends_with_colon(s) || has_figure(s))
		return false;
	if (has_figure(&doc->sents[si + 1]))
		return true;
	return si + 2 < doc->nsents && is_table_header(&doc->sents[si + 1]) &&
	    has_figure(&doc->sents[si + 2]);
}

/* Is sentence si of doc, with no number, followed in its paragraph by
 * one with a figure?  Its label is then the one in force for that one
 * ("Ở chiều ngược lại, nhập khẩu cũng tăng mạnh." then "Năm qua, kim
 * ngạch đó đạt 19,85 tỷ USD"). */
static bool
names_next(const struct cdoc *doc, size_t si)
{
	return doc->sents[si].nnums == 0 && si + 1 < doc->nsents &&
	    doc->sents[si + 1].lineno == doc->sents[si].lineno &&
	    has_figure(&doc->sents[si + 1]);
}

/* The last label of lead-in s, or -1 (st is the caller's, free to use). */
static int
list_lead_label(struct cx_rules *cx, struct sentence *st,
    const struct csent *s)
{
	const struct csent *was = cur_s;

	set_sentence(s);
	st->s = s;
	find_labels(cx, st);
	set_sentence(was);
	return st->nlabels > 0 ? st->labels[st->nlabels - 1].who : -1;
}

/* Can a figure of doc's first upto sentences get an indicator?  A row's
 * label is a label pattern's match in a sentence with a figure: the
 * sentence's own, or one carried on from an earlier such sentence
 * (pick_label()).  So when no figure's sentence passes any label's
 * prefilter, the one find_labels() asks, nor does a list's lead-in
 * (whose label its items take), the document has no row, and
 * its periods, cues and clauses need not be read: most pages of a crawl
 * are about something else.  The answer is exact, not a guess; what a
 * page ruled out costs is a fold of its figures' sentences. */
static bool
may_have_rows(struct cx_rules *cx, const struct cdoc *doc, size_t upto)
{
	bool may = false;

	for (size_t si = 0; si < upto && !may; si++) {
		if (!has_figure(&doc->sents[si]) && !is_list_lead(doc, si) &&
		    !names_next(doc, si))
			continue;
		set_sentence(&doc->sents[si]);
		fold_sentence();
		/* An anaphor names a metric only after one of its labels
		 * (find_labels()): those alone decide. */
		for (size_t i = 0; i < cx->nlabels && !may; i++)
			may = !cx->labels[i].anaphor && label_may(cx, i);
	}
	set_sentence(NULL);
	return may;
}

/* The counts classify_doc() keeps, for a document it need not read. */
static void
count_unread(const struct cdoc *doc, size_t upto)
{
	for (size_t si = 0; si < doc->nsents; si++) {
		cx_stats.sents++;
		cx_stats.nums += doc->sents[si].nnums;
		for (size_t k = 0; si < upto && k < doc->sents[si].nnums; k++)
			cx_stats.figures += is_figure(&doc->sents[si].nums[k]);
	}
}

void
classify_doc(struct cx_rules *cx, const struct cdoc *doc, struct crows *out)
{
	struct context ctx;
	static struct sentence st;
	size_t upto;

	memset(&ctx, 0, sizeof(ctx));
	ctx.last_label = -1;
	cur_cx = cx;
	set_sentence(NULL);
	cx_stats.docs++;
	upto = mark_figures(doc);
	upto = article_end(cx, doc, upto);
	/* --explain says why each figure got no row: it reads them all. */
	if (!out->explain && !may_have_rows(cx, doc, upto)) {
		count_unread(doc, upto);
		return;
	}
	doc_date(cx->date_lines, doc, &ctx.doc_y, &ctx.doc_m);
	ctx.year = ctx.doc_y;
	province_of(cx, doc, out->province, sizeof(out->province));
	ctx.doc_city = out->province[0] == '\0' ? 0 :
	    province_is_city(cx, out->province) ? 1 : -1;
	ctx.abroad = cx->nabroad > 0 && headline_abroad(cx, doc);
	headline_part(cx, doc, &ctx);
	/* Whether a sentence inside the line narrowed the period in force,
	 * and that period: "năm 2022 ước tăng 8,8%. Tháng 12, IIP ước tăng
	 * 2,4% so với tháng trước" says a part in passing, and the next
	 * paragraph is about the year again. */
	struct span line_period = { 0, 0, 0, 0 };
	bool narrowed = false;

	for (size_t si = 0; si < doc->nsents; si++) {
		const struct csent *s = &doc->sents[si];
		size_t rows_before = out->n;
		bool any, lead, item;
		bool opens_line = si == 0 || doc->sents[si - 1].lineno !=
		    s->lineno;
		int k0;
		int prev_label;

		if (opens_line) {
			if (narrowed)
				ctx.period = line_period;
			narrowed = false;
		}

		/* After the last figure, a sentence can only change the
		 * context (period, year, label, lead-in) of figures that do
		 * not come: it is counted, not read. */
		if (si >= upto) {
			cx_stats.sents++;
			cx_stats.nums += s->nnums;
			continue;
		}

		/* A sentence with no number is asked two or three cues: run
		 * them as they are, which costs less than folding it for the
		 * prefilter (cur_s NULL turns the prefilter off). */
		set_sentence(s->nnums > 0 ? s : NULL);
		cx_stats.sents++;
		cx_stats.nums += s->nnums;
		any = has_figure(s);
		/* A lead-in's cue and indicator hold in its paragraph, and
		 * over the lines of a list after it ("như sau:" then
		 * "- ..."). */
		st.topic_label = ctx.last_label;
		st.place_cs = SIZE_MAX;
		st.places_of = NULL;
		item = (ctx.target.on || ctx.estimate.on || ctx.list.on) &&
		    find_at(cx->list_item, s->text, 0, s->len);
		carry_to(&ctx.target, s->lineno, item);
		carry_to(&ctx.estimate, s->lineno, item);
		carry_to(&ctx.list, s->lineno, item);
		/* A list's lead-in names its items' indicator; a sentence
		 * with no number, the next one's ("nhập khẩu cũng tăng
		 * mạnh. ... kim ngạch đó đạt"). */
		bool list_lead = is_list_lead(doc, si);

		if (list_lead || names_next(doc, si)) {
			int l = list_lead_label(cx, &st, s);

			if (list_lead && (ctx.list_label = l) >= 0)
				carry_from(&ctx.list, s->lineno, ctx.period);
			else if (!list_lead && l >= 0 &&
			    cx->labels[l].lead == NULL && !cx->labels[l].part)
				ctx.last_label = l;
		}
		/* "Một số chỉ tiêu chủ yếu ước thực hiện cả năm như sau:",
		 * with no number: its list is estimates.  Only a sentence
		 * that ends with its colon is asked (most have no number). */
		if (s->nnums == 0 && ends_with_colon(s) && estimate_lead(cx, s))
			carry_from(&ctx.estimate, s->lineno, ctx.period);
		/* A sentence with no number counts only if it is a lead-in,
		 * and a lead-in of no number only makes the next figures of
		 * its line targets and sets the label carried on to
		 * prev_label below (it names no period: no number).  With no
		 * figure after it in its line (the carry-over ends at the
		 * next line) and that label the one carried already, it
		 * would change nothing: the target cue, sought in the whole
		 * sentence by PCRE2, need not be (most such sentences). */
		prev_label = -2;	/* not asked yet */
		if (s->nnums == 0 && !figure_later_in_line(doc, si) &&
		    (prev_label = continued_label(cx, s, &ctx)) ==
		    ctx.last_label)
			continue;
		st.s = s;
		st.brackets = memchr(s->text, '(', s->len) != NULL;
		st.target_at = SIZE_MAX;
		st.masked = false;
		find(cx->target_strong, s->text, 0, s->len, &st.target_at);
		if (st.target_at == SIZE_MAX && find_at(cx->plan_lead, s->text,
		    0, s->len))
			st.target_at = 0;
		/* A heading with a target cue ("Điều 2. Mục tiêu, chỉ tiêu
		 * chủ yếu năm 2021") is a lead-in too. */
		lead = st.target_at != SIZE_MAX && (find(cx->lead_in, s->text,
		    st.target_at, s->len, NULL) || is_title(s));
		if (s->nnums == 0 && !lead)
			continue;
		if (prev_label == -2)
			prev_label = continued_label(cx, s, &ctx);
		st.continues = prev_label >= 0;
		st.list_label = carried(&ctx.list, s->lineno) ?
		    ctx.list_label : -1;
		st.row_period = (struct span){ 0, 0, 0, 0 };
		if (s->nnums == 0)
			set_sentence(s);	/* a lead-in: on to periods */
		find_periods(cx, &st, ctx.year, &ctx, any);
		/* With no year known yet, the sentence's own first year
		 * resolves its other expressions ("tháng 6/2024 ...; bình
		 * quân 6 tháng"). */
		if (ctx.year == 0 && (k0 = first_written(&st)) >= 0)
			find_periods(cx, &st, st.periods[k0].span.y2,
			    &ctx, any);
		/* "năm 2021 do ..., nhất là từ tháng 7 đến tháng 9": a year
		 * the sentence writes out resolves its yearless months after
		 * it, whatever year was in force. */
		else if ((k0 = year_then_yearless(&st)) >= 0 &&
		    st.periods[k0].span.y2 != ctx.year)
			find_periods(cx, &st, st.periods[k0].span.y2,
			    &ctx, any);
		if (!ctx.year_written)
			before_publication(&st, &ctx);
		attach_periods(cx, &st);
		/* A new period in a later sentence ends a lead-in's list. */
		for (size_t k = 0; k < st.nperiods; k++)
			if (ctx.target.on && !st.periods[k].guarded &&
			    !st.periods[k].relative &&
			    memcmp(&st.periods[k].span, &ctx.target.period,
			    sizeof(struct span)) != 0)
				ctx.target.on = false;
		if (any) {
			find_labels(cx, &st);
			for (size_t k = 0; k < s->nnums; k++)
				if (is_figure(&s->nums[k]))
					classify_figure(cx, &st, k, &ctx,
					    &prev_label, out);
		}
		ctx.last_label = prev_label;
		ctx.last_row_period = st.row_period;
		for (size_t k = 0; k < st.nperiods; k++)
			if (!st.periods[k].guarded &&
			    st.periods[k].span.y1 < st.periods[k].span.y2)
				ctx.last_span = st.periods[k].span;
		int ck = context_period(cx, &st, &ctx, lead,
		    out->n > rows_before, opens_line, rows_before > 0);

		if (ck >= 0) {
			/* The period it narrowed, to go back to (the first
			 * of a line's narrowings). */
			if (!narrowed && !opens_line && !lead &&
			    within(&st.periods[ck].span, &ctx.period)) {
				narrowed = true;
				line_period = ctx.period;
			} else if (!within(&st.periods[ck].span, &line_period))
				narrowed = false;
			ctx.period = st.periods[ck].span;
			if (!st.periods[ck].relative) {
				ctx.year = st.periods[ck].span.y2;
				ctx.year_written = true;
				if (ctx.first_year == 0)
					ctx.first_year = ctx.year;
			}
		}
		if (lead)
			carry_from(&ctx.target, s->lineno, ctx.period);
		/* An estimate cue in a lead-in ("các chỉ tiêu năm 2018 ước
		 * thực hiện như sau: ...") holds for the list after it, in
		 * the sentences of its paragraph, for the period it names. */
		if (!lead && s->nnums > 0 && estimate_lead(cx, s))
			carry_from(&ctx.estimate, s->lineno, ctx.period);
		/* "Theo số liệu ước tính ...": the source's figures of the
		 * period, and of its parts ("Riêng quý IV, ..."). */
		else if (!lead && s->nnums > 0 &&
		    find_at(cx->estimate_source, s->text, 0, s->len)) {
			carry_from(&ctx.estimate, s->lineno, ctx.period);
			ctx.estimate.parts = true;
		}
	}
	set_sentence(NULL);
	merge_repeats(out, cx->headline_sentences);
	for (size_t i = 0; i < out->n; i++)
		if (!out->v[i].dropped)
			cx_stats.rows++;
}
