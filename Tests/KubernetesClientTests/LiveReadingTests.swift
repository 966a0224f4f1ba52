import EKSGuardCore
import Foundation
import KubernetesAudit
@testable import KubernetesClient
import Testing

/// Live reading against the replay API server of scripts/services/kube.sh (HTTPS, client
/// certificates or bearer token, paged lists, configmaps forbidden, most CRDs not served).
@Suite struct LiveReadingTests {
    struct Server {
        var url: String
        var ca: String
        var untrustedCA: String
        var clientCertificate: String
        var clientKey: String
        var tokenFile: String
        var token: String { (try? String(contentsOfFile: tokenFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
    }

    static func server() throws -> Server {
        func variable(_ name: String) throws -> String {
            guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                Issue.record("\(name) is not set: run the tests through scripts/test.sh, which starts the replay API server (scripts/services/kube.sh)")
                throw CancellationError()
            }
            return value
        }
        return Server(
            url: try variable("EKSGUARD_KUBE_URL"), ca: try variable("EKSGUARD_KUBE_CA"),
            untrustedCA: try variable("EKSGUARD_KUBE_UNTRUSTED_CA"), clientCertificate: try variable("EKSGUARD_KUBE_CLIENT_CERT"),
            clientKey: try variable("EKSGUARD_KUBE_CLIENT_KEY"), tokenFile: try variable("EKSGUARD_KUBE_TOKEN_FILE"))
    }

    /// Reads the inventory through a kubeconfig written with these cluster and user fields.
    static func read(cluster: String, user: String, server: Server? = nil, pageSize: Int = 2) async throws -> KubernetesInventory {
        let server = try server ?? Self.server()
        let scratch = try Scratch()
        let file = try scratch.write("config", kubeconfig(server: server.url, clusterFields: cluster, userFields: user))
        let api = KubernetesAPI(try KubeconfigLoader(explicitFile: file).load().connection(), timeout: .seconds(10))
        let inventory = await InventoryReader(pageSize: pageSize).read(from: api)
        await api.shutdown()
        return inventory
    }

    /// What the recorded cluster holds, checked for every way of authenticating that works.
    static func expectRecordedCluster(_ inventory: KubernetesInventory, server: Server) throws {
        #expect(inventory.origin == .live(server: server.url, context: "ctx"))
        #expect(Set(inventory.gaps.keys) == [KubernetesInventory.configMap], "\(inventory.gaps)")
        let gap = try #require(inventory.gaps[KubernetesInventory.configMap]).reason
        #expect(gap.contains("forbidden to list configmaps (ConfigMap) (403: configmaps is forbidden: User"))
        #expect(gap.contains("\"list\" on configmaps in API group \"\" cluster-wide"))
        // Five pods over three pages of two: every page was read.
        let pods = try inventory.objects(KubernetesInventory.pod).get()
        #expect(pods.map(\.name) == ["coredns-5b9dfbf96-8xk2p", "aws-node-7qzlm", "checkout-6d8f7c9b54-2jv7c", "checkout-6d8f7c9b54-9wq4n", "debug-shell"])
        #expect(pods.map(\.file) == [
            server.url + "/api/v1/pods", server.url + "/api/v1/pods", server.url + "/api/v1/pods#page=2",
            server.url + "/api/v1/pods#page=2", server.url + "/api/v1/pods#page=3",
        ])
        #expect(pods.allSatisfy { $0.kind == "Pod" && $0.apiVersion == "v1" && $0.root.position.line == 1 && $0.root.position.column > 1 })
        let privileged = pods[4].root["spec"]["containers"].items[0]["securityContext"]["privileged"]
        #expect(privileged.bool.value == true && privileged.path == "items[0].spec.containers[0].securityContext.privileged")
        #expect(inventory.workloads.count == 9)
        // A served CRD is read, an unserved one (404) has no objects, and no gap.
        let peer = try inventory.objects(.init("security.istio.io", "PeerAuthentication")).get()
        #expect(peer.map(\.apiVersion) == ["security.istio.io/v1"] && peer.first?.namespace == "istio-system")
        #expect(try inventory.objects(.init("cilium.io", "CiliumNode")).get().isEmpty)
        let bindings = try inventory.objects(KubernetesInventory.clusterRoleBinding).get()
        #expect(bindings.map(\.name) == ["cluster-admin", "ci-deployer-admin"] && bindings.allSatisfy { $0.group == "rbac.authorization.k8s.io" })
        // managedFields is dropped; everything else of metadata stays.
        let payments = try #require(try inventory.object(KubernetesInventory.namespace, namespace: nil, name: "payments").get())
        #expect(!payments.root["metadata"]["managedFields"].exists && payments.root["metadata"]["labels"]["team"].string.value == "payments")
        #expect(inventory.objectCount == 27)
    }

