/// A kubelet setting the benchmark reads, with where it lives: a command-line flag, a key of the
/// configuration file, or both (the flag wins, as in the kubelet).
package enum Setting: String, Sendable, CaseIterable {
    case anonymousAuth, authorizationMode, clientCAFile, readOnlyPort, streamingConnectionIdleTimeout
    case makeIPTablesUtilChains, eventRecordQPS, rotateCertificates, rotateKubeletServerCertificate
    case protectKernelDefaults, hostnameOverride

    /// How the found text is read before comparing.
    package enum Kind: Sendable { case bool, integer, duration, list, string }

    package var flag: String? {
        switch self {
        case .anonymousAuth: "anonymous-auth"
        case .authorizationMode: "authorization-mode"
        case .clientCAFile: "client-ca-file"
        case .readOnlyPort: "read-only-port"
        case .streamingConnectionIdleTimeout: "streaming-connection-idle-timeout"
        case .makeIPTablesUtilChains: "make-iptables-util-chains"
        case .eventRecordQPS: "event-qps"
        case .rotateCertificates: "rotate-certificates"
        case .rotateKubeletServerCertificate: nil
        case .protectKernelDefaults: "protect-kernel-defaults"
        case .hostnameOverride: "hostname-override"
        }
    }

    /// The `--feature-gates` entry that sets this, for feature gates.
    package var featureGate: String? {
        self == .rotateKubeletServerCertificate ? "RotateKubeletServerCertificate" : nil
    }

    /// The key path in KubeletConfiguration; nil for flag-only settings.
    package var configPath: [String]? {
        switch self {
        case .anonymousAuth: ["authentication", "anonymous", "enabled"]
        case .authorizationMode: ["authorization", "mode"]
        case .clientCAFile: ["authentication", "x509", "clientCAFile"]
        case .readOnlyPort: ["readOnlyPort"]
        case .streamingConnectionIdleTimeout: ["streamingConnectionIdleTimeout"]
        case .makeIPTablesUtilChains: ["makeIPTablesUtilChains"]
        case .eventRecordQPS: ["eventRecordQPS"]
        case .rotateCertificates: ["rotateCertificates"]
        case .rotateKubeletServerCertificate: ["featureGates", "RotateKubeletServerCertificate"]
        case .protectKernelDefaults: ["protectKernelDefaults"]
        case .hostnameOverride: nil
        }
    }

    package var kind: Kind {
        switch self {
        case .anonymousAuth, .makeIPTablesUtilChains, .rotateCertificates, .rotateKubeletServerCertificate,
             .protectKernelDefaults: .bool
        case .readOnlyPort, .eventRecordQPS: .integer
        case .streamingConnectionIdleTimeout: .duration
        case .authorizationMode: .list
        case .clientCAFile, .hostnameOverride: .string
        }
    }

    /// `--anonymous-auth / authentication.anonymous.enabled`, for messages.
    package var label: String {
        let flagName = flag.map { "--\($0)" } ?? featureGate.map { "--feature-gates \($0)" }
        return [flagName, configPath?.joined(separator: ".")].compactMap { $0 }.joined(separator: " / ")
    }

    /// The name a value was read as: the configuration key when it came from a configuration file
    /// (those values carry a line), else the flag.
    package func field(readFrom source: ValueSource) -> String? {
        if source.line != nil { return configPath?.joined(separator: ".") }
        return flag.map { "--\($0)" } ?? featureGate.map { "--feature-gates=\($0)" }
    }
}
