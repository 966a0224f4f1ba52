/// Why an image, a layer or a file in it could not be read. Every case names the input it is about.
public enum ImageScanError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A file inside the image (package database, release file) is not in the format it claims.
    case malformed(path: String, reason: String)
    /// An archive, layout or layer is not usable as an image.
    case invalidImage(source: String, reason: String)
    /// A configured limit was reached: size, entry count, nesting.
    case limitExceeded(source: String, limit: String)
    /// Reading the input failed at the operating-system level.
    case unreadable(source: String, reason: String)

    public var description: String {
        switch self {
        case let .malformed(path, reason): return "\(path): \(reason)"
        case let .invalidImage(source, reason): return "\(source): \(reason)"
        case let .limitExceeded(source, limit): return "\(source): exceeds the limit of \(limit)"
        case let .unreadable(source, reason): return "\(source): \(reason)"
        }
    }
}