    @Test func clientCertificateFiles() async throws {
        let server = try Self.server()
        let inventory = try await Self.read(
            cluster: "certificate-authority: \(server.ca)", user: "client-certificate: \(server.clientCertificate)\nclient-key: \(server.clientKey)")
        try Self.expectRecordedCluster(inventory, server: server)
    }

    @Test func bearerTokenFileWithInlineCertificateAuthority() async throws {
        let server = try Self.server()
        let authority = try Data(contentsOf: URL(fileURLWithPath: server.ca)).base64EncodedString()
        let inventory = try await Self.read(cluster: "certificate-authority-data: \(authority)", user: "tokenFile: \(server.tokenFile)", pageSize: 500)
        #expect(try inventory.objects(KubernetesInventory.pod).get().allSatisfy { $0.file == server.url + "/api/v1/pods" })
        #expect(inventory.gaps.count == 1)
    }

    @Test func execPluginToken() async throws {
        let server = try Self.server()
        let scratch = try Scratch()
        let plugin = try scratch.write("token-plugin", #"""
            #!/bin/sh
            printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat "$TOKEN_FILE")"
            """#, executable: true)
        let inventory = try await Self.read(cluster: "certificate-authority: \(server.ca)", user: """
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: \(plugin)
              env: [{name: TOKEN_FILE, value: "\(server.tokenFile)"}]
            """)
        try Self.expectRecordedCluster(inventory, server: server)
    }

    /// The entry point the audit uses without a kubeconfig: DescribeCluster's endpoint and CA, and
    /// a token maker called once for the whole listing (the token does not expire during it).
    @Test func eksEndpointWithIssuedToken() async throws {
        let server = try Self.server()
        actor Calls { var count = 0; func add() { count += 1 } }
        let calls = Calls()
        let token = server.token
        let connection = try KubernetesConnection.eks(
            endpoint: server.url, certificateAuthorityData: try Data(contentsOf: URL(fileURLWithPath: server.ca)).base64EncodedString(),
            token: {
                await calls.add()
                return IssuedCredential(token: token, expiration: Date().addingTimeInterval(840))
            })
        let api = KubernetesAPI(connection)
        let inventory = await InventoryReader(pageSize: 2).read(from: api)
        await api.shutdown()
        #expect(inventory.gaps.keys.map(\.description) == ["ConfigMap"] && inventory.objectCount == 27)
        #expect(await calls.count == 1)
        #expect(throws: KubernetesClientError.self) { try KubernetesConnection.eks(endpoint: "http://x", certificateAuthorityData: "", token: { IssuedCredential() }) }
    }

    /// The server certificate names localhost and kubernetes.eksguard.test, not 127.0.0.1.
    @Test func tlsServerNameIsWhatTheCertificateIsCheckedAgainst() async throws {
        var server = try Self.server()
        server.url = server.url.replacingOccurrences(of: "//localhost:", with: "//127.0.0.1:")
        let unnamed = try await Self.read(cluster: "certificate-authority: \(server.ca)", user: "tokenFile: \(server.tokenFile)", server: server)
        #expect(unnamed.gaps.count == AuditedKind.all.count && unnamed.objectCount == 0)
        let good = try await Self.read(
            cluster: "certificate-authority: \(server.ca)\ntls-server-name: kubernetes.eksguard.test", user: "tokenFile: \(server.tokenFile)",
            server: server)
        #expect(good.gaps.count == 1)
        let wrong = try await Self.read(
            cluster: "certificate-authority: \(server.ca)\ntls-server-name: other.eksguard.test", user: "tokenFile: \(server.tokenFile)",
            server: server)
        #expect(wrong.gaps.count == AuditedKind.all.count && wrong.objectCount == 0)
    }

    /// A server that cannot be trusted or refuses the credentials: every kind is a gap with the same
    /// reason, found with one request, and no credential appears in it.
    @Test func unusableConnectionsMakeEveryKindAGap() async throws {
        let server = try Self.server()
        let cases: [(String, String, String)] = [
            ("certificate-authority: \(server.untrustedCA)", "tokenFile: \(server.tokenFile)", "cannot list namespaces (Namespace) from \(server.url): cannot reach"),
            ("certificate-authority: \(server.ca)", "token: wrong-token-SECRET", "refused the credentials (401 Unauthorized)"),
            ("certificate-authority: \(server.ca)", "username: admin\npassword: hunter2-SECRET", "refused the credentials (401 Unauthorized)"),
            ("insecure-skip-tls-verify: true", "token: wrong-token-SECRET", "refused the credentials (401 Unauthorized)"),
        ]
        for (cluster, user, reason) in cases {
            let inventory = try await Self.read(cluster: cluster, user: user, server: server)
            #expect(inventory.gaps.count == AuditedKind.all.count && inventory.objectCount == 0)
            let reasons = Set(inventory.gaps.values.map(\.reason))
            #expect(reasons.count == 1 && reasons.first?.contains(reason) == true, "\(reasons)")
            #expect(!(reasons.first ?? "").contains("SECRET") && !(reasons.first ?? "").contains(server.token))
        }
    }

    @Test func requestsAreBoundedInTimeAndSize() async throws {
        let server = try Self.server()
        let connection = KubernetesConnection(
            server: server.url, certificateAuthorityPEM: Array(try String(contentsOfFile: server.ca, encoding: .utf8).utf8),
            credential: .bearer(server.token))
        let api = KubernetesAPI(connection, timeout: .seconds(1), maxResponseBytes: 1 << 20)
        // The server stalls for 30 s: the request's own deadline must end it (no wall-clock
        // assertion, which a loaded machine would break).
        do {
            _ = try await api.get("/test/slow")
            Issue.record("a stalled request answered")
        } catch {
            #expect(error.message == "no answer from \(server.url) within 1.0 seconds")
        }
        do {
            _ = try await api.get("/test/big")
            Issue.record("a 3 MiB answer was accepted")
        } catch {
            #expect(error.message == "the answer from \(server.url) is larger than 1 MiB")
        }
        #expect(try await api.get("/api/v1/nodes").status == 200)
        await api.shutdown()
    }

    /// A broken page is a gap for its kind, not a crash or a silent empty list.
    @Test(arguments: [
        (#"{"kind":"PodList","items":[{"metadata":{"name":"a"}}],"metadata":{}}"#, nil),
        (#"{"kind":"PodList","items":null,"metadata":{"continue":"abc"}}"#, nil),
        (#"{"kind":"PodList","items":{"a":1}}"#, "items is not a list"),
        (#"[1,2]"#, "is not a list"),
        (#"{"items":[1]}"#, "holds items that are not objects"),
        (#"{"items": [ "#, "cannot be parsed"),
    ] as [(String, String?)])
    func pageParsing(_ body: String, _ problem: String?) {
        let listing = KindListing(kind: AuditedKind.all[2], pageSize: 500, maxPages: 10, limits: .standard)
        switch listing.parse(Array(body.utf8), file: "https://x/api/v1/pods") {
        case .success(let (objects, token)):
            #expect(problem == nil, "accepted \(body)")
            #expect(objects.allSatisfy { $0.kind == "Pod" && $0.apiVersion == "v1" })
            #expect(token == (body.contains("abc") ? "abc" : nil))
        case .failure(let gap):
            #expect(problem.map { gap.reason.contains($0) } == true, "\(gap.reason)")
        }
    }
}
