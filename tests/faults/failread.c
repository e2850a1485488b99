/*
 * failread.c - an LD_PRELOAD read-error injector for the fault tests
 * (built by the .cmd files with cc -shared): a disk that fails mid-file.
 *
 *   FAILREAD_AFTER=n   once n bytes have been read from files (descriptors
 *                      other than 0, 1, 2), every further read() of a file
 *                      fails with EIO
 *
 * zlib, which input.h reads through, calls read(); stdio's internal reads
 * (the YAML rule files) do not come here and are left alone.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

ssize_t
read(int fd, void *buf, size_t n)
{
	static ssize_t (*real_read)(int, void *, size_t);
	static unsigned long long done, after;
	static int init;
	ssize_t r;

	if (!init) {
		const char *s = getenv("FAILREAD_AFTER");

		real_read = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT,
		    "read");
		after = s ? strtoull(s, NULL, 10) : (unsigned long long)-1;
		init = 1;
	}
	if (fd <= 2)
		return real_read(fd, buf, n);
	if (done >= after) {
		errno = EIO;
		return -1;
	}
	/* Stop exactly at the failure point, mid-line. */
	if (n > after - done)
		n = (size_t)(after - done);
	r = real_read(fd, buf, n);
	if (r > 0)
		done += (unsigned long long)r;
	return r;
}
