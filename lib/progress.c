/* progress.c - see progress.h. */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "progress.h"

#define CHECK_DOCS 64			/* look at the clock every ... documents */
#define CHECK_BYTES (1ull << 20)	/* ... or every MiB of text */
#define REDRAW_SECONDS 0.25

struct progress {
	bool sized;			/* every input's size is known */
	unsigned long long total;	/* their sum */
	unsigned long long raw_done;	/* file bytes of the files finished */
	unsigned long long text_done;	/* text bytes of the files finished */
	unsigned long long docs;
	struct input *in;		/* the file being read, or NULL */
	unsigned long long in_size;	/* its size (0 unknown) */
	unsigned long long mark;	/* its text offset at the last check */
	double start, last;		/* clock at start, at the last redraw */
	int width;			/* of the line last drawn */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Adds the size of path (a file, or the files under a directory, walked
 * as docsrc walks it) to p->total; false when a size cannot be known. */
static bool
add_size(struct progress *p, const char *path)
{
	struct stat sb, lsb;
	struct dirent *e;
	DIR *d;
	bool ok = true;

	if (strcmp(path, "-") == 0)
		return fstat(STDIN_FILENO, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    (p->total += (unsigned long long)sb.st_size, true);
	if (stat(path, &sb) != 0)
		return true;	/* unreadable: normalise says so, reads nothing */
	if (S_ISREG(sb.st_mode)) {
		p->total += (unsigned long long)sb.st_size;
		return true;
	}
	if (!S_ISDIR(sb.st_mode))
		return false;	/* a fifo or device: no size */
	if ((d = opendir(path)) == NULL)
		return true;
	while ((e = readdir(d)) != NULL) {
		struct buf full = { 0 };

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		buf_printf(&full, "%s/%s", path, e->d_name);
		/* docsrc does not follow links to directories: nor here. */
		if (!(lstat(full.p, &lsb) == 0 && S_ISLNK(lsb.st_mode) &&
		    stat(full.p, &sb) == 0 && S_ISDIR(sb.st_mode)))
			ok &= add_size(p, full.p);
		buf_free(&full);
	}
	closedir(d);
	return ok;
}

struct progress *
progress_new(char **paths, int n)
{
	struct progress *p;

	if (!isatty(STDERR_FILENO))
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->sized = true;
	for (int i = 0; i < n; i++)
		p->sized &= add_size(p, paths[i]);
	p->start = p->last = now();
	return p;
}

/* 1234567 -> "1.2 MB" */
static const char *
human(unsigned long long n, char out[16])
{
	static const char *const unit[] = { "B", "kB", "MB", "GB", "TB" };
	double x = (double)n;
	int u = 0;

	while (x >= 1000 && u < 4) {
		x /= 1000;
		u++;
	}
	snprintf(out, 16, u == 0 ? "%.0f %s" : x < 10 ? "%.2f %s" : x < 100 ?
	    "%.1f %s" : "%.0f %s", x, unit[u]);
	return out;
}

static void
draw(struct progress *p, double t)
{
	char a[16], b[16], line[160];
	double secs = t - p->start;
	unsigned long long done;
	long long raw;
	int len;

	if (p->sized) {
		done = p->raw_done;
		if (p->in != NULL && (raw = input_raw_offset(p->in)) > 0)
			done += (unsigned long long)raw;
		if (done > p->total)
			done = p->total;
		len = snprintf(line, sizeof(line), "%s: %s of %s (%.0f%%), "
		    "%llu docs, %.0f docs/s", progname, human(done, a),
		    human(p->total, b), p->total ? 100.0 * (double)done /
		    (double)p->total : 100.0, p->docs, secs > 0 ?
		    (double)p->docs / secs : 0.0);
		if (done > 0 && secs >= 1 && done < p->total) {
			long left = (long)(secs * (double)(p->total - done) / (double)done);

			len += snprintf(line + len, sizeof(line) - (size_t)len,
			    ", %ld:%02ld:%02ld left", left / 3600, left / 60 % 60, left % 60);
		}
	} else {
		done = p->text_done + (p->in ? input_offset(p->in) : 0);
		len = snprintf(line, sizeof(line), "%s: %s read, %llu docs, "
		    "%.0f docs/s", progname, human(done, a), p->docs,
		    secs > 0 ? (double)p->docs / secs : 0.0);
	}
	/* Blank out what is left of a longer line drawn before. */
	fprintf(stderr, "\r%s%*s", line, p->width > len ? p->width - len : 0, "");
	p->width = len;
	p->last = t;
}

/* The cheap test first; the clock only when it passes. */
static void
check(struct progress *p, bool doc)
{
	unsigned long long off = p->in ? input_offset(p->in) : 0;
	double t;

	if (!(doc && p->docs % CHECK_DOCS == 0) && off - p->mark < CHECK_BYTES)
		return;
	p->mark = off;
	if ((t = now()) - p->last >= REDRAW_SECONDS)
		draw(p, t);
}

void
progress_line(struct progress *p)
{
	if (p != NULL && p->in != NULL &&
	    input_offset(p->in) - p->mark >= CHECK_BYTES)
		check(p, false);
}

void
progress_doc(struct progress *p)
{
	if (p != NULL) {
		p->docs++;
		check(p, true);
	}
}

void
progress_file(struct progress *p, struct input *in, const char *path)
{
	struct stat sb;

	if (p == NULL)
		return;
	p->in = in;
	p->mark = 0;
	p->in_size = 0;
	if (strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &sb) == 0 :
	    stat(path, &sb) == 0)
		if (S_ISREG(sb.st_mode))
			p->in_size = (unsigned long long)sb.st_size;
}

void
progress_done(struct progress *p)
{
	long long raw;

	if (p == NULL || p->in == NULL)
		return;
	raw = input_raw_offset(p->in);
	/* A file skipped early (binary) still counts as all done. */
	p->raw_done += raw > 0 && (unsigned long long)raw > p->in_size ?
	    (unsigned long long)raw : p->in_size;
	p->text_done += input_offset(p->in);
	p->in = NULL;
}

void
progress_free(struct progress *p)
{
	if (p == NULL)
		return;
	draw(p, now());
	fputc('\n', stderr);
	free(p);
}
