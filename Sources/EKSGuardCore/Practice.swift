/// The ten security practices eksguard reports on, numbered as in the README table.
public enum Practice: Int, CaseIterable, Codable, Sendable, Comparable {
    case nodeOS = 1
    case cisBenchmark = 2
    case nodeAccess = 3
    case privateNetworking = 4
    case imageScanning = 5
    case dockerfileLint = 6
    case controlPlaneLogging = 7
    case podIdentity = 8
    case transitEncryption = 9
    case podSecurity = 10

    public var title: String {
        switch self {
        case .nodeOS: "Container-optimized node OS"
        case .cisBenchmark: "CIS EKS benchmark"
        case .nodeAccess: "Minimal access to worker nodes"
        case .privateNetworking: "Private worker subnets and restricted API endpoint"
        case .imageScanning: "Image vulnerability scanning"
        case .dockerfileLint: "Dockerfile linting"
        case .controlPlaneLogging: "Control-plane logging"
        case .podIdentity: "IRSA and pod identities"
        case .transitEncryption: "Encrypted service-to-service traffic"
        case .podSecurity: "Pod and runtime security"
        }
    }

    public static func < (lhs: Practice, rhs: Practice) -> Bool { lhs.rawValue < rhs.rawValue }
}
