import EKSGuardCore

/// hadolint DL3013: `pip install` without versions.
struct DL3013PipPinCheck: DockerfileCheck {
    static let metadata = CheckMetadata(
        id: "EKS-DKR-3013",
        title: "pip install without versions",
        practice: .dockerfileLint,
        severity: HadolintLevel.warning.severity,
        rationale: """
            An unpinned `pip install` takes the newest release at build time, so builds are not \
            reproducible and a compromised or broken upload lands in the image at the next rebuild. \
            As in hadolint, a package counts as pinned with a version specifier (`==`, `>=`, `~=`, `<`, \
            `!=`…), as a wheel or sdist file, a path or URL, or a VCS URL with `@ref`; installs from \
            `-r`/`--requirement` files, the project itself (`.`) or with `-c`/`--constraint` are not \
            checked; `pip*` (not `pipx` or `pipenv`) and `python* -m pip` are recognised; option values \
            such as `--index-url URL` are not packages; and `ONBUILD RUN` is checked too. Unlike \
            hadolint, the values of further pip options (`--timeout`, `--cache-dir`, `--retries`, …) \
            are not packages either, and pip run through `sudo`, `env` or `xargs`, or inside \
            `sh -c '…'`, is seen as well.
            """,
        remediation: "Pin each package (pip install requests==2.32.3), or install from a pinned requirements file (pip install -r requirements.txt).",
        references: ["hadolint:DL3013"],
        passing: [
            .dockerfile("""
                FROM python:3.12
                RUN pip install MySQL_python==1.2.2 'alabaster>=0.7' 'sphinx~=7.3' --no-cache-dir --user
                RUN pip3 install --build /opt/yamllint --target /opt/lib yamllint==1.20.0
                RUN pip install -r requirements.txt && pip install .
                RUN pip install mypkg.whl ./vendor/lib https://example.com/pkg-1.0.zip
                RUN pip install git+https://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext
                RUN pip install --index-url https://user:pass@example.com/simple --extra-index-url https://x.example.com foobar==1.0.0
                RUN pip install pykafka -c http://example.com/constraints.txt
                RUN python -m pip install example==1.2.2 && pipenv install black && pipx install ruff
                RUN pip install --timeout 60 requests==2.32.3
                """),
        ],
        failing: [
            .dockerfile("""
                FROM python:3.12
                RUN pip install MySQL_python
                """, lines: [2]),
            .dockerfile("""
                FROM python:3.12
                RUN python3 -m pip install --index-url https://example.com/simple example
                """, lines: [2]),
            .dockerfile("""
                FROM python:3.12
                RUN pip install git+https://github.com/rtfd/read-ext.git#egg=read-ext
                """, lines: [2]),
            .dockerfile("""
                FROM python:3.12
                ONBUILD RUN pip2 install requests
                """, lines: [2]),
            .dockerfile("""
                FROM python:3.12
                RUN <<EOF
                pip3 install --upgrade pip
                EOF
                """, lines: [2]),
        ]
    )

    func evaluate(_ subject: DockerfileSubject, in context: DockerfileContext) -> [Finding] {
        subject.commandFindings(
            "Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`",
            includingTriggers: true
        ) { command in
            guard let packages = command.pipInstallPackages, !command.pipInstallUsesFiles else { return false }
            return packages.contains { !PackagePin.pip($0.value) }
        }
    }
}
