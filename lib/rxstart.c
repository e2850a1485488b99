/*
 * rxstart.c - what a match of a PCRE2 pattern must begin with.
 *
 * A recursive descent over the pattern's text, just deep enough to find
 * its first items: an alternation is the union of its branches; in a
 * sequence, zero-width items are passed over, an item that may be empty
 * adds its beginnings and lets the next item's in too, and a run of
 * required literal characters becomes one literal string.  Anything
 * outside the subset it reads sets "bad", and the answer becomes "any",
 * which is always true.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "leadidx.h"
#include "rxstart.h"
#include "rxsyntax.h"
#include "utf8.h"

enum atom { A_ZW, A_LIT, A_SET };

struct cur {
	const char *p;
	bool bad;
	bool skip_space;	/* read \s and ' ' as zero-width */
	bool join_space;	/* within a literal, read \s+ and ' ' as ' ' */
};

/* Longest literal kept; a longer one is cut, which stays a superset. */
enum { LIT_MAX = 64, CLASS_LITS_MAX = 16 };

static void alt(struct cur *c, struct rxstart *out, bool *nullable);

static void
add_lit(struct rxstart *st, const char *s, size_t n)
{
	if (n == 0) {
		st->any = true;
		return;
	}
	for (size_t i = 0; i < st->nlit; i++)
		if (strlen(st->lit[i]) == n && memcmp(st->lit[i], s, n) == 0)
			return;
	st->lit = xrealloc(st->lit, (st->nlit + 1) * sizeof(*st->lit));
	st->lit[st->nlit++] = xstrndup(s, n);
}

/* Adds from's beginnings to to's, and frees from's. */
static void
merge(struct rxstart *to, struct rxstart *from)
{
	to->any |= from->any;
	to->digit |= from->digit;
	to->upper |= from->upper;
	for (size_t i = 0; i < from->nlit; i++)
		add_lit(to, from->lit[i], strlen(from->lit[i]));
	rxstart_free(from);
}

static size_t
utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Copies one UTF-8 character from c->p into lit. */
static size_t
take_char(struct cur *c, char *lit)
{
	size_t n = utf8_len((unsigned char)*c->p);

	for (size_t i = 0; i < n; i++) {
		if (c->p[i] == '\0') {
			c->bad = true;
			return 0;
		}
		lit[i] = c->p[i];
	}
	c->p += n;
	return n;
}

/* Skips a bracketed name or number: {..}, <..>, '..'. */
static void
skip_name(struct cur *c)
{
	char close = *c->p == '{' ? '}' : *c->p == '<' ? '>' :
	    *c->p == '\'' ? '\'' : '\0';

	if (close == '\0') {
		while (*c->p >= '0' && *c->p <= '9')
			c->p++;
		return;
	}
	const char *e = strchr(c->p + 1, close);

	if (e == NULL)
		c->bad = true;
	else
		c->p = e + 1;
}

/* \x: a character by its number, written into lit. */
static size_t
hex_char(struct cur *c, char *lit)
{
	char *end;
	unsigned long cp;

	if (*c->p == '{') {
		cp = strtoul(c->p + 1, &end, 16);
		if (*end != '}' || end == c->p + 1 || cp > 0x10FFFF) {
			c->bad = true;
			return 0;
		}
		c->p = end + 1;
	} else {
		char two[3] = { 0 };

		for (int i = 0; i < 2 && strchr("0123456789abcdefABCDEF",
		    c->p[i]) != NULL && c->p[i] != '\0'; i++)
			two[i] = c->p[i];
		cp = strtoul(two, NULL, 16);
		c->p += strlen(two);
	}
	return (size_t)utf8_encode((uint32_t)cp, lit);
}

/*
 * An escape, c->p just past the backslash.  A literal goes to lit; a
 * digit class to st; what stands for many characters makes st any.
 */
static enum atom
escape(struct cur *c, struct rxstart *st, char *lit, size_t *litn)
{
	char e = *c->p;

	if (e == '\0') {
		c->bad = true;
		return A_ZW;
	}
	c->p++;
	switch (e) {
	case 'b': case 'B': case 'G': case 'A': case 'z': case 'Z': case 'K':
		return A_ZW;
	case 'd':
		st->digit = true;
		return A_SET;
	case 'x':
		*litn = hex_char(c, lit);
		return A_LIT;
	case 't':
		lit[0] = '\t';
		*litn = 1;
		return A_LIT;
	case 'n':
		lit[0] = '\n';
		*litn = 1;
		return A_LIT;
	case 'r':
		lit[0] = '\r';
		*litn = 1;
		return A_LIT;
	case 'p': case 'P':
		/* \p{Lu} is upper case whatever the case option says. */
		if (e == 'p' && strncmp(c->p, "{Lu}", 4) == 0)
			st->upper = true;
		else
			st->any = true;
		if (*c->p == '{')
			skip_name(c);
		else if (*c->p != '\0')
			c->p++;
		return A_SET;
	case 'k': case 'g': case 'o':
		skip_name(c);
		st->any = true;
		return A_SET;
	case 'Q':
		/* Quoted text: not worth reading, say any. */
		c->p = strstr(c->p, "\\E") ? strstr(c->p, "\\E") + 2 :
		    c->p + strlen(c->p);
		st->any = true;
		return A_SET;
	case 'c':
		if (*c->p != '\0')
			c->p++;
		st->any = true;
		return A_SET;
	default:
		if ((e >= '0' && e <= '9') || (e >= 'a' && e <= 'z') ||
		    (e >= 'A' && e <= 'Z')) {
			while (e >= '0' && e <= '9' && *c->p >= '0' &&
			    *c->p <= '9')
				c->p++;
			st->any = true;		/* \s \w \1 \R \X ... */
			return A_SET;
		}
		c->p--;
		*litn = take_char(c, lit);	/* \. \/ \( and the like */
		return A_LIT;
	}
}

