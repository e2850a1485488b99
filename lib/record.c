/* record.c - see record.h. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "err.h"
#include "input.h"
#include "record.h"

struct rec_reader {
	char **paths;
	int npaths, next;
	struct input *in;
	int status;
	char doc[256];		/* the last document id seen, for messages */
};

struct rec_reader *
rec_reader_open(char **paths, int npaths)
{
	struct rec_reader *r = xcalloc(1, sizeof(*r));
	static char *stdin_only[] = { "-" };

	if (npaths == 0) {
		paths = stdin_only;
		npaths = 1;
	}
	r->paths = paths;
	r->npaths = npaths;
	return r;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define REC_SWAR 1
#define ONES 0x0101010101010101ULL
#define HIGH 0x8080808080808080ULL
#endif

/*
 * strchr(p, '\t') or, when there is none, the record's NUL at end.  The
 * kind, SNO and such are short: a look at their first eight bytes at
 * once saves the call; longer fields (ids, text) go to strchr, which is
 * vectorised.  Never reads past the record's NUL.
 */
static inline char *
tab_or_nul(char *p, const char *end)
{
	char *t;

#ifdef REC_SWAR
	if (end - p >= 8) {
		uint64_t w, x, hit;

		memcpy(&w, p, 8);
		x = w ^ (ONES * '\t');
		/* Zero bytes of w or x; the lowest mark is exact. */
		hit = ((w - ONES) & ~w & HIGH) | ((x - ONES) & ~x & HIGH);
		if (hit)
			return p + __builtin_ctzll(hit) / 8;
		p += 8;
	}
#endif
	t = strchr(p, '\t');
	return t ? t : p + strlen(p);
}

void
rec_split(struct rec *rec, int nfields)
{
	char *p, *tab, *end = rec->line + rec->len;

	if (nfields > REC_MAXFIELDS)
		nfields = REC_MAXFIELDS;
	if (rec->nf == 0) {
		rec->f[0] = rec->line;
		rec->nf = 1;
	}
	p = rec->f[rec->nf - 1];
#ifdef __SSE2__
	/*
	 * Sixteen bytes at a time, every TAB of a chunk taken from one mask:
	 * a num record has ten short fields and a 36-byte document id, and
	 * a call per field (below) cost some 370 instructions a record.
	 * Never reads past the record's NUL at line[len].
	 */
	const __m128i tabs = _mm_set1_epi8('\t'), nuls = _mm_setzero_si128();

	for (; rec->nf < nfields && end - p >= 16; p += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned hit = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(v, tabs), _mm_cmpeq_epi8(v, nuls)));

		for (; hit && rec->nf < nfields; hit &= hit - 1) {
			char *t = p + __builtin_ctz(hit);

			if (*t == '\0')
				goto absent;
			*t = '\0';
			rec->f[rec->nf++] = t + 1;
		}
	}
	/* Less than a chunk left, none of it looked at yet. */
#endif
	while (rec->nf < nfields && *(tab = tab_or_nul(p, end)) == '\t') {
		*tab = '\0';
		p = tab + 1;
		rec->f[rec->nf++] = p;
	}
#ifdef __SSE2__
absent:
#endif
	/* Absent trailing fields read as empty, so short records are safe. */
	for (int i = rec->nf; i < nfields; i++)
		rec->f[i] = end;
}

bool
rec_next(struct rec_reader *r, struct rec *rec, int nfields)
{
	char *line;
	ssize_t n;
	bool partial;

	for (;;) {
		if (r->in == NULL) {
			if (r->next >= r->npaths)
				return false;
			r->in = input_open(r->paths[r->next++]);
			if (r->in == NULL) {
				r->status = EXIT_DATA;
				continue;
			}
		}
		n = input_line(r->in, &line, &partial);
		if (n >= 0)
			break;
		if (n == INPUT_ERR)
			r->status = EXIT_DATA;
		input_close(r->in);
		r->in = NULL;
	}
	if (partial)
		die(EXIT_DATA, "%s:%lu: record longer than %u bytes in document "
		    "'%s': the stream is damaged", input_name(r->in),
		    input_lineno(r->in), INPUT_LINE_MAX, r->doc);
	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	memset(rec, 0, sizeof(*rec));
	rec->line = line;
	rec->len = (size_t)n;
	rec->src = input_name(r->in);
	rec->lineno = input_lineno(r->in);
	rec_split(rec, nfields < 2 ? 2 : nfields);
	if (rec_is(rec, "doc")) {
		size_t len = strcspn(rec->f[1], "\t");

		if (len >= sizeof(r->doc))
			len = sizeof(r->doc) - 1;
		memcpy(r->doc, rec->f[1], len);
		r->doc[len] = '\0';
	}
	return true;
}

int
rec_reader_close(struct rec_reader *r)
{
	int status = r->status;

	if (r->in)
		input_close(r->in);
	free(r);
	return status;
}

bool
rec_is(const struct rec *rec, const char *kind)
{
	return strcmp(rec->f[0], kind) == 0;
}

/*
 * Fields were split in place: the byte before each split field is a NUL
 * that was a TAB.  Puts the TABs back (tab) or takes them out again.
 */
