#!/usr/bin/env bash
# Times `eksguard collect` against prowler's AWS scan of the same services, both pointed at one moto
# server on loopback holding the insecure and hardened scenarios of the collector's tests plus
# --repos extra ECR repositories. Prints wall times and the ratio. Everything goes to bench/.work/.
#
# Usage: bench/collect.sh [--runs K] [--repos N]
#   EKSGUARD=path   eksguard binary (default .build/release/eksguard, built if missing)
#   PROWLER_PKG=... pip requirement for prowler (default prowler)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_NAME=bench/collect.sh
source bench/common.sh

RUNS=3 REPOS=50
while (( $# )); do
    case $1 in
        --runs) positive_int --runs "${2:-}" 1; RUNS=$2; shift 2 ;;
        --repos) positive_int --repos "${2:-}" 0; REPOS=$2; shift 2 ;;
        *) die "unknown argument $1 (use --runs K, --repos N)" ;;
    esac
done

aws_bench collect

install_aws_peers

start_moto

log "building the scenarios and $REPOS extra repositories in moto at $URL"
"$MOTO_VENV/bin/python" Tests/ClusterCollectTests/Fixtures/build_scenarios.py "$URL" bench >"$RESULTS/scenario.json"
"$MOTO_VENV/bin/python" - "$URL" "$REPOS" <<'PY'
import sys, boto3
ecr = boto3.client("ecr", region_name="us-east-1", endpoint_url=sys.argv[1], aws_access_key_id="AKIDBENCH", aws_secret_access_key="x")
for i in range(int(sys.argv[2])):
    ecr.create_repository(repositoryName=f"bench-repo-{i}")
PY

export AWS_ACCESS_KEY_ID=AKIDBENCHCOLLECT AWS_SECRET_ACCESS_KEY=bench-secret AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL=$URL AWS_EC2_METADATA_DISABLED=true

log "eksguard collect ($RUNS runs)"
best eksguard "$RUNS" "0 3" "$RESULTS/eksguard.stdout" "$RESULTS/eksguard.stderr" \
    "$EKSGUARD" collect --cluster insecure-bench --region us-east-1 --quiet -o "$RESULTS/snapshot.json"
E_WALL=$B_WALL
CALLS=$("$PYTHON" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["calls"]))' "$RESULTS/snapshot.json")

log "prowler ($RUNS runs)"
best prowler "$RUNS" "0 1 3" "$RESULTS/prowler.stdout" "$RESULTS/prowler.stderr" \
    "$PROWLER_VENV/bin/prowler" aws --region us-east-1 --service eks ecr iam ec2 cloudtrail guardduty kms ssm \
    --output-directory "$RESULTS/prowler" --no-banner --ignore-exit-code-3
P_WALL=$B_WALL

printf 'eksguard collect: %ss wall (%s calls)\nprowler: %ss wall\nprowler/eksguard: %s\n' "$E_WALL" "$CALLS" "$P_WALL" \
    "$(awk -v p="$P_WALL" -v e="$E_WALL" 'BEGIN { printf "%.1f", p / e }')"