/*
 * A bracketed class, c->p on '['.  Digits and digit ranges make it a
 * digit; a few single characters become literals; anything else (a
 * negation, a letter range, \s, \p) makes it any.
 */
static enum atom
klass(struct cur *c, struct rxstart *st)
{
	struct rxstart tmp = { 0 };
	bool first = true;

	c->p++;
	if (*c->p == '^') {
		tmp.any = true;
		c->p++;
	}
	while (!c->bad && (*c->p != ']' || first)) {
		char a[4], b[4];
		size_t an = 0, bn;

		first = false;
		if (*c->p == '\0') {
			c->bad = true;
			break;
		}
		if (c->p[0] == '[' && c->p[1] == ':') {
			const char *e = strstr(c->p, ":]");

			if (e == NULL) {
				c->bad = true;
				break;
			}
			if (strncmp(c->p, "[:digit:]", 9) == 0)
				tmp.digit = true;
			else
				tmp.any = true;
			c->p = e + 2;
			continue;
		}
		if (*c->p == '\\') {
			c->p++;
			if (*c->p == 'd') {
				tmp.digit = true;
				c->p++;
				continue;
			}
			if (*c->p == 'x') {
				c->p++;
				an = hex_char(c, a);
			} else if ((*c->p | 32) >= 'a' && (*c->p | 32) <= 'z') {
				tmp.any = true;		/* \s \w \p{..} */
				c->p++;
				if (c->p[-1] == 'p' || c->p[-1] == 'P')
					skip_name(c);
				continue;
			} else
				an = take_char(c, a);
		} else
			an = take_char(c, a);
		if (c->bad)
			break;
		if (c->p[0] == '-' && c->p[1] != ']' && c->p[1] != '\0') {
			/* A range: of digits, or of anything else. */
			c->p++;
			if (*c->p == '\\') {
				c->p++;
				bn = *c->p == 'x' ? (c->p++, hex_char(c, b)) :
				    take_char(c, b);
			} else
				bn = take_char(c, b);
			if (an == 1 && bn == 1 && a[0] >= '0' && b[0] <= '9' &&
			    a[0] <= b[0])
				tmp.digit = true;
			else
				tmp.any = true;
			continue;
		}
		if (an == 1 && a[0] >= '0' && a[0] <= '9')
			tmp.digit = true;
		else
			add_lit(&tmp, a, an);
	}
	if (*c->p == ']')
		c->p++;
	if (tmp.nlit > CLASS_LITS_MAX)
		tmp.any = true;
	merge(st, &tmp);
	return A_SET;
}

/* A parenthesised item, c->p on '('. */
static enum atom
group(struct cur *c, struct rxstart *st, bool *nullable)
{
	bool zero_width = false;
	struct rxstart inner = { 0 };

	c->p++;
	if (*c->p == '*') {
		c->bad = true;		/* (*VERB) */
		return A_ZW;
	}
	if (*c->p == '?') {
		c->p++;
		switch (*c->p) {
		case '#':
			c->p = strchr(c->p, ')') ? strchr(c->p, ')') + 1 :
			    c->p + strlen(c->p);
			return A_ZW;
		case ':': case '|': case '>':
			c->p++;
			break;
		case '=': case '!':
			c->p++;
			zero_width = true;
			break;
		case '<':
			if (c->p[1] == '=' || c->p[1] == '!') {
				c->p += 2;
				zero_width = true;
			} else
				skip_name(c);
			break;
		case '\'':
			skip_name(c);
			break;
		case 'P':
			if (c->p[1] == '<') {
				c->p++;
				skip_name(c);
			} else
				c->bad = true;	/* (?P=name), (?P>name) */
			break;
		default:
			/* Option letters: (?i) (?-i:...) (?^...) */
			while (*c->p != '\0' && strchr("imnsJUx-^", *c->p)) {
				if (*c->p == 'x')
					c->bad = true;	/* spaces mean nothing */
				c->p++;
			}
			if (*c->p == ')') {
				c->p++;
				return A_ZW;
			}
			if (*c->p != ':')
				c->bad = true;	/* recursion, callouts, ... */
			else
				c->p++;
		}
	}
	if (c->bad)
		return A_ZW;
	alt(c, &inner, nullable);
	if (*c->p != ')')
		c->bad = true;
	else
		c->p++;
	if (zero_width) {
		rxstart_free(&inner);
		*nullable = false;
		return A_ZW;
	}
	merge(st, &inner);
	return A_SET;
}

