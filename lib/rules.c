/* rules.c - see rules.h. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "rules.h"
#include "textnorm.h"

#ifndef CHISO_RULES_DIR
#define CHISO_RULES_DIR "/usr/local/share/chiso/rules"
#endif

static char *dir;
static struct textnorm *norm;

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* rules/ beside bin/: what a fresh clone and a build tree have. */
static char *
dir_beside_binary(void)
{
	char exe[PATH_MAX], *slash, *guess;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	for (int up = 0; up < 2; up++) {
		if ((slash = strrchr(exe, '/')) == NULL)
			return NULL;
		*slash = '\0';
	}
	guess = xmalloc(strlen(exe) + sizeof("/rules"));
	sprintf(guess, "%s/rules", exe);
	if (is_dir(guess))
		return guess;
	free(guess);
	return NULL;
}

void
rules_set_dir(const char *opt)
{
	const char *env = getenv("CHISO_RULES");

	free(dir);
	if (opt != NULL && *opt != '\0')
		dir = xstrdup(opt);
	else if (env != NULL && *env != '\0')
		dir = xstrdup(env);
	else if ((dir = dir_beside_binary()) == NULL)
		dir = xstrdup(CHISO_RULES_DIR);
	if (!is_dir(dir))
		die(EXIT_USAGE, "rules directory '%s' not found (use --rules DIR "
		    "or set CHISO_RULES)", dir);
}

const char *
rules_dir(void)
{
	if (dir == NULL)
		rules_set_dir(NULL);
	return dir;
}

char *
rules_path(const char *name)
{
	const char *d = rules_dir();
	char *p = xmalloc(strlen(d) + strlen(name) + 2);

	sprintf(p, "%s/%s", d, name);
	return p;
}

struct ynode *
rules_load(const char *name)
{
	char *path = rules_path(name);
	struct ynode *root = ydoc_load(path);

	free(path);
	return root;
}

static struct rx *
compile(const char *pattern, bool caseless, const struct ynode *at,
    uint32_t extra)
{
	struct buf text = { 0 };
	struct rx *rx;
	int code;
	PCRE2_SIZE off;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
	    extra;

	if (norm == NULL)
		norm = textnorm_load(rules_dir());
	textnorm_apply(norm, pattern, strlen(pattern), &text, NULL);
	if (caseless)
		opts |= PCRE2_CASELESS;
	rx = xcalloc(1, sizeof(*rx));
	rx->at = at;
	rx->code = pcre2_compile((PCRE2_SPTR)text.p, text.len, opts, &code,
	    &off, NULL);
	if (rx->code == NULL) {
		PCRE2_UCHAR msg[256];

		/* Freed before exiting, so LeakSanitizer has nothing to say. */
		free(rx);
		buf_free(&text);
		if (code == PCRE2_ERROR_HEAP_FAILED)
			die(EXIT_DATA, "out of memory compiling a pattern");
		pcre2_get_error_message(code, msg, sizeof(msg));
		if (at != NULL) {
			struct ynode where = *at;

			/* Point at the offending character where we can. */
			if (!at->quoted)
				where.col += (unsigned)off;
			ydie(&where, "bad pattern: %s (at offset %zu of '%s')",
			    (char *)msg, (size_t)off, pattern);
		}
		die(EXIT_USAGE, "bad pattern '%s': %s", pattern, (char *)msg);
	}
	rx->src = xstrndup(text.p, text.len);
	buf_free(&text);
	rx->md = pcre2_match_data_create_from_pattern(rx->code, NULL);
	if (rx->md == NULL)
		die(EXIT_DATA, "out of memory compiling a pattern");
	return rx;
}

/*
 * A list of patterns is one pattern of their alternatives, so that a rule
 * author can write a long cue as items with a comment each.  Every item
 * is compiled alone first: an error names the item's own line.
 */
