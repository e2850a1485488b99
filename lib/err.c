/* err.c - see err.h. */
#define _GNU_SOURCE	/* F_SETPIPE_SZ, where the system has it */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"

const char *progname = "chiso";
unsigned long err_warnings;

void
err_init(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	progname = slash ? slash + 1 : argv0;
	/*
	 * A closed pipe downstream should end us quietly with no error
	 * text, so we take EPIPE as a write error and handle it in
	 * out_check() rather than dying of SIGPIPE mid-record.
	 */
	signal(SIGPIPE, SIG_IGN);
}

static void
vreport(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t len = strlen(fmt);

	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	if (len > 0 && fmt[len - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	exit(code);
}

void
warn(const char *fmt, ...)
{
	va_list ap;

	err_warnings++;
	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
}

static void
out_of_memory(size_t n)
{
	/* No allocation here: we are out of memory. */
	fprintf(stderr, "%s: out of memory (asked for %zu bytes)\n",
	    progname, n);
	exit(EXIT_DATA);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		out_of_memory(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		out_of_memory(n);
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
out_check(void)
{
	if (!ferror(stdout))
		return;
	if (errno == EPIPE)
		exit(EXIT_OK);
	die(EXIT_DATA, "write error on standard output:");
}

void
out_buffer(size_t size)
{
	/* Half the pipe: a write then fits as soon as the reader has taken
	 * half, and the two stages overlap rather than take turns (a write
	 * the pipe's size measured some 7% slower over the whole run).
	 * glibc takes no size without a buffer (it would use st_blksize,
	 * 4 kB on a pipe): the buffer is given, and lives to exit. */
	static char *buf;

	if (buf == NULL)
		buf = xmalloc(size / 2);
	setvbuf(stdout, buf, _IOFBF, size / 2);
#ifdef F_SETPIPE_SZ
	/* Not a pipe, or over the user's limit: the default is kept, and
	 * only speed is lost. */
	(void)fcntl(STDOUT_FILENO, F_SETPIPE_SZ, (int)size);
#endif
}

void
out_close(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		if (errno == EPIPE)
			exit(EXIT_OK);
		die(EXIT_DATA, "write error on standard output:");
	}
	if (fclose(stdout) == EOF) {
		if (errno == EPIPE)
			exit(EXIT_OK);
		die(EXIT_DATA, "write error on standard output:");
	}
}
