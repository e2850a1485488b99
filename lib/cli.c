/* cli.c - see cli.h. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "err.h"

void
cli_help(const char *usage)
{
	fputs(usage, stdout);
	out_close();
	exit(EXIT_OK);
}

void
cli_usage(const char *usage)
{
	fputs(usage, stderr);
	exit(EXIT_USAGE);
}

void
cli_version(void)
{
	printf("%s (chiso) %s\n", progname, CHISO_VERSION);
	out_close();
	exit(EXIT_OK);
}
