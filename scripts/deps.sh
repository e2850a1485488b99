#!/bin/sh
# deps.sh - check that what chiso builds with is installed; install it
# when run as root (Debian/Ubuntu), else print the command to run.
#
# Quiet when everything is present.  Exit status: 0 all present (or now
# installed), 1 something is missing and could not be installed.
# The tests need sh, awk, diff, cmp, gzip, python3 (the generated crawls
# and the scorer) and GNU parallel with rsync (the multi-machine recipe).
set -u

# pkg-config module -> Debian package
mods="libpcre2-8:libpcre2-dev yaml-0.1:libyaml-dev zlib:zlib1g-dev
libdeflate:libdeflate-dev libutf8proc:libutf8proc-dev jansson:libjansson-dev"
# command -> Debian package
cmds="pkg-config:pkg-config make:make cc:gcc awk:gawk diff:diffutils
gzip:gzip cmp:diffutils parallel:parallel rsync:rsync python3:python3"

missing() {
	need=
	for pair in $cmds; do
		command -v "${pair%%:*}" >/dev/null 2>&1 || need="$need ${pair#*:}"
	done
	for pair in $mods; do
		if ! command -v pkg-config >/dev/null 2>&1 ||
		    ! pkg-config --exists "${pair%%:*}"; then
			need="$need ${pair#*:}"
		fi
	done
	# One name per package, in a stable order.
	printf '%s\n' $need | sort -u | tr '\n' ' ' | sed 's/ $//'
}

need=$(missing)
[ -z "$need" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps.sh: installing: $need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2 || exit 1
	# $need is a list of package names: split it on purpose.
	# shellcheck disable=SC2086
	apt-get install -y -q $need >&2 || exit 1
	need=$(missing)
	[ -z "$need" ] && exit 0
	echo "deps.sh: still missing after apt-get: $need" >&2
	exit 1
fi
echo "deps.sh: missing: $need" >&2
echo "deps.sh: install them with:" >&2
echo "  sudo apt-get install $need" >&2
exit 1
