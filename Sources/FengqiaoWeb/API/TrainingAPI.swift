import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

struct TrainingCourseDTO: Content {
    let id: UUID
    let unitId: UUID
    let kind: String
    let title: String
    let startsOn: String
    let endsOn: String
    let passMark: Int
    let grants: String?
    let validityMonths: Int?
    let assessed: Int
    let passed: Int
    /// Only for 岗前培训: whether the cohort reached 95 % (PLT-07).
    let meetsTarget: Bool?

    init(_ s: TrainingRepository.CourseSummary) {
        id = s.course.id
        unitId = s.course.unitID
        kind = s.course.kind.rawValue
        title = s.course.title
        startsOn = s.course.startsOn.iso
        endsOn = s.course.endsOn.iso
        passMark = s.course.passMark
        grants = s.course.grants
        validityMonths = s.course.validityMonths
        assessed = s.rate.assessed
        passed = s.rate.passed
        meetsTarget = s.course.kind == .prePost && s.rate.assessed > 0 ? s.rate.meetsTarget : nil
    }
}

/// A result as sent: scores 0–100 by component; `attended` false records an absence.
struct TrainingResultWriteDTO: Content {
    let userId: UUID?
    let attended: Bool?
    let written: Int?
    let mock: Int?
    let satisfaction: Int?
}

struct TrainingResultDTO: Content {
    let id: UUID
    let courseId: UUID
    let userId: UUID
    let attended: Bool
    let scores: [String: Int]
    /// The computed total, e.g. "84.0"; nil when absent.
    let total: String?
    let passed: Bool
    let assessedOn: String
    let qualification: String?
    let qualificationExpiresOn: String?

    init(_ r: TrainingRepository.ResultRecord) {
        id = r.id
        courseId = r.courseID
        userId = r.userID
        attended = r.assessment.attended
        scores = Dictionary(uniqueKeysWithValues: r.assessment.scores.map { ($0.key.rawValue, $0.value) })
        total = r.assessment.totalTenths == nil ? nil : r.assessment.totalText
        passed = r.assessment.passed
        assessedOn = r.assessedOn.iso
        qualification = r.granted?.kind
        qualificationExpiresOn = r.granted?.expiresOn?.iso
    }
}

/// PLT-07 over the API: the courses in the caller's scope, and recording one person's result (a
/// bad input is 422 problem+json with stable codes; another office's course or person is 404).
struct TrainingAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("training", "courses", use: courses).access(.anyOf([.trainingManage, .trainingRead]))
        routes.post("training", "courses", ":id", "results", use: record).access(.permission(.trainingManage), ["id": .trainingCourse])
    }

    func courses(_ req: Request) async throws -> [TrainingCourseDTO] {
        try await TrainingRepository(store: req.store).courses(actor: try req.actor()).map(TrainingCourseDTO.init)
    }

    func record(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.trainingManage)
        let dto = try req.content.decode(TrainingResultWriteDTO.self)
        guard let userID = dto.userId else {
            throw DomainError.invalid([FieldError(field: "userId", rule: "PLT-07", code: "training.person.required", messageZH: "请指定人员")])
        }
        let typed: [ScoreComponent: Int?] = [.written: dto.written, .mock: dto.mock, .satisfaction: dto.satisfaction]
        let scores = typed.compactMapValues { $0.map { String($0) } }
        let result = try await TrainingRepository(store: req.store).recordResult(courseID: try req.uuidParameter(), userID: userID,
                                                                                 input: TrainingResultInput(attended: dto.attended ?? true, scores: scores),
                                                                                 actor: actor, context: req.auditContext)
        return try await TrainingResultDTO(result).encodeResponse(status: .created, for: req)
    }
}
