import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A 专项行动 as the API shows it: its fields and counters, and what the registry gives it (cases, 罚没).
struct CampaignDTO: Content {
    let id: UUID
    let unitId: UUID
    let name: String
    let startsOn: String
    let endsOn: String
    let category: String
    let counters: [String: Int]
    let cases: Int

    init(id: UUID, unitID: UUID, _ c: Campaign, cases: Int) {
        self.id = id
        unitId = unitID
        name = c.name
        startsOn = c.startsOn.iso
        endsOn = c.endsOn.iso
        category = c.category.rawValue
        counters = Dictionary(uniqueKeysWithValues: Campaign.Counters.fields.map { ($0.name, c.counters[keyPath: $0.path]) })
        self.cases = cases
    }
}

struct CampaignCaseDTO: Content {
    let caseId: UUID
    let number: String
    let state: String
    let totalFen: Int
    let paidFen: Int
}

struct CampaignLinkDTO: Content {
    let caseId: String?
}

struct ServicePointDTO: Content {
    let id: UUID
    let unitId: UUID
    let kind: String
    let name: String
    let liaisonName: String
    let liaisonPhone: String
    let listedOn: String
}

struct ListingRateDTO: Content {
    let unitId: UUID
    let established: Int
    let target: Int
    /// 挂牌率 as a fraction; absent without a target (CP-40).
    let rate: Double?
}

struct ServicePointTargetDTO: Content {
    let unitId: UUID?
    let target: Int?
}

/// 专项行动 and service points over the API (complaints.md, Campaign, ServicePoint; CP-40), as the pages
/// do them. Body fields are JSON strings or numbers; refusals are 422 with stable codes.
struct CampaignAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("campaigns", use: list).access(.permission(.caseRead))
        routes.post("campaigns", use: create).access(.permission(.enforcementHandle))
        routes.get("campaigns", ":id", use: one).access(.permission(.caseRead), ["id": .campaign])
        routes.put("campaigns", ":id", use: update).access(.permission(.enforcementHandle), ["id": .campaign])
        routes.get("campaigns", ":id", "cases", use: cases).access(.permission(.caseRead), ["id": .campaign])
        routes.post("campaigns", ":id", "cases", use: link).access(.permission(.enforcementHandle), ["id": .campaign])
        routes.get("service-points", use: points).access(.permission(.caseRead))
        routes.post("service-points", use: createPoint).access(.permission(.complaintDispatch))
        routes.get("service-points", "rates", use: rates).access(.permission(.caseRead))
        routes.put("service-points", "targets", use: target).access(.permission(.complaintDispatch))
    }

    /// A JSON object's members as text (numbers written as they came), for the shared parsers.
    static func values(_ req: Request) throws -> [String: String] {
        guard let body = req.body.data, let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw DomainError.invalid([FieldError(field: "body", rule: "X-06", code: "body.invalid", messageZH: "请求体须为JSON对象")])
        }
        return object.compactMapValues { v in
            switch v {
            case let s as String: s
            case let n as NSNumber: n.stringValue
            default: nil
            }
        }
    }

    func repo(_ req: Request) -> CampaignRepository { CampaignRepository(store: req.store) }

    func dto(_ req: Request, _ id: UUID) async throws -> CampaignDTO {
        let actor = try req.actor()
        guard let (unit, c) = try await repo(req).find(id, actor: actor) else { throw DomainError.notFound }
        return CampaignDTO(id: id, unitID: unit, c, cases: try await repo(req).cases(id, actor: actor).count)
    }

    func list(_ req: Request) async throws -> [CampaignDTO] {
        try await repo(req).list(actor: try req.actor()).map { CampaignDTO(id: $0.id, unitID: $0.unitID, $0.campaign, cases: $0.cases) }
    }

    func create(_ req: Request) async throws -> Response {
        let id = try await repo(req).create(try Self.values(req), actor: try req.actor(), context: req.auditContext)
        return try await dto(req, id).encodeResponse(status: .created, for: req)
    }

    func one(_ req: Request) async throws -> CampaignDTO { try await dto(req, try req.uuidParameter()) }

    func update(_ req: Request) async throws -> CampaignDTO {
        let id = try req.uuidParameter()
        try await repo(req).update(id, try Self.values(req), actor: try req.actor(), context: req.auditContext)
        return try await dto(req, id)
    }

    func cases(_ req: Request) async throws -> [CampaignCaseDTO] {
        try await repo(req).cases(try req.uuidParameter(), actor: try req.actor()).map {
            CampaignCaseDTO(caseId: $0.id, number: $0.number, state: $0.state, totalFen: $0.facts.decision?.totalFen ?? 0, paidFen: $0.facts.paidFen)
        }
    }

    func link(_ req: Request) async throws -> [CampaignCaseDTO] {
        let actor = try req.actor()
        let dto = try req.content.decode(CampaignLinkDTO.self)
        guard let caseID = try await CaseRepository(store: req.store).id(numberOrID: dto.caseId ?? "", actor: actor) else {
            throw DomainError.invalid([FieldError(field: "caseId", rule: "X-05", code: "campaign.case.unknown", messageZH: "案件不存在或不在您的管辖范围内")])
        }
        try await repo(req).link(try req.uuidParameter(), caseID: caseID, actor: actor, context: req.auditContext)
        return try await cases(req)
    }

    func points(_ req: Request) async throws -> [ServicePointDTO] {
        try await ServicePointRepository(store: req.store).points(actor: try req.actor()).map {
            ServicePointDTO(id: $0.id, unitId: $0.unitID, kind: $0.kind.rawValue, name: $0.name, liaisonName: $0.liaisonName,
                            liaisonPhone: $0.liaisonPhone, listedOn: $0.listedOn.iso)
        }
    }

    func createPoint(_ req: Request) async throws -> Response {
        let repository = ServicePointRepository(store: req.store)
        let actor = try req.actor()
        let id = try await repository.create(try Self.values(req), actor: actor, context: req.auditContext)
        guard let p = try await points(req).first(where: { $0.id == id }) else { throw DomainError.notFound }
        return try await p.encodeResponse(status: .created, for: req)
    }

    /// CP-40: 挂牌率 per unit on `?on=` (default today).
    func rates(_ req: Request) async throws -> [ListingRateDTO] {
        let on = try req.query[String.self, at: "on"].map { text -> LocalDate in
            guard let d = LocalDate(iso: text) else {
                throw DomainError.invalid([FieldError(field: "on", rule: "X-06", code: "query.date", messageZH: "on 应为日期（2025-10-09）")])
            }
            return d
        } ?? req.store.clock.todayInBeijing
        return try await ServicePointRepository(store: req.store).rates(actor: try req.actor(), on: on).sorted { $0.key.uuidString < $1.key.uuidString }
            .map { ListingRateDTO(unitId: $0.key, established: $0.value.established, target: $0.value.target, rate: $0.value.rate) }
    }

    func target(_ req: Request) async throws -> [ListingRateDTO] {
        let dto = try req.content.decode(ServicePointTargetDTO.self)
        guard let unit = dto.unitId else {
            throw DomainError.invalid([FieldError(field: "unitId", rule: "CP-40", code: "service-point.unit", messageZH: "请指定单位")])
        }
        try await ServicePointRepository(store: req.store).setTarget(unitID: unit, target: dto.target.map(String.init), actor: try req.actor(),
                                                                      context: req.auditContext)
        return try await rates(req)
    }
}