/* A quantifier after an item, if any: its least count, and whether it
 * allows more than one (1 and no when there is none). */
static void
quantifier(struct cur *c, unsigned long *min, bool *more)
{
	long m = rx_quantifier(&c->p, more);

	*min = m < 0 ? 1 : (unsigned long)m;
	if (m < 0)
		*more = false;
}

static enum atom
atom(struct cur *c, struct rxstart *st, bool *nullable, char *lit,
    size_t *litn)
{
	*nullable = false;
	switch (*c->p) {
	case '\\':
		c->p++;
		return escape(c, st, lit, litn);
	case '(':
		return group(c, st, nullable);
	case '[':
		return klass(c, st);
	case '.':
		c->p++;
		st->any = true;
		return A_SET;
	case '^': case '$':
		c->p++;
		return A_ZW;
	case '*': case '+': case '?':
		c->bad = true;		/* a quantifier with nothing before */
		return A_ZW;
	default:
		/* A character ('{' too, when not a quantifier). */
		*litn = take_char(c, lit);
		return A_LIT;
	}
}

/*
 * A sequence up to '|' or ')'.  Its beginnings go into out; *nullable
 * says every item of it may be empty, so what follows it can begin a
 * match too.
 */
static void
seq(struct cur *c, struct rxstart *out, bool *nullable)
{
	char acc[LIT_MAX];
	size_t nacc = 0;
	bool accum = false, done = false;

	while (*c->p != '\0' && *c->p != '|' && *c->p != ')' && !c->bad) {
		struct rxstart st = { 0 };
		char lit[8];
		size_t litn = 0;
		bool nul;
		unsigned long min;
		bool more;
		bool space = (c->skip_space || c->join_space) &&
		    (*c->p == ' ' || (c->p[0] == '\\' && c->p[1] == 's'));
		enum atom k = atom(c, &st, &nul, lit, &litn);

		quantifier(c, &min, &more);
		if (space && c->skip_space) {
			rxstart_free(&st);
			k = A_ZW;
		}
		if (done) {
			rxstart_free(&st);
			continue;
		}
		if (accum && space && c->join_space && min >= 1 &&
		    nacc < LIT_MAX) {
			/* join_space: one ' ' for any run of spaces. */
			if (acc[nacc - 1] != ' ')
				acc[nacc++] = ' ';
			rxstart_free(&st);
			continue;
		}
		if (accum) {
			/* Extend the literal while its characters are sure. */
			if (k == A_LIT && min >= 1 && nacc + litn <= LIT_MAX) {
				memcpy(acc + nacc, lit, litn);
				nacc += litn;
				if (min == 1 && !more)
					continue;
			}
			add_lit(out, acc, nacc);
			done = true;
			rxstart_free(&st);
			continue;
		}
		switch (k) {
		case A_ZW:
			break;
		case A_LIT:
			if (min == 0) {
				add_lit(out, lit, litn);
				break;
			}
			memcpy(acc, lit, litn);
			nacc = litn;
			accum = true;
			if (more || min > 1) {
				add_lit(out, acc, nacc);
				done = true;
			}
			break;
		case A_SET:
			if (min >= 1 && !nul)
				done = true;
			break;
		}
		merge(out, &st);
	}
	if (accum && !done) {
		add_lit(out, acc, nacc);
		done = true;
	}
	*nullable = !accum && !done;
}

static void
alt(struct cur *c, struct rxstart *out, bool *nullable)
{
	*nullable = false;
	for (;;) {
		bool n;

		seq(c, out, &n);
		*nullable = *nullable || n;
		if (*c->p != '|')
			return;
		c->p++;
	}
}

/*
 * Whether the pattern text [from, to) matches only ASCII digits: \d,
 * digits, classes of digits, and groups and quantifiers of those.
 */
static bool
pure_digits(const char *from, const char *to)
{
	const char *p = from;

	while (p < to) {
		if (*p >= '0' && *p <= '9')
			p++;
		else if (p[0] == '\\' && p[1] == 'd')
			p += 2;
		else if (*p == '[') {
			for (p++; p < to && *p != ']'; p++)
				if (!((*p >= '0' && *p <= '9') || *p == '-'))
					return false;
			p++;
		} else if (p[0] == '(' && p[1] == '?' && p[2] == ':')
			p += 3;
		else if (p[0] == '(' && p[1] == '?' && p[2] == '<' &&
		    p[3] != '=' && p[3] != '!') {
			const char *e = memchr(p, '>', (size_t)(to - p));

			if (e == NULL)
				return false;
			p = e + 1;
		} else if (*p == '{') {
			for (p++; p < to && *p != '}'; p++)
				if (!((*p >= '0' && *p <= '9') || *p == ','))
					return false;
			p++;
		} else if (strchr("()|?*+", *p) != NULL)
			p++;
		else
			return false;
	}
	return true;
}

/* The most times the quantifier text [q, to) repeats its item (1 when
 * there is none); SIZE_MAX when unbounded. */
