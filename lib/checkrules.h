/*
 * checkrules.h - rules that test themselves (chiso check-rules).
 *
 * Every metric of rules/metrics.yaml may carry examples (a sentence, an
 * optional document date, and the rows it must give) and
 * counter_examples (sentences that must give no row of that metric).
 * check_rules() runs each through the same code as the pipeline, in
 * process: textnorm, the segmenter, the number reader and the classifier.
 * Loading the rules already checked the schema and compiled every
 * pattern.  Each failure is printed as a diff under "file:line:".
 *
 * A row is written "metric period status measure value unit basis approx
 * component", space-separated, '-' for an empty field; trailing empty
 * fields may be left out.
 */
#ifndef CHISO_CHECKRULES_H
#define CHISO_CHECKRULES_H

#include "classify.h"

/* Returns EXIT_OK when every example passes, else EXIT_DATA. */
int check_rules(struct cx_rules *cx);

#endif
