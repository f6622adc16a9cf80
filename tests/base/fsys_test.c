/* fsys_test.c - the one way to make a directory: made, made again without
 * error, and refused with the plain message when a file stands in the way. */
#include <stdio.h>
#include <sys/stat.h>

#include "base/fsys.h"
#include "t.h"

TEST(dir_make_creates_once_accepts_an_existing_one_and_refuses_under_a_file)
{
	char dir[512], file[512], under[600];
	struct stat sb;
	struct fz_error e = { 0 };
	snprintf(dir, sizeof dir, "%s/made", t_tmpdir());
	CHECK_INT(fsys_dir_make(dir, "目录", &e), FZ_OK);
	CHECK(stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode));
	CHECK_INT(sb.st_mode & 0777, 0700);
	CHECK_INT(fsys_dir_make(dir, "目录", &e), FZ_OK);

	snprintf(file, sizeof file, "%s/plain", t_tmpdir());
	FILE *f = fopen(file, "w");
	REQUIRE(f);
	fclose(f);
	snprintf(under, sizeof under, "%s/sub", file);
	CHECK_INT(fsys_dir_make(under, "数据目录", &e), FZ_IO);
	CHECK_STR(e.field, "data_dir");
	CHECK_CONTAINS(e.message, "无法创建数据目录 ");
	CHECK_CONTAINS(e.message, under);
	CHECK(stat(under, &sb) != 0);
}