static size_t
quant_max(const char *q, const char *to)
{
	size_t hi = 0;

	if (q == to)
		return 1;
	if (*q == '?')
		return 1;
	if (*q != '{')
		return SIZE_MAX;
	for (q++; *q >= '0' && *q <= '9'; q++)
		hi = hi * 10 + (size_t)(*q - '0');
	if (*q == '}')
		return hi;
	for (q++, hi = 0; *q >= '0' && *q <= '9'; q++)
		hi = hi * 10 + (size_t)(*q - '0');
	return *q == '}' && q[-1] != ',' ? hi : SIZE_MAX;
}

static size_t
sat_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static size_t
sat_mul(size_t a, size_t b)
{
	return a != 0 && b > SIZE_MAX / a ? SIZE_MAX : a * b;
}

static size_t digits_alt(const char **pp, const char *to, bool most);

/* The most (or the fewest) digits a sequence of pure_digits() text at
 * *pp matches. */
static size_t
digits_seq(const char **pp, const char *to, bool most)
{
	size_t sum = 0;

	while (*pp < to && **pp != '|' && **pp != ')') {
		const char *p = *pp, *q;
		size_t item = 1;
		long least;

		if (p[0] == '(') {
			/* (, (?: or (?<name>: pure_digits() allows no other. */
			p += p[1] == '?' ? 3 : 1;
			if (p[-1] == '<' && (p = memchr(p, '>',
			    (size_t)(to - p))) != NULL)
				p++;
			if (p == NULL)
				return SIZE_MAX;
			*pp = p;
			item = digits_alt(pp, to, most);
			if (*pp < to && **pp == ')')
				(*pp)++;
		} else if (p[0] == '\\')
			*pp += 2;
		else if (p[0] == '[') {
			if ((p = memchr(p, ']', (size_t)(to - p))) == NULL)
				return SIZE_MAX;
			*pp = p + 1;
		} else
			(*pp)++;
		q = *pp;
		least = rx_quantifier(pp, NULL);
		sum = sat_add(sum, sat_mul(item, most ? quant_max(q, *pp) :
		    least < 0 ? 1 : (size_t)least));
	}
	return sum;
}

static size_t
digits_alt(const char **pp, const char *to, bool most)
{
	size_t best = most ? 0 : SIZE_MAX;

	for (;;) {
		size_t n = digits_seq(pp, to, most);

		best = (most ? n > best : n < best) ? n : best;
		if (*pp >= to || **pp != '|')
			return best;
		(*pp)++;
	}
}

/* Whether the item text [p, to) matches exactly one character: one, an
 * escaped one, a class, or a group of one of those. */
static bool
one_char(const char *p, const char *to)
{
	if (p[0] == '(' && p[1] == '?' && to[-1] == ')') {
		if (p[2] == ':')
			p += 3;
		else if (p[2] == '<' && p[3] != '=' && p[3] != '!' &&
		    (p = memchr(p, '>', (size_t)(to - p))) != NULL)
			p++;
		else
			return false;
		to--;
	}
	if (p >= to)
		return false;
	if (*p == '[')
		return memchr(p + 1, '[', (size_t)(to - p - 1)) == NULL &&
		    to[-1] == ']' && memchr(p, ']', (size_t)(to - p)) == to - 1;
	if (*p == '\\')
		return to - p == 2 && !((p[1] | 32) >= 'a' && (p[1] | 32) <= 'z') &&
		    !(p[1] >= '0' && p[1] <= '9');
	return (size_t)(to - p) == utf8_len((unsigned char)*p) &&
	    strchr("()|.?*+^$", *p) == NULL;
}

/* One item of a sequence, read at c: what atom() says of it, its text
 * [from, to) without its quantifier, and the quantifier's least count
 * and whether it allows more than one. */
struct item {
	enum atom k;
	const char *from, *to;
	unsigned long min;
	bool more, nul;
};

static struct item
next_item(struct cur *c)
{
	struct item it;
	struct rxstart st = { 0 };
	char lit[8];
	size_t litn = 0;

	it.from = c->p;
	it.k = atom(c, &st, &it.nul, lit, &litn);
	rxstart_free(&st);
	it.to = c->p;
	quantifier(c, &it.min, &it.more);
	return it;
}

/*
 * When the pattern from c goes on as one character, then (spaces and
 * zero-width items passed) a required run of digits ("[/.-]\d{1,2}"):
 * the fewest digits that run has; else 0.
 */
static size_t
char_then_digits(struct cur c)
{
	int seen = 0;

	c.skip_space = true;
	while (*c.p != '\0' && *c.p != '|' && *c.p != ')' && !c.bad) {
		bool space = *c.p == ' ' || (c.p[0] == '\\' && c.p[1] == 's');
		struct item it = next_item(&c);

		if (it.k == A_ZW || space)
			continue;
		if (seen++ == 0) {
			if (!one_char(it.from, it.to) || it.min != 1 || it.more)
				return 0;
			continue;
		}
		if (it.min < 1 || it.nul || !pure_digits(it.from, c.p))
			return 0;
		return digits_alt(&it.from, c.p, false);
	}
	return 0;
}

/* What follows a run of digits, the pattern read up to its end from c:
 * its beginnings, spaces skipped, or any; [from, to) is the item that
 * takes the run. */
