import EKSGuardCore

/// EKS-DKR-016: packages installed without signature verification.
struct UnsignedPackageCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-016",
        title: "Package signature checks disabled",
        practice: .dockerfileLint,
        severity: .medium,
        rationale: """
            Package signatures are what lets apt, apk and rpm install from plain-HTTP mirrors and caches \
            safely: with checks off, a tampered mirror, proxy or repository account installs arbitrary \
            binaries that run as root. Reported in RUN (also ONBUILD, `sh -c` and substitutions): apt-get/apt \
            --allow-unauthenticated, --allow-insecure-repositories and --force-yes; APT::Get::AllowUnauthenticated \
            or Acquire::AllowInsecureRepositories set true (as -o options or written to apt.conf.d); \
            `[trusted=yes]` or `allow-insecure=yes` in sources lists; yum/dnf/microdnf/tdnf --nogpgcheck; rpm \
            --nosignature, --nodigest, --nofiledigest and --noverify; zypper --no-gpg-checks and \
            --no-gpgcheck; apk --allow-untrusted; and gpgcheck=0 written into repository files, by RUN or \
            by a COPY heredoc (repo_gpgcheck=0 alone does not turn off package signatures and is not \
            reported).
            """,
        remediation: "Import the repository's signing key (apt keyring with signed-by=, rpm --import, /etc/apk/keys) and keep signature checks on.",
        references: [
            "checkov:CKV2_DOCKER_7", "checkov:CKV2_DOCKER_8", "checkov:CKV2_DOCKER_9", "checkov:CKV2_DOCKER_10",
            "checkov:CKV2_DOCKER_11",
        ],
        passing: [
            .dockerfile("""
                FROM debian:12
                RUN curl -fsSL https://repo.example/key.gpg | gpg --dearmor -o /usr/share/keyrings/example.gpg \\
                    && echo "deb [signed-by=/usr/share/keyrings/example.gpg] https://repo.example stable main" > /etc/apt/sources.list.d/example.list \\
                    && apt-get update && apt-get install -y --no-install-recommends example=1.0
                """),
            .dockerfile("""
                FROM rockylinux:9
                COPY <<EOF /etc/yum.repos.d/internal.repo
                [internal]
                baseurl=https://repo.internal/el9
                gpgcheck=1
                repo_gpgcheck=0
                EOF
                RUN rpm --import https://repo.internal/RPM-GPG-KEY && dnf install -y app-1.0
                """),
            .dockerfile("""
                FROM alpine:3.20
                RUN apk add --no-cache ca-certificates
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN apt-get update && apt-get install -y --allow-unauthenticated example
                """, lines: [2]),
            .dockerfile("""
                FROM alpine:3.20
                RUN apk add --allow-untrusted /tmp/app.apk
                """, lines: [2]),
            .dockerfile("""
                FROM rockylinux:9
                RUN dnf install -y --nogpgcheck https://repo.example/app.rpm && rpm -ivh --nosignature /tmp/b.rpm
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN echo "deb [trusted=yes] http://repo.example/ ./" > /etc/apt/sources.list.d/example.list
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y example
                """, lines: [2]),
            .dockerfile("""
                FROM centos:7
                RUN sed -i 's/gpgcheck=1/gpgcheck=0/' /etc/yum.conf
                """, lines: [2]),
            .dockerfile("""
                FROM rockylinux:9
                COPY <<EOF /etc/yum.repos.d/internal.repo
                [internal]
                baseurl=https://repo.internal/el9
                gpgcheck=0
                EOF
                """, lines: [2]),
            .dockerfile("""
                FROM opensuse/leap:15.6
                ONBUILD RUN zypper --no-gpg-checks install -y app
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                echo 'APT::Get::AllowUnauthenticated "true";' > /etc/apt/apt.conf.d/99insecure
                apt-get update
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructionsWithTriggers {
            var reasons: [String] = []
            if let run = instruction.run {
                for command in run.script.commands {
                    reasons += Self.optionBypasses(command) + command.carriedTexts.flatMap(Self.settingBypasses)
                }
            } else if let copy = instruction.copy {
                reasons = copy.heredocSources.map(\.body).flatMap(Self.settingBypasses)
            }
            var reported: Set<String> = []
            for reason in reasons where reported.insert(reason).inserted {
                findings.fail("\(instruction.keyword) installs packages without signature checks: \(reason)", at: instruction)
            }
        }
        return findings.findings
    }

    /// Package-manager options that skip signature checks.
    static func optionBypasses(_ command: Command) -> [String] {
        let name = command.baseName ?? ""
        let options: [String]
        switch name {
        case "apt-get", "apt", "aptitude": options = ["--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"]
        case "yum", "dnf", "dnf5", "microdnf", "tdnf": options = ["--nogpgcheck"]
        case "rpm": options = ["--nogpgcheck", "--nosignature", "--nodigest", "--nofiledigest", "--noverify"]
        case "zypper": options = ["--no-gpg-checks", "--no-gpgcheck"]
        case "apk": options = ["--allow-untrusted"]
        default: return []
        }
        return options.filter(command.hasFlag).map { "\(name) \($0)" }
    }

    /// Settings in option words, shell text or repository files that skip signature checks.
    static func settingBypasses(_ text: String) -> [String] {
        guard let config = SettingText(text) else { return [] }
        var reasons: [String] = []
        if config.disables("gpgcheck") { reasons.append("gpgcheck=0") }
        if config.enables("allowunauthenticated") { reasons.append("APT::Get::AllowUnauthenticated") }
        if config.enables("allowinsecurerepositories") { reasons.append("Acquire::AllowInsecureRepositories") }
        if config.enables("trusted") { reasons.append("[trusted=yes] repository") }
        if config.enables("allow-insecure") { reasons.append("[allow-insecure=yes] repository") }
        return reasons
    }
}
