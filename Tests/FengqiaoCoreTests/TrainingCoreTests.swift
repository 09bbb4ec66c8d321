@testable import FengqiaoCore
import Foundation
import Testing

/// PLT-07 training and assessment, PLT-02 the qualification a pass grants: pure rules.
@Suite("Training rules (PLT-07)")
struct TrainingCoreTests {
    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func course(_ kind: CourseKind, endsOn: String = "2025-09-30", passMark: Int = 80) -> TrainingCourse {
        TrainingCourse(id: UUID(), unitID: UUID(), kind: kind, title: "测试", startsOn: date("2025-09-24"), endsOn: date(endsOn), passMark: passMark,
               grants: kind.grantedQualification, validityMonths: kind.validityMonths)
    }

    static func scores(_ w: String?, _ m: String?, _ s: String?) -> TrainingResultInput {
        TrainingResultInput(attended: true, scores: [.written: w, .mock: m, .satisfaction: s].compactMapValues { $0 })
    }

    @Test("PLT-07 the 约谈师 total is written×0.4 + mock×0.4 + satisfaction×0.2, computed, against the course's pass mark")
    func weightedScore() throws {
        // act: 85, 80, 90 → 34 + 32 + 18 = 84.0
        let a = try TrainingAssessment.assess(Self.scores("85", "80", "90"), kind: .interviewerCertification, passMark: 80).get()
        // check
        #expect(a.totalTenths == 840 && a.totalText == "84.0" && a.passed)
        // the same scores fail a pass mark of 85, and 84.5 stays below 85 (no rounding up)
        #expect(try TrainingAssessment.assess(Self.scores("85", "80", "90"), kind: .interviewerCertification, passMark: 85).get().passed == false)
        let half = try TrainingAssessment.assess(Self.scores("86", "84", "84"), kind: .interviewerCertification, passMark: 85).get()
        #expect(half.totalText == "84.8" && !half.passed)
        // exactly on the mark passes
        #expect(try TrainingAssessment.assess(Self.scores("60", nil, nil), kind: .prePost, passMark: 60).get().passed)
        #expect(try TrainingAssessment.assess(Self.scores("59", nil, nil), kind: .prePost, passMark: 60).get().passed == false)
        // every component is required, 0–100 integers, all faults at once
        guard case let .failure(e) = TrainingAssessment.assess(Self.scores("85", "101", nil), kind: .interviewerCertification, passMark: 80) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(e.fields.map(\.code) == ["training.score.invalid", "training.score.required"])
        #expect(Set(e.fields.map(\.rule)) == ["PLT-07"])
        // an absence is recorded without scores and is a failed assessment
        let absent = try TrainingAssessment.assess(TrainingResultInput(attended: false, scores: [:]), kind: .prePost, passMark: 60).get()
        #expect(!absent.passed && absent.totalTenths == nil && absent.totalText == "缺考")
    }

    @Test("PLT-07 PLT-02 IV-12: 约谈师 passed 2025-09-30 grants `interviewer` valid through 2027-09-29; the interview assignment accepts him then, refuses him on 2027-09-30 and once revoked")
    func certificationGrantsInterviewer() throws {
        // setup: 张认证 passes the certification that ends Tue 2025-09-30
        let grant = try #require(QualificationGrant.of(Self.course(.interviewerCertification), passed: true))
        #expect(grant.kind == InterviewProcedure.interviewerQualification)
        #expect(grant.obtainedOn == Self.date("2025-09-30") && grant.expiresOn == Self.date("2027-09-29"))
        #expect(QualificationGrant.of(Self.course(.interviewerCertification), passed: false) == nil)
        #expect(QualificationGrant.of(Self.course(.topical), passed: true) == nil)
        #expect(QualificationGrant.of(Self.course(.prePost), passed: true) == QualificationGrant(kind: "training:pre-post", obtainedOn: Self.date("2025-09-30"), expiresOn: nil))
        let t = InterviewProcedureTests()
        func zhang(revoked: Bool = false) -> PersonFact {
            PersonFact(id: UUID(uuidString: "00000000-0000-0000-0000-00000000c0de")!, name: "张认证", unitID: InterviewProcedureTests.unit, qualifications: [
                QualificationFact(kind: grant.kind, obtainedOn: grant.obtainedOn, expiresOn: grant.expiresOn, revoked: revoked),
            ])
        }
        func assign(on day: String, person: PersonFact) -> Result<Outcome<InterviewFacts>, Refusal> {
            var people = InterviewProcedureTests.people
            people[person.id] = person
            let c = InterviewProcedureTests.kase("notice", InterviewProcedureTests.facts(verifiedBy: UUID()))
            return ProcedureEngine.perform(InterviewProcedure.self, "assign", on: c, input: ActionInput([
                "interviewers": [InterviewProcedureTests.wang.id.uuidString, person.id.uuidString], "tracker": [InterviewProcedureTests.li.id.uuidString],
            ]), context: InterviewProcedureTests.context(InterviewProcedureTests.actor(ShippedRoles.unitHead), today: day, people: people))
        }
        // act and check: valid from the day of the pass to the last day of the two years
        #expect(t.refused(assign(on: "2025-09-29", person: zhang()))?.violations.map(\.code) == ["interview.interviewer.unqualified"])
        #expect(t.outcome(assign(on: "2025-10-09", person: zhang())) != nil)
        #expect(t.outcome(assign(on: "2027-09-29", person: zhang())) != nil)
        #expect(t.refused(assign(on: "2027-09-30", person: zhang()))?.violations.map(\.code) == ["interview.interviewer.unqualified"])
        // revoked: refused even within the two years
        #expect(t.refused(assign(on: "2025-10-09", person: zhang(revoked: true)))?.violations.map(\.code) == ["interview.interviewer.unqualified"])
    }

