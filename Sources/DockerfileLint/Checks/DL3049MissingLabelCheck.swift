import EKSGuardCore

/// hadolint DL3049: a label the configured schema requires is missing from a stage.
struct DL3049MissingLabelCheck: DockerfileCheck {
    static func message(_ label: String) -> String { "Label `\(label)` is missing." }

    static let metadata = CheckMetadata(
        id: "EKS-DKR-3049",
        title: "Required label missing",
        practice: .dockerfileLint,
        severity: HadolintLevel.info.severity,
        rationale: """
            Labels named in the `label-schema` of .hadolint.yaml (owner, source, version…) are what \
            registries, scanners and incident responders use to trace an image back to its team and \
            commit; an image without them is anonymous. Runs only with a label schema. For each schema \
            label, a stage that neither sets it with LABEL nor is built FROM a stage that has it is \
            reported at its FROM line, unless it is only an intermediate: a stage some stage COPYs \
            from (`COPY --from`), or an ancestor of a stage that has the label. Unlike hadolint, which \
            follows only the direct parent and names in COPY --from, ancestors are followed through \
            chains and `COPY --from=<index>` counts too. LABEL inside ONBUILD does not count, as in \
            hadolint.
            """,
        remediation: "Add `LABEL <name>=<value>` to the stage (or to the stage it is built FROM).",
        references: ["hadolint:DL3049"],
        passing: [
            .dockerfile("FROM baseimage:1\nLABEL foo=\"bar\"\n", options: ["label-schema": "foo=text"]),
            .dockerfile("FROM baseimage:1\nRUN true\n", note: "no label schema configured"),
            .dockerfile("FROM baseimage:1 AS base\nFROM base\nLABEL foo=\"bar\"\n", options: ["label-schema": "foo=text"]),
            .dockerfile("FROM baseimage:1 AS base\nLABEL foo=\"bar\"\nFROM base\n", options: ["label-schema": "foo=text"]),
            .dockerfile("""
                FROM baseimage:1 AS base
                FROM anotherimage:1
                LABEL foo="bar"
                COPY --from=base /bar /baz
                """, options: ["label-schema": "foo=text"]),
            .dockerfile("""
                FROM golang:1.22
                RUN go build -o /app .
                FROM gcr.io/distroless/static:nonroot
                LABEL foo="bar"
                COPY --from=0 /app /app
                """, options: ["label-schema": "foo=text"]),
            .dockerfile("""
                FROM scratch AS base1
                FROM base1 AS base2
                FROM base2
                LABEL foo="bar"
                """, options: ["label-schema": "foo=text"], note: "ancestors followed through the chain"),
        ],
        failing: [
            .dockerfile("FROM baseimage:1\n", lines: [1], options: ["label-schema": "foo=text"]),
            .dockerfile("FROM baseimage:1\nLABEL bar=\"baz\"\n", lines: [1], options: ["label-schema": "foo=text"]),
            .dockerfile("FROM stage1:1\nLABEL bar=\"baz\"\nFROM stage2:1\nLABEL buzz=\"fuzz\"\n", lines: [1, 3], options: ["label-schema": "foo=text"]),
            .dockerfile("FROM baseimage:1\nLABEL foo=\"bar\"\nFROM newimage:1\n", lines: [3], options: ["label-schema": "foo=text"]),
            .dockerfile("FROM baseimage:1 AS base\nFROM base\n", lines: [1, 2], options: ["label-schema": "foo=text"]),
            .dockerfile("FROM baseimage:1 AS base\nFROM anotherimage:1\nLABEL foo=\"bar\"\n", lines: [1], options: ["label-schema": "foo=text"]),
            .dockerfile("""
                FROM baseimage:1 AS base
                FROM base
                LABEL foo="bar"

                FROM base
                """, lines: [5], options: ["label-schema": "foo=text"]),
            .dockerfile("FROM baseimage:1\nLABEL foo=\"bar\"\n", lines: [1], options: ["label-schema": "foo=text,bar=url"]),
            .dockerfile("FROM baseimage:1\nONBUILD LABEL foo=\"bar\"\n", lines: [1], options: ["label-schema": "foo=text"]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        let stages = subject.dockerfile.stages
        let copiedFrom = Self.stagesCopiedFrom(stages)
        for label in context.config.labelSchema.keys.sorted() {
            var hasLabel: [Bool] = []
            for stage in stages {
                let own = stage.instructions.contains { $0.kind == .label && $0.keyValues?.pairs.contains { $0.key == label } == true }
                hasLabel.append(own || stage.baseStageIndex.map { hasLabel[$0] } ?? false)
            }
            // The ancestors of a labelled stage end up inside a labelled image.
            var silenced = copiedFrom
            for index in stages.indices where hasLabel[index] {
                var parent = stages[index].baseStageIndex
                while let current = parent {
                    silenced.insert(current)
                    parent = stages[current].baseStageIndex
                }
            }
            for index in stages.indices where !hasLabel[index] && !silenced.contains(index) {
                out.fail(Self.message(label), at: stages[index].fromInstruction)
            }
        }
        return out.findings
    }

    /// Stages some `COPY --from` names, by stage name or index.
    static func stagesCopiedFrom(_ stages: [Stage]) -> Set<Int> {
        var indices: Set<Int> = []
        for stage in stages {
            for instruction in stage.instructions {
                guard let from = instruction.copy?.from else { continue }
                if let index = Int(from), stages.indices.contains(index) {
                    indices.insert(index)
                } else if let named = stages.firstIndex(where: { $0.alias == from.lowercased() }) {
                    indices.insert(named)
                }
            }
        }
        return indices
    }
}
