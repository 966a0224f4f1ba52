/// Why the Kubernetes input cannot be used at all: a kubeconfig that cannot be read or names
/// something missing or unsupported. The message names the file and key; it never holds a
/// credential's value.
package struct KubernetesClientError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
