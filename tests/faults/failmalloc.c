/*
 * failmalloc.c - an LD_PRELOAD allocation-failure injector for the fault
 * tests (built by the .cmd files with cc -shared).
 *
 *   FAILMALLOC_N=n      the nth call of malloc, calloc or realloc (counting
 *                       from 1, from program start) returns NULL, ENOMEM;
 *                       with FAILMALLOC_ALL=1, that call and all after it
 *   FAILMALLOC_SIZE=n   every request for n bytes or more fails (a large
 *                       allocation failing, the same in every build)
 *   FAILMALLOC_COUNT=1  prints "failmalloc: N calls" to stderr at exit
 *
 * The real functions are found with dlsym(RTLD_NEXT), so this works over
 * glibc's malloc and over a sanitizer's.  dlsym may itself call calloc;
 * that first call is served from a static block.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static unsigned long calls, fail_at;
static size_t fail_size;
static int fail_all, in_init;
static char early[4096];	/* for dlsym's own calloc */
static size_t early_used;

/*
 * Finds the real functions, at the first call (which may come before any
 * constructor, from the loader or a sanitizer's start-up).  Nothing fails
 * while this runs: a failure inside dlsym would deadlock on the loader's
 * lock.
 */
static void
init(void)
{
	if (real_malloc != NULL || in_init)
		return;
	in_init = 1;
	real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
	real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
	real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
	real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
	in_init = 0;
}

/* The settings, read once the environment is sure to be there. */
__attribute__((constructor)) static void
setup(void)
{
	const char *n;

	init();
	if ((n = getenv("FAILMALLOC_N")) != NULL)
		fail_at = strtoul(n, NULL, 10);
	fail_all = getenv("FAILMALLOC_ALL") != NULL;
	if ((n = getenv("FAILMALLOC_SIZE")) != NULL)
		fail_size = strtoul(n, NULL, 10);
}

/* True when this call, for size bytes, is to fail. */
static int
fails(size_t size)
{
	calls++;
	if (fail_size > 0 && size >= fail_size) {
		errno = ENOMEM;
		return 1;
	}
	if (fail_at == 0 || calls < fail_at || (calls > fail_at && !fail_all))
		return 0;
	errno = ENOMEM;
	return 1;
}

void *
malloc(size_t n)
{
	init();
	if (real_malloc == NULL)
		abort();
	return !in_init && fails(n) ? NULL : real_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	if (in_init || real_calloc == NULL) {
		/* dlsym's own allocation, before the real calloc is known. */
		size_t want = (n * size + 15) & ~(size_t)15;
		void *p;

		if (early_used + want > sizeof(early))
			return NULL;
		p = early + early_used;
		early_used += want;
		return p;	/* static storage is zeroed */
	}
	return fails(n * size) ? NULL : real_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	init();
	if (real_realloc == NULL)
		abort();
	return !in_init && fails(n) ? NULL : real_realloc(p, n);
}

void
free(void *p)
{
	if ((char *)p >= early && (char *)p < early + sizeof(early))
		return;
	init();
	if (real_free == NULL)
		abort();
	real_free(p);
}

__attribute__((destructor)) static void
report(void)
{
	char msg[64];
	int len;

	if (getenv("FAILMALLOC_COUNT") == NULL)
		return;
	len = snprintf(msg, sizeof(msg), "failmalloc: %lu calls\n", calls);
	if (write(2, msg, (size_t)len) < 0)
		return;
}
