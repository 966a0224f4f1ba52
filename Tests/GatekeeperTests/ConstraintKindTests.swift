import EKSGuardCore
@testable import Gatekeeper
import KubernetesAudit
import Testing

/// One kind, parameters, a pod spec and how many violations the library's policy reports for it.
struct KindCase: CustomTestStringConvertible, Sendable {
    var kind: String
    var parameters: String
    var spec: String
    var violations: Int
    var note: String
    var testDescription: String { "\(kind): \(note)" }

    init(_ kind: String, _ parameters: String, _ spec: String, _ violations: Int, _ note: String) {
        self.kind = kind
        self.parameters = parameters
        self.spec = spec
        self.violations = violations
        self.note = note
    }
}

let plain = "containers: [{name: app, image: registry.example/app:1}]"

let kindCases: [KindCase] = [
    KindCase("K8sPSPPrivilegedContainer", "{}", plain, 0, "unprivileged"),
    KindCase("K8sPSPPrivilegedContainer", "{}", "containers: [{name: a, image: x, securityContext: {privileged: true}}]", 1, "privileged"),
    KindCase("K8sPSPPrivilegedContainer", "{}", "containers: [{name: a, image: x}]\nephemeralContainers: [{name: d, image: x, securityContext: {privileged: true}}]", 1, "ephemeral container counts"),
    KindCase("K8sPSPPrivilegedContainer", "{exemptImages: [\"safe.example/*\"]}", "containers: [{name: a, image: safe.example/tool:1, securityContext: {privileged: true}}]", 0, "prefix exemption"),
    KindCase("K8sPSPPrivilegedContainer", "{exemptImages: [\"safe.example/tool\"]}", "containers: [{name: a, image: safe.example/tool:1, securityContext: {privileged: true}}]", 1, "exact exemption needs the exact image"),
    KindCase("K8sPSPAllowPrivilegeEscalationContainer", "{}", plain, 1, "unset means allowed"),
    KindCase("K8sPSPAllowPrivilegeEscalationContainer", "{}", "containers: [{name: a, image: x, securityContext: {allowPrivilegeEscalation: false}}]", 0, "false"),
    KindCase("K8sPSPAllowPrivilegeEscalationContainer", "{}", "containers: [{name: a, image: x, securityContext: {allowPrivilegeEscalation: false}}]\ninitContainers: [{name: i, image: x}]", 1, "init container"),
    KindCase("K8sPSPReadOnlyRootFilesystem", "{}", "containers: [{name: a, image: x, securityContext: {readOnlyRootFilesystem: true}}]", 0, "read-only"),
    KindCase("K8sPSPReadOnlyRootFilesystem", "{}", "containers: [{name: a, image: x}, {name: b, image: y}]", 2, "one per container"),
    KindCase("K8sPSPProcMount", "{procMount: Default}", "containers: [{name: a, image: x, securityContext: {procMount: Unmasked}}]", 1, "unmasked denied"),
    KindCase("K8sPSPProcMount", "{procMount: Unmasked}", "containers: [{name: a, image: x, securityContext: {procMount: Unmasked}}]", 0, "unmasked allowed"),
    KindCase("K8sPSPProcMount", "{procMount: bogus}", "containers: [{name: a, image: x, securityContext: {procMount: Unmasked}}]", 1, "unknown parameter falls back to Default"),
    KindCase("K8sPSPHostProcess", "{}", "securityContext: {windowsOptions: {hostProcess: true}}\ncontainers: [{name: a, image: x, securityContext: {windowsOptions: {hostProcess: true}}}]", 2, "pod and container"),
    KindCase("K8sPSPHostProcessContainer", "{}", "securityContext: {windowsOptions: {hostProcess: true}}\ncontainers: [{name: a, image: x}, {name: b, image: x, securityContext: {windowsOptions: {hostProcess: false}}}]", 1, "pod-level setting applies where the container sets none"),
    KindCase("K8sPSPCapabilities", "{allowedCapabilities: [NET_BIND_SERVICE], requiredDropCapabilities: [ALL]}", "containers: [{name: a, image: x, securityContext: {capabilities: {add: [net_bind_service], drop: [all]}}}]", 0, "case-insensitive"),
    KindCase("K8sPSPCapabilities", "{allowedCapabilities: [NET_BIND_SERVICE], requiredDropCapabilities: [ALL]}", "containers: [{name: a, image: x, securityContext: {capabilities: {add: [SYS_ADMIN]}}}]", 2, "add not allowed and drop missing"),
    KindCase("K8sPSPCapabilities", "{allowedCapabilities: [\"*\"], requiredDropCapabilities: [NET_RAW]}", "containers: [{name: a, image: x, securityContext: {capabilities: {add: [SYS_ADMIN], drop: [ALL]}}}]", 0, "wildcard, ALL covers the list"),
    KindCase("K8sPSPCapabilities", "{}", "containers: [{name: a, image: x, securityContext: {capabilities: {add: [CHOWN]}}}]", 1, "no allowed list allows nothing"),
    KindCase("K8sPSPAllowedUsers", "{runAsUser: {rule: MustRunAsNonRoot}}", plain, 1, "non-root required, nothing set"),
    KindCase("K8sPSPAllowedUsers", "{runAsUser: {rule: MustRunAsNonRoot}}", "securityContext: {runAsNonRoot: true}\n" + plain, 0, "pod-level runAsNonRoot"),
    KindCase("K8sPSPAllowedUsers", "{runAsUser: {rule: MustRunAsNonRoot}}", "containers: [{name: a, image: x, securityContext: {runAsUser: 0}}]", 1, "uid 0"),
    KindCase("K8sPSPAllowedUsers", "{runAsUser: {rule: MustRunAs, ranges: [{min: 100, max: 200}]}, supplementalGroups: {rule: MayRunAs, ranges: [{min: 100, max: 200}]}}", "securityContext: {runAsUser: 150, supplementalGroups: [150, 300]}\n" + plain, 1, "one supplemental group out of range"),
    KindCase("K8sPSPAllowedUsers", "{runAsGroup: {rule: MustRunAs, ranges: [{min: 1, max: 9}]}}", plain, 1, "required group missing"),
    KindCase("K8sPSPFSGroup", "{rule: MayRunAs, ranges: [{min: 1, max: 9}]}", plain, 0, "MayRunAs unset"),
    KindCase("K8sPSPFSGroup", "{rule: MustRunAs, ranges: [{min: 1, max: 9}]}", plain, 1, "MustRunAs unset"),
    KindCase("K8sPSPFSGroup", "{rule: MayRunAs, ranges: [{min: 1, max: 9}]}", "securityContext: {fsGroup: 0}\n" + plain, 1, "zero is set and out of range"),
    KindCase("K8sPSPHostNamespace", "{}", "hostPID: true\nhostIPC: true\n" + plain, 1, "reported once"),
    KindCase("K8sPSPHostNamespace", "{}", "hostPID: false\n" + plain, 0, "false"),
    KindCase("K8sPSPHostNetworkingPorts", "{hostNetwork: false, min: 80, max: 9000}", "containers: [{name: a, image: x, ports: [{containerPort: 80, hostPort: 8080}]}]", 0, "port in range"),
    KindCase("K8sPSPHostNetworkingPorts", "{hostNetwork: false, min: 80, max: 9000}", "hostNetwork: true\ncontainers: [{name: a, image: x, ports: [{hostPort: 9999}]}]", 1, "network and port: one violation"),
    KindCase("K8sPSPHostNetworkingPorts", "{hostNetwork: true}", "hostNetwork: true\n" + plain, 0, "host network allowed"),
    KindCase("K8sPSPHostFilesystem", "{allowedHostPaths: [{pathPrefix: /foo, readOnly: true}]}", "volumes: [{name: v, hostPath: {path: /foo/bar}}]\ncontainers: [{name: a, image: x, volumeMounts: [{name: v, mountPath: /m, readOnly: true}]}]", 0, "read-only mount of allowed prefix"),
    KindCase("K8sPSPHostFilesystem", "{allowedHostPaths: [{pathPrefix: /foo, readOnly: true}]}", "volumes: [{name: v, hostPath: {path: /foo}}]\ncontainers: [{name: a, image: x}]\nephemeralContainers: [{name: d, image: x, volumeMounts: [{name: v, mountPath: /m}]}]", 1, "writable ephemeral mount"),
    KindCase("K8sPSPHostFilesystem", "{allowedHostPaths: [{pathPrefix: /foo}]}", "volumes: [{name: v, hostPath: {path: /fool}}]\n" + plain, 1, "whole segments only"),
    KindCase("K8sPSPHostFilesystem", "{}", "volumes: [{name: v, hostPath: {path: /}}, {name: w, emptyDir: {}}]\n" + plain, 1, "no list blocks every hostPath"),
    KindCase("K8sPSPHostProbesLifecycle", "{}", "containers: [{name: a, image: x, livenessProbe: {httpGet: {host: evil.example, port: 80}}, lifecycle: {preStop: {tcpSocket: {host: other, port: 1}}}}]", 2, "probe and hook"),
    KindCase("K8sPSPVolumeTypes", "{volumes: [configMap, emptyDir]}", "volumes: [{name: a, emptyDir: {}}, {name: b, hostPath: {path: /x}}, {name: c, hostPath: {path: /y}}]\n" + plain, 1, "one per disallowed type"),
    KindCase("K8sPSPVolumeTypes", "{volumes: [\"*\"]}", "volumes: [{name: b, hostPath: {path: /x}}]\n" + plain, 0, "wildcard"),
    KindCase("K8sPSPFlexVolumes", "{allowedFlexVolumes: [{driver: example/lvm}]}", "volumes: [{name: a, flexVolume: {driver: example/lvm}}, {name: b, flexVolume: {driver: example/cifs}}]\n" + plain, 1, "unknown driver"),
    KindCase("K8sPSPForbiddenSysctls", "{forbiddenSysctls: [\"kernel.*\"], allowedSysctls: [net.ipv4.ip_local_port_range]}", "securityContext: {sysctls: [{name: kernel.msgmax, value: '1'}, {name: net.ipv4.ip_local_port_range, value: '1 2'}]}\n" + plain, 2, "forbidden and not allowed"),
    KindCase("K8sPSPForbiddenSysctls", "{forbiddenSysctls: [\"kernel.*\"]}", "securityContext: {sysctls: [{name: net.core.somaxconn, value: '1'}]}\n" + plain, 0, "no allowed list allows the rest"),
    KindCase("K8sPSPAppArmor", "{allowedProfiles: [runtime/default]}", plain, 0, "default when unset"),
    KindCase("K8sPSPAppArmor", "{allowedProfiles: [runtime/default]}", "containers: [{name: a, image: x, securityContext: {appArmorProfile: {type: Unconfined}}}]", 1, "unconfined"),
    KindCase("K8sPSPSeccomp", "{allowedProfiles: [runtime/default, docker/default]}", plain, 1, "not configured"),
    KindCase("K8sPSPSeccomp", "{allowedProfiles: [runtime/default]}", "securityContext: {seccompProfile: {type: RuntimeDefault}}\n" + plain, 0, "pod-level RuntimeDefault"),
    KindCase("K8sPSPSeccomp", "{allowedProfiles: [\"localhost/*\"]}", "containers: [{name: a, image: x, securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}}]", 0, "localhost wildcard"),
    KindCase("K8sPSPSeccompV2", "{allowedProfiles: [RuntimeDefault, Localhost], allowedLocalhostFiles: [ok.json]}", "containers: [{name: a, image: x, securityContext: {seccompProfile: {type: Localhost, localhostProfile: bad.json}}}, {name: b, image: x, securityContext: {seccompProfile: {type: RuntimeDefault}}}]", 1, "file not allowed"),
    KindCase("K8sPSPSELinuxV2", "{allowedSELinuxOptions: [{level: s0, type: container_t}]}", "containers: [{name: a, image: x, securityContext: {seLinuxOptions: {type: container_t}}}]", 0, "subset of an allowed set"),
    KindCase("K8sPSPSELinuxV2", "{allowedSELinuxOptions: [{level: s0, type: container_t}]}", "securityContext: {seLinuxOptions: {user: root}}\n" + plain, 1, "pod-level field the set does not name"),
]

