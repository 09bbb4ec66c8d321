import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// PLT-07: each unit's training — courses, one result per person per course, the qualification a pass
/// grants (written to `qualifications` in the same transaction, PLT-02) and its revocation. Kept by
/// holders of `training.manage`, read by holders of `training.read` (the leaders); everything is
/// filtered by the actor's units in this layer, so another office's course, result or person is
/// "not found" (X-05).
public struct TrainingRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    public struct CourseSummary: Sendable, Equatable {
        public let course: TrainingCourse
        public let unitName: String
        public let rate: CohortPassRate
    }

    public struct ResultRecord: Sendable, Equatable {
        public let id: UUID
        public let courseID: UUID
        public let courseTitle: String
        public let courseKind: CourseKind
        public let userID: UUID
        public let userName: String
        public let assessment: TrainingAssessment
        public let assessedOn: LocalDate
        /// The qualification the pass granted, with its last valid day.
        public let granted: QualificationGrant?
        public let qualificationID: UUID?
        public let revokedOn: LocalDate?
        public let revokeReason: String?
        public let recordedAt: Int64
    }

    /// An officer whose latest assessments are three or more failures (PLT-07) — for the leaders to decide.
    public struct Flag: Sendable, Equatable {
        public let userID: UUID
        public let name: String
        public let unitName: String
        public let consecutiveFailures: Int
        public let lastFailedOn: LocalDate
    }

    func requireReader(_ actor: Actor) throws {
        guard actor.can(.trainingManage) || actor.can(.trainingRead) else { throw DomainError.forbidden(Permission.trainingManage.rawValue) }
    }

    // MARK: courses

    /// A course of the actor's own unit; every fault named at once (X-06).
    public func createCourse(_ input: TrainingCourseInput, actor: Actor, context: AuditContext) async throws -> TrainingCourse {
        try actor.require(.trainingManage)
        let draft: TrainingCourse.Draft
        switch input.validated() {
        case let .success(d): draft = d
        case let .failure(e): throw e
        }
        let course = TrainingCourse(id: UUID(), unitID: actor.unitID, kind: draft.kind, title: draft.title, startsOn: draft.startsOn, endsOn: draft.endsOn,
                            passMark: draft.passMark, grants: draft.kind.grantedQualification(store.procedures), validityMonths: draft.kind.validityMonths)
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "training_courses")
                .columns("id", "unit_id", "kind", "title", "starts_on", "ends_on", "pass_mark", "grants", "validity_months", "created_by", "created_at")
                .values(SQLBind(course.id), SQLBind(course.unitID), SQLBind(course.kind.rawValue), SQLBind(course.title), SQLBind(course.startsOn.iso),
                        SQLBind(course.endsOn.iso), SQLBind(course.passMark), SQLBind(course.grants), SQLBind(course.validityMonths),
                        SQLBind(actor.userID), SQLBind(tx.now)).run()
            tx.record("training.course.create", "training_course", course.id.uuidString, changes: [
                "kind": .init(before: nil, after: course.kind.nameZH), "title": .init(before: nil, after: course.title),
                "dates": .init(before: nil, after: "\(course.startsOn.iso)…\(course.endsOn.iso)"), "passMark": .init(before: nil, after: "\(course.passMark)"),
            ])
        }
        return course
    }

    /// The courses of the actor's units, newest first, each with its pass rate.
    public func courses(actor: Actor) async throws -> [CourseSummary] {
        try requireReader(actor)
        var q = store.sql.select().columns("*").from("training_courses").orderBy("ends_on", .descending).orderBy("created_at", .descending)
        if let units = actor.visibleUnits {
            guard !units.isEmpty else { return [] }
            q = q.where("unit_id", .in, SQLBind.group(Array(units)))
        }
        let courses = try await q.all().map(Self.course)
        let names = Dictionary(uniqueKeysWithValues: try await OrganisationRepository(store: store).units().map { ($0.id, $0.name) })
        var rates: [UUID: (Int, Int)] = [:]
        if !courses.isEmpty {
            for r in try await store.sql.select().columns("course_id", "passed").from("training_results")
                .where("course_id", .in, SQLBind.group(courses.map(\.id))).all() {
                let id = try r.decode(column: "course_id", as: UUID.self), passed = try r.decode(column: "passed", as: Bool.self)
                rates[id, default: (0, 0)].0 += 1
                if passed { rates[id, default: (0, 0)].1 += 1 }
            }
        }
        return courses.map { CourseSummary(course: $0, unitName: names[$0.unitID] ?? "", rate: CohortPassRate(assessed: rates[$0.id]?.0 ?? 0, passed: rates[$0.id]?.1 ?? 0)) }
    }

    /// One course in the actor's scope, or nil (X-05).
    public func course(_ id: UUID, actor: Actor) async throws -> TrainingCourse? {
        try requireReader(actor)
        guard let row = try await store.sql.select().columns("*").from("training_courses").where("id", .equal, SQLBind(id)).first() else { return nil }
        let course = try Self.course(row)
        return actor.sees(unit: course.unitID) ? course : nil
    }

    static func course(_ r: any SQLRow) throws -> TrainingCourse {
        TrainingCourse(id: try r.decode(column: "id", as: UUID.self), unitID: try r.decode(column: "unit_id", as: UUID.self),
               kind: CourseKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .topical, title: try r.decode(column: "title", as: String.self),
               startsOn: LocalDate(iso: try r.decode(column: "starts_on", as: String.self))!, endsOn: LocalDate(iso: try r.decode(column: "ends_on", as: String.self))!,
               passMark: try r.decode(column: "pass_mark", as: Int.self), grants: try r.decode(column: "grants", as: String?.self),
               validityMonths: try r.decode(column: "validity_months", as: Int?.self))
    }

    // MARK: results

    /// Records one person's attendance and scores in a course of the actor's scope (PLT-07). A pass
    /// writes the course's qualification with its expiry in the same transaction (PLT-02). The person
    /// must be in the actor's units; another office's course or person is not found (X-05).
    public func recordResult(courseID: UUID, userID: UUID, input: TrainingResultInput, actor: Actor, context: AuditContext) async throws -> ResultRecord {
        try actor.require(.trainingManage)
        guard let course = try await course(courseID, actor: actor) else { throw DomainError.notFound }
        let org = OrganisationRepository(store: store)
        guard let user = try await org.user(id: userID), actor.sees(unit: user.unitID) else { throw DomainError.notFound }
        if course.endsOn > store.clock.todayInBeijing {
            throw DomainError.invalid([FieldError(field: "course", rule: "PLT-07", code: "training.result.early",
                                                  messageZH: "考核日期（\(course.endsOn.chinese)）未到，不能登记成绩")])
        }
        let assessment: TrainingAssessment
        switch TrainingAssessment.assess(input, kind: course.kind, passMark: course.passMark) {
        case let .success(a): assessment = a
        case let .failure(e): throw e
        }
        let grant = QualificationGrant.of(course, passed: assessment.passed)
        let issuer = try await org.units().first { $0.id == course.unitID }?.name ?? ""
        let id = UUID(), qualificationID = grant == nil ? nil : UUID()
        let now = try await store.write(context) { tx -> Int64 in
            let existing = try await tx.sql.select().column("id").from("training_results").where("course_id", .equal, SQLBind(courseID))
                .where("user_id", .equal, SQLBind(userID)).first()
            guard existing == nil else {
                throw DomainError(.conflict, code: "training.result.duplicate", messageZH: "\(user.name)在本次培训的成绩已登记", ruleID: "PLT-07",
                                  fields: [FieldError(field: "userId", rule: "PLT-07", code: "training.result.duplicate", messageZH: "该人员的成绩已登记")])
            }
            if let grant, let qualificationID {
                try await tx.sql.insert(into: "qualifications").columns("id", "user_id", "kind", "issuer", "obtained_on", "expires_on", "revoked", "created_at")
                    .values(SQLBind(qualificationID), SQLBind(userID), SQLBind(grant.kind), SQLBind("\(issuer)（\(course.title)）"), SQLBind(grant.obtainedOn.iso),
                            SQLBind(grant.expiresOn?.iso), SQLBind(false), SQLBind(tx.now)).run()
                tx.record("qualification.add", "user", userID.uuidString,
                          changes: ["qualification": .init(before: nil, after: "\(grant.kind) \(grant.obtainedOn.iso)…\(grant.expiresOn?.iso ?? "")")],
                          detail: "\(course.kind.nameZH)合格：\(course.title)")
            }
            try await tx.sql.insert(into: "training_results")
                .columns("id", "course_id", "user_id", "unit_id", "attended", "written", "mock", "satisfaction", "total_tenths", "passed", "assessed_on",
                         "qualification_id", "created_by", "created_at")
                .values(SQLBind(id), SQLBind(courseID), SQLBind(userID), SQLBind(course.unitID), SQLBind(assessment.attended),
                        SQLBind(assessment.scores[.written]), SQLBind(assessment.scores[.mock]), SQLBind(assessment.scores[.satisfaction]),
                        SQLBind(assessment.totalTenths), SQLBind(assessment.passed), SQLBind(course.endsOn.iso), SQLBind(qualificationID),
                        SQLBind(actor.userID), SQLBind(tx.now)).run()
            tx.record("training.result", "user", userID.uuidString, changes: [
                "course": .init(before: nil, after: course.title), "total": .init(before: nil, after: assessment.totalText),
                "result": .init(before: nil, after: assessment.passed ? "合格" : "不合格"),
            ])
            return tx.now
        }
        return ResultRecord(id: id, courseID: courseID, courseTitle: course.title, courseKind: course.kind, userID: userID, userName: user.name,
                            assessment: assessment, assessedOn: course.endsOn, granted: grant, qualificationID: qualificationID, revokedOn: nil,
                            revokeReason: nil, recordedAt: now)
    }

    /// Revokes the qualification a result granted, with the reason (PLT-07): the qualification is
    /// marked revoked, so the procedures refuse the officer from then on (PLT-02).
    public func revoke(resultID: UUID, reason: String, actor: Actor, context: AuditContext) async throws {
        try actor.require(.trainingManage)
        guard let result = try await results(where: ("id", resultID), actor: actor).first else { throw DomainError.notFound }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if result.qualificationID == nil || result.revokedOn != nil {
            errors.append(FieldError(field: "result", rule: "PLT-07", code: "training.revoke.nothing", messageZH: "该成绩没有可撤销的资格（未合格或已撤销）"))
        }
        if reason.isEmpty { errors.append(FieldError(field: "reason", rule: "PLT-07", code: "training.revoke.reason", messageZH: "请填写撤销理由")) }
        guard errors.isEmpty, let qualificationID = result.qualificationID else { throw DomainError.invalid(errors) }
        let today = store.clock.todayInBeijing
        try await store.write(context) { tx in
            try await tx.sql.update("qualifications").set("revoked", to: SQLBind(true)).where("id", .equal, SQLBind(qualificationID)).run()
            try await tx.sql.update("training_results").set("revoked_on", to: SQLBind(today.iso)).set("revoke_reason", to: SQLBind(reason))
                .where("id", .equal, SQLBind(resultID)).run()
            tx.record("qualification.revoke", "user", result.userID.uuidString, changes: [
                "qualification": .init(before: result.granted.map { "\($0.kind) \($0.obtainedOn.iso)…\($0.expiresOn?.iso ?? "")" }, after: "revoked"),
            ], detail: "撤销\(result.courseKind.nameZH)资格：\(reason)")
        }
    }

    /// The results of a course in the actor's scope, by name.
    public func results(courseID: UUID, actor: Actor) async throws -> [ResultRecord] {
        guard try await course(courseID, actor: actor) != nil else { throw DomainError.notFound }
        return try await results(where: ("course_id", courseID), actor: actor).sorted { $0.userName < $1.userName }
    }

    /// One result in the actor's scope, or nil (X-05).
    public func result(_ id: UUID, actor: Actor) async throws -> ResultRecord? {
        try await results(where: ("id", id), actor: actor).first
    }

    /// Every result of a person, in date order.
    public func results(userID: UUID, actor: Actor) async throws -> [ResultRecord] {
        try await results(where: ("user_id", userID), actor: actor)
    }

    /// Results matching one column, limited to courses of the actor's units.
    func results(where filter: (String, UUID)?, actor: Actor) async throws -> [ResultRecord] {
        try requireReader(actor)
        let own = ["id", "course_id", "user_id", "attended", "written", "mock", "satisfaction", "total_tenths", "passed", "assessed_on", "qualification_id",
                   "revoked_on", "revoke_reason", "created_at"].map { SQLColumn($0, table: "training_results") as any SQLExpression }
        var q = store.sql.select()
            .columns(own)
            .column(SQLColumn("title", table: "training_courses"), as: "course_title").column(SQLColumn("kind", table: "training_courses"), as: "course_kind")
            .column(SQLColumn("grants", table: "training_courses"), as: "course_grants")
            .column(SQLColumn("name", table: "users"), as: "user_name")
            .column(SQLColumn("expires_on", table: "qualifications"), as: "expires_on")
            .from("training_results")
            .join("training_courses", on: SQLColumn("course_id", table: "training_results"), .equal, SQLColumn("id", table: "training_courses"))
            .join("users", on: SQLColumn("user_id", table: "training_results"), .equal, SQLColumn("id", table: "users"))
            .join("qualifications", method: SQLJoinMethod.left, on: SQLColumn("qualification_id", table: "training_results"), .equal, SQLColumn("id", table: "qualifications"))
        if let filter { q = q.where(SQLColumn(filter.0, table: "training_results"), .equal, SQLBind(filter.1)) }
        if let units = actor.visibleUnits {
            guard !units.isEmpty else { return [] }
            q = q.where(SQLColumn("unit_id", table: "training_results"), .in, SQLBind.group(Array(units)))
        }
        let rows = try await q.orderBy(SQLColumn("assessed_on", table: "training_results")).orderBy(SQLColumn("created_at", table: "training_results")).all()
        return try rows.map { r in
            let kind = CourseKind(rawValue: try r.decode(column: "course_kind", as: String.self)) ?? .topical
            var scores: [ScoreComponent: Int] = [:]
            for c in ScoreComponent.allCases { if let v = try r.decode(column: c.rawValue, as: Int?.self) { scores[c] = v } }
            let passed = try r.decode(column: "passed", as: Bool.self)
            let on = LocalDate(iso: try r.decode(column: "assessed_on", as: String.self))!
            let qualificationID = try r.decode(column: "qualification_id", as: UUID?.self)
            let expires = try r.decode(column: "expires_on", as: String?.self).flatMap { LocalDate(iso: $0) }
            let grant = try r.decode(column: "course_grants", as: String?.self).flatMap { granted in
                qualificationID == nil ? nil : QualificationGrant(kind: granted, obtainedOn: on, expiresOn: expires)
            }
            return ResultRecord(id: try r.decode(column: "id", as: UUID.self), courseID: try r.decode(column: "course_id", as: UUID.self),
                                courseTitle: try r.decode(column: "course_title", as: String.self), courseKind: kind,
                                userID: try r.decode(column: "user_id", as: UUID.self), userName: try r.decode(column: "user_name", as: String.self),
                                assessment: TrainingAssessment(attended: try r.decode(column: "attended", as: Bool.self), scores: scores,
                                                       totalTenths: try r.decode(column: "total_tenths", as: Int?.self), passed: passed),
                                assessedOn: on, granted: grant, qualificationID: qualificationID,
                                revokedOn: try r.decode(column: "revoked_on", as: String?.self).flatMap { LocalDate(iso: $0) },
                                revokeReason: try r.decode(column: "revoke_reason", as: String?.self),
                                recordedAt: try r.decode(column: "created_at", as: Int64.self))
        }
    }

    // MARK: flags

    /// The officers of the actor's units whose latest three or more assessments failed (PLT-07),
    /// most failures first. The system only flags; moving anyone is the leaders' decision.
    public func flagged(actor: Actor) async throws -> [Flag] {
        let all = try await results(where: nil, actor: actor)
        let units = Dictionary(uniqueKeysWithValues: try await OrganisationRepository(store: store).units().map { ($0.id, $0.name) })
        var users: [UUID: UserRecord] = [:]
        var flags: [Flag] = []
        for (userID, results) in Dictionary(grouping: all, by: \.userID) {
            let outcomes = results.map { FailureFlag.Outcome(on: $0.assessedOn, passed: $0.assessment.passed, recordedAt: $0.recordedAt) }
            let run = FailureFlag.consecutiveFailures(outcomes)
            guard run >= FailureFlag.threshold, let last = outcomes.map(\.on).max() else { continue }
            if users[userID] == nil { users[userID] = try await OrganisationRepository(store: store).user(id: userID) }
            guard let user = users[userID], actor.sees(unit: user.unitID) else { continue }
            flags.append(Flag(userID: userID, name: user.name, unitName: units[user.unitID] ?? "", consecutiveFailures: run, lastFailedOn: last))
        }
        return flags.sorted { ($0.consecutiveFailures, $1.name) > ($1.consecutiveFailures, $0.name) }
    }
}
