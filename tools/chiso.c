/*
 * chiso - run the whole pipeline over news files and print the table.
 *
 *   normalise FILE... | segment | tag-numbers | classify-metric | emit-tsv
 *
 * as a real process pipeline (fork, exec, pipe(2); no shell, so file names
 * are never re-parsed).  The stages are found in the directory that holds
 * this program, so a build tree and an installed copy both work.  The
 * exit status is the worst of the stages'; a stage killed by SIGPIPE
 * because a reader downstream (head -1) stopped early is not a failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "rules.h"

static const char usage[] =
"usage: chiso [-ehHnpsV] [-c LIST] [-f FORMAT] [-r DIR] [FILE...]\n"
"       chiso check-rules [-r DIR]\n"
"\n"
"Reads Vietnamese news articles and prints a tab-separated table of the\n"
"economic indicators they report, one line per figure, by running\n"
"  normalise FILE... | segment | tag-numbers | classify-metric | emit-tsv\n"
"with the stage programs found beside chiso.  FILEs may be plain or\n"
"gzipped; with no FILE, or -, reads stdin.  check-rules checks the rule\n"
"files and exits (classify-metric --check-rules).\n"
"\n"
"  -c, --columns LIST  print only these columns, comma-separated, in this\n"
"                      order (see emit-tsv --help for the names)\n"
"  -e, --explain       print why numbers gave no row, instead of the rows\n"
"                      (doc sentence start end message)\n"
"  -f, --format F      input format, passed to normalise (see normalise\n"
"                      --help)\n"
"  -H, --no-header     leave out the header line (for batches)\n"
"  -n, --numbers       print every number found instead of the rows (doc\n"
"                      sentence start end kind value unit approx text);\n"
"                      classify-metric is skipped\n"
"  -p, --progress      on a terminal, show how far normalise has read\n"
"                      and the time left on stderr\n"
"  -r, --rules DIR     rule directory for every stage (default:\n"
"                      $CHISO_RULES, rules/ beside bin/, or the installed\n"
"                      rules)\n"
"  -s, --stats         normalise, tag-numbers and classify-metric print\n"
"                      their counts to stderr at the end\n"
"  -h, --help          print this help and exit\n"
"  -V, --version       print the version and exit\n"
"\n"
"Exit status: the worst of the stages': 0 ok, 1 an input could not be\n"
"read (the other files are still processed) or a stage failed or was\n"
"killed, 2 usage or rule-file error.\n";

static const char check_usage[] =
"usage: chiso check-rules [-r DIR]\n"
"\n"
"Loads and checks every rule file (classify-metric --check-rules) and\n"
"reports the first error as file:line:column.\n"
"\n"
"  -r, --rules DIR  rule directory (default as for chiso)\n"
"  -h, --help       print this help and exit\n"
"\n"
"Exit status: 0 the rules are good, 2 a rule file is broken.\n";

static const struct option longopts[] = {
	{ "columns", required_argument, NULL, 'c' },
	{ "explain", no_argument, NULL, 'e' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "no-header", no_argument, NULL, 'H' },
	{ "numbers", no_argument, NULL, 'n' },
	{ "progress", no_argument, NULL, 'p' },
	{ "rules", required_argument, NULL, 'r' },
	{ "stats", no_argument, NULL, 's' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

struct stage {
	const char *name;
	char **argv;		/* NULL-terminated, grown as needed */
	size_t argc, cap;
	pid_t pid;
};

static char bindir[PATH_MAX];

/* The directory of the running program, where the stages live. */
static void
find_bindir(void)
{
	ssize_t n = readlink("/proc/self/exe", bindir, sizeof(bindir) - 1);
	char *slash;

	if (n <= 0)
		die(EXIT_DATA, "cannot find my own directory (/proc/self/exe):");
	bindir[n] = '\0';
	if ((slash = strrchr(bindir, '/')) != NULL)
		*slash = '\0';
}

static char *
stage_path(const char *name)
{
	size_t size = strlen(bindir) + strlen(name) + 2;
	char *path = xmalloc(size);

	snprintf(path, size, "%s/%s", bindir, name);
	if (access(path, X_OK) != 0)
		die(EXIT_DATA, "stage program '%s' not found beside chiso:", path);
	return path;
}

static void
add(struct stage *st, const char *arg)
{
	/* normalise gets every FILE: there is no fixed limit. */
	if (st->argc + 2 > st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		st->argv = xrealloc(st->argv, st->cap * sizeof(*st->argv));
	}
	st->argv[st->argc++] = (char *)arg;
	st->argv[st->argc] = NULL;
}

static void
begin(struct stage *st, const char *name, const char *rules)
{
	st->name = name;
	st->argc = st->cap = 0;
	st->argv = NULL;
	add(st, stage_path(name));
	if (rules != NULL) {
		add(st, "--rules");
		add(st, rules);
	}
}

