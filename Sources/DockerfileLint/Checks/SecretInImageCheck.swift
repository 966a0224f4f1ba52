import EKSGuardCore

/// EKS-DKR-005: secrets written into the Dockerfile or copied into the image.
struct SecretInImageCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-005",
        title: "Secret in Dockerfile or image",
        practice: .dockerfileLint,
        severity: .high,
        rationale: """
            Anything in ENV, ARG, LABEL or a RUN line is stored in the image config or its history \
            (`docker history`, `docker inspect`), and a copied key file stays in its layer even if a later \
            step deletes it; everyone who can pull the image, or read the Dockerfile in the repository, gets \
            the credential. Three things are reported: an ENV, ARG default or LABEL whose name ends like a \
            secret (PASSWORD, SECRET, TOKEN, API_KEY, ACCESS_KEY, PRIVATE_KEY, CREDENTIALS…) with a literal \
            value (not empty, not a $reference, not a switch like `true` or a placeholder like `dummy`, `changeit` or `xxxx`, not a /path to a secret file); a \
            value of a recognisable credential format anywhere in an instruction or heredoc (AWS access key \
            IDs, PEM private keys, GitHub, GitLab, Slack, npm, Google and Stripe tokens, JWTs); and COPY or \
            ADD of key and credential files (id_rsa and friends, *.pem and *.key except certificates and \
            public or GPG keys, key stores, .env, .npmrc, .pypirc, .netrc, .git-credentials, .aws/credentials, \
            .docker/config.json, .kube/config). Messages name the variable and the kind of credential, never \
            the value.
            """,
        remediation: "Remove the secret, rotate it, and pass it at build time with RUN --mount=type=secret (or at run time from a Kubernetes Secret or AWS Secrets Manager).",
        references: ["trivy:AVD-DS-0031", "CIS-Docker-1.6.0:4.10"],
        passing: [
            .dockerfile("""
                FROM node:20-slim
                ARG NPM_TOKEN
                ENV DB_PASSWORD_FILE=/run/secrets/db_password
                RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
                """),
            .dockerfile("""
                FROM python:3.12-slim
                ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D TOKEN_TTL=3600 DB_PASSWORD=${DB_PASSWORD} \\
                    SKIP_PASSWORD_CHECK=true SECRET_KEY_BASE=dummy KEYSTORE_PASSWORD=changeit
                """, note: "a key ID, a setting, a reference passed through, a switch, placeholders"),
            .dockerfile("""
                FROM debian:12
                COPY certs/ca.pem /usr/local/share/ca-certificates/ca.crt
                COPY nodesource.gpg.key .env.example id_rsa.pub /tmp/
                """),
            .dockerfile("""
                FROM debian:12
                LABEL org.opencontainers.image.description="Rotates API tokens"
                RUN echo "the access key is read from AWS_ACCESS_KEY_ID at run time"
                """),
        ],
        failing: [
            .dockerfile("""
                FROM postgres:16
                ENV POSTGRES_PASSWORD=hunter2
                """, lines: [2]),
            .dockerfile("""
                FROM node:20-slim
                ARG GITHUB_TOKEN=ghp_EXAMPLEexampleEXAMPLEexample00000000
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                LABEL build.origin="AKIAIOSFODNN7EXAMPLE"
                """, lines: [2], note: "a credential format, whatever the name"),
            .dockerfile("""
                FROM debian:12
                ENV apiKey s3cr3t-v@lue
                """, lines: [2]),
            .dockerfile("""
                FROM amazon/aws-cli:2.17.0
                RUN aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                RUN <<EOF
                curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJleGFtcGxlIn0.c2lnbmF0dXJlLWV4YW1wbGU" https://x.example
                EOF
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                COPY <<EOF /root/.ssh/id_rsa
                -----BEGIN RSA PRIVATE KEY-----
                MIIEexample
                -----END RSA PRIVATE KEY-----
                EOF
                """, lines: [2]),
            .dockerfile("""
                FROM debian:12
                COPY id_rsa /root/.ssh/id_rsa
                ADD .npmrc /app/
                COPY --from=build /root/.aws/credentials /root/.aws/credentials
                COPY config/.env /app/.env
                COPY tls/server.key /etc/nginx/
                """, lines: [2, 3, 4, 5, 6]),
            .dockerfile("""
                FROM debian:12
                ONBUILD ENV SLACK_WEBHOOK_SECRET=abc123
                ONBUILD COPY id_ed25519 /root/.ssh/
                """, lines: [2, 3]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        var findings = DockerfileFindings(subject)
        for instruction in subject.dockerfile.instructions {
            let target = instruction.trigger ?? instruction
            switch target.kind {
            case .env, .arg, .label:
                for (name, value, raw) in target.declaredValues {
                    let kind = SecretDetection.credentialKinds(in: value).first
                    if SecretDetection.isSecretName(name), SecretDetection.isLiteralSecretValue(value, raw: raw) {
                        let format = kind.map { ", which looks like a \($0)" } ?? ""
                        findings.fail("\(target.keyword) \(name) sets a secret-like name to a literal value\(format)", at: instruction)
                    } else if let kind {
                        findings.fail("\(target.keyword) \(name) holds a literal \(kind)", at: instruction)
                    }
                }
                continue
            case .copy, .add:
                for source in target.copy?.sources ?? [] {
                    if let kind = SecretDetection.secretFileKind(source.text) {
                        findings.fail("\(target.keyword) puts \(source.text) (\(kind)) into the image", at: instruction)
                    }
                }
            default:
                break
            }
            // The instruction's text and its heredoc bodies, each kind reported once.
            var kinds = SecretDetection.credentialKinds(in: instruction.text)
            for heredoc in instruction.heredocs {
                kinds += SecretDetection.credentialKinds(in: heredoc.body).filter { !kinds.contains($0) }
            }
            for kind in kinds {
                findings.fail("\(target.keyword) contains a literal \(kind) (value not shown)", at: instruction)
            }
        }
        return findings.findings
    }
}
