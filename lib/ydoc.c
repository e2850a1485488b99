/* ydoc.c - see ydoc.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "err.h"
#include "ydoc.h"

void
ydie(const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: %s:%u:%u: ", progname, at->file, at->line, at->col);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_USAGE);
}

static struct ynode *
new_node(enum ynode_type t, const char *file, const yaml_mark_t *m)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->type = t;
	n->file = file;
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
	return n;
}

static void
add_kid(struct ynode *parent, struct ynode *kid)
{
	/* Doubling on powers of two keeps appends amortised O(1). */
	if ((parent->n & (parent->n - 1)) == 0)
		parent->kids = xrealloc(parent->kids,
		    (parent->n ? parent->n * 2 : 1) * sizeof(*parent->kids));
	parent->kids[parent->n++] = kid;
}

static void
parse_failed(yaml_parser_t *p, const char *file)
{
	const yaml_mark_t *m = p->problem ? &p->problem_mark : &p->context_mark;

	/* Not the rule author's fault: no position, exit 1 as xmalloc's. */
	if (p->error == YAML_MEMORY_ERROR)
		die(EXIT_DATA, "%s: out of memory reading it", file);
	fflush(stdout);
	fprintf(stderr, "%s: %s:%zu:%zu: bad YAML: %s%s%s\n", progname, file,
	    m->line + 1, m->column + 1, p->problem ? p->problem : "error",
	    p->context ? " " : "", p->context ? p->context : "");
	exit(EXIT_USAGE);
}

/* Builds the node whose start event is ev; consumes through its end. */
static struct ynode *
build(yaml_parser_t *p, yaml_event_t *ev, const char *file)
{
	struct ynode *n;
	yaml_event_t kid;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = new_node(Y_SCALAR, file, &ev->start_mark);
		n->str = xstrndup((char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		return n;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		n = new_node(ev->type == YAML_MAPPING_START_EVENT ? Y_MAP : Y_SEQ,
		    file, &ev->start_mark);
		for (;;) {
			if (!yaml_parser_parse(p, &kid))
				parse_failed(p, file);
			if (kid.type == YAML_SEQUENCE_END_EVENT ||
			    kid.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&kid);
				break;
			}
			add_kid(n, build(p, &kid, file));
			yaml_event_delete(&kid);
		}
		if (n->type == Y_MAP)
			for (size_t i = 0; i < n->n; i += 2)
				if (n->kids[i]->type != Y_SCALAR)
					ydie(n->kids[i], "a map key must be a plain word");
		n->n = n->type == Y_MAP ? n->n / 2 : n->n;
		return n;
	case YAML_ALIAS_EVENT:
		n = new_node(Y_SCALAR, file, &ev->start_mark);
		ydie(n, "aliases (*name) are not supported in rule files");
	default:
		n = new_node(Y_SCALAR, file, &ev->start_mark);
		ydie(n, "unexpected YAML event");
	}
}

struct ynode *
ydoc_load(const char *path)
{
	FILE *fp;
	yaml_parser_t p;
	yaml_event_t ev;
	struct ynode *root = NULL;
	char *file;

	if ((fp = fopen(path, "rb")) == NULL)
		die(errno == ENOMEM ? EXIT_DATA : EXIT_USAGE, "%s:", path);
	file = xstrdup(path);
	/* A parser that failed to initialise returns empty events forever. */
	if (!yaml_parser_initialize(&p))
		die(EXIT_DATA, "%s: out of memory reading it", path);
	yaml_parser_set_input_file(&p, fp);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev))
			parse_failed(&p, file);
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_SCALAR_EVENT ||
		    ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT ||
		    ev.type == YAML_ALIAS_EVENT) {
			if (root != NULL) {
				struct ynode *at = new_node(Y_SCALAR, file, &ev.start_mark);
				ydie(at, "one YAML document per rule file");
			}
			root = build(&p, &ev, file);
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	fclose(fp);
	if (root == NULL) {
		/* An empty file is an empty map: nothing to configure. */
		yaml_mark_t m = { 0, 0, 0 };
		root = new_node(Y_MAP, file, &m);
	}
	/* The root owns the file name; it is freed with it. */
	return root;
}

