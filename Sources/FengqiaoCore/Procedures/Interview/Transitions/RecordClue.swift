import Foundation

extension InterviewProcedure {
    /// Step 1 (IV-01): the clue is recorded; verification is due in 3 working days and the interview
    /// should start within 15 (§5.3).
    public enum RecordClue: Creation {
        public typealias Facts = InterviewFacts

        static let party = TypedField<UUID>.party("partyID", "当事人")
        static let title = TypedField<String>.text("title", "案件名称", help: "例如：某某超市消防器材缺失", maxLength: InputLimits.titleCharacters)
        static let source = TypedField<ClueSource>.choice("source", "线索来源")
        static let description = TypedField<String>.textarea("description", "线索内容")
        static let discoveredOn = TypedField<LocalDate>.date("discoveredOn", "线索登记日期", required: false, help: "默认为今天")

        public static let spec = TransitionSpec("recordClue", "登记约谈线索", from: [], permissions: [.interviewHandle],
                                         fields: [party.spec, title.spec, source.spec, description.spec, discoveredOn.spec], rule: "IV-01")

        public struct Input: Sendable {
            let party: UUID
            let title: String
            let source: ClueSource
            let description: String
            let discoveredOn: LocalDate?
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let p = party(i), let t = title(i), let s = source(i), let d = description(i) else { return nil }
            return Input(party: p, title: t, source: s, description: d, discoveredOn: discoveredOn(i))
        }

        public static func check(_ input: Input, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if let on = input.discoveredOn, on > context.today {
                v.append(FieldError(field: discoveredOn.name, rule: "X-02", code: "interview.clue.future", messageZH: "线索登记日期不能晚于今天"))
            }
            if context.partyNames[input.party] == nil {
                v.append(FieldError(field: party.name, rule: "IV-01", code: "interview.party.unknown", messageZH: "当事人不存在或不在您的管辖范围内"))
            }
            return v
        }

        public static func create(_ input: Input, context: ProcedureContext) -> Opened<InterviewFacts> {
            let on = input.discoveredOn ?? context.today
            let facts = InterviewFacts(partyID: input.party, partyName: context.partyNames[input.party] ?? "",
                                       clue: .init(source: input.source, description: input.description, discoveredOn: on, recordedBy: context.actor.userID))
            // Step 2: verification within 3 working days of the clue; §5.3: the interview starts within 15.
            return Opened(title: input.title, partyIDs: [input.party], facts: facts,
                          clocks: [.start(step: "verification", on: on), .start(step: "startTimeliness", on: on)])
        }
    }
}
