import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The violation-category tree as the API gives it (PLT-16): the version, its effective date and
/// the sectors with their categories (retired ones flagged, so old cases' codes still resolve).
struct ViolationCategoryTreeDTO: Content {
    struct Category: Content { let code: String; let name: String; let legalBasis: String; let sector: String; let keySector: Bool; let retired: Bool }
    struct Sector: Content {
        let code: String; let name: String; let legalBasis: String; let keySector: Bool; let retired: Bool; let categories: [Category]
    }
    let version: Int
    let effectiveOn: String
    let note: String
    let sectors: [Sector]

    init(_ t: ViolationCategoryVersion) {
        version = t.version
        effectiveOn = t.effectiveOn.iso
        note = t.note
        sectors = t.sectors.map { s in
            Sector(code: s.code, name: s.nameZH, legalBasis: s.legalBasis, keySector: s.keySector, retired: s.retired,
                   categories: t.nodes.filter { !$0.isSector && t.sector(of: $0.code)?.code == s.code }.map {
                       Category(code: $0.code, name: $0.nameZH, legalBasis: $0.legalBasis, sector: s.code, keySector: s.keySector, retired: t.isRetired($0.code))
                   })
        }
    }
}

/// A new version: its effective date, a note and the changes (`add`, `edit`, `retire`).
struct ViolationCategoryPublishDTO: Content {
    struct Change: Content {
        let action: String
        let code: String
        let name: String?
        let legalBasis: String?
        let parent: String?
        let keySector: Bool?
    }
    let effectiveOn: String
    let note: String?
    let changes: [Change]
}

/// PLT-16 over the API: the tree in force (or on a day, `?on=2025-10-09`) for every signed-in user,
/// and publishing a new version for holders of `category.manage`; bad input is a problem with the
/// stable code of each fault, nothing written.
struct ViolationCategoryAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("violation-categories", use: current).access(.signedIn)
        routes.post("violation-categories", "versions", use: publish).access(.permission(.categoryManage))
    }

    func current(_ req: Request) async throws -> ViolationCategoryTreeDTO {
        _ = try req.actor()
        var day: LocalDate?
        if let raw = req.query[String.self, at: "on"] {
            guard let d = LocalDate(iso: raw) else {
                throw DomainError.invalid([FieldError(field: "on", rule: "X-06", code: "category.on.invalid", messageZH: "日期格式应为 YYYY-MM-DD")])
            }
            day = d
        }
        return ViolationCategoryTreeDTO(try await ViolationCategoryRepository(store: req.store).inForce(on: day))
    }

    func publish(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.categoryManage)
        let dto = try req.content.decode(ViolationCategoryPublishDTO.self)
        var changes: [ViolationCategoryChange] = []
        var unknown: [FieldError] = []
        for c in dto.changes {
            switch c.action {
            case "add": changes.append(.add(ViolationCategoryNode(code: c.code, nameZH: c.name ?? "", legalBasis: c.legalBasis ?? "", parent: c.parent,
                                                                   keySector: c.parent == nil && (c.keySector ?? false))))
            case "edit": changes.append(.edit(code: c.code, nameZH: c.name ?? "", legalBasis: c.legalBasis ?? "", parent: c.parent, keySector: c.keySector ?? false))
            case "retire": changes.append(.retire(code: c.code))
            default: unknown.append(FieldError(field: "action", rule: "PLT-16", code: "category.action.invalid", messageZH: "变更类型应为 add、edit 或 retire"))
            }
        }
        guard unknown.isEmpty else { throw DomainError.invalid(unknown) }
        let next = try await ViolationCategoryRepository(store: req.store).publish(changes, effectiveOn: LocalDate(iso: dto.effectiveOn), note: dto.note ?? "",
                                                                                  actor: actor, context: req.auditContext)
        return try await ViolationCategoryTreeDTO(next).encodeResponse(status: .created, for: req)
    }
}
