/* serve_test.c - `fazhi serve` checks the procedure definitions before it
 * serves anything: a bad definition stops it with the file, the line and
 * the step named. */
#include <stdio.h>
#include <stdlib.h>

#include "cli_run.h"
#include "t.h"

TEST(serve_refuses_a_bad_procedure_definition_naming_file_line_and_step)
{
	struct buf out = BUF_INIT;
	const char *dir = t_tmpdir();
	CHECK_INT(cli_run(&out, NULL, "init --db %s/d.db", dir), 0);
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
		 "mkdir -p %s/procs && cp %s/data/procedures/*.txt %s/procs/ && "
		 "sed -i 's/^  gates limitation$/  gates limitation no_such_gate/' "
		 "%s/procs/penalty_general.txt",
		 dir, t_source_root(), dir, dir);
	REQUIRE(system(cmd) == 0);
	CHECK_INT(cli_run(&out, NULL, "serve --db %s/d.db --listen 127.0.0.1:0 --procedures %s/procs",
			  dir, dir), 2);
	CHECK_CONTAINS(buf_cstr(&out), "penalty_general.txt");
	CHECK_CONTAINS(buf_cstr(&out), "行");
	CHECK_CONTAINS(buf_cstr(&out), "步骤 open");
	CHECK_CONTAINS(buf_cstr(&out), "no_such_gate");
	buf_release(&out);
}