static void
after_run(struct cur *c, struct rxstart *follow, const char *from,
    const char *to)
{
	bool nullable;
	const char *p = from;

	follow->run_max = digits_alt(&p, to, true);
	follow->then_digits = char_then_digits(*c);
	follow->any = false;
	c->skip_space = true;
	seq(c, follow, &nullable);
	/* A digit after the run, or a branch left over: nothing to tell. */
	if (c->bad || nullable || follow->digit || *c->p != '\0') {
		rxstart_free(follow);
		follow->any = true;
	}
	for (size_t i = 0; !follow->any && i < follow->nlit; i++)
		if (follow->lit[i][0] >= '0' && follow->lit[i][0] <= '9')
			follow->any = true;
}

/*
 * Moves c past the first item a match must have, which is to be digits,
 * with its quantifier; *run gets where that item begins.  False when the
 * pattern does not begin so (optional items before it must not begin
 * with a digit).
 */
static bool
to_first_digits(struct cur *c, const char **run)
{
	while (*c->p != '\0' && *c->p != '|' && *c->p != ')' && !c->bad) {
		struct rxstart st = { 0 };
		char lit[8];
		size_t litn = 0;
		bool nul, more;
		unsigned long min;
		const char *from = c->p;
		enum atom k = atom(c, &st, &nul, lit, &litn);
		bool digit_first = st.digit || st.any ||
		    (k == A_LIT && lit[0] >= '0' && lit[0] <= '9');

		for (size_t i = 0; i < st.nlit; i++)
			digit_first |= st.lit[i][0] >= '0' && st.lit[i][0] <= '9';
		rxstart_free(&st);
		quantifier(c, &min, &more);
		if (k == A_ZW)
			continue;
		if (min == 0 || nul) {
			if (digit_first)
				return false;
			continue;
		}
		if (!pure_digits(from, c->p))
			return false;
		*run = from;
		return !c->bad;
	}
	return false;
}

/* The bytes the one-character item [from, to) takes into set, when they
 * are ASCII and no letters (so case does not matter); else false. */
static bool
char_set(const char *from, const char *to, unsigned char *set)
{
	struct cur c = { from, false, false, false };
	struct rxstart st = { 0 };
	char lit[8];
	size_t litn = 0;
	bool nul, ok = true;
	enum atom k = atom(&c, &st, &nul, lit, &litn);

	if (k == A_LIT)
		add_lit(&st, lit, litn);
	if (c.bad || c.p != to || k == A_ZW || st.any || st.upper)
		ok = false;
	if (st.digit)
		for (int d = '0'; d <= '9'; d++)
			set[d >> 3] |= (unsigned char)(1u << (d & 7));
	for (size_t i = 0; ok && i < st.nlit; i++) {
		unsigned char b = (unsigned char)st.lit[i][0];

		if (strlen(st.lit[i]) != 1 || b >= 0x80 ||
		    ((b | 32) >= 'a' && (b | 32) <= 'z'))
			ok = false;
		else
			set[b >> 3] |= (unsigned char)(1u << (b & 7));
	}
	rxstart_free(&st);
	return ok;
}

/* The one-character group a back reference \k<name> (at p, to) names,
 * its bytes into set (char_set()); false when it is not so. */
static bool
backref_set(const char *pattern, const char *p, const char *to,
    unsigned char *set)
{
	char open[72];
	size_t n = (size_t)(to - p) - 4;
	const char *g;
	struct cur c;
	struct item it;

	if (to - p < 5 || p[0] != '\\' || p[1] != 'k' || p[2] != '<' ||
	    to[-1] != '>' || n > 64)
		return false;
	snprintf(open, sizeof(open), "(?<%.*s>", (int)n, p + 3);
	/* The name once only (PCRE2 allows duplicates with (?J)). */
	if ((g = strstr(pattern, open)) == NULL ||
	    strstr(g + 1, open) != NULL)
		return false;
	c = (struct cur){ g, false, false, false };
	it = next_item(&c);
	return !c.bad && it.min == 1 && !it.more &&
	    one_char(it.from, it.to) && char_set(it.from, it.to, set);
}

void
rxstart_shape(const char *pattern, struct rxshape *sh)
{
	struct cur c = { pattern, false, false, false };
	const char *run;

	sh->n = 0;
	if (!to_first_digits(&c, &run))
		return;
	while (sh->n < RXSHAPE_MAX && *c.p != '\0' && *c.p != '|' &&
	    *c.p != ')') {
		struct item it = next_item(&c);
		struct rxshape_step *st = &sh->step[sh->n];
		const char *p = it.from;

		if (c.bad)
			break;
		if (it.k == A_ZW)
			continue;
		memset(st, 0, sizeof(*st));
		if (it.nul)
			break;
		if (pure_digits(it.from, it.to)) {
			for (int d = '0'; d <= '9'; d++)
				st->set[d >> 3] |= (unsigned char)(1u << (d & 7));
			st->min = sat_mul(digits_alt(&p, it.to, false), it.min);
			p = it.from;
			st->max = sat_mul(digits_alt(&p, it.to, true),
			    quant_max(it.to, c.p));
		} else if ((one_char(it.from, it.to) &&
		    char_set(it.from, it.to, st->set)) ||
		    backref_set(pattern, it.from, it.to, st->set)) {
			st->min = it.min;
			st->max = quant_max(it.to, c.p);
		} else
			break;
		sh->n++;
	}
}

