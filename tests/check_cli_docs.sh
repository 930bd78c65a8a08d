#!/usr/bin/env bash
# Checks docs/cli.md against the help texts of the entree program, both ways:
#
# - every command `entree --help` lists, and every subcommand a command's
#   Usage lines name (`entree seating plan`), is in the page, as a heading
#   or as `entree COMMAND`;
# - every option `entree COMMAND --help` names (--something, or -o) is in
#   the page; when the page has a section headed `entree COMMAND`, in that
#   section;
# - every --option and -o the page names is in some help text, and every
#   `entree WORD` (and `entree COMMAND WORD` of a command with subcommands)
#   the page names is a command.
#
# Prints each mismatch; exits 1 when there is one, 0 when there is none,
# 2 on wrong use.
#
#   bash tests/check_cli_docs.sh PATH_TO_ENTREE PATH_TO_docs/cli.md
set -euo pipefail
export LC_ALL=C

if [[ $# -ne 2 ]]; then
  echo "usage: $0 PATH_TO_ENTREE PATH_TO_docs/cli.md" >&2
  exit 2
fi
entree=$1
doc=$2
if [[ ! -x $entree ]]; then
  echo "$0: $entree is not an executable program" >&2
  exit 2
fi
if [[ ! -r $doc ]]; then
  echo "$0: cannot read $doc" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The help texts, in English whatever the environment says.
help() {
  ENTREE_LANG=en "$entree" --lang en "$@" --help
}

# Option tokens in text on standard input, one a line, sorted: --long
# options, and short ones (-o) standing alone as a word.
long_options() {
  { grep -oE -- '--[A-Za-z][A-Za-z0-9-]*' || true; } | sort -u
}
short_options() {
  # shellcheck disable=SC2016  # the backquote is a character to match
  { grep -oE -- '(^|[][ `|(])-[A-Za-z]($|[][ `|)=,.;:])' || true; } |
    { grep -oE -- '-[A-Za-z]' || true; } | sort -u
}
options() {
  local text
  text=$(cat)
  { long_options <<<"$text"; short_options <<<"$text"; } | sort -u
}

status=0
mismatch() {
  echo "$*"
  status=1
}

# --- What the program says --------------------------------------------------

if ! help >"$work/overview" 2>"$work/overview.err"; then
  echo "$0: \`$entree --help\` failed:" >&2
  cat "$work/overview.err" >&2
  exit 2
fi
# Command lines are indented names; option lines are indented --names.
{ grep -E '^ +[a-z][a-z0-9-]*( |$)' "$work/overview" || true; } |
  sed -E 's/^ +([a-z][a-z0-9-]*).*/\1/' | sort -u >"$work/commands"
if [[ ! -s $work/commands ]]; then
  echo "$0: \`$entree --help\` lists no commands" >&2
  exit 2
fi
# The options every command takes, from the overview.
{ grep -E '^ +-' "$work/overview" || true; } | options >"$work/global_options"

: >"$work/all_options"
: >"$work/subcommands"  # "COMMAND SUBCOMMAND" lines
cat "$work/global_options" >>"$work/all_options"
while read -r command; do
  if ! help "$command" >"$work/help.$command" 2>"$work/help.$command.err"; then
    mismatch "\`entree $command --help\` failed: $(head -n 1 "$work/help.$command.err")"
    continue
  fi
  options <"$work/help.$command" >"$work/options.$command"
  cat "$work/options.$command" >>"$work/all_options"
  # Subcommands: a lower-case word after `entree COMMAND` on a Usage line
  # (the first, or an indented one that follows it).
  { grep -E "^(Usage: +| +)entree +$command +[a-z][a-z0-9-]*" "$work/help.$command" || true; } |
    sed -E "s/^(Usage: +| +)entree +$command +([a-z][a-z0-9-]*).*/$command \2/" \
      >>"$work/subcommands"
done <"$work/commands"
sort -u -o "$work/all_options" "$work/all_options"
sort -u -o "$work/subcommands" "$work/subcommands"

# --- What the page says -------------------------------------------------------

# Sections: the lines under each heading that names `entree COMMAND`, up to
# the next heading (subheadings of the same command add to its section).
section_of=""
while IFS= read -r line || [[ -n $line ]]; do
  if [[ $line =~ ^#+[[:space:]] ]]; then
    section_of=""
    if [[ $line =~ entree[[:space:]]+([a-z][a-z0-9-]*) ]] &&
      grep -qxF -- "${BASH_REMATCH[1]}" "$work/commands"; then
      section_of=${BASH_REMATCH[1]}
    fi
  fi
  if [[ -n $section_of ]]; then
    printf '%s\n' "$line" >>"$work/section.$section_of"
  fi
done <"$doc"

headings=$(grep -E '^#+[[:space:]]' "$doc" || true)
# `entree WORD` and `entree WORD WORD2` as the page writes them (not
# entree-kiosk, not paths such as entree/entree.db).
mentions=$(grep -oE '(^|[^A-Za-z0-9_./=-])entree +[a-z][a-z0-9-]*( +[a-z][a-z0-9-]*)?' "$doc" |
  sed -E 's/^[^e]*entree +//' | sort -u || true)

# --- Program to page ----------------------------------------------------------

while read -r command; do
  if ! grep -qE "(^|[^A-Za-z0-9_./=-])entree +$command([^a-z0-9-]|$)" "$doc" &&
    ! grep -qE "^#+[[:space:]].*(^|[^a-z0-9-])$command([^a-z0-9-]|$)" <<<"$headings"; then
    mismatch "docs: command \`entree $command\` is not documented"
  fi
  [[ -f $work/options.$command ]] || continue
  # Options of this command (the global ones are checked once, below).
  comm -23 "$work/options.$command" "$work/global_options" >"$work/own.$command"
  if [[ -f $work/section.$command ]]; then
    where=$work/section.$command
    place="its section"
  else
    where=$doc
    place="the page"
  fi
  options <"$where" >"$work/documented.$command"
  while read -r option; do
    mismatch "docs: option $option of \`entree $command\` is not in $place"
  done < <(comm -23 "$work/own.$command" "$work/documented.$command")
done <"$work/commands"

while read -r command subcommand; do
  if ! grep -qE "(^|[^A-Za-z0-9_./=-])entree +$command +$subcommand([^a-z0-9-]|$)" "$doc"; then
    mismatch "docs: command \`entree $command $subcommand\` is not documented"
  fi
done <"$work/subcommands"

options <"$doc" >"$work/doc_options"
while read -r option; do
  mismatch "docs: option $option, which every command takes, is not documented"
done < <(comm -23 "$work/global_options" "$work/doc_options")

# --- Page to program ----------------------------------------------------------

while read -r option; do
  mismatch "docs: option $option is in no help text"
done < <(comm -23 "$work/doc_options" "$work/all_options")

cut -d' ' -f1 "$work/subcommands" | sort -u >"$work/with_subcommands"
while read -r command subcommand; do
  [[ -n $command ]] || continue
  if ! grep -qxF -- "$command" "$work/commands"; then
    mismatch "docs: \`entree $command\` is no command"
  elif [[ -n ${subcommand:-} ]] && grep -qxF -- "$command" "$work/with_subcommands" &&
    ! grep -qxF -- "$command $subcommand" "$work/subcommands"; then
    mismatch "docs: \`entree $command $subcommand\` is no command"
  fi
done <<<"$mentions"

exit $status
