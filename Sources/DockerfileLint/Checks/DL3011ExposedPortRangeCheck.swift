import EKSGuardCore

/// hadolint DL3011: `EXPOSE` of a port above 65535.
struct DL3011ExposedPortRangeCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3011",
        title: "Exposed port out of range",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            TCP and UDP ports are 16-bit numbers: a port above 65535 cannot be listened on, so the \
            `EXPOSE` documents nothing real and is usually a typo (an extra digit). Each port and each \
            bound of a range is checked; a bound given by a variable (`${PORT}`) is not a number and is \
            accepted, as in hadolint.
            """,
        remediation: "Fix the port number so that it lies between 0 and 65535.",
        references: ["hadolint:DL3011", "trivy:AVD-DS-0008"],
        passing: [
            .dockerfile("""
                FROM nginx:1.27
                EXPOSE 80 443/tcp 60000 8000-8010/udp
                EXPOSE ${PORT}
                EXPOSE 40000-${MAX_PORT}
                """),
        ],
        failing: [
            .dockerfile("""
                FROM nginx:1.27
                EXPOSE 80000
                """, lines: [2]),
            .dockerfile("""
                FROM nginx:1.27
                EXPOSE 80
                EXPOSE 40000-80000/tcp
                """, lines: [3]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructions {
            guard let expose = instruction.expose, expose.ports.contains(where: { Self.isOutOfRange($0.text) }) else { continue }
            out.fail("Valid UNIX ports range from 0 to 65535", at: instruction)
        }
        return out.findings
    }

    /// True when a bound of `port[-port][/proto]` is a number above 65535 (however many digits).
    static func isOutOfRange(_ text: String) -> Bool {
        let ports = text.prefix { $0 != "/" }
        return ports.split(separator: "-", omittingEmptySubsequences: false).contains { bound in
            guard !bound.isEmpty, bound.allSatisfy({ ("0"..."9").contains($0) }) else { return false }
            let digits = bound.drop { $0 == "0" }
            return digits.count > 5 || (Int(digits) ?? 0) > 65535
        }
    }
}
