import Foundation
@testable import KubernetesClient
import Testing

@Suite struct KubeconfigTests {
    /// Which file kubectl reads: --kubeconfig alone, else every KUBECONFIG entry, else ~/.kube/config.
    @Test(arguments: [
        ("explicit wins over KUBECONFIG", "a.yaml", "b.yaml:c.yaml", ["a.yaml"]),
        ("KUBECONFIG list in order, duplicates and empty entries dropped", nil, "b.yaml::c.yaml:b.yaml", ["b.yaml", "c.yaml"]),
        ("home when KUBECONFIG is unset", nil, nil, ["home/.kube/config"]),
        ("home when KUBECONFIG is empty", nil, "", ["home/.kube/config"]),
    ] as [(String, String?, String?, [String])])
    func precedence(_ label: String, explicit: String?, variable: String?, expected: [String]) {
        var environment = ["HOME": "home"]
        environment["KUBECONFIG"] = variable
        let loader = KubeconfigLoader(explicitFile: explicit, environment: environment)
        #expect(loader.candidateFiles.map(\.path) == expected, "\(label)")
        #expect(loader.candidateFiles.allSatisfy { $0.required == (explicit != nil) }, "\(label)")
    }

    /// Merging: the first file to define a name wins (whole entry), current-context from the first
    /// file that sets it, --context overrides; a missing KUBECONFIG file is skipped.
    @Test func mergeFollowsKubectl() throws {
        let scratch = try Scratch()
        let first = try scratch.write("first.yaml", """
            clusters:
            - name: shared
              cluster: {server: "https://first.example:443"}
            contexts:
            - name: first-ctx
              context: {cluster: shared, user: first-user, namespace: team-a}
            users:
            - name: first-user
              user: {token: first-token}
            """)
        let second = try scratch.write("second.yaml", """
            current-context: second-ctx
            clusters:
            - name: shared
              cluster: {server: "https://second.example:443"}
            - name: only-second
              cluster: {server: "https://only-second.example:443"}
            contexts:
            - name: second-ctx
              context: {cluster: only-second, user: first-user}
            - name: first-ctx
              context: {cluster: only-second}
            users:
            - name: first-user
              user: {token: second-token}
            """)
        let third = try scratch.write("third.yaml", "current-context: first-ctx\n")
        let list = [scratch.path("missing.yaml"), first, second, third].joined(separator: ":")
        let merged = try KubeconfigLoader(environment: ["KUBECONFIG": list]).load()
        #expect(merged.context == "second-ctx")
        let connection = try merged.connection()
        #expect(connection.server == "https://only-second.example:443")
        guard case .bearer(let token) = connection.credential else { Issue.record("expected a bearer token"); return }
        #expect(token == "first-token")

        let chosen = try KubeconfigLoader(context: "first-ctx", environment: ["KUBECONFIG": list]).load()
        #expect(chosen.namespace == "team-a")
        #expect(try chosen.connection().server == "https://first.example:443")
    }

    @Test(arguments: [
        (nil, "no-such-context", "has no context named \"no-such-context\""),
        ("current-context: \"\"\n", nil, "sets no current-context; pass --context NAME"),
    ] as [(String?, String?, String)])
    func contextErrors(_ extra: String?, context: String?, message: String) throws {
        let scratch = try Scratch()
        let file = try scratch.write("config", kubeconfig(currentContext: nil) + (extra ?? ""))
        #expect(throws: KubernetesClientError.self) { try KubeconfigLoader(explicitFile: file, context: context).load() }
        do {
            _ = try KubeconfigLoader(explicitFile: file, context: context).load()
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func missingFilesAreNamed() throws {
        let scratch = try Scratch()
        let explicit = scratch.path("absent.yaml")
        #expect(throws: KubernetesClientError("kubeconfig \(explicit): cannot read: no such file or directory")) {
            try KubeconfigLoader(explicitFile: explicit).load()
        }
        #expect(throws: KubernetesClientError.self) {
            try KubeconfigLoader(environment: ["KUBECONFIG": explicit, "HOME": scratch.folder]).load()
        }
    }

