/* docsrc.c - see docsrc.h. */
#include <ctype.h>
#include <dirent.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "docsrc.h"
#include "err.h"
#include "input.h"
#include "progress.h"
#include "utf8.h"

#define SNIFF_BYTES 4096

/* Scratch buffers reused from document to document (one reader at a time). */
static struct buf idb, tmp, jline;

int
docsrc_format(const char *name)
{
	if (strcmp(name, "txt") == 0 || strcmp(name, "text") == 0)
		return DOC_TXT;
	if (strcmp(name, "wet") == 0 || strcmp(name, "warc") == 0)
		return DOC_WET;
	if (strcmp(name, "jsonl") == 0 || strcmp(name, "json") == 0)
		return DOC_JSONL;
	return -1;
}

static bool
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

void
docsrc_iso_date(const char *s, char out[11])
{
	int d, m, y, len;

	out[0] = '\0';
	while (*s == ' ')
		s++;
	if (digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
	    digits(s + 8, 2)) {
		memcpy(out, s, 10);
		out[10] = '\0';
		return;
	}
	/* Vietnamese sites write day/month/year. */
	if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &len) == 3 && len >= 8 &&
	    d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 1000 && digits(s + len - 4, 4)) {
		char tmpd[32];

		snprintf(tmpd, sizeof(tmpd), "%04d-%02d-%02d", y, m, d);
		memcpy(out, tmpd, 11);
	}
}

/* The file's name less its known extensions: 000_abc.txt.gz -> 000_abc. */
static const char *
doc_id_of(const char *path)
{
	static const char *const ext[] = { ".gz", ".txt", ".text", ".html",
	    ".htm", ".jsonl", ".json", ".warc", ".wet", NULL };
	const char *base = strrchr(path, '/');
	bool again = true;

	if (strcmp(path, "-") == 0)
		return "stdin";
	buf_reset(&idb);
	buf_adds(&idb, base ? base + 1 : path);
	while (again) {
		again = false;
		for (int i = 0; ext[i]; i++) {
			size_t el = strlen(ext[i]);

			if (idb.len > el && strcasecmp(idb.p + idb.len - el, ext[i]) == 0) {
				idb.len -= el;
				idb.p[idb.len] = '\0';
				again = true;
			}
		}
	}
	return idb.p;
}

static enum doc_format
format_by_name(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (strstr(base, ".warc") || strstr(base, ".wet"))
		return DOC_WET;
	if (strstr(base, ".jsonl") || strstr(base, ".json") || strstr(base, ".ndjson"))
		return DOC_JSONL;
	if (strstr(base, ".txt") || strstr(base, ".text"))
		return DOC_TXT;
	return DOC_AUTO;
}

static enum doc_format
format_by_bytes(const char *p, size_t n)
{
	size_t i = 0;

	if (n >= 5 && memcmp(p, "WARC/", 5) == 0)
		return DOC_WET;
	while (i < n && isspace((unsigned char)p[i]))
		i++;
	return i < n && p[i] == '{' ? DOC_JSONL : DOC_TXT;
}

static bool
is_binary_byte(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
	    c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f;
}

/*
 * Bytes that text has no business holding: NUL and most controls.  Asked
 * of the first 4 KiB of every file, which for a folder of articles is
 * most of their text: 16 bytes at a time where SSE2 is.
 */
static size_t
binary_bytes(const char *p, size_t n)
{
	size_t bad = 0, i = 0;

#ifdef __SSE2__
	const __m128i c1f = _mm_set1_epi8(0x1f), c09 = _mm_set1_epi8(9);
	const __m128i c04 = _mm_set1_epi8(4), esc = _mm_set1_epi8(0x1b);
	const __m128i del = _mm_set1_epi8(0x7f);

	for (; n - i >= 16; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(p + i));
		__m128i t = _mm_sub_epi8(x, c09);
		/* Below 0x20, less TAB..CR (x - 9 <= 4) and ESC; or DEL. */
		__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(x, c1f), x);
		__m128i ok = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(t, c04),
		    t), _mm_cmpeq_epi8(x, esc));

		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_andnot_si128(ok, ctl), _mm_cmpeq_epi8(x, del)));

		/* Text has none: no popcount (a libgcc call in baseline
		 * x86-64) for a clean block. */
		if (m != 0)
			bad += (size_t)__builtin_popcount(m);
	}
