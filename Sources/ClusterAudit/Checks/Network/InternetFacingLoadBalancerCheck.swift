import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-NET-010: inventory of internet-facing load balancers that nobody marked as intended.
package struct InternetFacingLoadBalancerCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-NET-010",
        title: "Internet-facing load balancers are approved",
        practice: .privateNetworking,
        severity: .low,
        rationale: """
            Every internet-facing load balancer is an entry point that should be deliberate. A `LoadBalancer` Service \
            is internet-facing unless `service.beta.kubernetes.io/aws-load-balancer-scheme: internal` or the legacy \
            `service.beta.kubernetes.io/aws-load-balancer-internal` is set — except that the AWS Load Balancer \
            Controller (`aws-load-balancer-type: external`/`nlb-ip`, or `loadBalancerClass: service.k8s.aws/nlb`) \
            defaults to internal. An Ingress is internet-facing with `alb.ingress.kubernetes.io/scheme: \
            internet-facing`. `elbv2:DescribeLoadBalancers → LoadBalancers[].Scheme` covers load balancers created \
            outside Kubernetes. The annotation named by `internet-facing-approval-annotation` (default \
            `eksguard.io/internet-facing`) set to `approved` marks a Kubernetes object as intended.
            """,
        remediation: """
            Make the load balancer internal (service.beta.kubernetes.io/aws-load-balancer-scheme: internal), or \
            annotate it eksguard.io/internet-facing=approved after review.
            """,
        references: ["bpg:network/load-balancers"],
        passing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "api", "namespace": "app", "annotations": {"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"}}, "spec": {"type": "LoadBalancer"}},
                  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "nlb", "namespace": "app", "annotations": {"service.beta.kubernetes.io/aws-load-balancer-type": "external"}}, "spec": {"type": "LoadBalancer"}},
                  {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "site", "namespace": "app", "annotations": {"alb.ingress.kubernetes.io/scheme": "internet-facing", "eksguard.io/internet-facing": "approved"}}}]}
                """#, note: "the AWS Load Balancer Controller defaults to internal; the public site is approved"),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "legacy", "namespace": "app"}, "spec": {"type": "LoadBalancer"}},
                                {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "admin", "namespace": "app", "annotations": {"alb.ingress.kubernetes.io/scheme": "internet-facing"}}}]}
                """#, expect: ["Service/app/legacy", "Ingress/app/admin"]),
            .cluster(#"""
                {"calls": [{"call": "elbv2:DescribeLoadBalancers", "response": {"LoadBalancers": [{"LoadBalancerName": "k8s-app-admin", "LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/k8s-app-admin/1", "Scheme": "internet-facing", "DNSName": "k8s-app-admin.elb.amazonaws.com"}]}}]}
                """#, expect: ["LoadBalancer/k8s-app-admin"], note: "AWS side only"),
            .cluster(#"{"calls": [{"call": "elbv2:DescribeLoadBalancers", "error": "AccessDenied"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        if facts.aws == nil, facts.kubernetes == nil {
            return [.error("no AWS or Kubernetes input: give --snapshot/--cluster or --manifests/--kubeconfig", at: facts.resource)]
        }
        let approval = context.settings["internet-facing-approval-annotation"] ?? "eksguard.io/internet-facing"
        if let inventory = facts.kubernetes {
            if let services = inventory.objects(KubernetesInventory.service).value(orReportAt: facts.resource, into: &findings) {
                for service in services where service.root["spec"]["type"].string.value == "LoadBalancer" {
                    judge(service, facing: Self.serviceIsInternetFacing(service), approval: approval, into: &findings)
                }
            }
            if let ingresses = inventory.objects(kind: "Ingress", groups: ["networking.k8s.io", "extensions"]).value(orReportAt: facts.resource, into: &findings) {
                for ingress in ingresses {
                    let scheme = Self.annotation(ingress, "alb.ingress.kubernetes.io/scheme")
                    judge(ingress, facing: scheme == "internet-facing" ? "alb.ingress.kubernetes.io/scheme internet-facing" : nil, approval: approval, into: &findings)
                }
            }
        }
        if let aws = facts.aws,
           let balancers = aws.collectedItems("elbv2", "DescribeLoadBalancers", "LoadBalancers").value(orReportAt: facts.resource, into: &findings) {
            for balancer in balancers {
                let ref = ResourceRef(kind: "LoadBalancer", name: balancer["LoadBalancerName"]?.string, arn: balancer["LoadBalancerArn"]?.string, field: "Scheme")
                let scheme = balancer["Scheme"]?.string ?? "(missing)"
                switch scheme {
                case "internet-facing": findings.append(.fail("load balancer \(ref.name ?? "?") is internet-facing (\(balancer["DNSName"]?.string ?? "no DNS name"))", at: ref))
                case "internal": findings.append(.pass("load balancer \(ref.name ?? "?") is internal", at: ref))
                default: findings.append(.error("load balancer \(ref.name ?? "?"): unknown Scheme \(scheme)", at: ref))
                }
            }
        }
        if findings.isEmpty { findings.append(.notApplicable("no LoadBalancer Services, Ingresses or load balancers", at: facts.resource)) }
        return findings
    }

    private func judge(_ object: KubernetesObject, facing: String?, approval: String, into findings: inout [Finding]) {
        let ref = object.resource.at("metadata.annotations", object.root["metadata"].position)
        guard let facing else {
            findings.append(.pass("\(object.kind) \(object.name ?? "?") is internal", at: ref))
            return
        }
        if Self.annotation(object, approval) == "approved" {
            findings.append(.pass("\(object.kind) \(object.name ?? "?") is internet-facing (\(facing)) and approved by \(approval)", at: ref))
        } else {
            findings.append(.fail("\(object.kind) \(object.name ?? "?") is internet-facing (\(facing)) without \(approval): approved", at: ref))
        }
    }

    /// Why a LoadBalancer Service is internet-facing, or nil when it is internal.
    static func serviceIsInternetFacing(_ service: KubernetesObject) -> String? {
        if let scheme = annotation(service, "service.beta.kubernetes.io/aws-load-balancer-scheme") {
            return scheme == "internal" ? nil : "aws-load-balancer-scheme \(scheme)"
        }
        if let legacy = annotation(service, "service.beta.kubernetes.io/aws-load-balancer-internal"), legacy != "false" {
            return nil
        }
        let type = annotation(service, "service.beta.kubernetes.io/aws-load-balancer-type")
        let loadBalancerClass = service.root["spec"]["loadBalancerClass"].string.value
        if type == "external" || type == "nlb-ip" || loadBalancerClass == "service.k8s.aws/nlb" { return nil }
        return "no internal scheme annotation (in-tree controller default)"
    }

    static func annotation(_ object: KubernetesObject, _ key: String) -> String? {
        object.root["metadata"]["annotations"][key].string.value
    }
}