    /// Hostile or broken kubeconfigs: refused with the file, position and key, quickly.
    @Test(arguments: [
        ("alias bomb", """
            a: &a ["x","x","x","x","x","x","x","x","x","x"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
            """, "alias bomb"),
        ("not a mapping", "- a\n- b\n", "must be a mapping"),
        ("clusters not a list", "clusters: {a: b}\n", "clusters must be a list"),
        ("nameless cluster", "clusters:\n- cluster: {server: https://x}\n", "clusters[0].name is missing"),
        ("two documents", "a: 1\n---\nb: 2\n", "expected one YAML document"),
        ("broken YAML", "clusters: [\n", "config:"),
        ("binary", "\u{0}\u{1}", "binary file"),
    ])
    func hostileFilesAreRefused(_ label: String, _ text: String, _ message: String) throws {
        let scratch = try Scratch()
        let file = try scratch.write("config", text)
        do {
            _ = try KubeconfigLoader(explicitFile: file, context: "x").load()
            Issue.record("\(label): accepted")
        } catch {
            #expect(error.message.contains(message) && error.message.contains(file), "\(label): \(error.message)")
        }
    }

    @Test func hugeFileIsRefusedBeforeParsing() throws {
        let scratch = try Scratch()
        let file = try scratch.write("config", "# " + String(repeating: "x", count: 5 << 20) + "\n")
        #expect(throws: KubernetesClientError.self) { try KubeconfigLoader(explicitFile: file).load() }
    }

    /// Cluster settings: files relative to the kubeconfig's folder, data preferred over files.
    @Test func clusterSettings() throws {
        let scratch = try Scratch()
        try scratch.write("conf/certs/ca.pem", "FILE-CA")
        let file = try scratch.write("conf/config", kubeconfig(clusterFields: "certificate-authority: certs/ca.pem\ntls-server-name: api.internal"))
        let connection = try KubeconfigLoader(explicitFile: file).load().connection()
        #expect(connection.certificateAuthorityPEM == Array("FILE-CA".utf8))
        #expect(connection.tlsServerName == "api.internal" && connection.context == "ctx")

        let data = Data("DATA-CA".utf8).base64EncodedString()
        let both = try scratch.write("conf/both", kubeconfig(clusterFields: "certificate-authority: certs/missing.pem\ncertificate-authority-data: \(data)"))
        #expect(try KubeconfigLoader(explicitFile: both).load().connection().certificateAuthorityPEM == Array("DATA-CA".utf8))
    }

    @Test(arguments: [
        ("proxy-url: http://proxy:3128", "proxy-url of cluster \"c\" is not supported"),
        ("certificate-authority: nowhere.pem", "certificate-authority of c: cannot read the CA file"),
        ("certificate-authority-data: \"@@@\"", "certificate-authority-data of c is not base64"),
        ("insecure-skip-tls-verify: true\ncertificate-authority-data: QUJD", "sets both insecure-skip-tls-verify and a certificate authority"),
        ("insecure-skip-tls-verify: maybe", "must be a boolean"),
    ])
    func clusterErrors(_ fields: String, _ message: String) throws {
        try Self.expectRefused(kubeconfig(clusterFields: fields), message)
    }

