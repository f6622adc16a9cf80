/* cmd_openapi.c - `fazhi openapi`: prints the OpenAPI document the server
 * serves - docs/openapi.json with the step-field schemas of the built-in
 * definitions (or of --procedures DIR) - so that the committed file is
 * regenerated with `fazhi openapi > docs/openapi.json` after a definition
 * changes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/procreg.h"
#include "cli/cli.h"
#include "http/openapi.h"

int cmd_openapi(int argc, char **argv)
{
	const char *procs = NULL;
	const struct cli_option opts[] = { { "procedures", &procs } };
	int bad = cli_options("openapi", argc, argv, 1, opts, sizeof opts / sizeof opts[0]);
	if (bad)
		return bad;
	if (optind < argc)
		return cli_usage("openapi", "多余的参数“%s”", argv[optind]);
	struct fz_error e = { 0 };
	struct proc_registry *reg = NULL;
	enum fz_err rc = proc_registry_load(procs, &reg, &e);
	if (rc)
		return cli_fail(rc, &e);
	size_t n = 0;
	const struct proc_def *defs = proc_registry_defs(reg, &n);
	char *text = openapi_text(defs, n);
	proc_registry_free(reg);
	if (!text)
		return cli_fail(FZ_NOMEM, NULL);
	bool ok = fputs(text, stdout) >= 0 && fflush(stdout) == 0;
	free(text);
	return ok ? 0 : cli_fail(FZ_IO, NULL);
}
