/// Where a reference (`NAMESPACE:ID`) is documented on the web, for the formats that link.
///
/// Only namespaces with a stable public page per rule (or per rule family) link; CIS benchmarks are
/// licensed documents without per-item URLs, and `bpg:`, `securityhub:` and `gatekeeper:` IDs have
/// no stable per-rule address, so those stay plain text. The ID is percent-encoded into the path, so
/// a hostile reference cannot leave the host it names.
enum ReferenceLinks {
    static func url(for reference: String) -> String? {
        guard let colon = reference.firstIndex(of: ":") else { return nil }
        let namespace = reference[..<colon]
        let id = String(reference[reference.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        switch namespace {
        case "prowler":
            return "https://hub.prowler.com/check/" + encoded(id)
        case "kubescape":
            return "https://hub.armosec.io/docs/" + encoded(id.lowercased())
        case "trivy":
            return "https://avd.aquasec.com/misconfig/" + encoded(id.lowercased())
        case "hadolint":
            return "https://github.com/hadolint/hadolint/wiki/" + encoded(id)
        case "PSS":
            return "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
        case "checkov":
            // Checkov has no page per policy; its policy index has one page per framework that
            // lists every ID of that framework.
            if id.hasPrefix("CKV_K8S_") || id.hasPrefix("CKV2_K8S_") {
                return "https://www.checkov.io/5.Policy%20Index/kubernetes.html"
            }
            if id.hasPrefix("CKV_DOCKER_") || id.hasPrefix("CKV2_DOCKER_") {
                return "https://www.checkov.io/5.Policy%20Index/dockerfile.html"
            }
            return nil
        default:
            return nil
        }
    }

    /// Everything but unreserved characters (RFC 3986) percent-encoded.
    private static func encoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
