import Foundation

/// The procedures the app runs (issue 12). Pages, the API, the OpenAPI document, the nav, the
/// worklists, the rule sets, the role catalogue, step names, qualification kinds and the template
/// catalogue are all derived from it; nothing outside a procedure's folder switches on a case type.
/// The app takes a registry at start-up, so a test can run with a procedure of its own.
public struct ProcedureRegistry: Sendable {
    public let procedures: [any Procedure.Type]
    /// Step key → Chinese name: the procedures' over the platform's, merged once.
    private let stepNamesZH: [String: String]

    /// A registry of `procedures`, in the order the UI lists them. Case types and path words must be
    /// unique: two procedures answering one path would be a programming error, caught at start.
    public init(_ procedures: [any Procedure.Type]) {
        precondition(Set(procedures.map { $0.caseType }).count == procedures.count, "ProcedureRegistry: duplicate case type")
        precondition(Set(procedures.map { $0.module.pathWord }).count == procedures.count, "ProcedureRegistry: duplicate path word")
        precondition(Set(procedures.map { $0.module.moduleCode }).count == procedures.count, "ProcedureRegistry: duplicate module code (PLT-17)")
        for p in procedures {
            for t in p.module.timedTransitions {
                precondition(p.transition(t.transition) != nil, "ProcedureRegistry: \(p.caseType) times an unknown transition \(t.transition) (CAL-43)")
            }
        }
        self.procedures = procedures
        stepNamesZH = StepNames.platform.merging(procedures.reduce(into: [:]) { out, p in out.merge(p.module.stepNames) { first, _ in first } }) { _, own in own }
    }

    /// The Chinese name of a step key of any rule set (CAL-22); an unknown key shows as itself.
    public func stepName(_ key: String) -> String { stepNamesZH[key] ?? key }

    /// The procedures the product ships, one line each.
    public static let shipped = ProcedureRegistry([
        InterviewProcedure.self,  // 行政约谈, interview.md
        ComplaintProcedure.self,  // 投诉（12315投诉举报的投诉件）, complaints.md
        ReportProcedure.self,  // 举报（12315投诉举报的举报件）, complaints.md
        InquiryProcedure.self,  // 咨询、建议及不适用件, complaints.md CP-25, CP-41
        EnforcementProcedure.self,  // 案件登记（行政处罚案件）, complaints.md CP-30…34
        MediationProcedure.self,  // 行政调解, mediation.md
    ])

    /// The same procedures and `more` after them.
    public func adding(_ more: [any Procedure.Type]) -> ProcedureRegistry { ProcedureRegistry(procedures + more) }

    public func procedure(caseType: String) -> (any Procedure.Type)? { procedures.first { $0.caseType == caseType } }
    public func procedure(pathWord: String) -> (any Procedure.Type)? { procedures.first { $0.module.pathWord == pathWord } }

    /// The Chinese name of a registered case type.
    public func nameZH(caseType: String) -> String? { procedure(caseType: caseType)?.nameZH }

    /// The Chinese name of a state of a registered case type.
    public func stateNameZH(caseType: String, state: String) -> String? {
        guard let p = procedure(caseType: caseType) else { return nil }
        return p.states.first { $0.key == state }?.nameZH
    }

    /// Every procedure's rule sets (CAL-22).
    public var ruleSets: [RuleSet] { procedures.flatMap { $0.module.ruleSets } }
    /// Every procedure's step names.
    public var stepNames: [String: String] {
        procedures.reduce(into: [:]) { out, p in out.merge(p.module.stepNames) { first, _ in first } }
    }
    /// Every procedure's permissions, in registry order, each once.
    public var permissionEntries: [PermissionCatalogue.Entry] {
        var seen = Set<Permission>()
        return procedures.flatMap { $0.module.permissions }.filter { seen.insert($0.permission).inserted }
    }
    /// The roles the procedures ship, in registry order, each code once.
    public var roles: [Role] {
        var seen = Set<String>()
        return procedures.flatMap { $0.module.roles }.filter { seen.insert($0.code).inserted }
    }
    /// The permissions the procedures grant the shipped role `code`.
    public func grants(toRole code: String) -> Set<Permission> {
        procedures.reduce(into: []) { $0.formUnion($1.module.roleGrants[code] ?? []) }
    }
    /// Every procedure's qualification kinds, each once.
    public var qualificationKinds: [QualificationKind] {
        var seen = Set<String>()
        return procedures.flatMap { $0.module.qualificationKinds }.filter { seen.insert($0.code).inserted }
    }
    /// The qualification a pass of `course` grants, as the first procedure declaring it says (PLT-07).
    public func qualification(grantedBy course: CourseKind) -> String? {
        procedures.lazy.compactMap { $0.module.courseQualifications[course] }.first
    }
    /// Every procedure's templates, version 1 as shipped (DOC-03).
    public var templates: [DocumentTemplate] { procedures.flatMap { $0.module.templates } }
    /// Sample values for a template of any registered procedure.
    public func sampleValues(template code: String) -> [String: String] {
        guard let p = procedures.first(where: { $0.module.templates.contains { $0.code == code } }) else { return [:] }
        return p.module.sampleValues(code)
    }
    /// Whether the clock of `step` under rule set `ruleSet` (`key` or `key@version`) only measures an
    /// indicator (`ProcedureModule.measureSteps`): no reminders, cards or worklist order.
    public func measures(ruleSet: String, step: String) -> Bool {
        let key = ruleSet.split(separator: "@").first.map(String.init) ?? ruleSet
        return procedures.contains { $0.ruleSetKey == key && $0.module.measureSteps.contains(step) }
    }

    /// The reminders of clock `step` on a case of `caseType` (complaints.md "Reminders and escalations").
    public func reminders(caseType: String, step: String) -> StepReminders {
        procedure(caseType: caseType)?.module.reminders[step] ?? .standard
    }
    /// The farthest any procedure reminds ahead of a due date, as a date from `today` (the reminder
    /// pass reads the clocks due by then).
    public func reminderHorizon(from today: LocalDate, calendar: WorkCalendar, warningWorkdays: Int) -> LocalDate {
        let leads = procedures.flatMap { $0.module.reminders.values.flatMap(\.leads) }
        return ([ReminderLead.workdays(warningWorkdays)] + leads)
            .map { $0.unit == .workday ? calendar.due(from: today, count: $0.count, unit: .workday).date : today.adding(days: $0.count) }
            .max() ?? today
    }

    /// Whether a registered procedure declares a capability: the web serves a capability's pages by
    /// this, never by naming a case type.
    public func declares(_ capability: ProcedureCapabilities) -> Bool { !with(capability).isEmpty }

    /// The procedures with a capability.
    public func with(_ capability: ProcedureCapabilities) -> [any Procedure.Type] {
        procedures.filter { $0.module.capabilities.contains(capability) }
    }
}
