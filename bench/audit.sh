#!/usr/bin/env bash
# Audits the same moto account with `eksguard audit --cluster` (collection included, end to end) and
# with `prowler aws --service eks ecr ec2 iam`, both against one moto server on loopback holding the
# insecure and hardened scenarios of the collector's tests plus a cluster made of Prowler's known gaps.
# Prints wall times, the ratio, and writes
# the side-by-side verdicts of every Prowler check that has an eksguard equivalent to
# bench/.work/results-audit/verdicts.md (bench/compare_prowler.py explains each disagreement).
#
# Usage: bench/audit.sh [--runs K]
#   EKSGUARD=path   eksguard binary (default .build/release/eksguard, built if missing)
#   PROWLER_PKG=... pip requirement for prowler (default prowler)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_NAME=bench/audit.sh
source bench/common.sh

RUNS=3
while (( $# )); do
    case $1 in
        --runs) positive_int --runs "${2:-}" 1; RUNS=$2; shift 2 ;;
        *) die "unknown argument $1 (use --runs K)" ;;
    esac
done

aws_bench audit

install_aws_peers

# Installs are done; the rest runs in a network namespace of its own with only loopback up, so
# moto, eksguard and prowler reach each other and nothing else.
if [[ ${EKSGUARD_BENCH_ISOLATED:-} != 1 ]]; then
    exec env EKSGUARD_BENCH_ISOLATED=1 unshare -n bash -c 'ip link set lo up && exec bash "$0" "$@"' "$0" --runs "$RUNS"
fi
start_moto
log "building the scenarios in moto at $URL"
"$MOTO_VENV/bin/python" Tests/ClusterCollectTests/Fixtures/build_scenarios.py "$URL" bench >"$RESULTS/scenario.json"
# A third cluster made of exactly the inputs Prowler misjudges (catalog §4, §5, §7): a public endpoint
# open to ::/0 only, audit logging enabled in the second entry of the logging array, and a repository
# whose tags are MUTABLE_WITH_EXCLUSION.
"$MOTO_VENV/bin/python" - "$URL" <<'PY'
import json, sys, boto3
kw = dict(region_name="us-east-1", endpoint_url=sys.argv[1], aws_access_key_id="AKIDBENCH", aws_secret_access_key="x")
iam, eks, ecr = boto3.client("iam", **kw), boto3.client("eks", **kw), boto3.client("ecr", **kw)
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
role = iam.create_role(RoleName="gaps-bench-cluster", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
eks.create_cluster(name="gaps-bench", version="1.31", roleArn=role,
                   resourcesVpcConfig={"subnetIds": ["subnet-0gaps"], "endpointPublicAccess": True, "endpointPrivateAccess": False, "publicAccessCidrs": ["::/0"]},
                   logging={"clusterLogging": [{"types": ["api"], "enabled": False},
                                               {"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": True}]})
ecr.create_repository(repositoryName="gaps-app-bench", imageTagMutability="MUTABLE_WITH_EXCLUSION",
                      imageTagMutabilityExclusionFilters=[{"filterType": "WILDCARD", "filter": "latest"}])
PY
INSECURE=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["insecure"]["name"])' "$RESULTS/scenario.json")
HARDENED=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["hardened"]["name"])' "$RESULTS/scenario.json")

export AWS_ACCESS_KEY_ID=AKIDBENCHAUDIT AWS_SECRET_ACCESS_KEY=bench-secret AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL=$URL AWS_EC2_METADATA_DISABLED=true

audit_all() {
    "$EKSGUARD" audit --cluster gaps-bench --region us-east-1 --no-kubernetes --format json -o "$RESULTS/eksguard-gaps.json" --quiet || [[ $? == 1 || $? == 3 ]]
    "$EKSGUARD" audit --cluster "$INSECURE" --region us-east-1 --no-kubernetes --format json -o "$RESULTS/eksguard-insecure.json" --quiet || [[ $? == 1 || $? == 3 ]]
    "$EKSGUARD" audit --cluster "$HARDENED" --region us-east-1 --no-kubernetes --format json -o "$RESULTS/eksguard-hardened.json" --quiet || [[ $? == 1 || $? == 3 ]]
}
export -f audit_all
export EKSGUARD INSECURE HARDENED RESULTS

log "eksguard audit, the three clusters ($RUNS runs)"
best eksguard "$RUNS" "0" "$RESULTS/eksguard.stdout" "$RESULTS/eksguard.stderr" bash -c audit_all
E_WALL=$B_WALL

log "prowler ($RUNS runs)"
# A fresh output folder per run: prowler appends to an existing report file.
run_prowler() {
    rm -rf "$RESULTS/prowler"
    "$PROWLER_VENV/bin/prowler" aws --region us-east-1 --service eks ecr ec2 iam \
        --output-formats json-ocsf --output-directory "$RESULTS/prowler" --output-filename prowler --no-banner --ignore-exit-code-3
}
export -f run_prowler
export PROWLER_VENV
best prowler "$RUNS" "0 1 3" "$RESULTS/prowler.stdout" "$RESULTS/prowler.stderr" bash -c run_prowler
P_WALL=$B_WALL

"$EKSGUARD" checks --format json >"$RESULTS/checks.json"
"$PYTHON" bench/compare_prowler.py --checks "$RESULTS/checks.json" --prowler "$RESULTS/prowler/prowler.ocsf.json" \
    --eksguard "$RESULTS/eksguard-gaps.json" "$RESULTS/eksguard-insecure.json" "$RESULTS/eksguard-hardened.json" --scenario "$RESULTS/scenario.json" \
    >"$RESULTS/verdicts.md" || log "some disagreements are unexplained: see $RESULTS/verdicts.md"
tail -n 12 "$RESULTS/verdicts.md" >&2

printf 'eksguard audit (3 clusters, collection included): %ss wall\nprowler aws --service eks ecr ec2 iam: %ss wall\nprowler/eksguard: %s\n' \
    "$E_WALL" "$P_WALL" "$(awk -v p="$P_WALL" -v e="$E_WALL" 'BEGIN { printf "%.1f", p / e }')"
