# Shared by the benchmark scripts (sourced, not run): messages, argument checks, and timing of one
# command (wall time, CPU time and peak RSS through /usr/bin/time) with the best of K runs kept.
# Callers set BENCH_NAME, PYTHON, STATS, RESULTS and NETNS (the command prefix that cuts the network).

die() { echo "$BENCH_NAME: error: $*" >&2; exit 1; }
log() { echo "==> $*" >&2; }
positive_int() { if ! [[ $2 =~ ^[0-9]+$ ]] || (( $2 < $3 )); then die "$1 needs an integer >= $3, got '$2'"; fi; }
stat_field() { "$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$STATS" "$1"; }

# timed NAME OUT ERR CMD...: runs CMD once; sets T_WALL (s), T_RSS (KiB), T_CPU (s) and T_RC.
timed() {
    local name=$1 out=$2 err=$3; shift 3
    local tf=$RESULTS/$name.time
    T_RC=0
    local user sys
    /usr/bin/time -o "$tf" -f "%e %M %U %S" "${NETNS[@]}" "$@" >"$out" 2>"$err" || T_RC=$?
    read -r T_WALL T_RSS user sys < <(tail -n 1 "$tf")
    [[ $T_WALL =~ ^[0-9.]+$ && $T_RSS =~ ^[0-9]+$ ]] || die "$name: cannot read /usr/bin/time output: $(cat "$tf")"
    T_CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

# best NAME K "OK-EXIT-CODES" OUT ERR CMD...: K timed runs; sets B_WALL, B_RSS, B_CPU of the fastest.
best() {
    local name=$1 k=$2 ok=$3 out=$4 err=$5; shift 5
    B_WALL='' B_RSS='' B_CPU=''
    local i
    for (( i = 1; i <= k; i++ )); do
        timed "$name" "$out" "$err" "$@"
        [[ " $ok " == *" $T_RC "* ]] || { tail -20 "$err" >&2; die "$name exited with $T_RC (stderr: $err)"; }
        log "$name run $i/$k: ${T_WALL}s wall, ${T_CPU}s CPU, $(( T_RSS / 1024 )) MiB peak RSS (load $(cut -d' ' -f1-3 /proc/loadavg))"
        if [[ -z $B_WALL ]] || awk -v a="$T_WALL" -v b="$B_WALL" 'BEGIN { exit !(a < b) }'; then
            B_WALL=$T_WALL B_RSS=$T_RSS B_CPU=$T_CPU
        fi
    done
}