void
rxstart_after_digits(const char *pattern, struct rxstart *follow)
{
	struct cur c = { pattern, false, false, false };
	const char *run = NULL;

	memset(follow, 0, sizeof(*follow));
	follow->any = true;
	if (to_first_digits(&c, &run))
		after_run(&c, follow, run, c.p);
}

/*
 * Whether the pattern text [p, to) can match no ASCII digit, read by its
 * text alone and conservatively: literal characters other than digits,
 * \s, \b, \p{L}, \p{Lu}, \p{Ll}, escaped punctuation, \x of a non-digit,
 * classes of such characters without ranges or negation, groups and
 * quantifiers of those.  Anything else (\d, \w, ., \S, a backreference)
 * may match a digit.  *space is set when it may match white space too.
 */
static bool
digit_free(const char *p, const char *to, bool *space)
{
	while (p < to) {
		/* \s, \x, an escaped or a literal white-space character:
		 * read loosely, as white space may be. */
		if (ws_len((const unsigned char *)p, (size_t)(to - p)) > 0 ||
		    (p[0] == '\\' && (p[1] == 's' || p[1] == 'x' ||
		    ws_len((const unsigned char *)p + 1,
		    (size_t)(to - p - 1)) > 0)))
			*space = true;
		if (*p >= '0' && *p <= '9')
			return false;
		if (*p == '.')
			return false;
		if (*p == '{') {
			/* A quantifier's counts are no literal digits. */
			const char *q = p + 1;

			while (q < to && ((*q >= '0' && *q <= '9') || *q == ','))
				q++;
			if (q == p + 1 || q >= to || *q != '}')
				return false;
			p = q + 1;
			continue;
		}
		if (p[0] == '(' && p[1] == '?') {
			/* A group's name may hold digits: skip it. */
			if (p[2] == '<' && p[3] != '=' && p[3] != '!') {
				const char *e = memchr(p, '>', (size_t)(to - p));

				if (e == NULL)
					return false;
				p = e + 1;
			} else if (p[2] == 'P' || p[2] == '\'')
				return false;
			else
				p += 2;
			continue;
		}
		if (*p == '[') {
			p++;
			if (p < to && *p == '^')
				return false;
			for (bool first = true; p < to && (*p != ']' || first);
			    p++) {
				first = false;
				if (ws_len((const unsigned char *)p,
				    (size_t)(to - p)) > 0)
					*space = true;
				if ((*p >= '0' && *p <= '9') || *p == '[')
					return false;
				if (*p == '\\') {
					/* Escaped punctuation only. */
					if (p + 1 >= to || (p[1] | 32) >= 'a' ||
					    (p[1] >= '0' && p[1] <= '9'))
						return false;
					p++;
				} else if (*p == '-' && p[1] != ']')
					return false;	/* a range */
			}
			if (p >= to)
				return false;
			p++;
			continue;
		}
		if (*p == '\\') {
			char e = p[1];

			if (e == 's' || e == 'b' || e == 'B') {
				p += 2;
				continue;
			}
			if (e == 'p' && (strncmp(p + 2, "{L}", 3) == 0 ||
			    strncmp(p + 2, "{Lu}", 4) == 0 ||
			    strncmp(p + 2, "{Ll}", 4) == 0)) {
				p = strchr(p, '}') + 1;
				continue;
			}
			if (e == 'x') {
				struct cur c = { p + 2, false, false, false };
				char lit[8];
				size_t n = hex_char(&c, lit);

				if (c.bad || n == 0 || (lit[0] >= '0' &&
				    lit[0] <= '9'))
					return false;
				p = c.p;
				continue;
			}
			if (e == '\0' || (e >= '0' && e <= '9') ||
			    ((e | 32) >= 'a' && (e | 32) <= 'z'))
				return false;
			p += 2;
			continue;
		}
		p++;
	}
	return true;
}

static long words_alt(const char **pp, const char *to, struct buf *chars);

/* The most characters a sequence of literal characters and groups of
 * them, each maybe optional, can match; -1 for anything else.  Its
 * characters are added to chars. */
static long
words_seq(const char **pp, const char *to, struct buf *chars)
{
	const char *p = *pp;
	long n = 0;

	while (p < to && *p != '|' && *p != ')') {
		long item = 1;

		if (*p == '(') {
			p++;
			if (p + 1 < to && p[0] == '?' && p[1] == ':')
				p += 2;
			else if (p < to && *p == '?')
				return -1;	/* lookaround, names, options */
			item = words_alt(&p, to, chars);
			if (item < 0 || p >= to || *p != ')')
				return -1;
			p++;
		} else if (*p == '\\') {
			/* Only a quoted punctuation mark is one character. */
			if (p + 1 >= to || (unsigned char)p[1] >= 0x80 ||
			    strchr("0123456789abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ", p[1]) != NULL)
				return -1;
			buf_add(chars, p + 1, 1);
			p += 2;
		} else if (strchr(".[]*+?{}^$", *p) != NULL)
			return -1;
		else {
			size_t k = utf8_len((unsigned char)*p);

			if (k > (size_t)(to - p))
				return -1;
			buf_add(chars, p, k);
			p += k;
		}
		if (p < to && *p == '?') {	/* optional: still at most */
			p++;
			if (p < to && (*p == '?' || *p == '+'))
				p++;
		}
		n += item;
	}
	*pp = p;
	return n;
}

