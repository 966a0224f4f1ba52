import EKSGuardCore

/// EKS-DKR-015: TLS certificate verification switched off for downloads or package managers.
struct TLSVerificationDisabledCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-015",
        title: "TLS certificate verification disabled",
        practice: .dockerfileLint,
        severity: .medium,
        rationale: """
            Without certificate verification, anyone on the network path of the build (a proxy, a \
            compromised CI runner network, DNS spoofing) can serve their own packages, scripts and \
            binaries, which then run as root in the image; set in ENV, the switch also weakens every HTTPS \
            call the application makes at run time. Reported in RUN (also ONBUILD, `sh -c` and substitutions): \
            curl -k/--insecure/--proxy-insecure/--doh-insecure, wget --no-check-certificate, pip \
            --trusted-host and `pip config set …trusted-host`, uv --allow-insecure-host, `npm|yarn|pnpm config \
            set strict-ssl false` and --strict-ssl=false, yarn's enableStrictSsl false, `git config \
            http.sslVerify false` and `git -c http.sslVerify=false`, yum/dnf sslverify=0 (options or repo files \
            written by the RUN), apt Acquire::https::Verify-Peer false; and in ENV, ARG defaults or RUN \
            assignments: NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0, NPM_CONFIG_STRICT_SSL=false, any \
            PIP_TRUSTED_HOST or GOINSECURE, GOFLAGS with -insecure, and GIT_SSL_NO_VERIFY with any value, since \
            git disables verification whenever the variable is set, even to 0 or false. HEALTHCHECK and CMD \
            are not checked: `curl -k https://localhost` against the container's own self-signed endpoint is \
            a common, harmless probe.
            """,
        remediation: "Remove the switch and trust the right CA instead: add the corporate or private CA to the image's trust store (update-ca-certificates), or point the tool at it (curl --cacert, pip --cert, npm cafile, GIT_SSL_CAINFO).",
        references: [
            "checkov:CKV2_DOCKER_2", "checkov:CKV2_DOCKER_3", "checkov:CKV2_DOCKER_4", "checkov:CKV2_DOCKER_5",
            "checkov:CKV2_DOCKER_6", "checkov:CKV2_DOCKER_12", "checkov:CKV2_DOCKER_13", "checkov:CKV2_DOCKER_14",
            "checkov:CKV2_DOCKER_15", "checkov:CKV2_DOCKER_16", "checkov:CKV2_DOCKER_18",
        ],
        passing: [
            .dockerfile("""
                FROM debian:12
                COPY corp-ca.crt /usr/local/share/ca-certificates/
                RUN update-ca-certificates && curl -fsSL --cacert /etc/ssl/certs/ca-certificates.crt https://x.example/a -o /a
                ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PIP_TRUSTED_HOST=
                """),
            .dockerfile("""
                FROM nginx:1.27
                HEALTHCHECK CMD curl -kfs https://localhost/healthz || exit 1
                """),
            .dockerfile("""
                FROM rockylinux:9
                RUN dnf install -y --setopt=install_weak_deps=False git && git config --global http.sslVerify true
                RUN echo "repo_gpgcheck=0" >> /etc/yum.repos.d/x.repo
                """),
        ],
        failing: [
            .dockerfile("""
                FROM debian:12
                RUN curl -fsSLk https://x.example/a -o /a
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN wget --no-check-certificate https://x.example/a
                """, lines: [2]),
            .dockerfile("""
                FROM python:3.12-slim
                RUN pip install --trusted-host pypi.internal --index-url http://pypi.internal/simple app==1.0
                """, lines: [2]),
            .dockerfile("""
                FROM node:20-slim
                ENV NODE_TLS_REJECT_UNAUTHORIZED=0
                """, lines: [2]),
            .dockerfile("""
                FROM node:20-slim
                RUN npm config set strict-ssl false && yarn config set strict-ssl false
                """, lines: [2]),
            .dockerfile("""
                FROM alpine/git:2.45.2
                ARG GIT_SSL_NO_VERIFY=false
                RUN git config --global http.sslVerify false
                """, lines: [2, 3]),
            .dockerfile("""
                FROM golang:1.22
                RUN GOINSECURE=git.internal go mod download
                """, lines: [2]),
            .dockerfile("""
                FROM rockylinux:9
                RUN <<EOF
                cat > /etc/yum.repos.d/internal.repo <<'REPO'
                [internal]
                baseurl=https://repo.internal/el9
                sslverify=0
                REPO
                EOF
                """, lines: [2]),
            .dockerfile("""
                FROM python:3.12-slim
                ONBUILD RUN export PYTHONHTTPSVERIFY=0 && python fetch.py
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN sudo sh -c 'curl --insecure https://x.example/a -o /a'
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructionsWithTriggers {
            var reasons: [String] = []
            switch instruction.kind {
            case .env, .arg:
                reasons = instruction.declaredValues.compactMap { Self.environmentBypass($0.name, $0.value) }
            case .run:
                for command in instruction.run?.script.commands ?? [] {
                    reasons += command.exportedAssignments.compactMap { word in
                        word.assignmentName.flatMap { Self.environmentBypass($0, word.assignmentValue ?? "") }
                    }
                    reasons += Self.commandBypasses(command)
                }
            default:
                continue
            }
            var reported: Set<String> = []
            for reason in reasons where reported.insert(reason).inserted {
                findings.fail("\(instruction.keyword) disables TLS certificate verification: \(reason)", at: instruction)
            }
        }
        return findings.findings
    }

    /// Variables whose value turns verification off, described without echoing hosts.
    static func environmentBypass(_ name: String, _ value: String) -> String? {
        switch name {
        case "NODE_TLS_REJECT_UNAUTHORIZED" where value == "0": "NODE_TLS_REJECT_UNAUTHORIZED=0"
        case "PYTHONHTTPSVERIFY" where value == "0": "PYTHONHTTPSVERIFY=0"
        case "GIT_SSL_NO_VERIFY": "GIT_SSL_NO_VERIFY is set (git skips verification for any value)"
        case "PIP_TRUSTED_HOST" where !value.isEmpty: "PIP_TRUSTED_HOST"
        case "GOINSECURE" where !value.isEmpty: "GOINSECURE"
        case "GOFLAGS" where value.contains("-insecure"): "GOFLAGS=-insecure"
        case _ where name.lowercased() == "npm_config_strict_ssl" && SettingText.isFalse(value): "\(name)=false"
        default: nil
        }
    }

    /// Options and settings of one command that turn verification off.
    static func commandBypasses(_ command: Command) -> [String] {
        var reasons: [String] = []
        // Only the tools below read their arguments: most commands never pay for the copy.
        lazy var lowered = command.argumentValues.map { $0.lowercased() }
        /// `set KEY false` / `set KEY=false` (npm, yarn, pnpm, pip config).
        func sets(_ key: String, to isValue: (String) -> Bool) -> Bool {
            lowered.enumerated().contains { index, value in
                (value == key && index + 1 < lowered.count && isValue(lowered[index + 1]))
                    || (value.hasPrefix(key + "=") && isValue(String(value.dropFirst(key.count + 1))))
            }
        }
        switch command.baseName ?? "" {
        case "curl":
            if command.hasAnyFlag(["-k", "--insecure"]) { reasons.append("curl --insecure") }
            if command.hasAnyFlag(["--proxy-insecure", "--doh-insecure"]) { reasons.append("curl --proxy-insecure") }
        case "wget":
            if command.hasFlag("--no-check-certificate") { reasons.append("wget --no-check-certificate") }
        case "npm", "yarn", "pnpm":
            if sets("strict-ssl", to: SettingText.isFalse) || sets("--strict-ssl", to: SettingText.isFalse)
                || lowered.contains("--no-strict-ssl") || sets("enablestrictssl", to: SettingText.isFalse) {
                reasons.append("\(command.baseName ?? "npm") strict-ssl false")
            }
        case "git":
            let key = { (text: String) in text.hasPrefix("http.") && text.hasSuffix(".sslverify") }
            let configured = lowered.enumerated().contains { index, value in
                key(value) && index + 1 < lowered.count && SettingText.isFalse(lowered[index + 1])
            }
            let inline = zip(lowered, lowered.dropFirst()).contains { flag, setting in
                flag == "-c" && key(String(setting.prefix { $0 != "=" })) && SettingText.isFalse(String(setting.drop { $0 != "=" }.dropFirst()))
            }
            if configured || inline { reasons.append("git http.sslVerify false") }
        case "uv":
            if command.hasFlag("--allow-insecure-host") { reasons.append("uv --allow-insecure-host") }
        default:
            if command.runsPip, command.hasFlag("--trusted-host") || lowered.contains(where: { $0.hasSuffix("trusted-host") && $0.contains(".") }) {
                reasons.append("pip trusted-host")
            }
        }
        // Repository files and package-manager options; git's own key is handled above.
        for text in command.carriedTexts where !command.is("git") {
            guard let config = SettingText(text) else { continue }
            if config.disables("sslverify") { reasons.append("sslverify=0") }
            if config.contains("acquire::https"), config.disables("verify-peer") {
                reasons.append("apt Acquire::https::Verify-Peer false")
            }
        }
        return reasons
    }
}
