import Testing
@testable import FengqiaoCore

private func day(_ iso: String) -> LocalDate {
    guard let d = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

@Suite("Time-limit rule sets (CAL-20…CAL-22)")
struct RuleSetTests {
    let book = RuleBook.shipped
    let cal = WorkCalendar.shipped

    @Test("CAL-22 the shipped sets: 行政约谈, 行政调解, 信访, 投诉举报 (two versions), 行政处罚")
    func shippedSets() {
        #expect(Set(book.sets.map(\.key)) == ["interview", "mediation", "petition", "complaint", "penalty"])
        #expect(book.versions(of: "complaint").map(\.label) == ["SAMR-20", "SAMR-121"])
        #expect(Set(book.sets.map(\.id)).count == book.sets.count)
    }

    @Test("CAL-20 every shipped rule is citable and its extension allowance names a permission")
    func rulesAreWellFormed() {
        for set in book.sets {
            #expect(!set.nameZH.isEmpty && !set.citation.isEmpty, "\(set.id)")
            for (step, rule) in set.rules {
                #expect(!rule.citation.isEmpty, "\(set.id).\(step)")
                #expect(!rule.startEvent.isEmpty, "\(set.id).\(step)")
                #expect(rule.count > 0, "\(set.id).\(step)")
                #expect((rule.maxExtension > 0) == (rule.extensionPermission != nil), "\(set.id).\(step)")
                if rule.unit == .hour { #expect(rule.roll == .none, "\(set.id).\(step): CAL-13 no rolling") }
                if rule.countsBack { #expect(rule.unit == .workday, "\(set.id).\(step)") }
            }
        }
    }

    @Test("CAL-22 行政约谈 carries every time limit of seed 003 §6.2 / interview.md", arguments: [
        ("verification", 3, PeriodUnit.workday), ("legalReview", 2, .workday), ("legalReviewMajor", 5, .workday),
        ("approval", 1, .workday), ("approvalMajor", 3, .workday), ("notice", 2, .workday),
        ("interview", 5, .workday), ("interviewUrgent", 24, .hour), ("rectification", 30, .day),
        ("rectificationReport", 3, .workday), ("inspection", 5, .workday), ("archiveElectronic", 10, .workday),
        ("archivePaper", 30, .workday), ("startTimeliness", 15, .workday), ("mediaResponse", 48, .hour),
        ("recordSubmission", 5, .workday),
    ])
    func interviewLimits(step: String, count: Int, unit: PeriodUnit) throws {
        let rule = try #require(ShippedRuleSets.interview.rule(step))
        #expect(rule.count == count)
        #expect(rule.unit == unit)
    }

    @Test("CAL-22 信访, 投诉举报 and 行政处罚 limits")
    func otherLimits() throws {
        let petition = ShippedRuleSets.petition
        #expect(petition.rule("acceptanceNotice").map { ($0.count, $0.unit) } ?? (0, .hour) == (15, .day))
        #expect(petition.rule("handling").map { ($0.count, $0.maxExtension) } ?? (0, 0) == (60, 30))
        for step in ["reviewRequest", "review", "reReviewRequest", "reReview"] {
            #expect(petition.rule(step).map { ($0.count, $0.unit) } ?? (0, .hour) == (30, .day), "\(step)")
        }
        for set in [ShippedRuleSets.complaintSAMR20, ShippedRuleSets.complaintSAMR121] {
            #expect(set.rule("acceptance").map { ($0.count, $0.unit) } ?? (0, .hour) == (7, .workday))
            #expect(set.rule("mediation").map { ($0.count, $0.unit) } ?? (0, .hour) == (45, .workday))
            #expect(set.rule("reporterNotice").map { ($0.count, $0.unit) } ?? (0, .hour) == (5, .workday))
        }
        let decision = try #require(ShippedRuleSets.penalty.rule("decision"))
        #expect((decision.count, decision.unit, decision.maxExtension) == (90, .day, 30))
    }

    @Test("CAL-21 complaints scenario 4: 2026-04-14 binds SAMR-20 (due 04-23); 2026-04-15 binds unconfirmed SAMR-121 (due 04-24)")
    func complaintBoundary() throws {
        let before = try #require(book.inForce("complaint", on: day("2026-04-14")))
        #expect(before.label == "SAMR-20")
        #expect(!before.isUnconfirmed)
        let acceptBefore = try #require(before.rule("acceptance"))
        #expect(acceptBefore.due(from: day("2026-04-14"), in: cal).date == day("2026-04-23"))

        let after = try #require(book.inForce("complaint", on: day("2026-04-15")))
        #expect(after.label == "SAMR-121")
        #expect(after.isUnconfirmed)
        let acceptAfter = try #require(after.rule("acceptance"))
        #expect(acceptAfter.due(from: day("2026-04-15"), in: cal).date == day("2026-04-24"))
    }

    @Test("CAL-21 no version is in force before the first effective date")
    func beforeFirstVersion() {
        #expect(book.inForce("petition", on: day("2022-04-30")) == nil)
        #expect(book.inForce("petition", on: day("2022-05-01"))?.label == "XF-2022")
        #expect(book.inForce("unknown", on: day("2025-01-01")) == nil)
    }

    @Test("CAL-20/CAL-21 drafts are never in force; retired versions still answer for their range; the higher version wins")
    func versionSelection() {
        // setup
        var v1 = ShippedRuleSets.interview
        v1.status = .retired
        v1.effectiveTo = day("2025-12-31")
        var v2 = ShippedRuleSets.interview
        v2.version = 2
        v2.effectiveFrom = day("2026-01-01")
        v2.rules["verification"]?.count = 5
        var draft = v2
        draft.version = 3
        draft.status = .draft
        var overlapping = v2
        overlapping.version = 4
        overlapping.effectiveFrom = day("2026-06-01")
        let book = RuleBook([v1, v2, draft, overlapping])
        // check
        #expect(book.inForce("interview", on: day("2025-12-31"))?.version == 1)
        #expect(book.inForce("interview", on: day("2026-01-01"))?.version == 2)
        #expect(book.inForce("interview", on: day("2026-06-01"))?.version == 4)
        #expect(book.inForce("interview", on: day("2026-01-01"))?.rule("verification")?.count == 5)
        #expect(book.versions(of: "interview").map(\.version) == [1, 2, 3, 4])
    }

    @Test("CAL-22 interview scenario 1 through the rule set: verification due 2025-10-11")
    func interviewScenarioViaRule() throws {
        let set = try #require(book.inForce("interview", on: day("2025-09-30")))
        let rule = try #require(set.rule("verification"))
        #expect(rule.due(from: day("2025-09-30"), in: cal) == DueDate(date: day("2025-10-11"), provisional: false))
        let report = try #require(set.rule("rectificationReport"))
        #expect(report.due(from: day("2025-10-10"), in: cal).date == day("2025-09-29"))
    }

    @Test("CAL-22 complaints scenario 6 through the rule set: penalty decision due 2026-01-19")
    func penaltyScenarioViaRule() throws {
        let set = try #require(book.inForce("penalty", on: day("2025-10-20")))
        let rule = try #require(set.rule("decision"))
        #expect(rule.due(from: day("2025-10-20"), in: cal).date == day("2026-01-19"))
    }
}
