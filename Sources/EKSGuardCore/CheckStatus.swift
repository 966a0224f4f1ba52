/// The outcome of one check on one resource. Missing data is `error`, never `pass`.
public enum CheckStatus: String, CaseIterable, Codable, Sendable {
    case pass, fail, error, notApplicable, waived
}