    /// The kubeconfig is refused with an error that starts with its file and position.
    static func expectRefused(_ text: String, _ message: String) throws {
        let scratch = try Scratch()
        try scratch.write("keys/c.crt", "CERT")
        let file = try scratch.write("config", text)
        do {
            _ = try KubeconfigLoader(explicitFile: file).load().connection()
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.contains(message) && error.message.hasPrefix("kubeconfig \(file):"), "\(error.message)")
        }
    }

    @Test func serverMustBeAURL() throws {
        let scratch = try Scratch()
        let file = try scratch.write("config", kubeconfig(server: "ftp://x"))
        #expect(throws: KubernetesClientError.self) { try KubeconfigLoader(explicitFile: file).load().connection() }
    }

    /// Each way a user authenticates, as read from the kubeconfig.
    @Test func userCredentials() throws {
        let scratch = try Scratch()
        try scratch.write("keys/client.crt", "CERT")
        try scratch.write("keys/client.key", "KEY")
        try scratch.write("keys/token", "  file-token\n")
        func connection(_ fields: String) throws -> KubernetesConnection {
            try KubeconfigLoader(explicitFile: try scratch.write("config", kubeconfig(userFields: fields))).load().connection()
        }
        let certificate = try connection("client-certificate: keys/client.crt\nclient-key: keys/client.key")
        #expect(certificate.clientCertificate?.certificatePEM == Array("CERT".utf8) && certificate.clientCertificate?.keyPEM == Array("KEY".utf8))
        let inline = try connection("client-certificate-data: \(Data("C2".utf8).base64EncodedString())\nclient-key-data: \(Data("K2".utf8).base64EncodedString())")
        #expect(inline.clientCertificate?.keyPEM == Array("K2".utf8))
        if case .bearer(let token) = try connection("tokenFile: keys/token").credential { #expect(token == "file-token") } else { Issue.record("tokenFile") }
        if case .bearer(let token) = try connection("token: inline\ntokenFile: keys/token").credential { #expect(token == "inline") } else { Issue.record("token") }
        if case .basic(let name, let password) = try connection("username: admin\npassword: s3cret").credential {
            #expect(name == "admin" && password == "s3cret")
        } else { Issue.record("basic") }
        if case .none = try connection("{}").credential {} else { Issue.record("empty user") }
        let exec = try connection("exec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: aws")
        #expect(exec.credential.description == "exec plugin aws")
        let noUser = try KubeconfigLoader(explicitFile: try scratch.write("nouser", kubeconfig(user: nil))).load().connection()
        if case .none = noUser.credential {} else { Issue.record("context without user") }
    }

    @Test(arguments: [
        ("client-certificate: keys/c.crt", "needs both a client certificate and its key"),
        ("token: a\nusername: b", "sets token and username; only one of them may be set"),
        ("auth-provider: {name: oidc}", "auth-provider of user \"u\" is not supported"),
        ("as: someone-else", "as of user \"u\" is not supported"),
        ("tokenFile: keys/absent", "tokenFile of u: cannot read the token file"),
        ("exec: {command: aws}", "exec.apiVersion of user \"u\" must be one of"),
        ("exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: aws}", "must be one of"),
        ("exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}", "exec.interactiveMode of user \"u\" is required"),
        ("exec: {apiVersion: client.authentication.k8s.io/v1, command: aws, interactiveMode: Always}", "needs a terminal"),
        ("exec: {apiVersion: client.authentication.k8s.io/v1beta1}", "has no command"),
        ("exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [1, [2]]}", "args[1] must be a string"),
        ("exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws, env: [{value: x}]}", "env[0].name is missing"),
    ])
    func userErrors(_ fields: String, _ message: String) throws {
        try Self.expectRefused(kubeconfig(userFields: fields), message)
    }

    @Test func descriptionsHideSecrets() throws {
        let connection = KubernetesConnection(
            server: "https://x/", clientCertificate: ClientCertificate(certificatePEM: Array("CERT".utf8), keyPEM: Array("PRIVATE".utf8)),
            credential: .bearer("TOPSECRET"))
        let text = "\(connection) \(String(reflecting: connection.credential)) \(Credential.basic(username: "u", password: "PASSWORD"))"
        #expect(connection.server == "https://x")
        for secret in ["TOPSECRET", "PRIVATE", "PASSWORD"] { #expect(!text.contains(secret), "\(text)") }
    }
}
