/* input.c - see input.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "gunzip.h"
#include "input.h"

/* Large reads: the stages are meant to run near the speed of gzip -dc. */
#define READ_CHUNK (256u << 10)

struct input {
	struct gunzip *gz;
	char *name;
	char *buf;		/* INPUT_LINE_MAX + READ_CHUNK + 1 bytes */
	size_t cap;
	size_t start, end;	/* unconsumed bytes are buf[start..end) */
	bool eof, failed;
	unsigned long lineno;
	bool in_line;		/* the last piece handed out was partial */
	unsigned long long offset;
	int held;		/* the byte a partial piece's NUL covers, or -1 */
};

/*
 * A partial piece is NUL-terminated over the first byte of the next
 * piece; put that byte back before touching the buffer again.
 */
static void
restore_held(struct input *in)
{
	if (in->held >= 0) {
		in->buf[in->start] = (char)in->held;
		in->held = -1;
	}
}

/* The buffer of the last input closed, for the next (see gunzip.c's
 * spare): small files each cost a map and page faults otherwise. */
static char *spare_buf;

struct input *
input_open(const char *path)
{
	struct input *in;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		fd = dup(STDIN_FILENO);
		path = NULL;
	} else
		fd = open(path, O_RDONLY);
	if (fd < 0) {
		warn("%s:", path ? path : "(standard input)");
		return NULL;
	}
	in = xcalloc(1, sizeof(*in));
	in->name = xstrdup(path ? path : "(standard input)");
	in->gz = gunzip_open(fd);
	in->cap = INPUT_LINE_MAX + READ_CHUNK;
	in->buf = spare_buf ? spare_buf : xmalloc(in->cap + 1);
	spare_buf = NULL;
	in->held = -1;
	return in;
}

const char *
input_name(const struct input *in)
{
	return in->name;
}

unsigned long
input_lineno(const struct input *in)
{
	return in->lineno;
}

unsigned long long
input_offset(const struct input *in)
{
	return in->offset;
}

long long
input_raw_offset(const struct input *in)
{
	return gunzip_raw_offset(in->gz);
}

/* Reports a read error once, naming the file and where it broke. */
static void
read_failed(struct input *in)
{
	const char *why = gunzip_error(in->gz);

	in->failed = true;
	if (why == NULL)
		warn("%s: read error:", in->name);
	else
		warn("%s: damaged or truncated gzip data near compressed "
		    "byte %lld (after %llu bytes of text): %s", in->name,
		    gunzip_raw_offset(in->gz),
		    in->offset + (in->end - in->start), why);
}

/* Moves the unconsumed bytes to the front and reads more after them. */
static int
fill(struct input *in)
{
	ssize_t n;

	if (in->eof || in->failed)
		return 0;
	if (in->start > 0) {
		memmove(in->buf, in->buf + in->start, in->end - in->start);
		in->end -= in->start;
		in->start = 0;
	}
	if (in->end >= in->cap)
		return 0;
	n = gunzip_read(in->gz, in->buf + in->end,
	    in->cap - in->end < READ_CHUNK ? in->cap - in->end : READ_CHUNK);
	if (n < 0) {
		read_failed(in);
		return -1;
	}
	if (n == 0)
		in->eof = true;
	in->end += (size_t)n;
	return (int)n;
}

ssize_t
input_line(struct input *in, char **line, bool *partial)
{
	char *nl;
	size_t len;

	*partial = false;
	restore_held(in);
	for (;;) {
		nl = memchr(in->buf + in->start, '\n', in->end - in->start);
		if (nl != NULL || in->end - in->start >= INPUT_LINE_MAX)
			break;
		if (fill(in) <= 0) {
			if (in->failed && in->end == in->start)
				return INPUT_ERR;
			break;
		}
	}
	len = in->end - in->start;
	if (nl != NULL)
		len = (size_t)(nl - (in->buf + in->start));
	else if (len > INPUT_LINE_MAX)
		len = INPUT_LINE_MAX;
	if (nl == NULL && len == 0)
		return in->failed ? INPUT_ERR : INPUT_EOF;
	if (nl == NULL && len == INPUT_LINE_MAX && !(in->eof && in->end - in->start == len))
		*partial = true;
	if (!in->in_line)
		in->lineno++;
	in->in_line = *partial;
	*line = in->buf + in->start;
	if (nl == NULL && in->start + len < in->end)
		in->held = (unsigned char)(*line)[len];
	(*line)[len] = '\0';	/* '\n', spare (cap + 1), or held */
	in->start += len + (nl != NULL);
	in->offset += len + (nl != NULL);
	return (ssize_t)len;
}

ssize_t
input_read(struct input *in, void *dst, size_t n)
{
	size_t got = 0, take;

	restore_held(in);
	while (got < n) {
		if (in->start == in->end) {
			int r = fill(in);

			if (r < 0)
				return got ? (ssize_t)got : INPUT_ERR;
			if (r == 0)
				break;
		}
		take = in->end - in->start;
		if (take > n - got)
			take = n - got;
		memcpy((char *)dst + got, in->buf + in->start, take);
		in->start += take;
		in->offset += take;
		got += take;
	}
	return (ssize_t)got;
}

ssize_t
input_peek(struct input *in, const char **p, size_t want)
{
	restore_held(in);
	if (want > INPUT_LINE_MAX)
		want = INPUT_LINE_MAX;
	while (in->end - in->start < want)
		if (fill(in) <= 0)
			break;
	*p = in->buf + in->start;
	if (in->failed && in->end == in->start)
		return INPUT_ERR;
	return (ssize_t)(in->end - in->start);
}

int
input_close(struct input *in)
{
	int rc = 0;

	if (in == NULL)
		return 0;
	if (gunzip_close(in->gz) != 0 && !in->failed) {
		warn("%s: close failed", in->name);
		rc = -1;
	}
	if (spare_buf == NULL)
		spare_buf = in->buf;
	else
		free(in->buf);
	free(in->name);
	free(in);
	return rc;
}
