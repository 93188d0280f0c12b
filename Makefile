# retort: build, test, demo.  See README.md.
#
#   make                 bin/retort and its man page, build/rel/retort.1
#   make demo            install what is missing (as root), build, run on samples/todoapp
#   make test            install what is missing, build, run every test
#   make test SANITIZE=1 the same under AddressSanitizer + UBSan
#   make fuzz            run the libFuzzer targets (.mig front end, retort.ini,
#                        Alembic scripts, the whole pipeline) for a while
#   make bench           time retort on generated projects up to 100,000 revisions
#   make man             only the man page (compiler/mkman.c prints the --help texts)
#   make install         bin/retort and retort.1 under $(DESTDIR)$(PREFIX) (/usr/local)
#   make check-globals check-headers debug clean

CC      ?= cc
BISON   ?= bison
FLEX    ?= flex

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wold-style-definition -Wwrite-strings \
       -Wcast-qual -Wformat=2 -Wundef -Wvla -Wconversion -Wsign-conversion \
       -Wimplicit-fallthrough -Werror
OPT      = -O2 -g
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Iinclude -Ibuild/gen -MMD -MP
BISONFLAGS = -Wall -Werror -Wcounterexamples
# Full (uncompressed) scanner tables: a quarter of the time goes to
# scanning, and -Cf cuts it at the price of 50 KB of tables.
FLEXFLAGS = -Cf

ifeq ($(SANITIZE),1)
  B      = build/san
  OPT    = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
  LDSAN  = -fsanitize=address,undefined
  RETORT = $(B)/retort
else
  B      = build/rel
  RETORT = bin/retort
endif
ifeq ($(DEBUG),1)
  BISONFLAGS += -Dparse.trace
  OPT = -O0 -g3
endif

CFLAGS  ?= $(OPT)
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS)
LDFLAGS ?=
LDLIBS  ?= -lmd -linih -lsqlite3 -pthread

