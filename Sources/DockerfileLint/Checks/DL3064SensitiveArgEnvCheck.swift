import EKSGuardCore

/// hadolint DL3064: an `ARG` or `ENV` whose name suggests a secret.
struct DL3064SensitiveArgEnvCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3064",
        title: "Secret-like ARG or ENV name",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            Values of ENV are stored in the image config and values of ARG in its build history \
            (`docker history`), so a token passed that way is readable by anyone who can pull the image. \
            Like hadolint, this rule looks at names only: a name from hadolint's list of well-known \
            credential variables (AWS_SECRET_ACCESS_KEY, NPM_TOKEN, GITHUB_TOKEN, …), or one containing \
            api_key, client_key, password, private, secret, token or username, in any case; it also checks \
            `ONBUILD ARG` / `ONBUILD ENV`. The match is broad on purpose (`ARG USERNAME` is reported); waive a \
            harmless name with an ignore pragma. EKS-DKR-005 looks at the values (keys, tokens, copied \
            secret files) instead.
            """,
        remediation: "Pass secrets with RUN --mount=type=secret,id=… (docker build --secret) instead of ARG or ENV, and rotate any secret already baked into an image.",
        references: ["hadolint:DL3064", "trivy:AVD-DS-0031"],
        passing: [
            .dockerfile("""
                FROM debian:bullseye
                RUN foobar
                """),
            .dockerfile("""
                ARG foobar
                FROM debian:bullseye
                RUN foobar
                """),
            .dockerfile("""
                FROM debian:bullseye
                ENV foobar=barfoo
                RUN foobar
                """),
            .dockerfile("""
                FROM debian:bullseye
                RUN --mount=type=secret,id=npm_token,env=NPM_CONFIG_TOKEN npm ci
                """, note: "the secret never reaches ARG or ENV"),
            .dockerfile("""
                FROM debian:bullseye
                ONBUILD ENV APP_HOME=/app
                """),
        ],
        failing: [
            .dockerfile("""
                ARG AWS_ACCESS_KEY_ID
                FROM debian:bullseye
                RUN foobar
                """, lines: [1]),
            .dockerfile("""
                ARG openai_api_key
                FROM debian:bullseye
                RUN foobar
                """, lines: [1]),
            .dockerfile("""
                FROM debian:bullseye
                ENV AWS_ACCESS_KEY_ID=abcdefghijklmnopqrstuvwxyz
                RUN foobar
                """, lines: [2]),
            .dockerfile("""
                FROM debian:bullseye
                ENV APP_HOME=/app my_password=abcdefghijklmnopqrstuvwxyz
                """, lines: [2]),
            .dockerfile("""
                FROM debian:bullseye
                ARG VERSION=1 DB_SECRET
                """, lines: [2]),
            .dockerfile("""
                FROM debian:bullseye
                ONBUILD ARG GITHUB_TOKEN
                """, lines: [2]),
        ]
    )

    static let message = "Potentially sensitive data should not be used in the `ARG` or `ENV` commands"

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var out = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructions {
            let checked = instruction.trigger ?? instruction
            var names = checked.arg?.declarations.map(\.name) ?? []
            if checked.kind == .env { names += checked.keyValues?.pairs.map(\.key) ?? [] }
            if names.contains(where: Self.isSensitive) { out.fail(Self.message, at: instruction) }
        }
        return out.findings
    }

    static func isSensitive(_ name: String) -> Bool {
        let lower = name.lowercased()
        return knownNames.contains(name.uppercased()) || fragments.contains { lower.contains($0) }
    }

    /// Name fragments that mark a variable as holding a credential.
    static let fragments = ["api_key", "client_key", "password", "private", "secret", "token", "username"]

    /// Well-known credential variables of CI systems and cloud tools, as hadolint lists them.
    static let knownNames: Set<String> = [
        "ACCESS_TOKEN", "APPLICATION_KEY", "APP_SECRET", "AUTH_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
        "BITTREX_API_KEY", "BITTREX_API_SECRET", "CF_PASSWORD", "CF_USERNAME", "CIRCLE_TOKEN", "CI_DEPLOY_PASSWORD",
        "CI_DEPLOY_USER", "DOCKERHUB_PASSWORD", "DOCKER_EMAIL", "DOCKER_PASSWORD", "DOCKER_USERNAME",
        "FACEBOOK_ACCESS_TOKEN", "FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET", "FIREBASE_API_TOKEN", "FIREBASE_TOKEN",
        "FOSSA_API_KEY", "GH_ENTERPRISE_TOKEN", "GH_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GITHUB_TOKEN", "HEROKU_API_KEY",
        "HEROKU_API_USER", "NPM_AUTH_TOKEN", "NPM_TOKEN", "OKTA_AUTHN_GROUPID", "OKTA_CLIENT_ORGURL", "OKTA_CLIENT_TOKEN",
        "OKTA_OAUTH2_CLIENTID", "OKTA_OAUTH2_CLIENTSECRET", "OPENAI_API_KEY", "OS_PASSWORD", "OS_USERNAME",
        "POSTGRES_PASSWORD", "SLACK_TOKEN", "STRIPE_API_KEY", "STRIPE_DEVICE_NAME", "TRAVIS_OS_NAME",
        "TRAVIS_SECURE_ENV_VARS", "TRAVIS_SUDO", "VAULT_CLIENT_KEY", "VAULT_TOKEN",
    ]
}