#endif
	for (; i < n; i++)
		bad += is_binary_byte((unsigned char)p[i]);
	return bad;
}

static bool
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\r' && s[i] != '\t')
			return false;
	return true;
}

static int
read_txt(struct input *in, const char *path, struct docnorm *dn)
{
	char *line;
	bool partial;
	ssize_t n;
	int rc = EXIT_OK;

	docnorm_begin(dn, input_name(in), doc_id_of(path), path, "");
	while ((n = input_line(in, &line, &partial)) >= 0)
		docnorm_line(dn, line, (size_t)n, partial);
	if (n == INPUT_ERR)
		rc = EXIT_DATA;
	docnorm_end(dn);
	return rc;
}

/* ---- WARC / WET ---- */

struct warc_head {
	struct buf type, id, uri, date, lang;
	long long length;	/* -1: none given */
};

static bool
is_version(const char *l, size_t n)
{
	if (n > 0 && l[n - 1] == '\r')
		n--;
	return n == 8 && (memcmp(l, "WARC/1.0", 8) == 0 || memcmp(l, "WARC/1.1", 8) == 0);
}

static void
head_field(struct warc_head *h, const char *line)
{
	const char *colon = strchr(line, ':'), *v;
	size_t kl;
	struct buf *dst = NULL;

	if (colon == NULL)
		return;
	kl = (size_t)(colon - line);
	for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
		;
#define KEY(k) (kl == sizeof(k) - 1 && strncasecmp(line, k, kl) == 0)
	if (KEY("WARC-Type"))
		dst = &h->type;
	else if (KEY("WARC-Record-ID"))
		dst = &h->id;
	else if (KEY("WARC-Target-URI"))
		dst = &h->uri;
	else if (KEY("WARC-Date"))
		dst = &h->date;
	else if (KEY("WARC-Identified-Content-Language"))
		dst = &h->lang;
	else if (KEY("Content-Length")) {
		char *end;
		long long x = strtoll(v, &end, 10);

		h->length = end > v && *end == '\0' && x >= 0 ? x : -1;
	}
#undef KEY
	if (dst != NULL) {
		buf_reset(dst);
		buf_adds(dst, v);
	}
}

/* Reads the header lines after "WARC/1.0"; false at the end of input. */
static bool
read_head(struct input *in, struct warc_head *h)
{
	char *line;
	bool partial;
	ssize_t n;

	buf_reset(&h->type);
	buf_reset(&h->id);
	buf_reset(&h->uri);
	buf_reset(&h->date);
	buf_reset(&h->lang);
	h->length = -1;
	while ((n = input_line(in, &line, &partial)) >= 0) {
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n == 0)
			return true;
		head_field(h, line);
	}
	return false;
}

/* The record id for the stream: <urn:uuid:X> -> X. */
static const char *
record_id(const struct warc_head *h, const char *path, unsigned long nrec)
{
	const char *s = h->id.p ? h->id.p : "";
	size_t n;

	if (*s == '<')
		s++;
	if (strncmp(s, "urn:uuid:", 9) == 0)
		s += 9;
	n = strcspn(s, ">");
	/* No id, or an empty one such as "<>": the stream needs one. */
	if (n == 0) {
		const char *fid = doc_id_of(path);	/* in idb */

		buf_reset(&tmp);
		buf_printf(&tmp, "%s#%lu", fid, nrec);
		return tmp.p;
	}
	buf_reset(&idb);
	buf_add(&idb, s, n);
	return idb.p;
}

/* Skips to the next "WARC/1.0" line; false at the end of input. */
static bool
find_version(struct input *in, int *rc)
{
	unsigned long long junk = 0, at = 0, off;
	bool partial, piece = false;
	char *line;
	ssize_t n;

	for (;;) {
		off = input_offset(in);
		n = input_line(in, &line, &partial);
		if (n < 0) {
			if (n == INPUT_ERR)
				*rc = EXIT_DATA;
			break;
		}
		if (!piece && is_version(line, (size_t)n))
			break;
		piece = partial;
		if (!blank(line, (size_t)n)) {
			if (junk == 0)
				at = off;
			junk += (unsigned long long)n + !partial;
		}
	}
	if (junk > 0) {
		warn("%s: %llu bytes from byte %llu on are not in any WARC record: "
		    "skipped", input_name(in), junk, at);
		*rc = EXIT_DATA;
	}
	return n >= 0;
}

