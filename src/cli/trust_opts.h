/* trust_opts.h - the options through which an outsider brings their own
 * trust to `fazhi verify` and `fazhi verify-bundle` (docs/LEDGER.md,
 * "Verification"):
 *   --key KEY                the log's public key: a PEM file, or its
 *                            verifier key <origin>+<id>+<base64>
 *   --trust-on-first-use     use the key beside the data (warned)
 *   --witness VKEY           a witness's verifier key (repeatable)
 *   --quorum N               cosignatures needed (default: 1)
 *   --checkpoint FILE        an earlier published checkpoint (signed note)
 *   --pin SIZE:ROOT          an earlier root (hex or base64) */
#ifndef FZ_CLI_TRUST_OPTS_H
#define FZ_CLI_TRUST_OPTS_H

#include <stdbool.h>

#include "app/ledger_verify.h"

#define CLI_TRUST_MAX 16

struct cli_trust {
	const char *key;
	bool tofu;
	const char *witness[CLI_TRUST_MAX];
	size_t nwitness;
	const char *quorum;
	const char *checkpoint[CLI_TRUST_MAX];
	size_t ncheckpoint;
	const char *pin[CLI_TRUST_MAX];
	size_t npin;
	/* built by cli_trust_build */
	unsigned char pub[LEDGER_PUBKEY_LEN];
	bool have_pub;
	struct note_vkey witnesses[CLI_TRUST_MAX];
	struct ledger_pin pins[2 * CLI_TRUST_MAX];
	struct ledger_trust trust;
};

/* Takes the trust options out of argv (which keeps the others, in
 * order) and returns the new argc, or -1 after a usage message. */
int cli_trust_take(const char *cmd, int argc, char **argv, struct cli_trust *t);

/* Loads the key (or, with --trust-on-first-use, default_pub_path, with
 * a warning on stderr), the witness keys and the pins into t->trust.
 * hash is the log's hash (for roots). 0, or the exit code after a
 * message. */
int cli_trust_build(const char *cmd, struct cli_trust *t, const char *default_pub_path,
		    enum ledger_hash_alg hash);

/* 0, or a usage message (2) when neither --key nor
 * --trust-on-first-use was given. */
int cli_trust_require_key(const char *cmd, const struct cli_trust *t);

/* verify-bundle's checks of a bundle that verified on its own (r): its
 * key is --key's (with --trust-on-first-use the bundle's own key is
 * used, with a warning); a pin or checkpoint file of the bundle's size
 * has its root; with --witness, some --checkpoint file of that size and
 * root carries --quorum verifying cosignatures. 0, or the exit code
 * after a message. */
struct bundle_report;
int cli_trust_bundle(const char *cmd, struct cli_trust *t, const struct bundle_report *r);

#endif