static void
free_node(struct ynode *n)
{
	size_t kids = n->type == Y_MAP ? n->n * 2 : n->n;

	for (size_t i = 0; i < kids; i++)
		free_node(n->kids[i]);
	free(n->kids);
	free(n->str);
	free(n);
}

void
ydoc_free(struct ynode *root)
{
	char *file;

	if (root == NULL)
		return;
	file = (char *)root->file;
	free_node(root);
	free(file);
}

static const char *
type_name(enum ynode_type t)
{
	return t == Y_MAP ? "a map" : t == Y_SEQ ? "a list" : "a value";
}

const struct ynode *
yexpect(const struct ynode *n, enum ynode_type t, const char *what)
{
	if (n->type != t)
		ydie(n, "%s must be %s, not %s", what, type_name(t),
		    type_name(n->type));
	return n;
}

struct ynode *
ymap_get(const struct ynode *map, const char *key)
{
	yexpect(map, Y_MAP, "this");
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->kids[2 * i]->str, key) == 0)
			return map->kids[2 * i + 1];
	return NULL;
}

void
ymap_check_keys(const struct ynode *map, const char *const *allowed)
{
	yexpect(map, Y_MAP, "this");
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *k = map->kids[2 * i];
		const char *const *a;
		struct ynode *dup;

		for (a = allowed; *a; a++)
			if (strcmp(*a, k->str) == 0)
				break;
		if (*a == NULL) {
			char list[512] = "";

			for (a = allowed; *a; a++) {
				if (a != allowed)
					strncat(list, ", ", sizeof(list) - strlen(list) - 1);
				strncat(list, *a, sizeof(list) - strlen(list) - 1);
			}
			ydie(k, "unknown key '%s' (known: %s)", k->str, list);
		}
		dup = ymap_get(map, k->str);
		if (dup != map->kids[2 * i + 1])
			ydie(k, "key '%s' given twice", k->str);
	}
}

const char *
ystr(const struct ynode *n, const char *what)
{
	return yexpect(n, Y_SCALAR, what)->str;
}

const char *
ymap_str(const struct ynode *map, const char *key, const char *dflt)
{
	const struct ynode *v = ymap_get(map, key);

	return v ? ystr(v, key) : dflt;
}

long
ymap_long(const struct ynode *map, const char *key, long dflt, long lo,
    long hi)
{
	const struct ynode *v = ymap_get(map, key);
	char *end;
	long x;

	if (v == NULL)
		return dflt;
	errno = 0;
	x = strtol(ystr(v, key), &end, 10);
	if (errno || *end || end == v->str || x < lo || x > hi)
		ydie(v, "%s must be a whole number from %ld to %ld, not '%s'",
		    key, lo, hi, v->str);
	return x;
}

size_t
ymap_choice(const struct ynode *map, const char *key,
    const char *const *names)
{
	const char *v = ymap_str(map, key, NULL);
	char list[256];
	size_t k, len = 0;

	for (k = 0; v != NULL && names[k] != NULL; k++)
		if (strcmp(names[k], v) == 0)
			return k;
	list[0] = '\0';
	for (k = 0; names[k] != NULL && len < sizeof(list); k++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		    k ? ", " : "", names[k]);
	ydie(map, "%s must be one of %s", key, list);
}

bool
ymap_bool(const struct ynode *map, const char *key, bool dflt)
{
	const struct ynode *v = ymap_get(map, key);
	const char *s;

	if (v == NULL)
		return dflt;
	s = ystr(v, key);
	if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)
		return true;
	if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)
		return false;
	ydie(v, "%s must be true or false, not '%s'", key, s);
}

size_t
ymap_strlist(const struct ynode *map, const char *key, const char ***out)
{
	const struct ynode *v = ymap_get(map, key);
	const char **list;
	size_t n;

	*out = NULL;
	if (v == NULL)
		return 0;
	if (v->type == Y_SCALAR) {
		list = xcalloc(2, sizeof(*list));
		list[0] = v->str;
		*out = list;
		return 1;
	}
	yexpect(v, Y_SEQ, key);
	n = v->n;
	list = xcalloc(n + 1, sizeof(*list));
	for (size_t i = 0; i < n; i++)
		list[i] = ystr(v->kids[i], key);
	*out = list;
	return n;
}
