import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit

/// EKS-TRN-008: traffic from clients should reach the cluster over TLS.
package struct LoadBalancerTLSCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-TRN-008",
        title: "Load balancers and ingresses terminate TLS",
        practice: .transitEncryption,
        severity: .medium,
        rationale: """
            Ingresses and load balancers are where client traffic enters. An ALB ingress listening on \
            HTTP (`alb.ingress.kubernetes.io/listen-ports`, HTTP:80 by default without a certificate) \
            without `ssl-redirect`, an ingress of another class without `spec.tls`, and an elbv2 HTTP \
            listener whose default action is not a redirect to HTTPS carry clear text (medium). A \
            security policy that still accepts TLS 1.0/1.1 (`ssl-policy`, \
            `aws-load-balancer-ssl-negotiation-policy`, listener `SslPolicy`) is low, as is a \
            LoadBalancer Service without `aws-load-balancer-ssl-cert` (clear text unless the \
            application speaks TLS itself) and, with `require-end-to-end-tls=true`, an ALB that talks \
            HTTP to its targets (`backend-protocol: HTTP`).
            """,
        remediation: """
            Add a certificate (alb.ingress.kubernetes.io/certificate-arn or spec.tls), listen on HTTPS \
            with alb.ingress.kubernetes.io/ssl-redirect: '443', and choose \
            ELBSecurityPolicy-TLS13-1-2-2021-06 or newer.
            """,
        references: ["CIS-EKS-1.8.0:5.4.5", "CIS-EKS-1.7.0:5.4.5", "kubescape:C-0231", "prowler:elbv2_ssl_listeners", "prowler:elbv2_insecure_ssl_ciphers"],
        passing: [
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web", "namespace": "shop", "annotations": {
                   "alb.ingress.kubernetes.io/listen-ports": "[{\"HTTP\": 80}, {\"HTTPS\": 443}]", "alb.ingress.kubernetes.io/ssl-redirect": "443",
                   "alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:us-east-1:111122223333:certificate/1"}}, "spec": {"ingressClassName": "alb"}}]}
                """#),
            .cluster(#"""
                {"calls": [{"call": "elbv2:DescribeListeners", "parameters": {"LoadBalancerArn": "arn:lb"}, "response": {"Listeners": [
                   {"ListenerArn": "arn:l80", "Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443"}}]},
                   {"ListenerArn": "arn:l443", "Port": 443, "Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}]}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web", "namespace": "shop", "annotations": {
                   "alb.ingress.kubernetes.io/scheme": "internet-facing"}}, "spec": {"ingressClassName": "alb"}}]}
                """#, expect: ["Ingress/shop/web"], note: "ALB default listener HTTP:80"),
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"ingressClassName": "nginx", "rules": []}}]}
                """#, expect: ["Ingress/shop/web"]),
            .cluster(#"""
                {"calls": [{"call": "elbv2:DescribeListeners", "parameters": {"LoadBalancerArn": "arn:lb"}, "response": {"Listeners": [
                   {"ListenerArn": "arn:l80", "Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "forward"}]},
                   {"ListenerArn": "arn:l443", "Port": 443, "Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-2016-08"}]}}]}
                """#, expect: ["arn:l80", "arn:l443"]),
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web", "namespace": "shop", "annotations": {
                   "alb.ingress.kubernetes.io/listen-ports": "not json"}}, "spec": {"ingressClassName": "alb"}}]}
                """#, status: .error, note: "unreadable listen-ports"),
            .cluster(#"{"cluster": {"name": "prod"}, "calls": [{"call": "elbv2:DescribeListeners", "error": "AccessDenied"}]}"#, status: .error),
        ]
    )

    private static let alb = "alb.ingress.kubernetes.io/"
    private static let nlb = "service.beta.kubernetes.io/aws-load-balancer-"

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        if facts.aws == nil && facts.kubernetes == nil {
            return [.error("no AWS and no Kubernetes input", at: facts.resource)]
        }
        if let inventory = facts.kubernetes {
            guard let ingresses = inventory.objects(kind: "Ingress", groups: ["networking.k8s.io", "extensions"]).value(orReportAt: facts.resource, into: &findings),
                  let services = inventory.objects(KubernetesInventory.service).value(orReportAt: facts.resource, into: &findings)
            else { return findings }
            for ingress in ingresses { findings += judgeIngress(ingress, context: context) }
            for service in services where service.root["spec"]["type"].string.value == "LoadBalancer" {
                findings += judgeService(service)
            }
        }
        if let aws = facts.aws, let listeners = aws.responses("elbv2", "DescribeListeners").value(orReportAt: facts.resource, into: &findings) {
            for (_, answer) in listeners {
                for listener in answer["Listeners"]?.array ?? [] { findings += judgeListener(listener) }
            }
        }
        if findings.isEmpty { return [.notApplicable("no ingress, LoadBalancer Service or load balancer listener", at: facts.resource)] }
        return findings
    }

    private func judgeIngress(_ ingress: KubernetesObject, context: AuditContext) -> [Finding] {
        let annotations = ingress.annotationMap
        let ref = ingress.resource
        let isALB = ingress.root["spec"]["ingressClassName"].string.value == "alb" || annotations["kubernetes.io/ingress.class"] == "alb"
        guard isALB else {
            return ingress.root["spec"]["tls"].items.isEmpty
                ? [.fail("ingress has no spec.tls: clients connect over HTTP", at: ref.at("spec.tls", nil))]
                : [.pass("ingress terminates TLS (spec.tls)", at: ref)]
        }
        let certificate = annotations[Self.alb + "certificate-arn"] != nil || !ingress.root["spec"]["tls"].items.isEmpty
        let protocols: Set<String>
        if let raw = annotations[Self.alb + "listen-ports"] {
            guard let data = raw.data(using: .utf8), raw.utf8.count <= 4096,
                  let ports = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
            else { return [.error("alb.ingress.kubernetes.io/listen-ports is not a JSON list of {\"PROTOCOL\": port}: \(raw.prefix(80))", at: ref)] }
            protocols = Set(ports.flatMap(\.keys).map { $0.uppercased() })
        } else {
            protocols = certificate ? ["HTTPS"] : ["HTTP"]
        }
        var findings: [Finding] = []
        if protocols.contains("HTTP") && annotations[Self.alb + "ssl-redirect"] == nil {
            findings.append(.fail("the ALB listens on HTTP without ssl-redirect (listen-ports: \(protocols.sorted().joined(separator: ", ")))", at: ref.at("metadata.annotations", nil)))
        }
        if let policy = annotations[Self.alb + "ssl-policy"], TLSPolicies.isOutdated(policy) {
            findings.append(.fail("ssl-policy \(policy) still accepts TLS 1.0/1.1", at: ref, severity: .low))
        }
        if context.settings["require-end-to-end-tls"] == "true", (annotations[Self.alb + "backend-protocol"] ?? "HTTP") == "HTTP" {
            findings.append(.fail("the ALB talks HTTP to its targets (backend-protocol) while end-to-end TLS is required", at: ref, severity: .low))
        }
        if findings.isEmpty { findings.append(.pass("ALB listens on \(protocols.sorted().joined(separator: ", ")) with TLS", at: ref)) }
        return findings
    }

    private func judgeService(_ service: KubernetesObject) -> [Finding] {
        let annotations = service.annotationMap
        guard annotations[Self.nlb + "ssl-cert"] != nil else {
            let ports = service.root["spec"]["ports"].items.compactMap { $0["port"].int.value }.map(String.init).joined(separator: ", ")
            return [.fail("LoadBalancer Service without aws-load-balancer-ssl-cert: clear text on port(s) \(ports) unless the application speaks TLS", at: service.resource, severity: .low)]
        }
        if let policy = annotations[Self.nlb + "ssl-negotiation-policy"], TLSPolicies.isOutdated(policy) {
            return [.fail("ssl-negotiation-policy \(policy) still accepts TLS 1.0/1.1", at: service.resource, severity: .low)]
        }
        return [.pass("the load balancer terminates TLS (aws-load-balancer-ssl-cert)", at: service.resource)]
    }

    private func judgeListener(_ listener: JSONValue) -> [Finding] {
        let port = listener["Port"]?.number.map { String(Int($0)) } ?? "?"
        // arn:aws:elasticloadbalancing:REGION:ACCOUNT:listener/app/NAME/LB-ID/LISTENER-ID
        let arn = listener["ListenerArn"]?.string
        let parts = arn?.split(separator: "/") ?? []
        let balancer = parts.count >= 3 ? String(parts[2]) : "load balancer"
        let ref = ResourceRef(kind: "Listener", name: "\(balancer):\(port)", arn: arn)
        switch listener["Protocol"]?.string {
        case "HTTP":
            let redirects = listener["DefaultActions"]?.array?.contains {
                $0["Type"]?.string == "redirect" && $0[path: "RedirectConfig.Protocol"]?.string == "HTTPS"
            } ?? false
            return redirects
                ? [.pass("HTTP:\(port) redirects to HTTPS", at: ref)]
                : [.fail("HTTP:\(port) serves clear text (its default action is not a redirect to HTTPS)", at: ref)]
        case "HTTPS", "TLS":
            let policy = listener["SslPolicy"]?.string ?? "(none)"
            return TLSPolicies.isOutdated(policy)
                ? [.fail("port \(port) uses \(policy), which still accepts TLS 1.0/1.1", at: ref, severity: .low)]
                : [.pass("port \(port) terminates TLS with \(policy)", at: ref)]
        case "TCP", "UDP", "TCP_UDP", "GENEVE":
            return [.pass("\(listener["Protocol"]?.string ?? "?"):\(port) passes traffic through (TLS, if any, is the application's)", at: ref)]
        case let other:
            return [.error("listener protocol \(other ?? "missing") is not one this build knows", at: ref)]
        }
    }
}