static struct rx *
compile_node(const struct ynode *n, bool caseless, uint32_t extra)
{
	struct buf alts = { 0 };
	struct rx *rx;

	if (n->type != Y_SEQ)
		return compile(ystr(n, "a pattern"), caseless, n, extra);
	if (n->n == 0)
		ydie(n, "an empty list of patterns");
	for (size_t i = 0; i < n->n; i++) {
		const char *item = ystr(n->kids[i], "a pattern");

		rx_free(compile(item, caseless, n->kids[i], extra));
		buf_adds(&alts, i > 0 ? "|(?:" : "(?:");
		buf_adds(&alts, item);
		buf_adds(&alts, ")");
	}
	buf_addc(&alts, '\0');
	rx = compile(alts.p, caseless, n, extra);
	buf_free(&alts);
	return rx;
}

struct rx *
rx_compile(const struct ynode *n, bool caseless)
{
	return compile_node(n, caseless, 0);
}

struct rx *
rx_compile_anchorable(const struct ynode *n, bool caseless)
{
	/* The offset limit must be asked for at compile time; the JIT
	 * code is then a little larger, so only where it is used. */
	return compile_node(n, caseless, PCRE2_USE_OFFSET_LIMIT);
}

struct rx *
rx_compile_str(const char *pattern, bool caseless)
{
	return compile(pattern, caseless, NULL, 0);
}

static bool
match(struct rx *rx, const char *s, size_t len, size_t start,
    pcre2_match_context *mc, PCRE2_SIZE **ovector)
{
	int rc;

	/* JIT is an optimisation: where it is unavailable, match anyway. */
	if (!rx->jit_tried) {
		rx->jit_tried = true;
		rx->jit = pcre2_jit_compile(rx->code, PCRE2_JIT_COMPLETE) == 0;
	}
	/* The JIT fast path skips pcre2_match's checks, which a pattern
	 * compiled with PCRE2_MATCH_INVALID_UTF does not need. */
	rc = rx->jit ?
	    pcre2_jit_match(rx->code, (PCRE2_SPTR)s, len, start, 0, rx->md, mc) :
	    pcre2_match(rx->code, (PCRE2_SPTR)s, len, start, 0, rx->md, mc);

	if (rc < 0) {
		if (rc != PCRE2_ERROR_NOMATCH && rc != PCRE2_ERROR_PARTIAL) {
			/* A resource limit on a pathological pattern: say so. */
			PCRE2_UCHAR msg[256];

			pcre2_get_error_message(rc, msg, sizeof(msg));
			if (rx->at)
				warn("%s:%u:%u: pattern failed: %s", rx->at->file,
				    rx->at->line, rx->at->col, (char *)msg);
			else
				warn("pattern failed: %s", (char *)msg);
		}
		return false;
	}
	*ovector = pcre2_get_ovector_pointer(rx->md);
	return true;
}

bool
rx_match(struct rx *rx, const char *s, size_t len, size_t start,
    PCRE2_SIZE **ovector)
{
	return match(rx, s, len, start, NULL, ovector);
}

bool
rx_match_at(struct rx *rx, const char *s, size_t len, size_t start,
    PCRE2_SIZE **ovector)
{
	return rx_match_upto(rx, s, len, start, start, ovector);
}

bool
rx_match_upto(struct rx *rx, const char *s, size_t len, size_t start,
    size_t limit, PCRE2_SIZE **ovector)
{
	/* One context for every pattern: only its limit changes. */
	static pcre2_match_context *mc;

	if (mc == NULL && (mc = pcre2_match_context_create(NULL)) == NULL)
		die(EXIT_DATA, "out of memory matching a pattern");
	pcre2_set_offset_limit(mc, limit);
	return match(rx, s, len, start, mc, ovector);
}

int
rx_group(const struct rx *rx, const char *name)
{
	int g = pcre2_substring_number_from_name(rx->code, (PCRE2_SPTR)name);

	return g > 0 ? g : -1;
}

void
rx_free(struct rx *rx)
{
	if (rx == NULL)
		return;
	pcre2_match_data_free(rx->md);
	pcre2_code_free(rx->code);
	free(rx->src);
	free(rx);
}
