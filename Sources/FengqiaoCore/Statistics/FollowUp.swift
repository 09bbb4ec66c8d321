import Foundation

// Who follows a procedure's cases up (ST-21: 谁受理谁回访 — those who open and handle the cases of
// a kind revisit them and take the party's ratings).

extension Procedure {
    /// The permissions of those who record revisits and ratings of its cases: the permissions that
    /// open them.
    public static var followUpPermissions: [Permission] { creation.permissions }
}

extension Actor {
    /// Throws `forbidden` unless the actor holds one of `permissions`.
    public func requireAny(_ permissions: [Permission]) throws(DomainError) {
        guard permissions.contains(where: can) else { throw DomainError.forbidden(permissions.first?.rawValue ?? "") }
    }
}
