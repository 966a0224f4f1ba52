import AWSClient
import ClusterSnapshot

/// What the collect command tells the user on standard error after a collection.
public enum CollectionSummary {
    /// Error codes that mean AWS did not accept the credentials at all (as opposed to one denied action).
    public static let rejectedCredentialCodes: Set<String> = [
        "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException",
        "UnrecognizedClientException", "InvalidAccessKeyId", "AuthFailure", "InvalidSignatureException",
    ]

    /// The error of sts:GetCallerIdentity when it says the credentials themselves were refused.
    public static func rejection(_ snapshot: ClusterSnapshot) -> RecordedError? {
        guard let error = snapshot.call("sts", "GetCallerIdentity")?.error, rejectedCredentialCodes.contains(error.code) else {
            return nil
        }
        return error
    }

    /// The lines after a collection with failed calls: which identity and credential source was
    /// denied which IAM actions, then how many calls failed. Empty when every call answered.
    public static func lines(_ snapshot: ClusterSnapshot, credentials: String) -> [String] {
        let failed = snapshot.failedCalls
        guard !failed.isEmpty else { return [] }
        var lines: [String] = []
        let denied = failed.filter { $0.error?.isAccessDenied == true }
        if !denied.isEmpty {
            lines.append("\(denied.count) call(s) were denied to \(snapshot.callerARN ?? "the caller") (\(credentials)); grant these IAM actions (README: minimal IAM policy):")
            lines += Set(denied.map(\.iamAction)).sorted().map { "  \($0)" }
        }
        let other = failed.filter { $0.error?.isAccessDenied != true }
        for call in other {
            lines.append("  \(call.iamAction) failed: \(call.error?.code ?? "")")
        }
        lines.append("the snapshot is incomplete: \(failed.count) of \(snapshot.calls.count) calls failed (recorded in the snapshot)")
        return lines
    }
}
