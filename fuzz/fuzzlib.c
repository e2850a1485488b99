/* fuzzlib.c - see fuzz.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

jmp_buf fuzz_jmp;
volatile int fuzz_armed;
volatile int fuzz_code;

/* The real exit(), reached through the linker's --wrap=exit. */
void __real_exit(int code) __attribute__((noreturn));
void __wrap_exit(int code) __attribute__((noreturn));

void
__wrap_exit(int code)
{
	if (fuzz_armed) {
		fuzz_armed = 0;
		fuzz_code = code;
		longjmp(fuzz_jmp, 1);
	}
	__real_exit(code);
}

void
fuzz_quiet(void)
{
	FILE *null = fopen("/dev/null", "w");

	if (null == NULL)
		abort();
	stdout = null;
	stderr = null;
}

static char dir[256];

static void
rm_dir(void)
{
	char cmd[300];

	/* Our own mkdtemp directory, holding only files fuzz_file made. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: could not remove %s\n", dir);
}

const char *
fuzz_dir(void)
{
	const char *base;

	if (dir[0] != '\0')
		return dir;
	/* RAM-backed when there is one: a target writes a file per input. */
	base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(dir, sizeof(dir), "%s/chiso-fuzz.XXXXXX", base);
	if (mkdtemp(dir) == NULL) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(rm_dir);
	return dir;
}

const char *
fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	static char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", fuzz_dir(), name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		perror(path);
		abort();
	}
	while (size > 0) {
		ssize_t w = write(fd, data, size);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			perror(path);
			abort();
		}
		data += w;
		size -= (size_t)w;
	}
	close(fd);
	return path;
}

const char *
fuzz_rules(void)
{
	const char *r = getenv("CHISO_RULES");

	return r != NULL && *r != '\0' ? r : "rules";
}
