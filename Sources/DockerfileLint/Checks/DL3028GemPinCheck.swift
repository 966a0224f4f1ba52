import EKSGuardCore

/// hadolint DL3028: `gem install` without versions.
struct DL3028GemPinCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3028",
        title: "gem install without versions",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            An unpinned `gem install` takes the newest release at build time, so builds are not \
            reproducible and a compromised release reaches the image at the next rebuild. As in \
            hadolint, `gem:version` and `-v`/`--version` count as pinned, `gem i` is checked like \
            `gem install`, words after `--` are build options, and `ONBUILD RUN` is checked too. Unlike \
            hadolint, the values of gem's value options (`--install-dir DIR`, `--source URL`, …) and a \
            `true`/`false` right after a long option (`--use-system-libraries true`) are not gems, and \
            gem run through `sudo`, `env` or `xargs`, or inside `sh -c '…'`, is seen as well.
            """,
        remediation: "Pin each gem: gem install bundler:2.5.11 (or gem install bundler -v 2.5.11).",
        references: ["hadolint:DL3028"],
        passing: [
            .dockerfile("""
                FROM ruby:3.3
                RUN gem i bundler:1 nokogiri:1.16.5
                RUN gem install bundler -v '2.0.1' && gem install rake --version='13.2.1'
                RUN gem install bundler:2.0.1 -- --use-system-libraries=true
                RUN gem install bundler:2.0.1 --use-system-libraries true
                RUN gem install --install-dir /opt/gems --no-document rails:7.1.3
                """),
        ],
        failing: [
            .dockerfile("""
                FROM ruby:3.3
                RUN gem install bundler
                """, lines: [2]),
            .dockerfile("""
                FROM ruby:3.3
                RUN gem i bundler:1 nokogiri
                """, lines: [2]),
            .dockerfile("""
                FROM ruby:3.3
                ONBUILD RUN gem install rails
                """, lines: [2]),
            .dockerfile("""
                FROM ruby:3.3
                RUN <<EOF
                gem update --system 3.5.11
                gem install --no-document bundler
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["gem"]) else { return [] }
        return subject.commandFindings(
            "Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`",
            includingTriggers: true
        ) { command in
            command.gemInstallGems?.contains { !PackagePin.gem($0.value) } ?? false
        }
    }
}
