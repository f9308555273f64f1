#!/usr/bin/env bash
# The shell steps of the composite action (action.yml), one script so that a test can run
# them with the environment the GitHub runner sets (tests/test_action.py).
#
#   action-run.sh install   pip install the suite: INPUT_SUITE_VERSION from PyPI, else ACTION_PATH
#   action-run.sh run       conformance run with the INPUT_* values; reports in $RUNNER_TEMP/conformance;
#                           outputs report-dir and exit-code; exits with the run's exit code
set -euo pipefail

install() {
  if [ -n "${INPUT_SUITE_VERSION:-}" ]; then
    python -m pip install --quiet "orbiplex-conformance==${INPUT_SUITE_VERSION}"
  else
    python -m pip install --quiet "${ACTION_PATH:?ACTION_PATH, the checkout of the action, is not set}"
  fi
}

run() {
  : "${INPUT_ADAPTER:?the adapter input is required}" "${RUNNER_TEMP:?}" "${GITHUB_OUTPUT:?}"
  local out="${RUNNER_TEMP}/conformance"
  rm -rf "$out" && mkdir -p "$out"
  local args=(run --adapter "$INPUT_ADAPTER" --profile "${INPUT_PROFILE:-ci}" --level "${INPUT_LEVEL:-verdict}"
              --report "$out/conformance.json" --junit "$out/conformance.xml" --html "$out/conformance.html"
              --markdown "$out/conformance.md" --badge "$out/badge.json" --failures-dir "$out/failures")
  [ -z "${INPUT_SEED:-}" ] || args+=(--seed "$INPUT_SEED")
  [ -z "${INPUT_EXPECTED_FAILURES:-}" ] || args+=(--expected-failures "$INPUT_EXPECTED_FAILURES")
  if [ -n "${INPUT_DATABASE:-}" ]; then
    local databases
    read -r -a databases <<<"$INPUT_DATABASE"
    for db in "${databases[@]}"; do args+=(--database "$db"); done
  fi
  [ -z "${INPUT_INTERPRETATIONS:-}" ] || args+=(--interpretations "$INPUT_INTERPRETATIONS")
  args+=(--require "${INPUT_REQUIRE:-derived}")
  if [ -n "${INPUT_ONLY:-}" ]; then
    local only
    read -r -a only <<<"$INPUT_ONLY"  # split on whitespace; read does no glob expansion
    args+=(--only "${only[@]}")
  fi
  local rc=0
  conformance "${args[@]}" || rc=$?
  # conformance appends its Markdown report to $GITHUB_STEP_SUMMARY itself; a run that ended
  # before reporting (exit 2: bad input, harness error) says so there instead
  if [ ! -f "$out/conformance.json" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '## ⚠️ Orbiplex conformance: no report\n\n`conformance run` exited with code %s before writing a report; see the job log.\n' \
      "$rc" >>"$GITHUB_STEP_SUMMARY"
  fi
  { echo "report-dir=$out"; echo "exit-code=$rc"; } >>"$GITHUB_OUTPUT"
  exit "$rc"
}

case "${1:-}" in
  install) install ;;
  run) run ;;
  *) echo "usage: $0 install|run" >&2; exit 2 ;;
esac
