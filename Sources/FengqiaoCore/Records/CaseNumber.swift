import Foundation

/// PLT-17: every case of every module has a number `{unit code}-{module code}-{year}-{serial}`, the
/// serial zero-padded to 4 digits and wider when needed — `ZC-IV-2025-0012` — unique and never
/// reused. Documents carry their own 文号 (DOC-10).
public struct CaseNumber: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let unitCode: String
    public let moduleCode: String
    public let year: Int
    public let serial: Int

    public init(unitCode: String, moduleCode: String, year: Int, serial: Int) {
        self.unitCode = unitCode
        self.moduleCode = moduleCode
        self.year = year
        self.serial = serial
    }

    /// The serial sequence of a module: one per unit, module and year.
    public static func sequence(moduleCode: String) -> String { "case:\(moduleCode)" }

    public var formatted: String {
        let digits = String(serial)
        return "\(unitCode)-\(moduleCode)-\(year)-\(String(repeating: "0", count: max(0, 4 - digits.count)))\(digits)"
    }

    public var description: String { formatted }

    /// Reads a formatted number back; nil when it is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, !parts[0].isEmpty, !parts[1].isEmpty, let year = Int(parts[2]), parts[2].count == 4,
              parts[3].count >= 4, let serial = Int(parts[3]), serial > 0 else { return nil }
        self.init(unitCode: parts[0], moduleCode: parts[1], year: year, serial: serial)
    }
}
