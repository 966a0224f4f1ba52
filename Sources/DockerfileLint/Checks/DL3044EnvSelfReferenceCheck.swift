import EKSGuardCore

/// hadolint DL3044: an `ENV` that uses a variable it defines itself.
struct DL3044EnvSelfReferenceCheck: DockerfileCheck {
    static let message = "Do not refer to an environment variable within the same `ENV` statement where it is defined."

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3044",
        title: "ENV refers to a variable it defines",
        practice: .dockerfileLint,
        severity: HadolintLevel.error.severity,
        rationale: """
            Docker expands every value of one ENV with the environment from before that ENV, so in \
            `ENV A=1 B=$A` the B gets the old A (usually empty), not 1: the image silently holds a \
            value the author did not mean. An ENV is flagged when the value of one pair refers to a \
            name defined by another pair of the same ENV, unless an earlier ARG or ENV anywhere in the \
            file defined that name (then the old value is plausibly intended). A pair referring to \
            itself (`ENV PATH=/x:$PATH`) is fine. Unlike hadolint, `${NAME:-default}` forms count as \
            references too and escaped or single-quoted dollars do not. ENV inside ONBUILD is not \
            checked, as in hadolint.
            """,
        remediation: "Split the ENV: define the variable in one ENV and use it in a following ENV.",
        references: ["hadolint:DL3044"],
        passing: [
            .dockerfile("FROM alpine:3.20\nENV BLA=\"blubb\"\nENV BLUBB=\"${BLA}/blubb\"\n"),
            .dockerfile("FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"${FOOBLA}/blubb\"\n"),
            .dockerfile("FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"$BLAFOO/blubb\"\n"),
            .dockerfile("FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"BLA/$BLAFOO/BLA\"\n"),
            .dockerfile("FROM alpine:3.20\nARG BLA\nENV BLA=${BLA}\n"),
            .dockerfile("FROM alpine:3.20\nENV BLA blubb\nENV BLA=${BLA} X=$BLA\n"),
            .dockerfile("FROM alpine:3.20\nENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}\n"),
            .dockerfile("FROM alpine:3.20\nENV BLA=x BLUBB='$BLA' OTHER=\\$BLA\n", note: "not expanded"),
        ],
        failing: [
            .dockerfile("FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"${BLA}/blubb\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"$BLA/blubb\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"$BLA/$BLAFOO/blubb\"\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nENV PATH=/bla:${PATH} PATH=/blubb:${PATH}\n", lines: [2]),
            .dockerfile("FROM alpine:3.20\nENV HOME=/srv \\\n    DATA=${HOME:-/root}/data\n", lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        let dockerfile = subject.dockerfile
        var defined: Set<String> = []
        for instruction in dockerfile.instructions {
            if let arg = instruction.arg { defined.formUnion(arg.declarations.map(\.name)) }
            guard instruction.kind == .env, let pairs = instruction.keyValues?.pairs else { continue }
            let references = pairs.map { Set(VariableReferences.names(in: $0.rawValue, escape: dockerfile.escape)) }
            let selfReferenced = pairs.indices.contains { index in
                !defined.contains(pairs[index].key)
                    && references.indices.contains { $0 != index && references[$0].contains(pairs[index].key) }
            }
            if selfReferenced { out.fail(Self.message, at: instruction) }
            defined.formUnion(pairs.map(\.key))
        }
        return out.findings
    }
}