static long
words_alt(const char **pp, const char *to, struct buf *chars)
{
	long most = 0;

	for (;;) {
		long n = words_seq(pp, to, chars);

		if (n < 0)
			return -1;
		if (n > most)
			most = n;
		if (*pp >= to || **pp != '|')
			return most;
		(*pp)++;
	}
}

bool
rxstart_core(const char *pattern, struct rxstart *core, size_t *chars,
    char **prefix)
{
	struct cur c = { pattern, false, false, false };
	struct buf words = { 0 };
	size_t most = 0;
	bool spaces = false, nullable, found = false;

	memset(core, 0, sizeof(*core));
	/* Optional words first, then spaces: the order the caller walks
	 * back over them from where the rest begins. */
	while (!c.bad && *c.p != '\0' && *c.p != '|' && *c.p != ')') {
		const char *from = c.p, *to;
		bool space = *c.p == ' ' || (c.p[0] == '\\' && c.p[1] == 's');
		struct rxstart st = { 0 };
		char lit[8];
		size_t litn = 0;
		bool nul, more;
		unsigned long min;
		enum atom k = atom(&c, &st, &nul, lit, &litn);

		to = c.p;
		rxstart_free(&st);
		quantifier(&c, &min, &more);
		if (c.bad)
			break;
		if (k == A_ZW)
			continue;
		if (space) {
			spaces = true;
			continue;
		}
		if (min == 0 && !spaces) {
			const char *q = from;
			long n = words_alt(&q, to, &words);

			if (n < 0 || q != to) {
				c.bad = true;
				break;
			}
			most += (size_t)n;
			continue;
		}
		c.p = from;
		found = true;
		break;
	}
	if (found && !c.bad) {
		seq(&c, core, &nullable);
		if (!c.bad && *c.p == '\0' && !nullable && !core->any &&
		    !core->upper && (core->digit || core->nlit > 0)) {
			buf_add(&words, "", 1);		/* a string */
			*prefix = words.p;
			*chars = most;
			return true;
		}
	}
	rxstart_free(core);
	buf_free(&words);
	return false;
}

/*
 * For an optional group "(?:...)" at [from, to) of one branch that holds
 * items matching no ASCII digit, then a required run of digits, then
 * items a match must have: what follows that run (after_run(), up to the
 * group's end, which must not be reached with nothing read), into *follow;
 * the most bytes before the run in the group into *pre, whether they may
 * be white space into *space.  False (nothing to free) when it is not so.
 */
static bool
group_first_digits(const char *from, const char *to, struct rxstart *follow,
    size_t *pre, bool *space)
{
	struct cur c = { from + 3, false, false, false };
	bool nullable;

	if (strncmp(from, "(?:", 3) != 0 || to[-1] != ')')
		return false;
	*pre = 0;
	while (c.p < to - 1 && *c.p != '|' && !c.bad) {
		struct item it = next_item(&c);
		size_t n, each;

		if (it.k == A_ZW)
			continue;
		if (it.min >= 1 && !it.nul && pure_digits(it.from, it.to)) {
			const char *p = it.from;

			memset(follow, 0, sizeof(*follow));
			follow->run_max = digits_alt(&p, c.p, true);
			follow->then_digits = char_then_digits(c);
			c.skip_space = true;
			seq(&c, follow, &nullable);
			if (c.bad || nullable || follow->digit || follow->any ||
			    c.p != to - 1) {
				rxstart_free(follow);
				return false;
			}
			for (size_t i = 0; i < follow->nlit; i++)
				if (follow->lit[i][0] >= '0' &&
				    follow->lit[i][0] <= '9') {
					rxstart_free(follow);
					return false;
				}
			return true;
		}
		if (!digit_free(it.from, it.to, space))
			return false;
		each = *it.from == '(' ? SIZE_MAX : 4;
		n = quant_max(it.to, c.p);
		*pre = each == SIZE_MAX || n == SIZE_MAX ||
		    each * n > SIZE_MAX / 2 - *pre ? SIZE_MAX : *pre + each * n;
	}
	return false;
}

