/* gunzip.c - see gunzip.h. */
#include <errno.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "err.h"
#include "gunzip.h"

/*
 * With fewer compressed bytes than this left in the window, it is topped
 * up before the next member is tried, so that a member seldom straddles
 * the window's end (libdeflate would fail on it, and the work be redone).
 */
#define TOP_UP (64u << 10)

enum mode {
	SNIFF,		/* nothing read yet */
	PLAIN,		/* not gzip: the bytes as they are */
	MEMBERS,	/* gzip, between members */
	STREAM,		/* gzip, inside a member zlib inflates */
	DONE,
	FAILED		/* error says why, once out[] is handed out */
};

struct gunzip {
	int fd;
	enum mode mode;
	bool eof;		/* read(2) has returned 0 */
	unsigned char *in;	/* the compressed window; in[ipos..iend) unread */
	size_t ipos, iend;
	char *out;		/* inflated; out[opos..oend) not handed out */
	size_t opos, oend;
	long long raw;
	struct libdeflate_decompressor *ld;
	z_stream zs;
	bool zs_ready;
	const char *error;
};

/*
 * The last handle closed, kept with its buffers for the next open: a
 * folder of small files would otherwise have malloc map, fault in and
 * give back two windows per file, which cost more than inflating them.
 */
static struct gunzip *spare;

struct gunzip *
gunzip_open(int fd)
{
	struct gunzip *z = spare;

	spare = NULL;
	if (z == NULL) {
		z = xcalloc(1, sizeof(*z));
		z->in = xmalloc(GUNZIP_WINDOW);
	}
	z->fd = fd;
	z->mode = SNIFF;
	z->eof = false;
	z->ipos = z->iend = z->opos = z->oend = 0;
	z->raw = 0;
	z->error = NULL;
	return z;
}

static void
fail(struct gunzip *z, const char *why)
{
	z->mode = FAILED;
	z->error = why;
}

/* Moves the unread bytes to the front and reads until the window is full
 * or the file ends, as gzread does.  Returns -1 after a read error. */
static int
fill_window(struct gunzip *z)
{
	ssize_t n;

	if (z->ipos > 0) {
		memmove(z->in, z->in + z->ipos, z->iend - z->ipos);
		z->iend -= z->ipos;
		z->ipos = 0;
	}
	while (!z->eof && z->iend < GUNZIP_WINDOW) {
		n = read(z->fd, z->in + z->iend, GUNZIP_WINDOW - z->iend);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail(z, NULL);
			return -1;
		}
		if (n == 0)
			z->eof = true;
		z->iend += (size_t)n;
		z->raw += n;
	}
	return 0;
}

static bool
at_magic(const struct gunzip *z)
{
	return z->iend - z->ipos >= 2 && z->in[z->ipos] == 0x1f &&
	    z->in[z->ipos + 1] == 0x8b;
}

/* zlib takes over a member libdeflate could not inflate whole. */
static void
start_stream(struct gunzip *z)
{
	int ret;

	if (z->zs_ready)
		ret = inflateReset(&z->zs);
	else
		ret = inflateInit2(&z->zs, 16 + MAX_WBITS);	/* gzip only */
	if (ret == Z_MEM_ERROR)
		die(EXIT_DATA, "out of memory (zlib)");
	if (ret != Z_OK)
		die(EXIT_DATA, "cannot start zlib: %s", z->zs.msg ? z->zs.msg :
		    "unknown error");
	z->zs_ready = true;
	z->mode = STREAM;
}

