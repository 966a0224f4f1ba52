import EKSGuardCore

/// hadolint DL3048: label keys outside Docker's recommended format.
struct DL3048LabelKeyCheck: DockerfileCheck {
    static let message = "Invalid label key."

    /// Namespaces Docker reserves for its own labels.
    static let reservedPrefixes = ["com.docker.", "io.docker.", "org.dockerproject."]

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3048",
        title: "Invalid label key",
        practice: .dockerfileLint,
        severity: HadolintLevel.style.severity,
        rationale: """
            Tools that select images by label (registries, scanners, policy engines) expect Docker's \
            key format; a key that breaks it is easy to misspell, collides across tools, or is ignored. \
            Keys must use only lowercase letters, digits, `.` and `-`, start with a letter, end with a \
            letter or digit, contain no `..` or `--`, and stay out of the namespaces Docker reserves \
            (`com.docker.`, `io.docker.`, `org.dockerproject.`). One finding per LABEL instruction. LABEL \
            inside ONBUILD is not checked, as in hadolint.
            """,
        remediation: "Rename the key to reverse-DNS lowercase form, such as `org.opencontainers.image.version`.",
        references: ["hadolint:DL3048"],
        passing: [
            .dockerfile("FROM alpine:3.20\nLABEL org.valid-key.label3=\"foo\"\n"),
            .dockerfile("FROM alpine:3.20\nLABEL validlabel=\"foo\" org.opencontainers.image.version=1.0\n"),
            .dockerfile("FROM alpine:3.20\nLABEL a=b\n"),
            .dockerfile("FROM alpine:3.20\nLABEL build_date=\"2024-05-01\"\n"),
        ],
        failing: [
            .dockerfile("FROM alpine:3.20\nLABEL com.docker.label=\"foo\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nLABEL io.docker.label=\"foo\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nLABEL org.dockerproject.label=\"foo\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nLABEL invalid$character=\"foo\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nLABEL .invalid =\"foo\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nLABEL -invalid=\"foo\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nLABEL 1invalid=\"foo\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nLABEL invalid..character=\"foo\" ok=1\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nLABEL invalid--character=\"foo\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nLABEL Maintainer=\"me@example.com\"\n", lines: [2], note: "uppercase"),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructions where instruction.kind == .label {
            if instruction.keyValues?.pairs.contains(where: { !Self.isValid($0.key) }) == true {
                out.fail(Self.message, at: instruction)
            }
        }
        return out.findings
    }

    static func isValid(_ key: String) -> Bool {
        guard let first = key.first, let last = key.last, isLowercaseLetter(first),
            isLowercaseLetter(last) || isDigit(last)
        else { return false }
        // hadolint 2.15, the release users run, also accepts `_` (build_date).
        return key.allSatisfy { isLowercaseLetter($0) || isDigit($0) || $0 == "." || $0 == "-" || $0 == "_" }
            && !reservedPrefixes.contains(where: key.hasPrefix) && !key.contains("..") && !key.contains("--")
    }

    private static func isLowercaseLetter(_ character: Character) -> Bool { ("a"..."z").contains(character) }
    private static func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }
}
