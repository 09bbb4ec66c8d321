import Foundation

/// The registry's officers (complaints.md, EnforcementCase.officers): at least two, each active and
/// holding a valid 行政执法证 on the day they are named (处罚法 42; the qualification of PLT-02).
public enum EnforcementOfficers {
    /// The qualification kind of the 行政执法证.
    public static let certificate = "enforcement-certificate"

    public static func check(_ ids: [UUID], on day: LocalDate, context: ProcedureContext, field: String) -> [FieldError] {
        var v: [FieldError] = []
        let named = Array(Set(ids))
        if named.count < 2 {
            v.append(FieldError(field: field, rule: "CP-27", code: "enforcement.officers.too-few", messageZH: "须有至少2名执法人员"))
        }
        for id in named.sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let p = context.people[id], p.active else {
                v.append(FieldError(field: field, rule: "CP-27", code: "enforcement.officers.unknown", messageZH: "所选执法人员不存在或已停用"))
                continue
            }
            if !p.holds(certificate, on: day) {
                v.append(FieldError(field: field, rule: "PLT-02", code: "enforcement.officers.certificate",
                                    messageZH: "\(p.name)在\(day.chinese)没有有效的行政执法证，不能承办案件"))
            }
        }
        return v
    }

    /// The officers in a stable order, each once.
    public static func normalised(_ ids: [UUID]) -> [UUID] { Array(Set(ids)).sorted { $0.uuidString < $1.uuidString } }
}