static void
rec_tabs(const struct rec *rec, char c)
{
	for (int i = 1; i < rec->nf; i++)
		rec->f[i][-1] = c;
}

void
rec_unsplit(struct buf *out, const char *p, size_t n)
{
	char *o;
	size_t i = 0;

	buf_grow(out, n);
	o = out->p + out->len;
#ifdef __SSE2__
	const __m128i tab = _mm_set1_epi8('\t'), zero = _mm_setzero_si128();

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));

		v = _mm_or_si128(v, _mm_and_si128(_mm_cmpeq_epi8(v, zero), tab));
		_mm_storeu_si128((__m128i *)(void *)(o + i), v);
	}
#endif
	for (; i < n; i++)
		o[i] = p[i] != '\0' ? p[i] : '\t';
	out->len += n;
	out->p[out->len] = '\0';
}

/*
 * Writes the record's bytes with every NUL as a TAB, as the record came
 * (a NUL the input itself held comes out as a TAB, as it always has).
 * Split fields end before any such NUL, so only the last can hold one.
 */
static void
put_whole(const struct rec *rec, struct buf *out, FILE *fp)
{
	const char *tail = rec->nf > 0 ? rec->f[rec->nf - 1] : rec->line;

	rec_tabs(rec, '\t');
	if (memchr(tail, '\0', rec->len - (size_t)(tail - rec->line)) == NULL) {
		if (out)
			buf_add(out, rec->line, rec->len);
		else
			fwrite_unlocked(rec->line, 1, rec->len, fp);
	} else {
		static struct buf tmp;

		if (out == NULL) {
			buf_reset(&tmp);
			out = &tmp;
		}
		rec_unsplit(out, rec->line, rec->len);
		if (fp)
			fwrite_unlocked(out->p, 1, out->len, fp);
	}
	rec_tabs(rec, '\0');
}

void
rec_copy(const struct rec *rec)
{
	/* One write per record: pass-through is most of every stage's output. */
	put_whole(rec, NULL, stdout);
	putc_unlocked('\n', stdout);
}

void
rec_append(const struct rec *rec, struct buf *out)
{
	put_whole(rec, out, NULL);
	buf_addc(out, '\n');
}

/*
 * A record being written is put together here and goes to stdout in one
 * write at rec_end(): a stdio call per field cost more than the bytes.
 * Outside rec_begin()..rec_end() a rec_put_*() is written at once, as
 * before, for callers that print the start of a record themselves.
 * wrec is written by length only, so it is not kept NUL-terminated.
 */
static struct buf wrec;
static bool wopen;

/* Room for n more bytes at the end of wrec; where they go. */
static inline char *
wroom(size_t n)
{
	if (wrec.cap - wrec.len < n + 1)
		buf_grow(&wrec, n);
	return wrec.p + wrec.len;
}

/*
 * Appends lead (a TAB, or nothing for the kind) and then s[0..n) as a
 * field, made room for once and copied in blocks (buf_field_copy), with
 * no call chain per field.
 */
static inline void
put_field(const char *s, size_t n, bool lead)
{
	char *o = wroom(n + 1);

	if (lead)
		*o++ = '\t';
	if (n > 0)
		buf_field_copy(o, s, n);
	wrec.len += n + lead;
}

/* put_field() of a string; many fields are empty (unit, approx, flags). */
static inline void
put_str(const char *s, bool lead)
{
	put_field(s, s && *s ? strlen(s) : 0, lead);
}

static void
wflush(void)
{
	fwrite_unlocked(wrec.p, 1, wrec.len, stdout);
	wrec.len = 0;
}

void
rec_begin(const char *kind, const char *doc)
{
	wrec.len = 0;
	put_str(kind, false);
	wopen = true;
	put_str(doc, true);
}

void
rec_put_mem(const char *s, size_t n)
{
	/* Every field but the kind follows a TAB. */
	put_field(s, n, true);
	if (!wopen)
		wflush();
}

void
rec_put_raw(const char *s, size_t n)
{
	char *o = wroom(n + 1);

	*o = '\t';
	memcpy(o + 1, s, n);
	wrec.len += n + 1;
	if (!wopen)
		wflush();
}

void
rec_put_text(const char *s)
{
	put_str(s, true);
	if (!wopen)
		wflush();
}

void
rec_put_ulong(unsigned long v)
{
	char *o = wroom(24);
	size_t n = 1;

	/* By hand, not printf: numbers are in most records written.  The
	 * digits are counted first (by compares, not divisions) so they
	 * are written in place. */
	for (unsigned long t = 10; v >= t; t *= 10) {
		n++;
		if (t > ULONG_MAX / 10)		/* the last power that fits */
			break;
	}
	*o = '\t';
	wrec.len += n + 1;
	for (o += n; n-- > 0; v /= 10)
		*o-- = (char)('0' + v % 10);
	if (!wopen)
		wflush();
}

void
rec_end(void)
{
	*wroom(1) = '\n';
	wrec.len++;
	wopen = false;
	wflush();
}

long
rec_long(const char *field)
{
	char *end;
	long v;

	if (*field == '\0')
		return -1;
	v = strtol(field, &end, 10);
	return *end == '\0' ? v : -1;
}