GEN  = build/gen
SRCS = $(wildcard compiler/*.c)
LIB_SRCS = $(filter-out compiler/main.c compiler/mkman.c compiler/mkkw.c,$(SRCS))
OBJS = $(patsubst compiler/%.c,$(B)/obj/%.o,$(LIB_SRCS)) \
       $(B)/obj/parser.o $(B)/obj/lexer.o $(B)/obj/pyscan.o
LIB  = $(B)/libretort.a

UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRCS))

# Debian packages: to build, and to run the tests.
BUILD_PKGS = gcc make flex bison libcmocka-dev libmd-dev libinih-dev libsqlite3-dev
TEST_PKGS  = $(BUILD_PKGS) python3-alembic python3-psycopg2 sqlite3 postgresql-15 \
             groff-base python3-jsonschema python3-sarif-python-om \
             mariadb-server python3-pymysql
FUZZ_PKGS  = clang libclang-rt-14-dev

.PHONY: all deps deps-demo deps-test demo test test-run unit cli check-globals \
        check-headers fuzz bench debug clean man install
.DELETE_ON_ERROR:

all: $(RETORT) $(B)/retort.1

man: $(B)/retort.1

$(GEN)/parser.c $(GEN)/parser.h &: grammar/parser.y
	@mkdir -p $(GEN)
	$(BISON) $(BISONFLAGS) --header=$(GEN)/parser.h -o $(GEN)/parser.c $<

$(GEN)/lexer.c $(GEN)/lexer.h &: grammar/lexer.l $(GEN)/parser.h Makefile
	@mkdir -p $(GEN)
	$(FLEX) $(FLEXFLAGS) --header-file=$(GEN)/lexer.h -o $(GEN)/lexer.c $<

# The keywords' perfect hash, found at build time (compiler/mkkw.c).
$(GEN)/kwhash.h: compiler/mkkw.c include/keywords.def include/lexsup.h
	@mkdir -p $(GEN)
	$(CC) $(filter-out -MMD -MP,$(CPPFLAGS)) -std=c11 $(WARN) -O1 \
	  -o $(GEN)/mkkw $<
	$(GEN)/mkkw >$@.tmp && mv $@.tmp $@

# The scanner of Alembic's Python scripts (pysrc.c reads them).
$(GEN)/pyscan.c $(GEN)/pyscan.h &: grammar/pyscan.l include/pysrc.h Makefile
	@mkdir -p $(GEN)
	$(FLEX) --header-file=$(GEN)/pyscan.h -o $(GEN)/pyscan.c $<

# Everything may include the generated headers.
$(patsubst compiler/%.c,$(B)/obj/%.o,$(SRCS)): | $(GEN)/parser.h $(GEN)/lexer.h \
  $(GEN)/kwhash.h $(GEN)/pyscan.h

$(B)/obj/%.o: compiler/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The generated scanner and parser compile clean with the same warnings.
$(B)/obj/%.o: $(GEN)/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(OBJS)
	@rm -f $@
	ar rcs $@ $^

$(RETORT): $(B)/obj/main.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDSAN) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The man page, printed from the same text as --help (compiler/mkman.c).
$(B)/mkman: $(B)/obj/mkman.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(LDSAN) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/retort.1: $(B)/mkman
	$(B)/mkman >$@.tmp || { rm -f $@.tmp; exit 1; }
	mv $@.tmp $@

PREFIX ?= /usr/local
install: $(RETORT) $(B)/retort.1
	install -D -m 755 $(RETORT) $(DESTDIR)$(PREFIX)/bin/retort
	install -D -m 644 $(B)/retort.1 $(DESTDIR)$(PREFIX)/share/man/man1/retort.1

$(B)/tests/%: tests/unit/%.c $(LIB) tests/unit/testutil.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(ALL_CFLAGS) -Wno-missing-prototypes \
	  $(LDSAN) -o $@ $< $(LIB) -lcmocka $(LDLIBS)

# Install the Debian packages that are missing: as root with apt-get,
# otherwise print the command to run.
define install_pkgs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "retort needs these Debian packages; run:" >&2; \
	    echo "  sudo apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install_pkgs,$(BUILD_PKGS))

deps-demo:
	$(call install_pkgs,$(BUILD_PKGS) sqlite3)

deps-test:
	$(call install_pkgs,$(TEST_PKGS))

demo: deps-demo
	@$(MAKE) --no-print-directory all
	@RETORT=$(abspath $(RETORT)) sh samples/todoapp/demo.sh

test: deps-test
	@$(MAKE) --no-print-directory test-run

test-run: $(RETORT) $(UNIT_BINS) $(B)/retort.1
	@RETORT=$(RETORT) B=$(B) RETORT_MAN=$(B)/retort.1 sh tests/run.sh $(UNIT_BINS)

# Writable objects at file scope: in .data, .bss, .tdata, .tbss or
# .data.rel* (where gcc puts tables of pointers that are not const), but
# not .data.rel.ro* (const tables of pointers).  Built at -O0 into a tree
# of its own: at -O2 gcc moves a table that is never written into
# .data.rel.ro, and `static const char *names[]` would pass.  The one
# exception is bison's: its pure parser's skeleton declares the initial
# location `static YYLTYPE yyloc_default` in yyparse and only reads it.
GLOBALS_OBJS = $(patsubst $(B)/%,build/globals/%,$(OBJS) $(B)/obj/main.o \
	       $(B)/obj/mkman.o)
check-globals:
	@$(MAKE) --no-print-directory B=build/globals CFLAGS=-O0 $(GLOBALS_OBJS)
	@bad=$$(objdump -t $(GLOBALS_OBJS) | awk -F '\t' 'NF == 2 { \
	  n = split($$1, f, " "); sec = f[n]; m = split($$2, g, " "); \
	  if (sec ~ /^\.(data|bss|tdata|tbss)(\.|$$)/ && \
	      sec !~ /^\.data\.rel\.ro(\.|$$)/ && g[m] != sec && \
	      g[m] !~ /^yyloc_default(\.[0-9]+)?$$/) print }'); \
	if [ -n "$$bad" ]; then echo "mutable globals:"; echo "$$bad"; exit 1; fi; \
	echo "check-globals: no mutable globals"

check-headers:
	@for h in include/*.h; do \
	  printf '#include "%s"\n' $$(basename $$h) | \
	  $(CC) $(filter-out -MMD -MP,$(CPPFLAGS)) $(ALL_CFLAGS) -fsyntax-only \
	    -x c - || exit 1; \
	done; echo "check-headers: every header compiles alone"

FUZZ_SECONDS ?= 60
fuzz:
	$(call install_pkgs,$(BUILD_PKGS) $(FUZZ_PKGS))
	@$(MAKE) --no-print-directory $(GEN)/parser.c $(GEN)/lexer.c \
	  $(GEN)/kwhash.h $(GEN)/pyscan.c
	@mkdir -p build/fuzz/corpus
	@mkdir -p build/fuzz/corpus-ini
	@mkdir -p build/fuzz/corpus-py
	@mkdir -p build/fuzz/corpus-compile
	for t in fuzz_parse fuzz_config fuzz_pysrc fuzz_compile; do \
	  clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all -fno-omit-frame-pointer \
	    -D_POSIX_C_SOURCE=200809L -Iinclude -I$(GEN) $(LDFLAGS) \
	    -o build/fuzz/$$t tests/fuzz/$$t.c $(LIB_SRCS) \
	    $(GEN)/parser.c $(GEN)/lexer.c $(GEN)/pyscan.c $(LDLIBS) || exit 1; \
	done
	build/fuzz/fuzz_parse -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=build/fuzz/ -dict=tests/fuzz/mig.dict \
	  build/fuzz/corpus tests/fuzz/seeds tests/fuzz/regressions
	build/fuzz/fuzz_config -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=build/fuzz/ -dict=tests/fuzz/ini.dict \
	  build/fuzz/corpus-ini tests/fuzz/seeds-ini
	build/fuzz/fuzz_pysrc -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=build/fuzz/ -dict=tests/fuzz/py.dict \
	  build/fuzz/corpus-py tests/fuzz/seeds-py tests/fuzz/regressions-py \
	  tests/interop/alembic_branched/versions \
	  tests/interop/alembic_todoapp/versions \
	  $(wildcard tests/golden/py-*/versions)
	build/fuzz/fuzz_compile -max_total_time=$(FUZZ_SECONDS) \
	  -close_fd_mask=3 -artifact_prefix=build/fuzz/ \
	  -dict=tests/fuzz/mig.dict build/fuzz/corpus-compile \
	  tests/fuzz/seeds $(wildcard tests/e2e/projects/*/versions) \
	  $(wildcard samples/*/versions)

$(B)/runstat $(B)/readall $(B)/copytree: $(B)/%: tests/bench/%.c
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ $<

# Figures, not pass/fail: retort's commands on generated projects beside
# the cost of only reading their files (and, for build, copying its
# output), and Alembic on the same migrations when it is installed.
bench: deps $(RETORT) $(B)/runstat $(B)/readall $(B)/copytree
	@RETORT=$(RETORT) B=$(B) sh tests/bench/bench.sh

debug:
	@$(MAKE) --no-print-directory DEBUG=1 B=build/debug RETORT=build/debug/retort

clean:
	rm -rf build bin

-include $(wildcard $(B)/obj/*.d)