/* Starts st reading from fd in (-1: our stdin), writing to out (-1: ours). */
static void
start(struct stage *st, int in, int out, int spare)
{
	st->pid = fork();
	if (st->pid < 0)
		die(EXIT_DATA, "cannot start %s: fork:", st->name);
	if (st->pid > 0)
		return;
	if (in >= 0 && (dup2(in, 0) < 0 || close(in) < 0))
		_exit(EXIT_DATA);
	if (out >= 0 && (dup2(out, 1) < 0 || close(out) < 0))
		_exit(EXIT_DATA);
	if (spare >= 0)
		close(spare);
	/* As a shell does: a stage may die of SIGPIPE if it wants to. */
	signal(SIGPIPE, SIG_DFL);
	execv(st->argv[0], st->argv);
	warn("cannot run %s:", st->argv[0]);
	_exit(EXIT_DATA);
}

/* Runs the stages as a pipeline; returns the worst exit status. */
static int
run(struct stage *st, int n)
{
	int in = -1, p[2] = { -1, -1 }, worst = EXIT_OK, ws;

	for (int i = 0; i < n; i++) {
		if (i < n - 1) {
			if (pipe(p) < 0)
				die(EXIT_DATA, "pipe:");
			/* The read end must not leak into this stage. */
			fcntl(p[0], F_SETFD, FD_CLOEXEC);
		}
		start(&st[i], in, i < n - 1 ? p[1] : -1, i < n - 1 ? p[0] : -1);
		if (in >= 0)
			close(in);
		if (i < n - 1) {
			close(p[1]);
			in = p[0];
		}
	}
	for (int i = 0; i < n; i++) {
		while (waitpid(st[i].pid, &ws, 0) < 0)
			if (errno != EINTR)
				die(EXIT_DATA, "waitpid:");
		if (WIFEXITED(ws)) {
			if (WEXITSTATUS(ws) > worst)
				worst = WEXITSTATUS(ws);
		} else if (WIFSIGNALED(ws) && WTERMSIG(ws) != SIGPIPE) {
			warn("%s: killed by signal %d (%s)", st[i].name,
			    WTERMSIG(ws), strsignal(WTERMSIG(ws)));
			if (worst < EXIT_DATA)
				worst = EXIT_DATA;
		}
	}
	return worst;
}

/* chiso check-rules [-r DIR]: becomes classify-metric --check-rules. */
static int
check_rules(int argc, char **argv)
{
	struct stage st;
	const char *rules = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hr:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_help(check_usage);
		case 'r':
			rules = optarg;
			rules_set_dir(rules);
			break;
		default:
			cli_usage(check_usage);
		}
	}
	if (optind < argc)
		cli_usage(check_usage);
	begin(&st, "classify-metric", rules);
	add(&st, "--check-rules");
	execv(st.argv[0], st.argv);
	die(EXIT_DATA, "cannot run %s:", st.argv[0]);
}

int
main(int argc, char **argv)
{
	struct stage st[5];
	const char *rules = NULL, *columns = NULL, *format = NULL;
	bool numbers = false, explain = false, stats = false, header = true;
	bool progress = false;
	int c, n = 0, status;

	err_init(argv[0]);
	find_bindir();
	if (argc > 1 && strcmp(argv[1], "check-rules") == 0)
		return check_rules(argc - 1, argv + 1);
	while ((c = getopt_long(argc, argv, "c:ef:hHnpr:sV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			columns = optarg;
			break;
		case 'e':
			explain = true;
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			cli_help(usage);
		case 'H':
			header = false;
			break;
		case 'n':
			numbers = true;
			break;
		case 'p':
			progress = true;
			break;
		case 'r':
			rules = optarg;
			rules_set_dir(rules);
			break;
		case 's':
			stats = true;
			break;
		case 'V':
			cli_version();
		default:
			cli_usage(usage);
		}
	}
	if (numbers && explain)
		die(EXIT_USAGE, "--numbers and --explain are different views: "
		    "give one");

	begin(&st[n], "normalise", rules);
	if (format != NULL) {
		add(&st[n], "--format");
		add(&st[n], format);
	}
	if (stats)
		add(&st[n], "--stats");
	if (progress)
		add(&st[n], "--progress");
	if (optind < argc) {
		add(&st[n], "--");
		for (int i = optind; i < argc; i++)
			add(&st[n], argv[i]);
	}
	begin(&st[++n], "segment", rules);
	begin(&st[++n], "tag-numbers", rules);
	if (stats)
		add(&st[n], "--stats");
	if (!numbers) {
		begin(&st[++n], "classify-metric", rules);
		/* The table needs no sentence or number records. */
		add(&st[n], "--rows-only");
		if (stats)
			add(&st[n], "--stats");
		if (explain)
			add(&st[n], "--explain");
	}
	begin(&st[++n], "emit-tsv", rules);
	if (numbers)
		add(&st[n], "--numbers");
	if (explain)
		add(&st[n], "--explain");
	if (columns != NULL) {
		add(&st[n], "--columns");
		add(&st[n], columns);
	}
	if (!header)
		add(&st[n], "--no-header");
	status = run(st, ++n);
	/* argv[0] is each stage's path, ours; the rest is borrowed. */
	while (n-- > 0) {
		free(st[n].argv[0]);
		free(st[n].argv);
	}
	return status;
}
