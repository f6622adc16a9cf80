/* demo_evidence.c - evidence files for the demo cases, so that `fazhi
 * verify` has real files to re-hash on a fresh demo: for the newest open
 * cases of each demo agency, a text record (询问笔录) and an audio-visual
 * record (a tiny photo or a short recording), added through the app layer
 * by the case's officer. Skipped when the process has no data directory. */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/evidence.h"
#include "cli/demo_internal.h"

#define DEMO_EVIDENCE_CASES 3

/* An 8x8 two-colour PNG (現场照片 stand-in), made once with zlib. */
static const unsigned char demo_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
	0x44, 0x52, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x08, 0x08, 0x02, 0x00, 0x00,
	0x00, 0x4b, 0x6d, 0x29, 0xdc, 0x00, 0x00, 0x00, 0x1a, 0x49, 0x44, 0x41, 0x54, 0x78,
	0xda, 0x63, 0x38, 0x21, 0x27, 0x07, 0x47, 0xff, 0x91, 0x00, 0x03, 0x15, 0x25, 0x90,
	0x39, 0xc8, 0x8a, 0xa8, 0x28, 0x01, 0x00, 0x25, 0x76, 0x80, 0x21, 0x31, 0x84, 0xf6,
	0x21, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

#define WAV_RATE 8000
#define WAV_SAMPLES 4000 /* half a second */

static void le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Half a second of an 8-bit mono triangle wave near 440 Hz (现场录音
 * stand-in): a valid WAV file of 44 + WAV_SAMPLES bytes. */
static void demo_wav(unsigned char out[44 + WAV_SAMPLES])
{
	memcpy(out, "RIFF\0\0\0\0WAVEfmt ", 16);
	le32(out + 4, 36 + WAV_SAMPLES);
	le32(out + 16, 16);
	out[20] = 1, out[21] = 0; /* PCM */
	out[22] = 1, out[23] = 0; /* mono */
	le32(out + 24, WAV_RATE);
	le32(out + 28, WAV_RATE);
	out[32] = 1, out[33] = 0; /* block align */
	out[34] = 8, out[35] = 0; /* bits per sample */
	memcpy(out + 36, "data", 4);
	le32(out + 40, WAV_SAMPLES);
	for (int i = 0; i < WAV_SAMPLES; i++) {
		int phase = (i * 2 * 440 * 64 / WAV_RATE) % 128; /* 0..127 per period */
		int tri = phase < 64 ? phase : 127 - phase;      /* 0..63 */
		out[44 + i] = (unsigned char)(128 + (tri - 32) * 3);
	}
}

static enum fz_err add_for(struct app_ctx *cli, const struct user *officer, int64_t agency,
			   int *nfiles, struct fz_error *e)
{
	static unsigned char wav[44 + WAV_SAMPLES];
	const struct scope all = { .kind = SCOPE_ALL };
	struct case_filter open_only = { .agency_id = agency, .closed = 2 };
	struct case_list list;
	struct page pg = { 0, DEMO_EVIDENCE_CASES };
	struct app_ctx ctx;
	enum fz_err rc;

	demo_wav(wav);
	if ((rc = cli->st->ops->case_list(cli->st, cli->a, &all, &open_only, pg, &list, e)))
		return rc;
	app_ctx_init(&ctx, cli->st, cli->a, cli->cfg, "cli", cli->now);
	ctx.user = (struct user *)officer;
	ctx.actor = officer->username;
	if ((rc = authz_scope_for(&ctx, officer, &ctx.scope, e)))
		return rc;
	for (size_t i = 0; i < list.n; i++) {
		const struct enf_case *c = &list.items[i];
		const char *text = arena_printf(ctx.a,
						"询问笔录\n案件：%s（%s）\n当事人：%s\n"
						"问：请陈述事情经过。\n答：（演示数据）\n",
						c->number, c->title, c->party_name);
		struct evidence_meta txt = { "询问笔录.txt", "text/plain", EVIDENCE_TEXT_RECORD };
		struct evidence_meta photo = { "现场照片.png", "image/png", EVIDENCE_AV_RECORD };
		struct evidence_meta sound = { "现场录音.wav", "audio/wav", EVIDENCE_AV_RECORD };
		if (!text)
			return fz_fail(e, FZ_NOMEM, NULL, NULL);
		if ((rc = app_evidence_add_bytes(&ctx, c->id, &txt, text, strlen(text), NULL, e)))
			return rc;
		rc = i % 2 ? app_evidence_add_bytes(&ctx, c->id, &sound, wav, sizeof wav, NULL, e)
			   : app_evidence_add_bytes(&ctx, c->id, &photo, demo_png, sizeof demo_png,
						    NULL, e);
		if (rc)
			return rc;
		*nfiles += 2;
	}
	return FZ_OK;
}

enum fz_err demo_evidence_seed(struct app_ctx *cli, const struct demo_cast *cast, int *nfiles,
			       struct fz_error *e)
{
	enum fz_err rc;
	*nfiles = 0;
	if (!cli->cfg->data_dir)
		return FZ_OK;
	struct fz_error why = { 0 };
	if ((rc = add_for(cli, &cast->officer1, cast->nr_agency, nfiles, &why)) ||
	    (rc = add_for(cli, &cast->officer3, cast->sm_agency, nfiles, &why)))
		return fz_fail(e, rc, why.field, "演示证据材料：%s",
			       why.message[0] ? why.message : fz_err_message(rc));
	return FZ_OK;
}
