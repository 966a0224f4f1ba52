import EKSGuardCore

/// EKS-DKR-001: the image `docker build` produces runs as root.
struct FinalStageRootUserCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-001",
        title: "Final stage runs as root",
        practice: .dockerfileLint,
        severity: .high,
        rationale: """
            A container whose process runs as root turns any code-execution bug into root inside the \
            container, one kernel or runtime flaw away from the node and its IAM role; Pod Security's \
            restricted profile (runAsNonRoot) then refuses the image or needs an override. The user is the \
            last USER of the final stage or, when it has none, of the stages it is built FROM, and USER \
            values are expanded from ARG and ENV. A value still holding an unresolved variable is not \
            judged. With no USER at all the image runs as its base image's user, root for nearly every \
            image; only tags containing `nonroot` (distroless) are trusted to change that. This differs from \
            hadolint DL3002 (EKS-DKR-3002), which flags a literal root USER left at the end of any stage and \
            says nothing when USER is missing. To keep one result per problem, a literal `USER root` is left \
            to EKS-DKR-3002; this check reports what DL3002 cannot see: no USER at all in the shipped image's \
            stages, and root reached through an ARG or ENV value.
            """,
        remediation: "Create an unprivileged user and end the final stage with USER <name or UID> (for example USER 65532:65532).",
        references: ["trivy:AVD-DS-0002", "checkov:CKV_DOCKER_3", "checkov:CKV_DOCKER_8", "CIS-Docker-1.6.0:4.1"],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN useradd -r app
                USER app
                """),
            .dockerfile("""
                FROM golang:1.22 AS build
                RUN go build -o /app .
                FROM gcr.io/distroless/static-debian12:nonroot
                COPY --from=build /app /app
                """, note: "the distroless nonroot tag runs as UID 65532"),
            .dockerfile("""
                FROM debian:12 AS base
                USER 10001
                FROM base
                COPY app /app
                """, note: "USER inherited from the parent stage"),
            .dockerfile("""
                FROM debian:12 AS build
                USER root
                RUN make
                FROM debian:12
                USER app:root
                """, note: "root group only; the builder's root USER is DL3002's concern"),
            .dockerfile("""
                FROM debian:12
                ARG APP_USER
                USER $APP_USER
                """, note: "unknown until build time"),
            .dockerfile("""
                FROM debian:12
                USER app
                RUN make install
                USER root
                """, note: "a literal root USER is EKS-DKR-3002's finding (hadolint DL3002), not reported twice"),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get update
                """, lines: [1]),
            .dockerfile("""
                FROM node:20 AS build
                USER node
                FROM node:20-slim
                COPY --from=build /app /app
                """, lines: [3], note: "the builder's USER does not carry over to an unrelated stage"),
            .dockerfile("""
                FROM debian:12
                ARG RUN_AS=root
                USER ${RUN_AS}
                """, lines: [3]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        let dockerfile = subject.dockerfile
        guard let finalStage = dockerfile.finalStage else { return [] }
        for stage in dockerfile.finalStageAncestry {
            guard let user = stage.instructions.last(where: { $0.kind == .user }) else { continue }
            // A literal `USER root` is EKS-DKR-3002's finding (hadolint DL3002) on the same line: one
            // result per problem. This check adds what DL3002 cannot see: root reached through ARG/ENV.
            guard (user.user?.text ?? "").contains("$") else { return [] }
            let value = Self.expandedUser(user, in: dockerfile)
            let name = value.prefix { $0 != ":" }
            if !value.contains("$"), name == "root" || (!name.isEmpty && name.allSatisfy(\.isNumber) && Int(name) == 0) {
                findings.fail("USER \(value) makes the final stage run as root", at: user)
            }
            return findings.findings
        }
        let baseImage = dockerfile.finalStageAncestry.last?.resolvedImage
        if baseImage?.tag?.lowercased().contains("nonroot") == true { return [] }
        findings.fail("The final stage sets no USER, so the container runs as root (the base image's default user)", at: finalStage.fromInstruction)
        return findings.findings
    }

    /// The USER argument with ARG and ENV values in effect at that point expanded.
    static func expandedUser(_ user: Instruction, in dockerfile: Dockerfile) -> String {
        var environment = Environment(escape: dockerfile.escape)
        for instruction in dockerfile.instructions {
            if instruction.position == user.position { return environment.expand(user.user?.text ?? "") }
            environment.apply(instruction)
        }
        return user.user?.text ?? ""
    }
}
