import EKSGuardCore

/// hadolint DL3062: `go install`, `go get` and `go run` of a module without a pinned version.
struct DL3062GoPinCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3062",
        title: "Unpinned go install",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            `go install example.com/tool` (or `@latest`) builds whatever the module's newest version is on the \
            day of the build, so two builds of one Dockerfile differ and a compromised release goes straight \
            in. A version after `@` (`@v1.2.3`, a commit) pins it; `@latest` and `@none` do not. Local \
            packages (`.`, `./cmd/app`, `/src/app`) need no version. For `go run` only the package (the first \
            word after `run`) is checked, later words being the program's arguments. Unlike hadolint, the \
            value of a build flag (`-tags netgo`, `-ldflags …`) is not taken for a package, a `.go` file \
            (`go run main.go`) counts as local, and `go run` in one command does not hide `go install` in \
            another; it also sees `sudo go …`, `/usr/local/go/bin/go` and `sh -c '…'`, and `ONBUILD RUN`.
            """,
        remediation: "Add the version to the package: go install example.com/tool@v1.2.3.",
        references: ["hadolint:DL3062"],
        passing: [
            .dockerfile("""
                FROM golang:1.22
                RUN go install example.com/pkg@v1.2.3
                """),
            .dockerfile("""
                FROM golang:1.22
                RUN go get example.com/pkg@v1.2.3 && go install ./cmd/app
                """),
            .dockerfile("""
                FROM golang:1.22
                RUN go run example.com/pkg@v1.2.3 --foo bar
                """),
            .dockerfile("""
                FROM golang:1.22
                RUN go run main.go generate && go build -o /app .
                """),
            .dockerfile("""
                FROM golang:1.22
                RUN go install -tags netgo -ldflags "-s -w" example.com/tool@v0.4.1
                """),
            .dockerfile("""
                FROM golang:1.22
                RUN go install
                """),
            .dockerfile("""
                FROM golang:1.22
                ONBUILD RUN go install example.com/pkg@v1.2.3
                """),
        ],
        failing: [
            .dockerfile("""
                FROM golang:1.22
                RUN go install example.com/pkg
                """, lines: [2]),
            .dockerfile("""
                FROM golang:1.22
                RUN go install example.com/pkg@latest
                """, lines: [2]),
            .dockerfile("""
                FROM golang:1.22
                RUN go get example.com/pkg
                """, lines: [2]),
            .dockerfile("""
                FROM golang:1.22
                RUN go get -tool foobar
                """, lines: [2]),
            .dockerfile("""
                FROM golang:1.22
                RUN go run example.com/pkg@latest
                """, lines: [2]),
            .dockerfile("""
                FROM golang:1.22
                ONBUILD RUN go install example.com/pkg
                """, lines: [2]),
            .dockerfile("""
                FROM golang:1.22
                RUN <<EOF
                go mod download
                go install golang.org/x/tools/cmd/goimports
                EOF
                """, lines: [2]),
            .dockerfile("""
                FROM golang:1.22
                RUN go run ./cmd/gen && go install example.com/tool
                """, lines: [2]),
        ]
    )

    static let message = "Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`"

    /// Build flags that take the next word as their value (`-tags netgo`); that word is not a package.
    /// Single-letter ones are left out: `positionalArguments` reads `-tags=netgo` as a cluster ending in `-o`.
    static let valueFlags: Set<String> = [
        "-tags", "-ldflags", "-gcflags", "-asmflags", "-gccgoflags", "-mod", "-modfile", "-overlay",
        "-pgo", "-pkgdir", "-toolexec", "-exec", "-buildmode", "-compiler", "-installsuffix",
    ]

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        guard subject.dockerfile.runsAny(of: ["go"]) else { return [] }
        var out = DockerfileFindings(subject)
        for site in subject.dockerfile.runs(includingTriggers: true)
        where site.commands.contains(where: { Self.packages(of: $0).contains { !Self.isPinned($0) } }) {
            out.fail(Self.message, at: site.instruction)
        }
        return out.findings
    }

    /// The packages a `go` command fetches: for `go run`, the word after `run`; for `go install` /
    /// `go get`, every operand.
    static func packages(of command: Command) -> [String] {
        guard command.is("go") else { return [] }
        let operands = command.positionalArguments(valueFlags: valueFlags).map(\.value)
        if command.hasArgument("run") {
            return operands.prefix(2).filter { $0 != "run" }
        }
        guard command.hasArgument("install") || command.hasArgument("get") else { return [] }
        return operands.filter { !["install", "get", "tool"].contains($0) }
    }

    static func isPinned(_ package: String) -> Bool {
        if package == "." || package.hasPrefix("/") || package.hasPrefix(".") || package.hasSuffix(".go") { return true }
        return package.contains("@") && !package.hasSuffix("@latest") && !package.hasSuffix("@none")
    }
}