/*
 * Reads lines after a body that ended inside a line of text, up to the
 * next WARC header, into the document: its Content-Length was too short.
 * Returns whether a header was found.
 */
static bool
read_overrun(struct input *in, struct docnorm *dn, bool keep, int *rc)
{
	unsigned long blanks = 0;
	bool partial, piece = false;
	char *line;
	ssize_t n;

	while ((n = input_line(in, &line, &partial)) >= 0) {
		if (!piece && is_version(line, (size_t)n))
			return true;
		piece = partial;
		if (!partial && blank(line, (size_t)n)) {
			blanks++;	/* the separator, unless text follows */
			continue;
		}
		for (; blanks > 0; blanks--)
			if (keep)
				docnorm_line(dn, "", 0, false);
		if (keep)
			docnorm_line(dn, line, (size_t)n, partial);
	}
	if (n == INPUT_ERR)
		*rc = EXIT_DATA;
	return false;
}

static int
read_wet(struct input *in, const char *path, struct docnorm *dn,
    struct docnorm_stats *st)
{
	static struct warc_head h;
	static struct buf rid;
	const char *name = input_name(in);
	unsigned long nrec = 0;
	bool have_version = false, more = true;
	int rc = EXIT_OK;

	while (more) {
		unsigned long long body_end;
		bool keep, piece = false, prev_blank = true, overrun = false;
		unsigned long blanks;
		char date[11], *line;
		bool partial;
		ssize_t n;

		if (!have_version && !find_version(in, &rc))
			break;
		have_version = false;
		nrec++;
		if (!read_head(in, &h)) {
			warn("%s: WARC record %lu is cut off inside its header",
			    name, nrec);
			rc = EXIT_DATA;
			break;
		}
		buf_reset(&rid);
		buf_adds(&rid, record_id(&h, path, nrec));
		if (h.length < 0) {
			warn("%s: record %s has no valid Content-Length: read up to "
			    "the next WARC header", name, rid.p);
			st->warc_bad_length++;
			rc = EXIT_DATA;
		}
		body_end = h.length < 0 ? ~0ULL : input_offset(in) + (unsigned long long)h.length;
		keep = h.type.p && strcasecmp(h.type.p, "conversion") == 0;
		if (keep) {
			docsrc_iso_date(h.date.p ? h.date.p : "", date);
			docnorm_begin(dn, name, rid.p, h.uri.len ? h.uri.p : path, date);
			if (h.lang.len > 0)
				docnorm_meta(dn, "language", h.lang.p);
		} else
			st->warc_other_type++;
		/*
		 * Blank lines are held until text follows: when the length
		 * is wrong they are the record separator, not the body's.
		 */
		blanks = 0;
		while (input_offset(in) < body_end) {
			unsigned long long off0 = input_offset(in);
			size_t take;

			n = input_line(in, &line, &partial);
			if (n < 0) {
				if (n == INPUT_ERR)
					rc = EXIT_DATA;
				else if (h.length >= 0) {
					warn("%s: record %s: Content-Length %lld runs %llu "
					    "bytes past the end of the file", name, rid.p,
					    h.length, body_end - off0);
					st->warc_bad_length++;
					rc = EXIT_DATA;
				}
				more = false;
				blanks = 0;
				break;
			}
			if (!piece && prev_blank && is_version(line, (size_t)n)) {
				if (h.length >= 0) {
					warn("%s: record %s: Content-Length %lld runs past "
					    "the next WARC header at byte %llu: record cut "
					    "there", name, rid.p, h.length, off0);
					st->warc_bad_length++;
					rc = EXIT_DATA;
				}
				have_version = true;
				blanks = 0;
				break;
			}
			take = (size_t)n;
			if (off0 + (unsigned long long)n > body_end) {
				size_t in_body = (size_t)(body_end - off0);

				if (blank(line + in_body, (size_t)n - in_body))
					take = in_body;
				else
					overrun = true;
			}
			prev_blank = !piece && !partial && blank(line, take);
			piece = partial;
			if (prev_blank) {
				blanks++;
				continue;
			}
			for (; blanks > 0; blanks--)
				if (keep)
					docnorm_line(dn, "", 0, false);
			if (keep)
				docnorm_line(dn, line, take, partial);
		}
		for (; blanks > 0; blanks--)
			if (keep)
				docnorm_line(dn, "", 0, false);
		if (overrun) {
			warn("%s: record %s: Content-Length %lld ends inside a line: "
			    "text up to the next WARC header kept", name, rid.p, h.length);
			st->warc_bad_length++;
			rc = EXIT_DATA;
			have_version = read_overrun(in, dn, keep, &rc);
			more = have_version;
		}
		if (keep)
			docnorm_end(dn);
	}
	return rc;
}

