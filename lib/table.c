/*
 * table.c - a table flattened into text, read as sentences; see table.h.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "rules.h"
#include "table.h"


enum role { R_AMOUNT, R_SKIP, R_UNIT, R_CHANGE, R_PLAN, R_TARGET };

struct column_rule {
	enum role role;
	struct rx *header;	/* matched, caseless, on the header cell */
	char *say;		/* the comparison in words, for the match */
	char *bare;		/* the verb of a cell with no sign */
};

struct table_rules {
	char *sep;
	size_t seplen, min_cells;
	struct column_rule *col;
	size_t ncol;
};

struct cell {
	const char *p;
	size_t n;
};

struct table_rules *
table_load(const struct ynode *root)
{
	static const char *const keys[] = { "separator", "min_cells",
	    "columns", NULL };
	static const char *const ckeys[] = { "role", "header", "say",
	    "unsigned", NULL };
	static const char *const roles[] = { "amount", "skip", "unit",
	    "change", "plan", "target", NULL };
	const struct ynode *t = ymap_get(root, "tables"), *cols;
	struct table_rules *tr;

	if (t == NULL)
		return NULL;
	ymap_check_keys(t, keys);
	tr = xcalloc(1, sizeof(*tr));
	tr->sep = xstrdup(ymap_str(t, "separator", "|"));
	tr->seplen = strlen(tr->sep);
	if (tr->seplen == 0)
		ydie(t, "separator: an empty string");
	tr->min_cells = (size_t)ymap_long(t, "min_cells", 3, 2, TABLE_MAXCELLS);
	if ((cols = ymap_get(t, "columns")) != NULL) {
		yexpect(cols, Y_SEQ, "columns");
		tr->col = xcalloc(cols->n + 1, sizeof(*tr->col));
		for (size_t i = 0; i < cols->n; i++) {
			const struct ynode *c = cols->kids[i], *h;

			ymap_check_keys(c, ckeys);
			tr->col[tr->ncol].role = (enum role)ymap_choice(c,
			    "role", roles);
			if ((h = ymap_get(c, "header")) == NULL)
				ydie(c, "missing key 'header'");
			tr->col[tr->ncol].header = rx_compile(h, true);
			if (ymap_get(c, "say") != NULL)
				tr->col[tr->ncol].say = xstrdup(ymap_str(c,
				    "say", ""));
			tr->col[tr->ncol++].bare = xstrdup(ymap_str(c,
			    "unsigned", "bằng"));
		}
	}
	return tr;
}

void
table_free(struct table_rules *tr)
{
	if (tr == NULL)
		return;
	for (size_t i = 0; i < tr->ncol; i++) {
		rx_free(tr->col[i].header);
		free(tr->col[i].say);
		free(tr->col[i].bare);
	}
	free(tr->col);
	free(tr->sep);
	free(tr);
}

void
table_end(struct table *t)
{
	buf_reset(&t->header);
	buf_reset(&t->group);
	t->ncells = 0;
}

void
table_release(struct table *t)
{
	buf_free(&t->header);
	buf_free(&t->group);
	t->ncells = 0;
}

static struct cell
trim(const char *p, size_t n)
{
	while (n > 0 && *p == ' ')
		p++, n--;
	while (n > 0 && p[n - 1] == ' ')
		n--;
	return (struct cell){ p, n };
}

/* The cells of line[0..len), trimmed; separators at both ends open and
 * close the row ("| a | b |", Markdown), no empty cells; one at one end
 * is an empty cell (" | Trong đó: ..." under a numbered row).  0 when
 * more than TABLE_MAXCELLS. */
static size_t
split(const struct table_rules *tr, const char *line, size_t len,
    struct cell *cell)
{
	struct cell all = trim(line, len);
	const char *p = all.p, *end = all.p + all.n;
	size_t n = 0;

	if (all.n >= 2 * tr->seplen && memcmp(p, tr->sep, tr->seplen) == 0 &&
	    memcmp(end - tr->seplen, tr->sep, tr->seplen) == 0) {
		p += tr->seplen;
		end -= tr->seplen;
	}
	for (;;) {
		const char *s = p;

		while (s < end && ((size_t)(end - s) < tr->seplen ||
		    memcmp(s, tr->sep, tr->seplen) != 0))
			s++;
		if (n == TABLE_MAXCELLS)
			return 0;
		cell[n++] = trim(p, (size_t)(s - p));
		if (s >= end)
			return n;
		p = s + tr->seplen;
	}
}

static bool
has_letter(struct cell c)
{
	for (size_t i = 0; i < c.n; i++) {
		unsigned char b = (unsigned char)c.p[i];

		if (b >= 0x80 || (unsigned)((b | 0x20) - 'a') < 26u)
			return true;
	}
	return false;
}

