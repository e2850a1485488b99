/*
 * rules.h - where the rule files are, and compiling their patterns.
 *
 * The rules directory is, in order: the --rules option, $CHISO_RULES,
 * rules/ beside the bin/ directory that holds the running program, and the
 * installed share/chiso/rules.  Files are read at start-up only, so an
 * edit takes effect at the next run, with no build step.
 *
 * Patterns are PCRE2 (8-bit, UTF, Unicode properties, caseless unless the
 * rule says otherwise), normalised with textnorm_apply() before compiling
 * so that they spell words as the text does, and JIT-compiled once.  A bad
 * pattern stops the tool with file:line:column and exit 2.
 */
#ifndef CHISO_RULES_H
#define CHISO_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>

#include "ydoc.h"

/* Sets the rules directory from an option value (NULL: the default). */
void rules_set_dir(const char *opt);

/* The rules directory in force. */
const char *rules_dir(void);

/* rules_dir()/name, as a string owned by the caller. */
char *rules_path(const char *name);

/* Loads rules_dir()/name as a YAML tree (see ydoc.h). */
struct ynode *rules_load(const char *name);

/*
 * A compiled pattern.  match_data is the pattern's own, sized for it, so
 * matching allocates nothing.
 */
struct rx {
	pcre2_code *code;
	pcre2_match_data *md;
	const struct ynode *at;		/* where it was written */
	char *src;			/* the pattern as compiled (normalised),
					 * for analyses such as rxstart_of() */
	bool jit;			/* JIT-compiled: match through the
					 * fast path, pcre2_jit_match() */
	bool jit_tried;			/* JIT compiling is done at the first
					 * match: a pattern never used in a
					 * run (a short batch, an analysis-
					 * only copy) costs no JIT time */
	const void *user;		/* the caller's own, NULL until set
					 * (classify-metric: the prefilter) */
};

/*
 * Compiles the scalar n as a pattern, or a list of them as one pattern of
 * their alternatives; dies at the position of an item that does not
 * compile.  caseless selects PCRE2_CASELESS.
 */
struct rx *rx_compile(const struct ynode *n, bool caseless);

/* Compiles a pattern given as a string (no position); dies if bad. */
struct rx *rx_compile_str(const char *pattern, bool caseless);

/*
 * Matches rx against s[0..len) from byte offset start.  Returns true and
 * sets ovector[0..1] (and capture pairs) on a match.  The ovector is the
 * pattern's own and valid until its next match.
 */
bool rx_match(struct rx *rx, const char *s, size_t len, size_t start,
    PCRE2_SIZE **ovector);

/* rx_compile(), for a pattern that rx_match_at() will be used on. */
struct rx *rx_compile_anchorable(const struct ynode *n, bool caseless);

/*
 * rx_match() for a match that begins right at start and nowhere later
 * (lookbehinds and \b still see the text before start): for callers that
 * find the places a match can begin themselves and so need not have
 * PCRE2 scan between them.  Done with PCRE2's offset limit, which the
 * JIT supports, so no second, anchored compile of the pattern is needed;
 * rx must come from rx_compile_anchorable().
 */
bool rx_match_at(struct rx *rx, const char *s, size_t len, size_t start,
    PCRE2_SIZE **ovector);

/* The leftmost match that begins in s[start..limit] (limit >= start):
 * rx_match_at() is this with limit == start.  Same rx requirement. */
bool rx_match_upto(struct rx *rx, const char *s, size_t len, size_t start,
    size_t limit, PCRE2_SIZE **ovector);

/* The number of rx's capture group called name; -1 when it has none.
 * Looked up once, at load: by name it costs some 200 instructions. */
int rx_group(const struct rx *rx, const char *name);

void rx_free(struct rx *rx);

#endif
