import Foundation

/// PLT-33: what an API token may do. The vocabulary is `read` (safe requests only: GET, HEAD,
/// OPTIONS) and `write` (every request — reading and writing); the user's permissions and data
/// scope still apply on top. Tokens made before scopes were enforced carry `api`, read as `write`
/// so they keep working.
public enum TokenScope: String, Sendable, CaseIterable {
    case read
    case write

    /// The legacy scope written by earlier versions; treated as read and write.
    public static let legacy = "api"

    public var nameZH: String {
        switch self {
        case .read: "只读"
        case .write: "读写"
        }
    }

    /// Whether a token with `scopes` may make a request with `method`; an unknown scope grants nothing.
    public static func permits(_ scopes: [String], method: String) -> Bool {
        let granted = Set(scopes.map { $0 == legacy ? TokenScope.write.rawValue : $0 }.compactMap(TokenScope.init(rawValue:)))
        if granted.contains(.write) { return true }
        return granted.contains(.read) && ["GET", "HEAD", "OPTIONS"].contains(method.uppercased())
    }

    /// Parses a scope given on creation; nil for an unknown word.
    public static func parse(_ raw: String) -> TokenScope? {
        TokenScope(rawValue: raw.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