static bool
has_digit(struct cell c)
{
	for (size_t i = 0; i < c.n; i++)
		if (c.p[i] >= '0' && c.p[i] <= '9')
			return true;
	return false;
}

/* "2023": a year heads a column as words do. */
static bool
is_year(struct cell c)
{
	return c.n == 4 && (memcmp(c.p, "19", 2) == 0 ||
	    memcmp(c.p, "20", 2) == 0) && c.p[2] >= '0' && c.p[2] <= '9' &&
	    c.p[3] >= '0' && c.p[3] <= '9';
}

/* "---|:---:" (a Markdown ruling): no cell but dashes and colons. */
static bool
is_ruling(const struct cell *cell, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (cell[i].n == 0)
			return false;
		for (size_t k = 0; k < cell[i].n; k++)
			if (strchr("-:= ", cell[i].p[k]) == NULL)
				return false;
	}
	return true;
}

static bool
is_header(const struct cell *cell, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (cell[i].n == 0 || !(has_letter(cell[i]) || is_year(cell[i])))
			return false;
	return true;
}

/* The rule of a column by its header (NULL: amounts), and where in the
 * header it matched. */
static const struct column_rule *
rule_of(const struct table_rules *tr, struct cell h, size_t *at,
    size_t *end)
{
	PCRE2_SIZE *ov;

	for (size_t i = 0; i < tr->ncol; i++)
		if (rx_match(tr->col[i].header, h.p, h.n, 0, &ov)) {
			*at = ov[0];
			*end = ov[1];
			return &tr->col[i];
		}
	*at = *end = 0;
	return NULL;
}

/* Appends c's text with every "%" and "(%)" left out, trimmed. */
static void
add_words(struct buf *out, struct cell c)
{
	size_t start = out->len;

	for (size_t i = 0; i < c.n; i++) {
		if (c.n - i >= 3 && memcmp(c.p + i, "(%)", 3) == 0)
			i += 2;
		else if (c.p[i] != '%')
			buf_addc(out, c.p[i]);
	}
	while (out->len > start && out->p[out->len - 1] == ' ')
		out->p[--out->len] = '\0';
}

/* What a comparison or plan column says of a cell: "[words of the header
 * before the comparison] tăng|giảm|bằng 2,3% [the comparison, or the
 * rule's words for it]".  false for a cell with no number. */
static bool
say_percent(struct buf *out, const struct column_rule *r, struct cell h,
    size_t at, size_t end, struct cell v)
{
	const char *verb = r->bare;

	if (v.n > 0 && v.p[0] == '+')
		verb = "tăng", v.p++, v.n--;
	else if (v.n > 0 && v.p[0] == '-' && r->role == R_CHANGE)
		verb = "giảm", v.p++, v.n--;
	v = trim(v.p, v.n);
	while (v.n > 0 && (v.p[v.n - 1] == '%' || v.p[v.n - 1] == ' '))
		v.n--;
	if (!has_digit(v))
		return false;
	if (at > 0) {
		size_t len = out->len;

		add_words(out, (struct cell){ h.p, at });
		if (out->len > len)
			buf_addc(out, ' ');
	}
	buf_adds(out, verb);
	buf_addc(out, ' ');
	buf_add(out, v.p, v.n);
	buf_adds(out, "% ");
	if (r->say != NULL)
		buf_adds(out, r->say);
	else
		add_words(out, (struct cell){ h.p + at, end - at });
	return true;
}

/* "Giá trị (tỷ đồng)": a header whose last words are in brackets gives
 * its column's unit there, as a unit column gives a row's; h becomes the
 * words before it.  An empty cell when there are none. */
static struct cell
header_unit(struct cell *h)
{
	const char *open;

	if (h->n < 3 || h->p[h->n - 1] != ')' ||
	    (open = memchr(h->p, '(', h->n)) == NULL || open == h->p)
		return (struct cell){ "", 0 };
	struct cell unit = trim(open + 1, (size_t)(h->p + h->n - 1 - open - 1));

	/* One bracket, holding a word or a percent sign, not a digit: "(2023)"
	 * or "(kế hoạch 2)" say no unit. */
	if (memchr(unit.p, '(', unit.n) != NULL || has_digit(unit) ||
	    unit.n == 0 || (!has_letter(unit) &&
	    !(unit.n == 1 && unit.p[0] == '%')))
		return (struct cell){ "", 0 };
	*h = trim(h->p, (size_t)(open - h->p));
	return unit;
}

/* What an amount column says of a cell: "Ước TH 9 tháng đạt 4.512 triệu
 * USD" (the unit column's unit, or else the header's, after a bare
 * number).  false for a cell with no number. */
