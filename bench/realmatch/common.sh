# shellcheck shell=bash
# Shared by build.sh and run.sh (sourced, not run): paths, messages (bench/common.sh) and the --only option.
# The caller sets BENCH_NAME.
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=$REPO/bench/.work/realmatch
PYTHON=${PYTHON:-python3}
ONLY=''
# shellcheck source=bench/common.sh
source "$REPO/bench/common.sh"

# only_option VALUE: checks and sets ONLY for `--only debian|ubuntu`.
only_option() {
    [[ $1 == debian || $1 == ubuntu ]] || die "--only takes debian or ubuntu"
    # shellcheck disable=SC2034 # read by the scripts that source this file
    ONLY=$1
}
