import Foundation

// Moving a case to another unit inside a transition (issue 12 item 4): dispatch (分流、转办) to the
// unit that handles it, return (回流) to the unit it came from. The store applies the move in the
// transition's write: the case's unit, its running clocks and worklist entries and its scope follow.

/// A unit a transition names: by id (the unit a case came from, kept in the facts) or by code (a
/// unit chosen on the form).
public enum UnitReference: Sendable, Equatable {
    case id(UUID)
    case code(String)
}

/// A transition's move of the case to another unit.
public struct CaseMove: Sendable, Equatable {
    public let to: UnitReference
    /// The unit the case leaves keeps read access (its users may still open the case, never act on
    /// it); otherwise the case leaves its scope entirely.
    public let keepReadAccess: Bool
    /// The rule the move implements, cited in the audit trail.
    public let rule: String

    public init(to: UnitReference, keepReadAccess: Bool = false, rule: String) {
        self.to = to
        self.keepReadAccess = keepReadAccess
        self.rule = rule
    }
}