static bool
say_amount(struct buf *out, struct cell h, struct cell v, struct cell unit)
{
	if (!has_digit(v))
		return false;
	if (unit.n == 0)
		unit = header_unit(&h);
	add_words(out, h);
	buf_adds(out, " đạt ");
	buf_add(out, v.p, v.n);
	if (!has_letter(v) && unit.n > 0 && has_letter(unit)) {
		buf_addc(out, ' ');
		buf_add(out, unit.p, unit.n);
	} else if (!has_letter(v) && unit.n == 1 && unit.p[0] == '%')
		buf_addc(out, '%');
	return true;
}

/* Is c an item under a row of its own ("- Công nghiệp - xây dựng")? */
static bool
is_subitem(struct cell c)
{
	return c.n > 0 && (c.p[0] == '-' || c.p[0] == '+' ||
	    (c.n >= 3 && memcmp(c.p, "•", 3) == 0));
}

/* The sentence of a row under t's header; false when it says nothing.
 * A row that says nothing but a label ("Cơ cấu kinh tế | | |") heads
 * the items after it ("- Công nghiệp - xây dựng | % | 33,5"): their
 * labels are read after it. */
static bool
say_row(struct table *t, const struct cell *cell, struct buf *out)
{
	struct cell unit = t->unit != SIZE_MAX ? cell[t->unit] :
	    (struct cell){ "", 0 };
	size_t n = t->ncells, label = t->label, said = 0;

	if (label == SIZE_MAX || cell[label].n == 0)
		return false;
	buf_reset(out);
	if (is_subitem(cell[label]) && t->group.len > 0) {
		buf_add(out, t->group.p, t->group.len);
		buf_addc(out, ' ');
	} else
		buf_reset(&t->group);
	buf_add(out, cell[label].p, cell[label].n);
	buf_addc(out, ':');
	/* A plan's amounts in a second pass, last: its cue holds for the
	 * rest of the sentence, and the cells before it are no plan's. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = label + 1; i < n; i++) {
			const struct table_column *col = &t->col[i];
			struct cell head = { t->header.p + col->off, col->len };
			enum role r = col->rule ? col->rule->role : R_AMOUNT;
			size_t len = out->len;
			bool ok;

			if (r == R_SKIP || r == R_UNIT ||
			    (r == R_TARGET) != (pass == 1))
				continue;
			buf_adds(out, said > 0 ? ", " : " ");
			ok = r == R_AMOUNT || r == R_TARGET ?
			    say_amount(out, head, cell[i], unit) :
			    say_percent(out, col->rule, head, col->at, col->end,
			    cell[i]);
			if (ok)
				said++;
			else {	/* an empty cell: nothing said */
				out->len = len;
				out->p[len] = '\0';
			}
		}
	if (said == 0 && !is_subitem(cell[label])) {
		buf_reset(&t->group);
		buf_add(&t->group, cell[label].p, cell[label].n);
	}
	return said > 0;
}

/* Does s[0..n) hold sep[0..m)? */
static bool
holds(const char *s, size_t n, const char *sep, size_t m)
{
	const char *p = s, *end = s + n;

	while ((size_t)(end - p) >= m &&
	    (p = memchr(p, sep[0], (size_t)(end - p) - m + 1)) != NULL) {
		if (memcmp(p, sep, m) == 0)
			return true;
		p++;
	}
	return false;
}

enum table_line
table_line(const struct table_rules *tr, struct table *t, const char *line,
    size_t len, struct buf *out)
{
	struct cell cell[TABLE_MAXCELLS];
	size_t n;

	/* Most lines hold no separator: a memchr or two. */
	if (tr == NULL || !holds(line, len, tr->sep, tr->seplen) ||
	    (n = split(tr, line, len, cell)) < tr->min_cells) {
		table_end(t);
		return TABLE_NONE;
	}
	if (is_ruling(cell, n))
		return TABLE_HEADER;
	/* A TAB at a row's end (normalise writes it " |") makes no cell. */
	while (n > t->ncells && t->ncells > 0 && cell[n - 1].n == 0)
		n--;
	if (t->ncells == n)
		return say_row(t, cell, out) ? TABLE_ROW : TABLE_HEADER;
	table_end(t);
	if (!is_header(cell, n))
		return TABLE_NONE;
	/* The columns' roles, once for all the rows under the header. */
	t->label = t->unit = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		struct table_column *col = &t->col[i];
		enum role r;

		col->off = t->header.len;
		col->len = cell[i].n;
		buf_add(&t->header, cell[i].p, cell[i].n);
		col->rule = rule_of(tr, cell[i], &col->at, &col->end);
		r = col->rule ? col->rule->role : R_AMOUNT;
		if (r == R_UNIT && t->unit == SIZE_MAX)
			t->unit = i;
		else if (t->label == SIZE_MAX && r != R_SKIP && r != R_UNIT)
			t->label = i;
	}
	t->ncells = n;
	return TABLE_HEADER;
}
