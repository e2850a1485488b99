/*
 * cli.h - what every chiso tool's command line shares.
 *
 * Every tool takes -h/--help (usage to stdout, exit 0), -V/--version and
 * -r/--rules DIR; a usage error prints the usage to stderr and exits 2.
 */
#ifndef CHISO_CLI_H
#define CHISO_CLI_H

#define CHISO_VERSION "0.1"

/* Prints usage (a full help text) to stdout and exits 0. */
void cli_help(const char *usage) __attribute__((noreturn));

/* Prints usage to stderr and exits 2. */
void cli_usage(const char *usage) __attribute__((noreturn));

/* Prints "progname (chiso) VERSION" and exits 0. */
void cli_version(void) __attribute__((noreturn));

#endif