/* ---- JSON lines ---- */

static const char *
json_str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		buf_reset(&tmp);
		buf_printf(&tmp, "%lld", (long long)json_integer_value(v));
		return tmp.p;
	}
	return NULL;
}

static int
json_doc(const char *p, size_t n, struct input *in, const char *path,
    const struct docsrc_opts *o, struct docnorm *dn, struct docnorm_stats *st)
{
	const char *name = input_name(in);
	unsigned long lineno = input_lineno(in);
	json_error_t err;
	json_t *j, *text;
	struct buf fixed = { 0 }, id = { 0 }, src = { 0 };
	size_t bad = 0;
	const char *s, *end, *nl;
	char date[11] = "";
	int rc = EXIT_OK;

	j = json_loadb(p, n, JSON_ALLOW_NUL, &err);
	if (j == NULL && (bad = utf8_sanitize(p, n, &fixed)) > 0)
		j = json_loadb(fixed.p, fixed.len, JSON_ALLOW_NUL, &err);
	buf_free(&fixed);
	if (j == NULL || !json_is_object(j)) {
		warn("%s:%lu: %s%s: line skipped", name, lineno,
		    j ? "not a JSON object" : "bad JSON: ", j ? "" : err.text);
		st->bad_json++;
		json_decref(j);
		return EXIT_DATA;
	}
	text = json_object_get(j, o->json_text);
	if (!json_is_string(text)) {
		warn("%s:%lu: no text string in field '%s': line skipped", name,
		    lineno, o->json_text);
		st->no_text++;
		json_decref(j);
		return EXIT_DATA;
	}
	if ((s = json_str(j, o->json_id)) != NULL && *s)
		buf_adds(&id, s);
	else
		buf_printf(&id, "%s:%lu", doc_id_of(path), lineno);
	if ((s = json_str(j, o->json_url)) != NULL && *s)
		buf_adds(&src, s);
	else
		buf_printf(&src, "%s:%lu", path, lineno);
	if ((s = json_str(j, o->json_date)) != NULL)
		docsrc_iso_date(s, date);
	docnorm_begin(dn, name, id.p, src.p, date);
	if (s != NULL && *s && date[0] == '\0')
		docnorm_meta(dn, "date", s);
	docnorm_add_bad(dn, bad);
	s = json_string_value(text);
	end = s + json_string_length(text);
	/* Lines as a file would give them: no line after a final newline. */
	for (; s < end; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		docnorm_line(dn, s, (size_t)(nl - s), false);
	}
	docnorm_end(dn);
	json_decref(j);
	buf_free(&id);
	buf_free(&src);
	return rc;
}

static int
read_jsonl(struct input *in, const char *path, const struct docsrc_opts *o,
    struct docnorm *dn, struct docnorm_stats *st)
{
	char *line;
	bool partial, too_long = false;
	ssize_t n;
	int rc = EXIT_OK;

	/*
	 * Jansson asserts or crashes on some failed allocations; with ours
	 * it stops with "out of memory" instead, as the rest of chiso.
	 */
	json_set_alloc_funcs(xmalloc, free);
	buf_reset(&jline);
	while ((n = input_line(in, &line, &partial)) >= 0) {
		const char *p = line;
		size_t len = (size_t)n;

		if (partial || jline.len > 0) {
			/* A line over 1 MiB: gather it, up to a bound. */
			if (jline.len + len > o->max_json_bytes)
				too_long = true;
			else
				buf_add(&jline, line, len);
			if (partial)
				continue;
			p = jline.p;
			len = jline.len;
		}
		if (too_long) {
			warn("%s:%lu: JSON line longer than %zu bytes: skipped",
			    input_name(in), input_lineno(in), o->max_json_bytes);
			st->bad_json++;
			rc = EXIT_DATA;
		} else if (!blank(p, len) &&
		    json_doc(p, len, in, path, o, dn, st) != EXIT_OK)
			rc = EXIT_DATA;
		too_long = false;
		buf_reset(&jline);
	}
	return n == INPUT_ERR ? EXIT_DATA : rc;
}

/* ---- files and directories ---- */

