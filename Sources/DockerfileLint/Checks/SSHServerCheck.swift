import EKSGuardCore

/// EKS-DKR-006: the image exposes port 22 or installs an SSH server.
struct SSHServerCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-006",
        title: "SSH server in image",
        practice: .dockerfileLint,
        severity: .medium,
        rationale: """
            An SSH daemon in a container is a second way in that bypasses Kubernetes RBAC and audit logging, \
            needs keys or passwords managed inside the image, and is one more network service to patch; \
            `kubectl exec` or SSM cover debugging. Reported: EXPOSE of TCP port 22 (also in a range or \
            ONBUILD), and installing an SSH server package with apt, apk, yum/dnf/microdnf/tdnf or zypper \
            (openssh-server, dropbear, Debian's ssh metapackage, Alpine's openssh, which pulls in sshd), also \
            through sudo, `sh -c` and ONBUILD.
            """,
        remediation: "Remove the SSH server and EXPOSE 22; use kubectl exec, ephemeral debug containers or SSM Session Manager instead.",
        references: ["trivy:AVD-DS-0004", "checkov:CKV_DOCKER_1"],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get update && apt-get install -y --no-install-recommends openssh-client
                EXPOSE 8080 2222/udp
                """),
            .dockerfile("""
                FROM alpine:3.20
                RUN apk add --no-cache openssh-client git
                """),
            .dockerfile("""
                FROM fedora:40
                RUN dnf install -y openssh
                """, note: "on Fedora the openssh package holds no server"),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                EXPOSE 80 22
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                EXPOSE 20-25/tcp
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN apt-get update && apt-get install -y openssh-server=1:9.2p1-2 && mkdir /run/sshd
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                RUN apk add --no-cache openssh
                """, lines: [2]),
            .dockerfile("""
                FROM rockylinux:9
                RUN sudo dnf install -y openssh-server
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                ONBUILD RUN apt-get install -y dropbear
                ONBUILD EXPOSE 22
                """, lines: [2, 3]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                apt-get update
                apt-get install -y ssh
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructionsWithTriggers {
            if let expose = instruction.expose,
               expose.ports.contains(where: { $0.protocol == "tcp" && ($0.start ?? .max) <= 22 && 22 <= ($0.end ?? -1) }) {
                findings.fail("EXPOSE publishes port 22 (SSH)", at: instruction)
            }
            guard let run = instruction.run else { continue }
            let servers = run.script.commands.compactMap(PackageTransaction.init).filter(\.installs).flatMap { operation in
                operation.packages.compactMap { package in Self.serverPackages(operation.family).first { PackageTransaction.argument(package, names: $0) } }
            }
            if let server = servers.first {
                findings.fail("RUN installs an SSH server (\(server))", at: instruction)
            }
        }
        return findings.findings
    }

    /// SSH server packages per package family.
    static func serverPackages(_ family: PackageTransaction.Family) -> [String] {
        switch family {
        case .apt: ["openssh-server", "ssh", "dropbear", "dropbear-bin"]
        case .apk: ["openssh-server", "openssh", "dropbear"]
        case .rpm, .zypper: ["openssh-server", "dropbear"]
        }
    }
}
