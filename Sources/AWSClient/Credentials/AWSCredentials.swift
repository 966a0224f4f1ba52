import Foundation

/// An AWS access key pair, maybe with a session token. Printing it never shows a secret: the
/// description names the key ID's first four characters and where the credentials came from.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    public var expiration: Date?
    /// Which link of the chain produced these credentials, e.g. "environment" or "profile dev (assume role)".
    public var source: String

    public init(
        accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil,
        source: String
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    public var description: String {
        "credentials from \(source) (access key \(accessKeyID.prefix(4))…)"
    }

    public var debugDescription: String { description }
}