/* Inflates the next member into out[] whole, or hands it to zlib. */
static void
next_member(struct gunzip *z)
{
	size_t used, made;
	enum libdeflate_result r;

	if (z->iend - z->ipos < TOP_UP && !z->eof && fill_window(z) < 0)
		return;
	if (!at_magic(z)) {
		/* The end, or bytes after the last member: gzread ignores
		 * those, and so does this. */
		z->mode = DONE;
		return;
	}
	r = libdeflate_gzip_decompress_ex(z->ld, z->in + z->ipos,
	    z->iend - z->ipos, z->out, GUNZIP_WINDOW, &used, &made);
	if (r == LIBDEFLATE_SUCCESS) {
		z->ipos += used;
		z->opos = 0;
		z->oend = made;
		return;
	}
	/* Larger than the window, damaged or cut short: zlib streams it,
	 * handing out what it can, and says what is wrong if anything. */
	start_stream(z);
}

/* Inflates the current member with zlib until out[] is full, the member
 * ends, or the data fails. */
static void
stream(struct gunzip *z)
{
	z_stream *zs = &z->zs;
	int ret;

	zs->next_out = (unsigned char *)z->out;
	zs->avail_out = GUNZIP_WINDOW;
	while (zs->avail_out > 0) {
		if (z->ipos == z->iend) {
			if (z->eof) {
				fail(z, "unexpected end of file");
				break;
			}
			if (fill_window(z) < 0)
				break;
			continue;
		}
		zs->next_in = z->in + z->ipos;
		zs->avail_in = (unsigned)(z->iend - z->ipos);
		ret = inflate(zs, Z_NO_FLUSH);
		z->ipos = (size_t)(zs->next_in - z->in);
		if (ret == Z_STREAM_END) {
			z->mode = MEMBERS;
			break;
		}
		if (ret == Z_MEM_ERROR)
			die(EXIT_DATA, "out of memory (zlib)");
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			fail(z, zs->msg ? zs->msg : "damaged data");
			break;
		}
	}
	z->opos = 0;
	z->oend = GUNZIP_WINDOW - zs->avail_out;
}

static void
sniff(struct gunzip *z)
{
	if (fill_window(z) < 0)
		return;
	if (!at_magic(z)) {
		z->mode = PLAIN;
		return;
	}
	z->mode = MEMBERS;
	if (z->out == NULL)
		z->out = xmalloc(GUNZIP_WINDOW);
	if (z->ld == NULL)
		z->ld = libdeflate_alloc_decompressor();
	if (z->ld == NULL)
		die(EXIT_DATA, "out of memory (libdeflate)");
}

static ssize_t
read_plain(struct gunzip *z, char *dst, size_t n)
{
	ssize_t got;

	if (z->ipos < z->iend) {
		if (n > z->iend - z->ipos)
			n = z->iend - z->ipos;
		memcpy(dst, z->in + z->ipos, n);
		z->ipos += n;
		return (ssize_t)n;
	}
	/* Past the sniffed window: straight into the caller's buffer. */
	do
		got = read(z->fd, dst, n);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		fail(z, NULL);
	else
		z->raw += got;
	return got;
}

ssize_t
gunzip_read(struct gunzip *z, char *dst, size_t n)
{
	if (z->mode == SNIFF)
		sniff(z);
	if (z->mode == PLAIN)
		return read_plain(z, dst, n);
	while (z->opos == z->oend) {
		if (z->mode == MEMBERS)
			next_member(z);
		else if (z->mode == STREAM)
			stream(z);
		else
			return z->mode == FAILED ? -1 : 0;
	}
	if (n > z->oend - z->opos)
		n = z->oend - z->opos;
	memcpy(dst, z->out + z->opos, n);
	z->opos += n;
	return (ssize_t)n;
}

const char *
gunzip_error(const struct gunzip *z)
{
	return z->error;
}

long long
gunzip_raw_offset(const struct gunzip *z)
{
	return z->raw;
}

int
gunzip_close(struct gunzip *z)
{
	int rc = close(z->fd);

	if (spare == NULL) {
		spare = z;
		return rc;
	}
	if (z->zs_ready)
		inflateEnd(&z->zs);
	if (z->ld != NULL)
		libdeflate_free_decompressor(z->ld);
	free(z->in);
	free(z->out);
	free(z);
	return rc;
}
