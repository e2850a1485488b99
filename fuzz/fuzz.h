/*
 * fuzz.h - what the libFuzzer targets under fuzz/ share.
 *
 * Each target is fuzz/fuzz_NAME.c defining LLVMFuzzerTestOneInput (and
 * maybe LLVMFuzzerInitialize).  It is built two ways: with clang
 * -fsanitize=fuzzer for `make fuzz`, and with plain cc and replay.c as a
 * main() that feeds it files, for tests/fuzz/run.sh to replay the seeds
 * and the crashes kept under tests/fuzz/NAME/.
 *
 * The library stops on bad input with die() or ydie(), that is exit().  A
 * fuzz target must not exit, so every target is linked with
 * -Wl,--wrap=exit: inside FUZZ_TRY, exit() jumps back to the target with
 * the exit code instead.  Whether that exit is allowed is the target's
 * call (a broken rule file may exit 2; the sentence reader never may).
 * Memory allocated before such a jump is lost, so the targets whose input
 * may make the library exit run with leak detection off.
 */
#ifndef CHISO_FUZZ_H
#define CHISO_FUZZ_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

extern jmp_buf fuzz_jmp;
extern volatile int fuzz_armed;
extern volatile int fuzz_code;	/* the code exit() was called with */

/*
 * FUZZ_TRY { ...; FUZZ_END(); } else { exited with fuzz_code }
 * runs the block; if the library calls exit() in it, control comes back
 * to the else branch.  (setjmp may only stand alone in a condition.)
 * Locals changed in the block and read after an exit must be volatile.
 */
#define FUZZ_TRY fuzz_armed = 1; if (setjmp(fuzz_jmp) == 0)
#define FUZZ_END() (fuzz_armed = 0)

/*
 * Sends stdout and stderr (the FILE streams, not fds 1 and 2, on which
 * the sanitizers report) to /dev/null: the tools' records and warnings
 * would otherwise drown the fuzzer's output.
 */
void fuzz_quiet(void);

/*
 * Writes data to a file of the given name (such as "in.jsonl") in a
 * private temporary directory and returns its path; the same path each
 * time for the same name.  For the readers that only take file names.
 */
const char *fuzz_file(const char *name, const uint8_t *data, size_t size);

/* The private temporary directory. */
const char *fuzz_dir(void);

/* The rules directory of the tree: $CHISO_RULES or ./rules. */
const char *fuzz_rules(void);

#endif