    @Test("PLT-07 three consecutive failed assessments flag the officer, in date order; a pass in between resets the count")
    func threeFailures() {
        func o(_ iso: String, _ passed: Bool, _ at: Int64 = 0) -> FailureFlag.Outcome { FailureFlag.Outcome(on: Self.date(iso), passed: passed, recordedAt: at) }
        // fail 06-30, fail 07-31, pass 08-29, fail 09-30: the pass resets, two failures since
        let reset = [o("2025-09-30", false), o("2025-06-30", false), o("2025-08-29", true), o("2025-07-31", false)]
        #expect(FailureFlag.consecutiveFailures(reset) == 1 && !FailureFlag.flagged(reset))
        // three failures in a row, recorded out of order: flagged
        let three = [o("2025-09-30", false), o("2025-07-31", false), o("2025-06-30", true), o("2025-08-29", false)]
        #expect(FailureFlag.consecutiveFailures(three) == 3 && FailureFlag.flagged(three))
        // the latest is a pass: no longer flagged
        #expect(!FailureFlag.flagged(three + [o("2025-10-31", true)]))
        // two on the same day: the order they were recorded decides
        let sameDay = [o("2025-07-31", false), o("2025-08-29", false), o("2025-09-30", true, 1), o("2025-09-30", false, 2)]
        #expect(FailureFlag.consecutiveFailures(sameDay) == 1)
        #expect(!FailureFlag.flagged([o("2025-07-31", false), o("2025-08-29", false)]))
    }

    @Test("PLT-07 the pre-post cohort's pass rate against 95 %: 19 of 20 meets it, 18 of 19 does not")
    func cohortRate() {
        #expect(CohortPassRate(assessed: 20, passed: 19).meetsTarget && CohortPassRate(assessed: 20, passed: 19).percentText == "95.0%")
        #expect(!CohortPassRate(assessed: 19, passed: 18).meetsTarget && CohortPassRate(assessed: 19, passed: 18).percentText == "94.7%")
        #expect(!CohortPassRate(assessed: 0, passed: 0).meetsTarget)
    }

    @Test("PLT-03 PLT-07: the unit head organises training, the leaders read results and flags, officers and the administrators neither")
    func permissions() {
        #expect(ShippedRoles.unitHead.permissions.contains(.trainingManage))
        #expect(ShippedRoles.deputyLeader.permissions.contains(.trainingRead) && ShippedRoles.chiefLeader.permissions.contains(.trainingRead))
        for role in [ShippedRoles.officer, ShippedRoles.systemAdmin, ShippedRoles.securityAdmin, ShippedRoles.auditAdmin] {
            #expect(!role.permissions.contains(.trainingManage) && !role.permissions.contains(.trainingRead))
        }
        #expect(PermissionCatalogue.entry(.trainingManage)?.nameZH == "组织培训考核")
    }

    @Test("PLT-07 a course needs a kind, a title, dates in order and a pass mark of 1–100, every fault named with a stable code")
    func courseValidation() throws {
        guard case let .failure(e) = TrainingCourseInput(kind: "party", title: " ", startsOn: "2025-09-30", endsOn: "2025-09-24", passMark: "0").validated() else {
            Issue.record("expected a refusal")
            return
        }
        #expect(e.fields.map(\.code) == ["training.kind.invalid", "training.title.required", "training.ends.before", "training.pass-mark.invalid"])
        let ok = try TrainingCourseInput(kind: "pre-post", title: " 2025年新入职人员岗前培训 ", startsOn: "2025-09-24", endsOn: "2025-09-30", passMark: "").validated().get()
        #expect(ok.title == "2025年新入职人员岗前培训" && ok.passMark == TrainingCourseInput.defaultPassMark)
        // a month without the day: the month's last day
        #expect(Self.date("2024-02-29").adding(months: 24) == Self.date("2026-02-28"))
        #expect(Self.date("2025-09-30").adding(months: 24) == Self.date("2027-09-30"))
    }
}
