/*
 * ydoc.h - a YAML rule file as a small tree, with positions for messages.
 *
 * Rule files are small and read once at start-up, so they are loaded whole
 * into a tree of maps, sequences and scalars; every node keeps the line
 * and column where it starts, so that any complaint about it reads
 * "file:line:column: message", as pcre2grep and compilers print.
 *
 * Errors in a rule file are the user's to fix and stop the tool: every
 * function here that finds one calls ydie(), which exits with code 2.
 *
 * Ownership: ydoc_load() returns a tree that ydoc_free() releases whole;
 * node pointers and strings stay valid until then.  Aliases and anchors
 * are refused (a rule file has no use for them).
 */
#ifndef CHISO_YDOC_H
#define CHISO_YDOC_H

#include <stdbool.h>
#include <stddef.h>

enum ynode_type { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ynode_type type;
	const char *file;	/* shared by all nodes of a document */
	unsigned line, col;	/* 1-based */
	char *str;		/* Y_SCALAR: the value */
	bool quoted;		/* Y_SCALAR: was written in quotes */
	size_t n;		/* Y_SEQ: items; Y_MAP: pairs */
	struct ynode **kids;	/* Y_SEQ: items; Y_MAP: key, value, key, ... */
};

/* Loads path; a missing file or bad YAML stops the tool (exit 2). */
struct ynode *ydoc_load(const char *path);
void ydoc_free(struct ynode *root);

/* Prints "file:line:col: message" and exits 2. */
void ydie(const struct ynode *at, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

/* The value of key in a map, or NULL.  Dies unless map is a map. */
struct ynode *ymap_get(const struct ynode *map, const char *key);

/*
 * Dies naming the first key of map that is not among the NULL-terminated
 * list allowed: an unknown key is most often a typo that would otherwise
 * silently do nothing.
 */
void ymap_check_keys(const struct ynode *map, const char *const *allowed);

/* Type checks that die with a message naming what was expected. */
const struct ynode *yexpect(const struct ynode *n, enum ynode_type t,
    const char *what);

/* A scalar's string; dies if n is not a scalar. */
const char *ystr(const struct ynode *n, const char *what);

/* The scalar under key, or dflt when the key is absent. */
const char *ymap_str(const struct ynode *map, const char *key,
    const char *dflt);

/* The scalar under key as an integer in [lo, hi], or dflt when absent. */
long ymap_long(const struct ynode *map, const char *key, long dflt,
    long lo, long hi);

/* The index in the NULL-terminated names of the scalar under key; dies
 * at map, listing the names, when it is absent or none of them. */
size_t ymap_choice(const struct ynode *map, const char *key,
    const char *const *names);

/* The scalar under key as true/false, or dflt when absent. */
bool ymap_bool(const struct ynode *map, const char *key, bool dflt);

/*
 * The node under key as a list of strings: a sequence of scalars, or a
 * single scalar taken as a list of one.  *out is set to a NULL-terminated
 * array of strings owned by the tree (the array itself must be freed).
 * Returns the count, 0 when the key is absent.
 */
size_t ymap_strlist(const struct ynode *map, const char *key,
    const char ***out);

#endif