@Suite struct ConstraintKindTests {
    @Test(arguments: kindCases)
    func kindReportsLikeTheLibrary(_ c: KindCase) throws {
        let constraint = try Fixture.constraint(c.kind, "parameters: \(c.parameters)")
        let review = PodReview(object: try Fixture.pod(c.spec), operation: .create)
        let violations = try #require(constraint.evaluate(review))
        #expect(violations.count == c.violations, "\(violations.map(\.message))")
    }

    @Test func everyLibraryKindIsImplemented() {
        #expect(ConstraintKinds.names.count == 20)
        #expect(Set(ConstraintKinds.names).count == 20)
    }

    @Test(arguments: ConstraintKinds.rules.map { $0.kind })
    func updatesAreSkippedOnlyWhereTheLibrarySkipsThem(_ kind: String) throws {
        let rule = try #require(ConstraintKinds.rule(for: kind))
        let expectSkip = !["K8sPSPAppArmor", "K8sPSPSeccomp", "K8sPSPSeccompV2", "K8sPSPHostProcessContainer"].contains(kind)
        #expect(rule.skipsUpdates == expectSkip)
        let constraint = try Fixture.constraint(kind, "parameters: {}")
        let review = PodReview(object: try Fixture.pod(plain), operation: .update)
        #expect((constraint.evaluate(review) == nil) == expectSkip)
    }

    @Test func violationsNameContainerAndField() throws {
        let constraint = try Fixture.constraint("K8sPSPPrivilegedContainer", "parameters: {}")
        let pod = try Fixture.pod("containers: [{name: ok, image: x}, {name: bad, image: x, securityContext: {privileged: true}}]")
        let violation = try #require(constraint.evaluate(PodReview(object: pod, operation: .create))?.first)
        #expect(violation.container == "bad")
        #expect(violation.field == "spec.containers[1].securityContext.privileged")
    }

    @Test func badParametersAreRejectedWithTheirPath() {
        #expect(throws: ConstraintError.self) {
            try Fixture.constraint("K8sPSPCapabilities", "parameters: {allowedCapabilities: CHOWN}")
        }
        #expect(throws: ConstraintError.self) { try Fixture.constraint("K8sPSPNoSuchKind", "parameters: {}") }
        #expect(throws: ConstraintError.self) { try Fixture.constraint("K8sPSPHostNamespace", "enforcementAction: block") }
    }
}
