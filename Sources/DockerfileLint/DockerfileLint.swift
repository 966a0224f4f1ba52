/// Dockerfile linting (practice 6): a Dockerfile parser with positions, shell awareness for RUN,
/// hadolint-compatible rules and security rules.
enum DockerfileLint {}
