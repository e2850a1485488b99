# chiso - Vietnamese economic indicators from news text.
# Plain make; see README.md.  Targets: all check bench install clean asan ubsan fuzz.

PREFIX   ?= /usr/local
DESTDIR  ?=
PKGS      = libpcre2-8 yaml-0.1 zlib libdeflate libutf8proc jansson
CC       ?= cc
OPT      ?= -O2 -g
CFLAGS   ?= $(OPT)
WARN      = -std=c11 -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes \
            -Wshadow -Wpointer-arith -Wno-unused-parameter
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib \
            -DCHISO_RULES_DIR='"$(PREFIX)/share/chiso/rules"'
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# Out-of-tree variants (asan, ubsan) set BUILD and BIN.
BUILD    ?= build
BIN      ?= bin

TOOLS    = normalise segment tag-numbers classify-metric emit-tsv chiso
LIBSRC   = $(wildcard lib/*.c)
LIBOBJ   = $(LIBSRC:lib/%.c=$(BUILD)/lib/%.o)
LIBA     = $(BUILD)/libchiso.a
PROGS    = $(TOOLS:%=$(BIN)/%)

all: $(PROGS)

$(BUILD)/lib/%.o: lib/%.c lib/*.h | $(BUILD)/lib
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(BUILD)/tools/%.o: tools/%.c lib/*.h | $(BUILD)/tools
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(LIBA): $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(BIN)/%: $(BUILD)/tools/%.o $(LIBA) | $(BIN)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(PKG_LIBS) -lm

$(BUILD)/lib $(BUILD)/tools $(BIN):
	mkdir -p $@

# The tests run against this build tree, never an installed copy.
check: all
	@BIN=$(BIN) sh tests/run.sh

# Sanitizer builds live in their own trees so they never mix with bin/.
SAN_CFLAGS = -O1 -g -fno-omit-frame-pointer
asan:
	$(MAKE) BUILD=build/asan BIN=build/asan/bin \
	    CFLAGS="$(SAN_CFLAGS) -fsanitize=address" \
	    LDFLAGS="-fsanitize=address" check
ubsan:
	$(MAKE) BUILD=build/ubsan BIN=build/ubsan/bin \
	    CFLAGS="$(SAN_CFLAGS) -fsanitize=undefined -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=undefined" check

bench:
	$(MAKE) OPT="-O2" all
	sh tests/bench.sh

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/chiso/rules
	cp $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	cp rules/*.yaml $(DESTDIR)$(PREFIX)/share/chiso/rules/

clean:
	rm -rf build bin

.PHONY: all check asan ubsan bench install clean
.SECONDARY: $(LIBOBJ)

# The two-command set-up (after cloning): `make sample` checks (as root:
# installs) the dependencies, builds, and runs chiso on the bundled
# articles in samples/ (plain and gzipped).
sample:
	sh scripts/deps.sh
	$(MAKE) all
	$(BIN)/chiso samples/*.txt samples/*.gz
.PHONY: sample

# Instructions per byte and hot spots of each stage (callgrind on a small
# generated crawl); see tests/bench.sh.
bench-profile:
	$(MAKE) OPT="-O2 -g" all
	BENCH_PROFILE=only sh tests/bench.sh
.PHONY: bench-profile

# Fuzzing with libFuzzer (clang; says so when it is missing): each
# fuzz/fuzz_*.c runs FUZZ_SECONDS seconds; what it finds is kept under
# tests/fuzz/TARGET/crashes/, which make check replays.  See fuzz/run.sh.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh fuzz/run.sh
.PHONY: fuzz

# Each stage alone under valgrind over the evaluation seeds: no leaks, no
# invalid reads (tests/valgrind.sh).
valgrind: all
	BIN=$(BIN) sh tests/valgrind.sh
.PHONY: valgrind