void
rxstart_after_first_digits(const char *pattern, struct rxstart *follow,
    size_t *prefix_max, bool *prefix_space)
{
	struct cur c = { pattern, false, false, false };
	bool found = false, space = false, opt = false, opt_space = false;
	size_t max = 0, opt_pre = 0;
	const char *run = NULL;
	struct rxstart opt_follow = { 0 };

	memset(follow, 0, sizeof(*follow));
	follow->any = true;
	*prefix_max = SIZE_MAX;
	*prefix_space = true;
	/* Up to the first item a match must have that is digits; no item
	 * before it may match a digit, so that run is the text's first
	 * after the match's start.  One optional group may hold the first
	 * run instead (group_first_digits(): "vụ(?:\s+\d{1,2}\s+năm)?\s+
	 * (?<y>\d{4})"): then what follows either run may follow it. */
	while (*c.p != '\0' && *c.p != '|' && *c.p != ')' && !c.bad) {
		struct item it = next_item(&c);
		const char *from = it.from, *q = it.to;
		size_t n, each, pre;

		if (it.k == A_ZW)
			continue;
		if (it.min >= 1 && !it.nul && pure_digits(from, q)) {
			found = true;
			run = from;
			break;
		}
		if (!opt && it.min == 0 && quant_max(q, c.p) == 1 &&
		    group_first_digits(from, q, &opt_follow, &pre,
		    &opt_space)) {
			opt = true;
			opt_pre = max == SIZE_MAX || pre == SIZE_MAX ||
			    pre > SIZE_MAX / 2 - max ? SIZE_MAX : max + pre;
			continue;
		}
		if (!digit_free(from, q, &space)) {
			rxstart_free(&opt_follow);
			return;
		}
		/* The most bytes it can take: a character is at most four
		 * (a caseless 'k' matches the three of U+212A). */
		each = *from == '(' ? SIZE_MAX : 4;
		n = quant_max(q, c.p);
		if (max != SIZE_MAX)
			max = each == SIZE_MAX || n == SIZE_MAX ||
			    each * n > SIZE_MAX / 2 - max ? SIZE_MAX :
			    max + each * n;
	}
	if (!found || c.bad) {
		rxstart_free(&opt_follow);
		return;
	}
	*prefix_max = max;
	*prefix_space = space;
	after_run(&c, follow, run, c.p);
	if (opt && !follow->any) {
		/* Either run: the union of what may follow them. */
		if (opt_follow.run_max > follow->run_max)
			follow->run_max = opt_follow.run_max;
		if (opt_follow.then_digits != follow->then_digits)
			follow->then_digits = 0;
		if (opt_pre > *prefix_max)
			*prefix_max = opt_pre;
		*prefix_space |= opt_space;
		merge(follow, &opt_follow);
	} else if (opt) {
		rxstart_free(&opt_follow);
	}
	/* A branch at the top, or text not read: other matches may begin
	 * otherwise. */
	if (c.bad || *c.p != '\0') {
		*prefix_max = SIZE_MAX;
		*prefix_space = true;
	}
}

/*
 * Whether the group text [p, to), "(?:" to ")", is branches of literal
 * characters and runs of spaces only, each short enough to be read whole
 * as one lead by rxstart_of_joined().
 */
static bool
literal_branches(const char *p, const char *to)
{
	struct cur c = { p + 3, false, false, false };
	size_t n = 0;
	bool first = true;

	if (strncmp(p, "(?:", 3) != 0 || to[-1] != ')')
		return false;
	while (c.p < to - 1 && !c.bad) {
		bool space = *c.p == ' ' || (c.p[0] == '\\' && c.p[1] == 's');
		struct item it;

		if (*c.p == '|') {
			c.p++;
			n = 0;
			first = true;
			continue;
		}
		it = next_item(&c);
		if (space ? first || it.min < 1 : it.k != A_LIT || it.min != 1 ||
		    it.more)
			return false;
		n += space ? 1 : (size_t)(it.to - it.from);
		if (n >= LIT_MAX)
			return false;
		first = false;
	}
	return !c.bad && c.p == to - 1 && !first;
}

void
rxstart_after_lead(const char *pattern, struct rxstart *after)
{
	struct cur c = { pattern, false, false, false };
	bool nullable;

	memset(after, 0, sizeof(*after));
	after->any = true;
	/* Zero-width items, then the group the leads are. */
	for (;;) {
		struct item it;

		if (*c.p == '\0' || *c.p == '|' || *c.p == ')' || c.bad)
			return;
		it = next_item(&c);
		if (c.bad)
			return;
		if (it.k == A_ZW)
			continue;
		if (it.min != 1 || it.more || !literal_branches(it.from, it.to))
			return;
		break;
	}
	after->any = false;
	c.skip_space = true;
	seq(&c, after, &nullable);
	if (c.bad || nullable || *c.p != '\0') {
		rxstart_free(after);
		after->any = true;
	}
}

static void
start_of(const char *pattern, struct rxstart *out, bool join_space)
{
	struct cur c = { pattern, false, false, join_space };
	bool nullable;

	memset(out, 0, sizeof(*out));
	alt(&c, out, &nullable);
	if (c.bad || *c.p != '\0' || nullable)
		out->any = true;
}

void
rxstart_of(const char *pattern, struct rxstart *out)
{
	start_of(pattern, out, false);
}

void
rxstart_of_joined(const char *pattern, struct rxstart *out)
{
	start_of(pattern, out, true);
}

void
rxstart_free(struct rxstart *st)
{
	for (size_t i = 0; i < st->nlit; i++)
		free(st->lit[i]);
	free(st->lit);
	memset(st, 0, sizeof(*st));
}