static int
read_file(const char *path, const struct docsrc_opts *o, struct docnorm *dn,
    struct docnorm_stats *st)
{
	struct input *in = input_open(path);
	enum doc_format fmt = o->format;
	const char *p;
	ssize_t n;
	size_t bad;
	int rc;

	if (in == NULL) {
		st->files_unreadable++;
		return EXIT_DATA;
	}
	st->files++;
	progress_file(o->progress, in, path);
	n = input_peek(in, &p, SNIFF_BYTES);
	if (n == INPUT_ERR) {
		progress_done(o->progress);
		input_close(in);
		return EXIT_DATA;
	}
	if (n > SNIFF_BYTES)
		n = SNIFF_BYTES;
	bad = binary_bytes(p, (size_t)n);
	if (n > 0 && (double)bad > o->max_binary_share * (double)n) {
		warn("%s: binary data (%zu of the first %zd bytes are NUL or "
		    "control bytes): file skipped", input_name(in), bad, n);
		st->files_binary++;
		progress_done(o->progress);
		input_close(in);
		return EXIT_DATA;
	}
	if (fmt == DOC_AUTO && strcmp(path, "-") != 0)
		fmt = format_by_name(path);
	if (fmt == DOC_AUTO)
		fmt = format_by_bytes(p, (size_t)n);
	if (fmt == DOC_WET)
		rc = read_wet(in, path, dn, st);
	else if (fmt == DOC_JSONL)
		rc = read_jsonl(in, path, o, dn, st);
	else
		rc = read_txt(in, path, dn);
	st->bytes_in += input_offset(in);
	progress_done(o->progress);
	if (input_close(in) != 0)
		rc = EXIT_DATA;
	return rc;
}

/* A directory entry, with the type readdir() told (DT_UNKNOWN if none). */
struct entry {
	char *name;
	unsigned char type;
};

static int
cmp_entries(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

/*
 * What an entry is: a directory to walk, a file to read, or a link to a
 * directory, which is not followed as it could loop.  The type readdir()
 * gives saves two stat calls a file, a third of the system calls of a
 * folder of small documents; stat is the fallback where it gives none.
 */
enum entry_kind { E_FILE, E_DIR, E_SKIP };

static enum entry_kind
entry_kind(const char *full, unsigned char type)
{
	struct stat sb;

	if (type == DT_REG)
		return E_FILE;
	if (type == DT_DIR)
		return E_DIR;
	if (type == DT_UNKNOWN && lstat(full, &sb) == 0 && !S_ISLNK(sb.st_mode))
		return S_ISDIR(sb.st_mode) ? E_DIR : E_FILE;
	if (stat(full, &sb) == 0 && S_ISDIR(sb.st_mode))
		return E_SKIP;
	return E_FILE;	/* read_file() says why it could not be read */
}

static int
read_dir(const char *path, const struct docsrc_opts *o, struct docnorm *dn,
    struct docnorm_stats *st)
{
	DIR *d = opendir(path);
	struct dirent *e;
	struct entry *ents = NULL;
	size_t n = 0, cap = 0;
	struct buf full = { 0 };
	int rc = EXIT_OK;

	if (d == NULL) {
		warn("%s:", path);
		st->files_unreadable++;
		return EXIT_DATA;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			ents = xrealloc(ents, cap * sizeof(*ents));
		}
		ents[n++] = (struct entry){ xstrdup(e->d_name), e->d_type };
	}
	closedir(d);
	qsort(ents, n, sizeof(*ents), cmp_entries);
	for (size_t i = 0; i < n; i++) {
		buf_reset(&full);
		buf_adds(&full, path);
		if (path[strlen(path) - 1] != '/')
			buf_addc(&full, '/');
		buf_adds(&full, ents[i].name);
		switch (entry_kind(full.p, ents[i].type)) {
		case E_DIR:
			if (read_dir(full.p, o, dn, st) != EXIT_OK)
				rc = EXIT_DATA;
			break;
		case E_FILE:
			if (read_file(full.p, o, dn, st) != EXIT_OK)
				rc = EXIT_DATA;
			break;
		case E_SKIP:
			break;
		}
		free(ents[i].name);
	}
	buf_free(&full);
	free(ents);
	return rc;
}

int
docsrc_read(const char *path, const struct docsrc_opts *o, struct docnorm *dn,
    struct docnorm_stats *st)
{
	struct stat sb;

	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return read_dir(path, o, dn, st);
	return read_file(path, o, dn, st);
}
