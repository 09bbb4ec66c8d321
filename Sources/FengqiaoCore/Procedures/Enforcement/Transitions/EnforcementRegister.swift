import Foundation

extension EnforcementProcedure {
    /// Registry entry (complaints.md step 11, EnforcementCase): a case from an inspection, sampling, a
    /// complaint or report, an assignment or a transfer, with its party, category and summary. A case
    /// whose 立案 is already approved (a report's, CP-27) is registered filed: the 立案 date and the two
    /// officers start the 90-day decision clock (CP-30) from that day.
    public enum Register: Creation {
        public typealias Facts = EnforcementFacts

        static let source = TypedField<EnforcementSource>.choice("source", "案件来源")
        static let sourceRef = TypedField<String>.text("sourceRef", "来源编号", required: false, help: "举报件、检查记录、移送函等的编号", maxLength: 64)
        static let party = TypedField<UUID>.party("partyID", "当事人")
        static let category = TypedField<EnforcementCategory>.choice("category", "案件类别")
        static let violationCategory = TypedField<String>.category("violationCategory", "违法行为类别", required: false)
        static let summary = TypedField<String>.textarea("summary", "案情摘要")
        static let receivedOn = TypedField<LocalDate>.date("receivedOn", "发现或收到线索日期")
        static let filedOn = TypedField<LocalDate>.date("filedOn", "立案日期", required: false, help: "已经批准立案的填写；未立案的登记后办理立案")
        static let officers = TypedField<[UUID]>.users("officers", "承办执法人员", required: false, help: "立案时至少2名，均须持有效行政执法证")

        public static let spec = TransitionSpec("register", "案件登记", from: [], permissions: [.enforcementRegister],
                                                fields: [source.spec, sourceRef.spec, party.spec, category.spec, violationCategory.spec, summary.spec,
                                                         receivedOn.spec, filedOn.spec, officers.spec], rule: "CP-30")

        public struct Input: Sendable {
            let source: EnforcementSource
            let sourceRef: String?
            let party: UUID
            let category: EnforcementCategory
            let violationCategory: String?
            let summary: String
            let receivedOn: LocalDate
            let filedOn: LocalDate?
            let officers: [UUID]
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let s = source(i), let p = party(i), let c = category(i), let m = summary(i), let r = receivedOn(i) else { return nil }
            return Input(source: s, sourceRef: sourceRef(i), party: p, category: c, violationCategory: violationCategory(i), summary: m, receivedOn: r,
                         filedOn: filedOn(i), officers: officers(i) ?? [])
        }

        public static func check(_ input: Input, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if input.receivedOn > context.today {
                v.append(FieldError(field: receivedOn.name, rule: "X-02", code: "enforcement.received.future", messageZH: "发现或收到线索日期不能晚于今天"))
            }
            if context.partyNames[input.party] == nil {
                v.append(FieldError(field: party.name, rule: "CP-30", code: "enforcement.party.unknown", messageZH: "当事人不存在或不在您的管辖范围内"))
            }
            if let filed = input.filedOn {
                if filed > context.today {
                    v.append(FieldError(field: filedOn.name, rule: "X-02", code: "enforcement.filed.future", messageZH: "立案日期不能晚于今天"))
                }
                if filed < input.receivedOn {
                    v.append(FieldError(field: filedOn.name, rule: "CP-30", code: "enforcement.dates.order", messageZH: "立案日期不能早于发现或收到线索日期"))
                }
                v += EnforcementOfficers.check(input.officers, on: filed, context: context, field: officers.name)
            }
            return v
        }

        public static func create(_ input: Input, context: ProcedureContext) -> Opened<EnforcementFacts> {
            let name = context.partyNames[input.party] ?? ""
            var f = EnforcementFacts(source: input.source, sourceRef: input.sourceRef, partyID: input.party, partyName: name, summary: input.summary,
                                     category: input.category, violationCategory: input.violationCategory, receivedOn: input.receivedOn)
            var clocks: [ClockEffect] = []
            if let filed = input.filedOn {
                f.filing = .init(on: filed, procedure: .general, officers: EnforcementOfficers.normalised(input.officers), by: context.actor.userID)
                clocks = [.start(step: "decision", on: filed)]
            }
            return Opened(title: "\(name)涉嫌\(input.category.nameZH)违法案", partyIDs: [input.party], facts: f, clocks: clocks,
                          ruleDate: input.filedOn ?? input.receivedOn, state: input.filedOn == nil ? nil : "filed",
                          // Filed on a leader's approval: the officers handle it, not the approver.
                          handlerID: f.filing.flatMap { $0.officers.contains(context.actor.userID) ? context.actor.userID : input.officers.first })
        }
    }
}
